"""The static training site: one mkdocs-material build per language and audience section.

Each language gets one build per section: the main site (``site/<slug>/``: home, the parents'
and professionals' paths, trainers' pages, downloads), the children's home (``site/<slug>/kids/``,
which offers the age bands and nothing else) and one build per age band
(``site/<slug>/kids/<ages>/``, e.g. ``kids/8-12/``), each with its own navigation and search
index, so that a child never reaches a professional module, nor a younger child a teens' one,
by searching or browsing. A module listed in both bands is built in both. Pages are rendered by our own
renderer (builder.render.views) and handed to mkdocs by the plugin in mkdocs_plugin.py, which
is the only module that knows mkdocs-material's internals.
"""

from __future__ import annotations

import html
import json
import logging
import posixpath
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from mkdocs.config.defaults import MkDocsConfig

from builder import languages
from builder.load.checks import help_audience
from builder.model import Audience, Course, LearningPath, Pos
from builder.render import csp, markdown
from builder.render.i18n import translations
from builder.render.kids import NEUTRAL_PAGE, audience_strings, neutral_page, safety_bar
from builder.render.runtime_strings import runtime_strings
from builder.render.views import ModuleView, facts_checked, module_view, path_modules, render_template
from builder.targets import BuildContext, BuildError, Output, Target, register, units

if TYPE_CHECKING:  # a type only: targets never call the loader
    from builder.load import LoadResult

NAME = "site"
MAIN, KIDS = "main", "kids"
SECTIONS = (MAIN, KIDS)  # and "kids/<ages>" per children's path: see sections()
SITE_ZIP = "cybersafe-site.zip"  # written by the site-zip target; the downloads page links to it
PACKAGES_INDEX = "packages/index.json"
THEME_OVERRIDES = Path(__file__).parent.parent / "templates" / "material"
PROJECT_CONFIG = Path(__file__).parent.parent.parent / "mkdocs.yml"


def sections(course: Course) -> list[str]:
    """Every section of a language's site: main, the children's home, then each age band."""
    return [MAIN, KIDS] + [band_section(p) for p in course.paths if p.audience is Audience.CHILDREN]


def band_section(path: LearningPath) -> str:
    return f"{KIDS}/{path.ages or path.id}"


@dataclass(frozen=True)
class SitePage:
    src: str  # the page's source name for mkdocs, e.g. "share-with-care.md"
    title: str
    render: Callable[[], str]
    what: str  # what makes the page, in words, for collision reports
    pos: Pos


class SiteSection:
    """Everything one build shows: its pages, their HTML and the navigation."""

    def __init__(
        self, course: Course, lang: str, section: str, staging: Path | None = None, cache: Path | None = None
    ) -> None:
        self.course = course
        self.lang = lang
        self.section = section
        self.staging = staging
        self.cache = cache  # the build's cache folder: module bodies rendered once (see units.module_body)
        self.language = languages.get(lang)
        self.catalog = translations(lang)
        children = [p for p in course.paths if p.audience is Audience.CHILDREN]
        self.band = next((p for p in children if band_section(p) == section), None)
        if section == MAIN:
            self.paths = [p for p in course.paths if p.audience is not Audience.CHILDREN]
        else:  # the children's home lists the bands; a band shows its own path only
            self.paths = [self.band] if self.band else []
        self.module_ids = list(dict.fromkeys(m for p in self.paths for m in p.module_ids if m in course.modules))
        # where the trainers' pages link a children's module: the first band that lists it
        self.children_modules: dict[str, str] = {}
        for path in children:
            for module_id in path.module_ids:
                self.children_modules.setdefault(module_id, band_section(path))
        self.parents_modules = {m for p in course.paths if p.audience is Audience.PARENTS for m in p.module_ids}
        self.images: dict[str, bytes] = {}  # path in this section -> the image
        self.page_list = self._pages()
        self.pages: dict[str, SitePage] = {}
        for page in self.page_list:  # the first of two pages with one name; the checks refuse the second
            self.pages.setdefault(page.src, page)

    def _(self, message: str, **values: Any) -> str:
        return self.catalog.gettext(message) % values if values else self.catalog.gettext(message)

    @staticmethod
    def place_image(repo_path: str) -> str:
        """Images go under media/, keeping their path below curriculum/."""
        return "media/" + repo_path.removeprefix("curriculum/")

    @staticmethod
    def url(src: str) -> str:
        return src[: -len(".md")] + ".html"

    def link_module(self, module_id: str, anchor: str = "") -> str | None:
        """Links between modules stay inside this section: a child is never sent to an adult page."""
        suffix = f"#{anchor}" if anchor else ""
        if module_id in self.module_ids:
            return self.url(f"{module_id}.md") + suffix
        if (
            self.section == MAIN and module_id in self.children_modules
        ):  # trainers' pages link to the children's lessons
            return f"{self.children_modules[module_id]}/{self.url(module_id + '.md')}{suffix}"
        return None

    @property
    def folder(self) -> str:
        """The section's folder below the language's, with a trailing slash ("" for main)."""
        return "" if self.section == MAIN else f"{self.section}/"

    def audience(self, src: str) -> str | None:
        """Whose page this is, for the help control and the look: "8-12", "13-17", "parents" or None."""
        if self.band is not None:
            return help_audience(self.band)
        if self.section == KIDS:
            return "8-12"  # the children's home speaks to the youngest reader
        stem = src.removesuffix(".md")
        parents = next((p for p in self.paths if p.id == stem and p.audience is Audience.PARENTS), None)
        if parents is not None or stem in self.parents_modules:
            return "parents"
        return None

    def decorate(self, src: str, html: str) -> str:
        """Children's and parents' pages get the help control and the quick exit, and their look."""
        audience = self.audience(src)
        if audience is None:
            return html
        here = posixpath.dirname(self.output_name(src))
        exit_url = self.course.help.exit_url if self.course.help and self.course.help.exit_url else None
        exit_href = exit_url or posixpath.relpath(NEUTRAL_PAGE.format(slug=self.language.slug), here)
        bar = safety_bar(self.course, self.lang, audience, exit_href, "site")
        return f'<div class="cs-audience cs-audience-{audience}">\n{bar}\n{html}\n</div>'

    def _pages(self) -> list[SitePage]:
        """Every page of the section, in order; two pages with one name are a collision for the checks."""
        pages: list[SitePage] = []
        course = self.course

        def add(src: str, title: str, render: Callable[[], str], what: str, pos: Pos) -> None:
            pages.append(SitePage(src, title, render, what, pos))

        if self.band is not None:  # a band's home is its path page, with the progress trail
            band = self.band
            title = band.title.get(self.lang)
            add("index.md", title, partial(self.path_page, band), f"path '{band.id}'", band.pos)
        else:
            add("index.md", course.title.get(self.lang), self.home, "the home page", course.pos)
        for path in self.paths if self.band is None else []:
            add(
                f"{path.id}.md", path.title.get(self.lang), partial(self.path_page, path), f"path '{path.id}'", path.pos
            )
        for module_id in self.module_ids:
            view = module_view(course, module_id, self.lang)
            html = partial(self.module_page, view, self.audience(f"{module_id}.md"))
            add(f"{module_id}.md", view.title, html, f"module '{module_id}'", view.page.pos)
            self.images.update({self.place_image(image.path): image.data for image in view.images().values()})
        if self.section == MAIN:
            trainers = course.guides.get("trainers")
            where = trainers.page(self.lang).pos if trainers else course.pos
            add("trainers.md", self._("For trainers"), self.trainers, "the trainers' page", where)
            for guide_id, guide in course.guides.items():
                if guide_id != "trainers":
                    page = guide.page(self.lang)
                    what = f"guide '{guide_id}'"
                    add(f"guide-{guide_id}.md", page.title, partial(self.guide, guide), what, page.pos)
            for path in course.paths:
                title = self._("Answer key: %(path)s", path=path.title.get(self.lang))
                add(f"answer-key-{path.id}.md", title, partial(self.answer_key, path), f"path '{path.id}'", path.pos)
            add("downloads.md", self._("Downloads"), self.downloads, "the downloads page", course.pos)
        return pages

    def module_page(self, view: ModuleView, audience: str | None) -> str:
        return view.resolve(units.module_body(self.cache, view, audience), self.link_module, self.place_image)

    def output_name(self, src: str) -> str:
        """Where a page lands in the output folder, e.g. "th/kids/8-12/share-with-care.html"."""
        return f"{self.language.slug}/{self.folder}{self.url(src)}"

    def answer_key(self, path: LearningPath, embedded: bool = False) -> str:
        modules = path_modules(self.course, path, self.lang)
        return render_template(self.lang, "fragments/answer_key.html", path=path, modules=modules, embedded=embedded)

    def nav(self) -> list[Any]:
        nav: list[Any] = [{self.pages["index.md"].title: "index.md"}]
        if self.band is not None:  # a band's menu: its home, then its modules, nothing else
            return nav + [{self.pages[f"{m}.md"].title: f"{m}.md"} for m in self.module_ids]
        for path in self.paths:
            entries = [{self._("Overview"): f"{path.id}.md"}]
            entries += [{self.pages[f"{m}.md"].title: f"{m}.md"} for m in path.module_ids if f"{m}.md" in self.pages]
            nav.append({path.title.get(self.lang): entries})
        if self.section == MAIN:
            # Facilitator guides and answer keys are reached from the trainers' page only: a learner
            # browsing the modules never finds the answers next to them.
            nav.append({self.pages["trainers.md"].title: "trainers.md"})
            nav.append({self.pages["downloads.md"].title: "downloads.md"})
        return nav

    def home(self) -> str:
        children = [p for p in self.course.paths if p.audience is Audience.CHILDREN]
        if self.section == KIDS:
            paths = [(p, f"{p.ages or p.id}/index.html") for p in children]
            extra = []  # no way from the children's section to the adults' pages
            intro = self._("Pick the path for your age. Everything stays on this device: nobody sees your answers.")
        else:
            paths = [(p, f"{band_section(p)}/index.html") for p in children]
            paths += [(p, self.url(f"{p.id}.md")) for p in self.paths]
            extra = [
                (self._("For trainers"), "trainers.html"),
                (self._("Downloads for learning platforms"), "downloads.html"),
            ]
            intro = self._("Choose your learning path.")
        entry = [(p, f"{'' if self.section == KIDS else 'kids/'}{p.ages or p.id}/index.html") for p in children]
        return render_template(
            self.lang,
            "fragments/home.html",
            course=self.course,
            paths=paths,
            extra_links=extra,
            intro=intro,
            entry=entry if self.section == MAIN else [],
            kids_home=self.section == KIDS,
        )

    def path_page(self, path: LearningPath) -> str:
        """A path's page; children's and parents' paths show a progress trail and a certificate."""
        audience = help_audience(path)
        data = {
            "course": self.course.id,
            "version": self.course.version,
            "lang": languages.get(self.lang).tag,
            "place": "site",
            "modules": list(path.module_ids),
            "strings": runtime_strings(self.lang, audience),
        }
        return render_template(
            self.lang,
            "fragments/path.html",
            voice=audience,
            path=path,
            modules=path_modules(self.course, path, self.lang),
            link=lambda m: self.link_module(m),
            data=data,
            audience=audience,
            kid_strings=audience_strings(self.lang, audience) if audience else {},
        )

    def guide(self, guide: Any, links: list[tuple[str, str]] | None = None) -> str:
        """A trainers' page; a path's facilitator guide (its id is the path's) ends with the answer key."""
        page = guide.page(self.lang)
        body = markdown.render(page.tokens, self.lang, self.course.resources, self.link_module)
        html = render_template(self.lang, "fragments/guide.html", page=page, body=body, links=links or [])
        path = next((p for p in self.course.paths if p.id == guide.id), None)
        return html + (self.answer_key(path, embedded=True) if path else "")

    def trainers(self) -> str:
        links = [(p.title, self.url(p.src)) for p in self.page_list if p.src.startswith(("guide-", "answer-key-"))]
        guide = self.course.guides.get("trainers")
        if guide is None:  # a course without a trainers' guide still lists the answer keys
            return render_template(
                self.lang, "fragments/home.html", course=self.course, paths=[], intro="", extra_links=links
            )
        return self.guide(guide, links)

    def downloads(self) -> str:
        """Every package in this language: one row per learning path, then one row per module,
        each with a button per standard (in the index's order: SCORM 1.2 first) and its size."""
        index = self.staging / PACKAGES_INDEX if self.staging else None
        entries = json.loads(index.read_text(encoding="utf-8")) if index and index.exists() else []
        mine = {(e["kind"], e["key"], e["target"]): e for e in entries if e["lang"] == self.lang}
        targets = list(dict.fromkeys(e["target"] for e in entries))
        module_ids = list(dict.fromkeys(m for p in self.course.paths for m in p.module_ids if m in self.course.modules))
        rows: dict[str, list[dict[str, Any]]] = {"path": [], "module": []}
        for kind, key in [("path", p.id) for p in self.course.paths] + [("module", m) for m in module_ids]:
            found = [mine[(kind, key, target)] for target in targets if (kind, key, target) in mine]
            if found:
                title = (
                    next(p for p in self.course.paths if p.id == key).title.get(self.lang)
                    if kind == "path"
                    else module_view(self.course, key, self.lang).title
                )
                rows[kind].append({"title": title, "buttons": [self._download(entry) for entry in found]})
        site_zip = {"href": f"../{SITE_ZIP}", "name": SITE_ZIP}  # the downloads page is in the main section
        standards = list(dict.fromkeys(self._(e["standard"]) for e in entries))
        return render_template(
            self.lang,
            "fragments/downloads.html",
            paths=rows["path"],
            modules=rows["module"],
            site_zip=site_zip,
            standards=" · ".join(standards),
        )

    def _download(self, entry: dict[str, Any]) -> dict[str, str]:
        return {
            "href": f"../{entry['file']}",
            "standard": self._(entry["standard"]),
            # a button shows the name and version ("SCORM 2004"); the edition is in its accessible name
            "short": re.sub(r"^(\S+ [\d.]+)\b.*", r"\1", entry["standard"]),
            "size": self.size(entry["size"]),
        }

    def size(self, size: int) -> str:
        """A file size in this language's number format, e.g. "21,1 KB" in Portuguese."""
        from babel.numbers import format_decimal

        if size < 1024:
            return self._("%(size)s bytes", size=size)
        value, unit = (size / 1024, "KB") if size < 1024 * 1024 else (size / 1024 / 1024, "MB")
        return f"{format_decimal(value, format='0.0', locale=self.lang)} {unit}"

    def alternates(self, src: str) -> list[dict[str, str]]:
        """Links to this page in every language, relative so they work from a USB copy."""
        prefix = self.folder
        here = posixpath.dirname(f"{self.language.slug}/{prefix}{self.url(src)}")
        return [
            {
                "name": other.name,
                "tag": other.tag,
                "href": posixpath.relpath(f"{other.slug}/{prefix}{self.url(src)}", here),
            }
            for other in (languages.get(code) for code in self.course.languages)
        ]

    def not_found(self) -> dict[str, str]:
        """The words of the theme's page for a missing page, in this section's language."""
        return {
            "title": self._("Page not found"),
            "text": self._("This page does not exist, or it has moved."),
            "home": self._("Go to the home page"),
        }

    def copyright(self) -> str:
        return self._(
            "%(course)s version %(version)s · facts last checked %(date)s",
            course=self.course.title.get(self.lang),
            version=self.course.version,
            date=facts_checked(self.course),
        )


def base_config(repo: Path) -> Path:
    """The course's own mkdocs.yml, or this project's for a course that has none."""
    own = repo / "mkdocs.yml"
    return own if own.exists() else PROJECT_CONFIG


def section_config(repo: Path, course: Course | None, lang: str, section: str, site_dir: Path, work: Path) -> Path:
    """Write the mkdocs configuration of one build: the shared mkdocs.yml plus this build's values."""
    language = languages.get(lang)
    name = section.replace("/", "-")
    docs = work / f"docs-{lang}-{name}"
    docs.mkdir(parents=True, exist_ok=True)
    config = {
        "INHERIT": str(base_config(repo)),
        "site_name": html.escape(course.title.get(lang) if course else lang),  # Material prints it unescaped
        "docs_dir": str(docs),
        "site_dir": str(site_dir),
        "theme": {"language": language.tag, "custom_dir": str(THEME_OVERRIDES)},
        "extra": {"cs_html_lang": language.tag},
        "plugins": {"cybersafe": {"language": lang, "section": section, "root": str(repo)}},
    }
    path = work / f"mkdocs-{lang}-{name}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=True), encoding="utf-8")
    return path


def outputs(course: Course) -> Iterator[Output]:
    """Every page of every language and section, with what makes it."""
    for lang in course.languages:
        for section in sections(course):
            site = SiteSection(course, lang, section)
            yield Output(site.output_name("404.md"), "the theme's page for a missing page", course.pos)
            for page in site.page_list:
                yield Output(site.output_name(page.src), page.what, page.pos)
    yield Output("index.html", "the language chooser", course.pos)
    yield Output("404.html", "the page for a missing page at the root", course.pos)
    for lang in course.languages:
        yield Output(NEUTRAL_PAGE.format(slug=languages.get(lang).slug), "the quick exit's neutral page", course.pos)


def build(context: BuildContext) -> list[str]:
    """Build the site for every language into the staging folder (which already holds the packages).

    Each language and section is one mkdocs build, run in worker processes side by side (see
    builder.targets.units), each into its own folder; the folders are then moved into place in a
    fixed order. A section whose inputs are those it was last built from is kept as it is; its
    search index is part of it."""
    course, staging = context.course, context.staging
    store = units.KeyStore(context.cache, NAME)
    keys = section_keys(context)
    jobs = [(lang, section) for lang in course.languages for section in sections(course)]
    # in the staging folder, so a killed build leaves nothing of it beside the output
    with tempfile.TemporaryDirectory(prefix=".sections-", dir=staging) as tmp:
        work = Path(tmp)
        for lang, section in sorted(jobs, key=lambda job: -_depth(job[1])):  # inner sections first
            here = _section_dir(staging, lang, section)
            if store.fresh(f"{lang}/{section}", keys[f"{lang}/{section}"], here / "index.html"):
                here.rename(work / _work_name("kept", lang, section))
        todo = [job for job in jobs if not (work / _work_name("kept", *job)).exists()]
        # the main sections first: they are the longest, and the short ones then fill in evenly
        todo.sort(key=lambda job: _depth(job[1]))
        build_one = partial(_build_section, course, context.repo, staging, context.cache, work)
        built = list(units.in_parallel(build_one, todo, "site sections"))  # all done before any is judged
        for (lang, section), warnings in zip(todo, built, strict=True):
            if warnings:
                raise BuildError(
                    f"mkdocs warned while building {languages.get(lang).slug}/{section}: " + "; ".join(warnings)
                )
        for lang in course.languages:
            shutil.rmtree(staging / languages.get(lang).slug, ignore_errors=True)
            for section in sorted(sections(course), key=_depth):  # outer sections first: the others go inside
                made = work / _work_name("built" if (lang, section) in todo else "kept", lang, section)
                place = _section_dir(staging, lang, section)
                shutil.rmtree(place, ignore_errors=True)  # a kept outer section still holds the old inner ones
                made.rename(place)
    # The pages outside the sections depend on the course-wide model only.
    pages: dict[str, Callable[[], str]] = {
        "index.html": partial(root_index, course),
        "404.html": partial(root_index, course, not_found=True),
    }
    for lang in course.languages:
        pages[NEUTRAL_PAGE.format(slug=languages.get(lang).slug)] = partial(neutral_page, lang)
    for name, render in pages.items():
        keys[name] = units.digest(units.course_key(course), name)
        if not store.fresh(name, keys[name], staging / name):
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_text(render(), encoding="utf-8")
    store.save(keys)
    kept = len(jobs) - len(todo)
    return [f"site: {', '.join(course.languages)} ({len(jobs)} sections, {kept} unchanged)"]


def section_keys(context: BuildContext) -> dict[str, str]:
    """The key of every section ("<lang>/<section>"): the course-wide model, the guides, mkdocs.yml,
    the package index (the downloads page), and the modules the section shows."""
    course = context.course
    index = context.staging / PACKAGES_INDEX
    common = units.digest(
        units.course_key(course),
        *(units.module_key(guide) for guide in course.guides.values()),
        base_config(context.repo).read_bytes(),
        units.digest(index.read_bytes()) if index.is_file() else "",
    )
    keys = {}
    for lang in course.languages:
        for section in sections(course):
            shown = SiteSection(course, lang, section).module_ids
            modules = [units.module_key(course.modules[m]) for m in shown]
            if section == MAIN:  # its answer keys show every path's quizzes, the children's too
                modules += [units.digest(repr(course.modules[m].quiz)) for m in course.modules if m not in shown]
            keys[f"{lang}/{section}"] = units.digest(common, lang, section, *modules)
    return keys


def _depth(section: str) -> int:
    return 0 if section == MAIN else 1 + section.count("/")


def _work_name(state: str, lang: str, section: str) -> str:
    return f"{state}-{lang}-{section.replace('/', '-')}"


def _section_dir(staging: Path, lang: str, section: str) -> Path:
    out = staging / languages.get(lang).slug
    return out if section == MAIN else out / section


def _build_section(
    course: Course, repo: Path, staging: Path, cache: Path | None, work: Path, job: tuple[str, str]
) -> list[str]:
    """One mkdocs build into ``work/built-<lang>-<section>``; what mkdocs warned about."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    lang, section = job
    site_dir = work / _work_name("built", lang, section)
    config_dir = work / _work_name("config", lang, section)
    with mkdocs_warnings() as warnings:
        config = _load_config(load_config, section_config(repo, course, lang, section, site_dir, config_dir))
        plugin = config.plugins["cybersafe"]
        plugin.course = course  # type: ignore[attr-defined]
        plugin.staging = staging  # type: ignore[attr-defined]
        plugin.cache = cache  # type: ignore[attr-defined]
        mkdocs_build(config)
    return list(warnings)


@contextmanager
def mkdocs_warnings() -> Iterator[list[str]]:
    """Collect what mkdocs and Material warn about: our checks prevent every known cause, so a
    warning that still appears is a bug of ours, reported as an internal error, never muted."""
    found: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found.append(record.getMessage())

    handler = Collect(logging.WARNING)
    loggers = [logging.getLogger(name) for name in ("mkdocs", "material")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False  # collected here, printed by the command if they matter
    try:
        yield found
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
            logger.propagate = True


def compile_theme(repo: Path) -> None:
    """Compile the theme's templates that every section renders (see mkdocs_plugin.compile_theme),
    before the workers are forked: each would compile them for itself."""
    from mkdocs.config import load_config

    from builder.targets import mkdocs_plugin
    from builder.targets.output import OutputError

    with tempfile.TemporaryDirectory(prefix="cybersafe-theme-") as tmp:
        work = Path(tmp)
        try:
            config = _load_config(load_config, section_config(repo, None, "en", MAIN, work / "site", work))
        except OutputError:
            return  # a malformed mkdocs.yml: the build reports it where it stops
        mkdocs_plugin.compile_theme(config)


TARGET = register(
    Target(
        name=NAME,
        summary="the static site: every language, the adults' and the children's sections, downloads",
        build=build,
        outputs=outputs,
        needs=("packages",),  # the downloads page lists the packages built before it
        provides=("site",),
        warm_up=compile_theme,
    )
)


def _load_config(load_config: Callable[..., MkDocsConfig], path: Path) -> MkDocsConfig:
    """mkdocs' configuration, or an OutputError naming mkdocs.yml when the course's own is malformed."""
    from mkdocs.exceptions import MkDocsException

    from builder.targets.output import OutputError

    try:
        return load_config(str(path))
    except (MkDocsException, yaml.YAMLError, OSError, TypeError, ValueError) as exc:
        raise OutputError(f"mkdocs.yml cannot be used: {exc}; fix it (run 'cybersafe check' for its line)") from exc


def root_index(course: Course, not_found: bool = False) -> str:
    """The language chooser at the root; with ``not_found``, the root's page for a missing page,
    which says so in every language above the same choice."""
    codes = course.languages
    children = [p for p in course.paths if p.audience is Audience.CHILDREN]
    entries = [
        (
            languages.get(code),
            [(p.title.get(code), f"{languages.get(code).slug}/{band_section(p)}/index.html") for p in children],
        )
        for code in codes
    ]
    return render_template(
        "en",
        "root_index.html",
        favicon=f"{languages.get(codes[0]).slug}/assets/images/favicon.png",
        not_found=[(languages.get(code), translations(code).gettext("Page not found")) for code in codes]
        if not_found
        else [],
        title=" · ".join(course.title.get(code) for code in codes),
        titles=[(languages.get(code), course.title.get(code)) for code in codes],
        links=[(languages.get(code), f"{languages.get(code).slug}/index.html") for code in codes],
        children=entries,
        start=[(languages.get(c), audience_strings(c, "8-12")["start_here"]) for c in codes],
        version=f"{course.title.get('en')} {course.version}",
        content_policy=csp.policy(),
    )


def serve(load: Callable[[], LoadResult], repo: Path, lang: str, section: str, address: str) -> int:
    """Live preview of one language and section: when an author saves, ``load`` (the loader, given by
    the command) reads the course again and the same renderer rebuilds the pages. While the
    curriculum has errors, every page of the preview shows them (see mkdocs_plugin)."""
    import sys

    from mkdocs.commands.serve import serve as mkdocs_serve

    from builder.diagnostics import format_text
    from builder.load import memo
    from builder.search.index import remember_pages
    from builder.targets.mkdocs_plugin import CyberSafePlugin

    memo.enable()  # a save re-reads only the files that changed ...
    remember_pages()  # ... and re-indexes only the pages that changed
    result = load()
    if result.report.items:
        print(format_text(result.report.items), file=sys.stderr)
    if result.course is None:
        print("cybersafe: cannot preview until the course file is fixed", file=sys.stderr)
        return 1
    if lang not in result.course.languages:
        print(
            f"cybersafe: '{lang}' is not a language of this course ({', '.join(result.course.languages)})",
            file=sys.stderr,
        )
        return 1
    CyberSafePlugin.reload = staticmethod(load)
    with tempfile.TemporaryDirectory(prefix="cybersafe-serve-") as tmp:
        site_dir = Path(tmp) / "site"
        config = section_config(repo, result.course, lang, section, site_dir, Path(tmp))
        mkdocs_serve(str(config), dev_addr=address, livereload=True)
    return 0
