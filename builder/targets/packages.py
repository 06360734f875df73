"""What the LMS package targets share: which packages to build, their pages, limits and zips.

For every language there is one package per module (a single SCO or AU, the most compatible)
and one per learning path (an SCO or AU per module, in the path's order, under a
non-launchable root item). scorm12.py, scorm2004.py and cmi5.py each describe one standard
(manifest template, runtime adapter, limits); this module does the rest the same way for all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

from builder import languages
from builder.diagnostics import Code, Report
from builder.load.checks import help_audience
from builder.model import Course, LearningPath, Pos
from builder.quiz.bundle import runtime_js
from builder.quiz.state import LOCATIONS, max_state_length
from builder.render import csp
from builder.render.kids import neutral_page, safety_bar
from builder.render.views import facts_checked, module_view, render_template
from builder.targets import BuildContext, Output, Target, units
from builder.targets.output import keep_only
from builder.targets.zipstream import write_zip

RUNTIME = Path(__file__).parent.parent / "runtime"
PACKAGES = "packages"
INDEX = f"{PACKAGES}/index.json"
RUNTIME_FILES = {
    "assets/cybersafe.css": "cybersafe.css",
    "assets/package.css": "package.css",
    "assets/lms.js": "lms/lms.js",
    "assets/kids.css": "kids.css",
    "assets/help.js": "help.js",
}
MODULE_HERE = "<!-- cs-module -->"  # where a package page's body goes
NEUTRAL = "assets/recipes.html"  # the quick exit's default page inside a package


@dataclass(frozen=True)
class Standard:
    """One packaging standard, as its target module describes it."""

    name: str  # the target name, e.g. "scorm12"
    label: str  # what the downloads page calls it, e.g. "SCORM 1.2"
    manifest: str  # the manifest's file name at the zip root
    template: str  # its Jinja template
    adapter: str  # the runtime adapter (builder/runtime/lms/<adapter>.js)
    suspend_limit: int | None  # characters of saved state the standard allows
    location_limit: int | None
    rank: int  # where the downloads page lists it among the standards: the default standard is 0
    summary: str  # one line for `cybersafe targets`


@dataclass(frozen=True)
class Sco:
    module_id: str
    item: str
    resource: str
    href: str
    title: str
    description: str
    mastery: int | None  # the pass mark, when the module has a quiz


@dataclass(frozen=True)
class Package:
    kind: str  # "module" or "path"
    key: str  # the module or path id
    lang: str
    identifier: str
    organization: str
    root_item: str
    root_title: str | None  # path packages: the non-launchable root item's title
    title: str
    description: str
    iri: str  # cmi5 course id
    scos: tuple[Sco, ...]
    pos: Pos  # the module file, or where course.yml defines the path
    assets_resource: str = "shared-assets"

    @property
    def what(self) -> str:
        return f"the package of {self.kind} '{self.key}' in {self.lang}"

    def file_name(self, course: Course, standard: Standard) -> str:
        """ASCII, from ids only, e.g. cybersafe-children-8-12-th-scorm12.zip."""
        slug = languages.get(self.lang).slug
        middle = f"module-{self.key}" if self.kind == "module" else self.key
        return f"{course.id}-{middle}-{slug}-{standard.name}.zip"


def plan(course: Course) -> list[Package]:
    """Every package of the course: per language, one per module and one per path."""
    packages = []
    for lang in course.languages:
        for module_id in course.modules:
            packages.append(_package(course, lang, "module", module_id, None, (module_id,)))
        for path in course.paths:
            packages.append(_package(course, lang, "path", path.id, path, path.module_ids))
    return packages


def _package(
    course: Course, lang: str, kind: str, key: str, path: LearningPath | None, modules: tuple[str, ...]
) -> Package:
    slug = languages.get(lang).slug
    scos = []
    for module_id in modules:
        view = module_view(course, module_id, lang)
        quiz = course.modules[module_id].quiz
        scos.append(
            Sco(
                module_id,
                f"item-{module_id}",
                f"sco-{module_id}",
                f"{module_id}/index.html",
                view.title,
                view.page.objectives[0] if view.page.objectives else view.title,
                quiz.pass_mark if quiz else None,
            )
        )
    if path is not None:
        title = f"{course.title.get(lang)}: {path.title.get(lang)}"
        description = path.description.get(lang)
    else:
        title, description = scos[0].title, scos[0].description
    return Package(
        kind=kind,
        key=key,
        lang=lang,
        identifier=f"{course.id}-{kind}-{key}-{slug}",
        organization=f"org-{key}",
        root_item=f"root-{key}",
        root_title=path.title.get(lang) if path is not None else None,
        title=title,
        description=description,
        iri=f"urn:cybersafe-courses:{course.id}:{kind}:{key}:{slug}",
        scos=tuple(scos),
        pos=path.pos if path is not None else course.modules[key].source.pos,
    )


def place_image(repo_path: str) -> str:
    return "media/" + repo_path.removeprefix("curriculum/")


def check_limits(course: Course, report: Report, standard: Standard) -> None:
    """A package whose saved state might not fit is refused: truncated state breaks resume."""
    if standard.location_limit is not None and max(map(len, LOCATIONS)) > standard.location_limit:
        report.add(Code.STATE_TOO_LONG, f"a lesson location is longer than {standard.label} allows", course.pos)
    for module in course.modules.values():
        needed = max_state_length(module.quiz)
        if standard.suspend_limit is not None and needed > standard.suspend_limit:
            report.add(
                Code.STATE_TOO_LONG,
                f"the saved state of '{module.id}' can reach {needed} characters; {standard.label} keeps "
                f"{standard.suspend_limit}: split the quiz or give it fewer options",
                module.quiz.pos if module.quiz else module.source.pos,
            )


@cache
def _runtime_file(name: str) -> bytes:
    return (RUNTIME / name).read_bytes()


def package_files(course: Course, package: Package, standard: Standard, cache: Path | None = None) -> dict[str, bytes]:
    """Every file of one package, keyed by its path in the zip."""
    files: dict[str, bytes] = {name: _runtime_file(source) for name, source in RUNTIME_FILES.items()}
    files["assets/cybersafe.js"] = runtime_js()
    files[f"assets/{standard.adapter}.js"] = _runtime_file(f"lms/{standard.adapter}.js")
    in_package = {sco.module_id for sco in package.scos}
    footer = _footer(course, package.lang)
    for sco in package.scos:
        view = module_view(course, sco.module_id, package.lang)
        for image in view.images().values():
            files[f"assets/{place_image(image.path)}"] = image.data
        place = f"{package.identifier}-{standard.name}"
        audience = _audience(course, package, sco.module_id)
        html = view.resolve(units.module_body(cache, view, audience), partial(_link_within, in_package), _asset_image)
        if audience is not None:  # children's and parents' packages: the help control and the quick exit
            exit_href = course.help.exit_url if course.help and course.help.exit_url else f"../{NEUTRAL}"
            bar = safety_bar(course, package.lang, audience, exit_href, place)
            html = f'<div class="cs-audience cs-audience-{audience}">\n{bar}\n{html}\n</div>'
            files[NEUTRAL] = neutral_page(package.lang).encode("utf-8")
        page = render_template(
            package.lang,
            "packages/page.html",
            voice=audience,
            view=view,
            module_html=MODULE_HERE,  # the body is typeset already: it goes in after the page is
            adapter=standard.adapter,
            place=place,
            footer=footer,
            content_policy=csp.policy(connect="'self' https:" if standard.adapter == "cmi5" else "'self'"),
        )
        files[sco.href] = page.replace(MODULE_HERE, html, 1).encode("utf-8")
    assets = sorted(name for name in files if name.startswith("assets/"))  # what the shared asset resource lists
    manifest = render_template(package.lang, standard.template, package=package, course=course, asset_files=assets)
    files[standard.manifest] = manifest.encode("utf-8")
    return files


def _audience(course: Course, package: Package, module_id: str) -> str | None:
    """Whose package this is: a path package's audience, or the first children's or parents' path
    that lists the module."""
    paths = [p for p in course.paths if p.id == package.key] if package.kind == "path" else course.paths_of(module_id)
    return next((a for p in paths if (a := help_audience(p)) is not None), None)


def _link_within(modules: set[str], module_id: str, anchor: str) -> str | None:
    """Links to modules of the same package; the words of any other link stay, unlinked."""
    return f"../{module_id}/index.html" + (f"#{anchor}" if anchor else "") if module_id in modules else None


def _asset_image(repo_path: str) -> str:
    return "../assets/" + place_image(repo_path)


def _footer(course: Course, lang: str) -> str:
    from builder.render.i18n import translations

    return translations(lang).gettext("%(course)s version %(version)s · facts last checked %(date)s") % {
        "course": course.title.get(lang),
        "version": course.version,
        "date": facts_checked(course),
    }


def outputs(course: Course, standard: Standard) -> Iterator[Output]:
    """Every package file of one standard, with the module or path it comes from."""
    for package in plan(course):
        yield Output(f"{PACKAGES}/{standard.name}/{package.file_name(course, standard)}", package.what, package.pos)


def build_standard(context: BuildContext, standard: Standard) -> list[str]:
    """Write every package of one standard into ``staging/packages/<name>/`` and list them in the
    package index that the site's downloads page reads.

    Packages are zipped in worker processes; a package whose inputs are those of the zip already
    in the output (see builder.targets.units) is kept, not zipped again."""
    course, staging = context.course, context.staging
    folder = staging / PACKAGES / standard.name
    store = units.KeyStore(context.cache, f"packages-{standard.name}")
    packages = plan(course)
    names = [package.file_name(course, standard) for package in packages]
    keys = [package_key(course, package, standard) for package in packages]
    keep_only(folder, set(names))  # packages of modules or paths that are gone go
    todo = [
        (package, folder / name)
        for package, name, key in zip(packages, names, keys, strict=True)
        if not store.fresh(name, key, folder / name)
    ]
    for path in (target for _, target in todo):
        path.unlink(missing_ok=True)  # a failed build must not leave an old zip under a new key
    zip_package = partial(_zip_package, course, standard, context.cache)
    for _ in units.in_parallel(zip_package, todo, f"{standard.name} packages"):
        pass
    store.save(dict(zip(names, keys, strict=True)))
    entries = []
    for package, name in zip(packages, names, strict=True):
        size = (folder / name).stat().st_size
        group = f"{package.kind}-{package.key if package.kind == 'path' else 'modules'}"
        entries.append(
            {
                "file": f"{PACKAGES}/{standard.name}/{name}",
                "size": size,
                "standard": standard.label,
                "target": standard.name,
                "kind": package.kind,
                "key": package.key,
                "lang": package.lang,
                "group": group,
                "title": {package.lang: package.title},
            }
        )
    write_index(staging, standard.name, entries)
    kept = len(packages) - len(todo)
    return [f"{standard.name}: {len(entries)} packages ({kept} unchanged) -> {PACKAGES}/{standard.name}/"]


def _zip_package(course: Course, standard: Standard, cache: Path | None, job: tuple[Package, Path]) -> int:
    package, path = job
    return write_zip(path, package_files(course, package, standard, cache))


def package_key(course: Course, package: Package, standard: Standard) -> str:
    """Everything one package is made from (see builder.targets.units)."""
    modules = [units.module_key(course.modules[sco.module_id]) for sco in package.scos]
    return units.digest(units.course_key(course), repr(standard), repr(package), *modules)


def write_index(staging: Path, target: str, entries: list[dict[str, Any]]) -> None:
    """Replace one standard's entries in the package index, keeping the other standards'."""
    path = staging / INDEX
    kept = [e for e in (json.loads(path.read_text(encoding="utf-8")) if path.exists() else []) if e["target"] != target]
    merged = sorted(
        kept + entries,
        key=lambda e: (e["lang"], e["kind"] != "path", e["key"], _RANKS.get(e["target"], 99), e["target"]),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(merged, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


_RANKS: dict[str, int] = {}  # target name -> rank, for ordering the index


def package_target(standard: Standard) -> Target:
    """The target of one packaging standard: everything but its manifest template and adapter is shared."""
    _RANKS[standard.name] = standard.rank
    return Target(
        name=standard.name,
        summary=standard.summary,
        build=partial(build_standard, standard=standard),
        outputs=partial(outputs, standard=standard),
        check=partial(check_limits, standard=standard),
        provides=("packages",),
    )
