"""The static training site: one mkdocs-material build per language and audience section.

Each language gets two builds: the main site (``site/<slug>/``: home, the parents' and
professionals' paths, trainers' pages, downloads) and the children's site
(``site/<slug>/kids/``), which has its own navigation and search index so that children
never reach professional modules by searching or browsing. Pages are rendered by our own
renderer (builder.render.views) and handed to mkdocs by the plugin in mkdocs_plugin.py, which
is the only module that knows mkdocs-material's internals.
"""

from __future__ import annotations

import html
import json
import logging
import posixpath
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
from builder.model import Audience, Course, LearningPath, Pos
from builder.render import csp, markdown
from builder.render.i18n import translations
from builder.render.runtime_strings import runtime_strings
from builder.render.views import facts_checked, module_view, path_modules, render_template
from builder.targets import BuildContext, BuildError, Output, Target, register
from builder.targets.output import human_size, replace_dir

if TYPE_CHECKING:  # a type only: targets never call the loader
    from builder.load import LoadResult

NAME = "site"
MAIN, KIDS = "main", "kids"
SECTIONS = (MAIN, KIDS)
SITE_ZIP = "cybersafe-site.zip"  # written by the site-zip target; the downloads page links to it
PACKAGES_INDEX = "packages/index.json"
THEME_OVERRIDES = Path(__file__).parent.parent / "templates" / "material"
PROJECT_CONFIG = Path(__file__).parent.parent.parent / "mkdocs.yml"


@dataclass(frozen=True)
class SitePage:
    src: str  # the page's source name for mkdocs, e.g. "share-with-care.md"
    title: str
    render: Callable[[], str]
    what: str  # what makes the page, in words, for collision reports
    pos: Pos


class SiteSection:
    """Everything one build shows: its pages, their HTML and the navigation."""

    def __init__(self, course: Course, lang: str, section: str, staging: Path | None = None) -> None:
        self.course = course
        self.lang = lang
        self.section = section
        self.staging = staging
        self.language = languages.get(lang)
        self.catalog = translations(lang)
        kids = section == KIDS
        self.paths = [p for p in course.paths if (p.audience is Audience.CHILDREN) == kids]
        self.module_ids = list(dict.fromkeys(m for p in self.paths for m in p.module_ids if m in course.modules))
        self.children_modules = {m for p in course.paths if p.audience is Audience.CHILDREN for m in p.module_ids}
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
            return f"{KIDS}/{self.url(module_id + '.md')}{suffix}"
        return None

    def _pages(self) -> list[SitePage]:
        """Every page of the section, in order; two pages with one name are a collision for the checks."""
        pages: list[SitePage] = []
        course = self.course

        def add(src: str, title: str, render: Callable[[], str], what: str, pos: Pos) -> None:
            pages.append(SitePage(src, title, render, what, pos))

        add("index.md", course.title.get(self.lang), self.home, "the home page", course.pos)
        for path in self.paths:
            add(
                f"{path.id}.md", path.title.get(self.lang), partial(self.path_page, path), f"path '{path.id}'", path.pos
            )
        for module_id in self.module_ids:
            view = module_view(course, module_id, self.lang)
            html = partial(view.html, self.link_module, "local", self.place_image)
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

    def output_name(self, src: str) -> str:
        """Where a page lands in the output folder, e.g. "th/kids/share-with-care.html"."""
        return f"{self.language.slug}/{'kids/' if self.section == KIDS else ''}{self.url(src)}"

    def answer_key(self, path: LearningPath, embedded: bool = False) -> str:
        modules = path_modules(self.course, path, self.lang)
        return render_template(self.lang, "fragments/answer_key.html", path=path, modules=modules, embedded=embedded)

    def nav(self) -> list[Any]:
        nav: list[Any] = [{self.pages["index.md"].title: "index.md"}]
        for path in self.paths:
            entries = [{self._("Overview"): f"{path.id}.md"}]
            entries += [{self.pages[f"{m}.md"].title: f"{m}.md"} for m in path.module_ids if f"{m}.md" in self.pages]
            nav.append({path.title.get(self.lang): entries})
        if self.section == MAIN:
            trainer_pages = [{self.pages["trainers.md"].title: "trainers.md"}]
            trainer_pages += [{p.title: p.src} for p in self.page_list if p.src.startswith(("guide-", "answer-key-"))]
            nav.append({self._("For trainers"): trainer_pages})
            nav.append({self.pages["downloads.md"].title: "downloads.md"})
        return nav

    def home(self) -> str:
        if self.section == KIDS:
            paths = [(p, self.url(f"{p.id}.md")) for p in self.paths]
            extra = []  # no way from the children's section to the adults' pages
            intro = self._("Pick the path for your age. Everything stays on this device: nobody sees your answers.")
        else:
            children = [p for p in self.course.paths if p.audience is Audience.CHILDREN]
            paths = [(p, f"kids/{self.url(p.id + '.md')}") for p in children]
            paths += [(p, self.url(f"{p.id}.md")) for p in self.paths]
            extra = [
                (self._("For trainers"), "trainers.html"),
                (self._("Downloads for learning platforms"), "downloads.html"),
            ]
            intro = self._("Choose your learning path.")
        return render_template(
            self.lang, "fragments/home.html", course=self.course, paths=paths, extra_links=extra, intro=intro
        )

    def path_page(self, path: LearningPath) -> str:
        data = {
            "course": self.course.id,
            "version": self.course.version,
            "lang": languages.get(self.lang).tag,
            "place": "site",
            "modules": list(path.module_ids),
            "strings": runtime_strings(self.lang),
        }
        return render_template(
            self.lang,
            "fragments/path.html",
            path=path,
            modules=path_modules(self.course, path, self.lang),
            link=lambda m: self.link_module(m),
            data=data,
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
        """Every package in this language, grouped by learning path: the path packages, then its modules'."""
        index = self.staging / PACKAGES_INDEX if self.staging else None
        entries = json.loads(index.read_text(encoding="utf-8")) if index and index.exists() else []
        mine = {(e["kind"], e["key"], e["target"]): e for e in entries if e["lang"] == self.lang}
        targets = list(dict.fromkeys(e["target"] for e in entries))  # in the index's order: SCORM 1.2 first
        groups = []
        for path in self.course.paths:
            keys = [("path", path.id)] + [("module", m) for m in path.module_ids]
            items = [
                self._download(mine[(kind, key, target)], kind, key)
                for kind, key in keys
                for target in targets
                if (kind, key, target) in mine
            ]
            if items:
                groups.append({"title": path.title.get(self.lang), "items": items})
        site_zip = {"href": f"../../{SITE_ZIP}" if self.section == KIDS else f"../{SITE_ZIP}", "name": SITE_ZIP}
        return render_template(self.lang, "fragments/downloads.html", packages=groups, site_zip=site_zip)

    def _download(self, entry: dict[str, Any], kind: str, key: str) -> dict[str, str]:
        if kind == "path":
            title = self._(
                "Whole path: %(path)s", path=next(p for p in self.course.paths if p.id == key).title.get(self.lang)
            )
        else:
            title = module_view(self.course, key, self.lang).title
        return {
            "href": f"../{entry['file']}",
            "title": title,
            "standard": entry["standard"],
            "size": human_size(entry["size"]),
        }

    def alternates(self, src: str) -> list[dict[str, str]]:
        """Links to this page in every language, relative so they work from a USB copy."""
        prefix = "kids/" if self.section == KIDS else ""
        here = posixpath.dirname(f"{self.language.slug}/{prefix}{self.url(src)}")
        return [
            {
                "name": other.name,
                "tag": other.tag,
                "href": posixpath.relpath(f"{other.slug}/{prefix}{self.url(src)}", here),
            }
            for other in (languages.get(code) for code in self.course.languages)
        ]

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


def section_config(repo: Path, course: Course, lang: str, section: str, site_dir: Path, work: Path) -> Path:
    """Write the mkdocs configuration of one build: the shared mkdocs.yml plus this build's values."""
    language = languages.get(lang)
    docs = work / f"docs-{lang}-{section}"
    docs.mkdir(parents=True, exist_ok=True)
    config = {
        "INHERIT": str(base_config(repo)),
        "site_name": html.escape(course.title.get(lang)),  # Material prints it unescaped
        "docs_dir": str(docs),
        "site_dir": str(site_dir),
        "theme": {"language": language.tag, "custom_dir": str(THEME_OVERRIDES)},
        "extra": {"cs_html_lang": language.tag},
        "plugins": {"cybersafe": {"language": lang, "section": section, "root": str(repo)}},
    }
    path = work / f"mkdocs-{lang}-{section}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=True), encoding="utf-8")
    return path


def outputs(course: Course) -> Iterator[Output]:
    """Every page of every language and section, with what makes it."""
    for lang in course.languages:
        for section in SECTIONS:
            site = SiteSection(course, lang, section)
            yield Output(site.output_name("404.md"), "the theme's page for a missing page", course.pos)
            for page in site.page_list:
                yield Output(site.output_name(page.src), page.what, page.pos)
    yield Output("index.html", "the language chooser", course.pos)


def build(context: BuildContext) -> list[str]:
    """Build the site for every language into the staging folder (which already holds the packages)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    course, staging = context.course, context.staging
    with tempfile.TemporaryDirectory(prefix="cybersafe-mkdocs-") as tmp, mkdocs_warnings() as warnings:
        for lang in course.languages:
            slug = languages.get(lang).slug
            out = replace_dir(staging / slug)
            for section in SECTIONS:
                site_dir = out / "kids" if section == KIDS else out
                config = _load_config(
                    load_config, section_config(context.repo, course, lang, section, site_dir, Path(tmp))
                )
                plugin = config.plugins["cybersafe"]
                plugin.course = course  # type: ignore[attr-defined]
                plugin.staging = staging  # type: ignore[attr-defined]
                mkdocs_build(config)
                if warnings:
                    raise BuildError(f"mkdocs warned while building {slug}/{section}: " + "; ".join(warnings))
    (staging / "index.html").write_text(root_index(course), encoding="utf-8")
    return [f"site: {', '.join(course.languages)}"]


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


TARGET = register(
    Target(
        name=NAME,
        summary="the static site: every language, the adults' and the children's sections, downloads",
        build=build,
        outputs=outputs,
        needs=("packages",),  # the downloads page lists the packages built before it
        provides=("site",),
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


def root_index(course: Course) -> str:
    codes = course.languages
    return render_template(
        "en",
        "root_index.html",
        title=" · ".join(course.title.get(code) for code in codes),
        titles=[(languages.get(code), course.title.get(code)) for code in codes],
        links=[(languages.get(code), f"{languages.get(code).slug}/index.html") for code in codes],
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
    from builder.targets.mkdocs_plugin import CyberSafePlugin

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
