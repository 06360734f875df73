"""Load a whole course: ``curriculum/course.yml`` and everything it refers to."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import partial
from os.path import lexists
from pathlib import Path

from builder import languages as langs
from builder.diagnostics import Code, Report
from builder.load import memo, partner, yamlnodes
from builder.load.checks import check_course
from builder.load.help import load_help
from builder.load.names import check_names
from builder.load.pages import images_current, load_page
from builder.load.quizzes import QuizLoader
from builder.load.resources import load_resources
from builder.load.source import SourceTree
from builder.model import Audience, Course, LearningPath, Module, Page, Pos, Quiz, Text, Track, frozen_map

COURSE_FILE = Path("curriculum/course.yml")
AUDIENCES = {a.value: a for a in Audience}


@dataclass(frozen=True)
class LoadResult:
    """The course (None when even its skeleton could not be read) and every diagnostic found."""

    course: Course | None
    report: Report

    @property
    def ok(self) -> bool:
        return self.course is not None and not self.report.errors()


def load_course(root: Path) -> LoadResult:
    """Read and check the course under ``root`` (the repository): nothing is written."""
    root = root.resolve()
    tree = SourceTree(root)
    report = Report()
    path = root / COURSE_FILE
    if not path.is_file():
        report.add(
            Code.MISSING_FILE,
            "there is no course file",
            Pos(COURSE_FILE.as_posix()),
            hint="create curriculum/course.yml as docs/authoring.md shows",
        )
        return LoadResult(None, report)
    if not _inside(path, root, tree, report):
        return LoadResult(None, report)
    text = tree.read(path, report)
    node = yamlnodes.parse(text, tree.name(path), report) if text is not None else None
    if node is None:
        if text is not None and not text.strip():
            report.add(
                Code.MISSING_FIELD,
                "the course file is empty",
                tree.pos(path),
                hint="write the course as docs/authoring.md shows",
            )
        return LoadResult(None, report)
    fields = yamlnodes.Fields(
        node, report, "the course", ("id", "version", "languages", "title", "tracks"), ("help_box", "quick_exit_url")
    )
    if not fields.ok:
        return LoadResult(None, report)
    course_languages = _languages(fields, report)
    resources_path = root / "curriculum/resources.yml"
    resources = (
        load_resources(resources_path, tree, course_languages, report)
        if not lexists(resources_path) or _inside(resources_path, root, tree, report)
        else {}
    )
    with partner.reading_in_two():  # on two cores, a copy of this process reads a share of the files
        modules = _modules(root, tree, course_languages, resources, report)
        guides = _guides(root, tree, course_languages, report, resources)
    memo.forget_unused()  # every module, quiz and guide has been read
    course = Course(
        id=fields.identifier("id") or "course",
        version=fields.string("version") or "0",
        title=fields.text("title", course_languages) or Text((), node.pos),
        languages=course_languages,
        tracks=_tracks(fields.get("tracks"), course_languages, report),
        modules=frozen_map(modules),  # type: ignore[arg-type]
        resources=frozen_map(resources),  # type: ignore[arg-type]
        help_box=_help_box(fields.get("help_box"), resources, report),
        guides=frozen_map(guides),  # type: ignore[arg-type]
        root=root,
        pos=node.pos,
        help=load_help(
            root / "curriculum/help.yml", tree, course_languages, resources, _exit_url(fields, report), report
        ),
    )
    check_names(root, tree, report)
    check_course(course, report)
    return LoadResult(course, report)


def _exit_url(fields: yamlnodes.Fields, report: Report) -> str | None:
    """Where the quick exit goes instead of the neutral page built into the site."""
    url = fields.string("quick_exit_url")
    if url is not None and not url.startswith("https://"):
        report.add(Code.UNSAFE_LINK, "quick_exit_url must start with https://", fields.key_pos("quick_exit_url"))
        return None
    return url


def _languages(fields: yamlnodes.Fields, report: Report) -> tuple[str, ...]:
    codes = fields.strings("languages")
    for code in codes:
        if code not in langs.BY_CODE:
            report.add(
                Code.BAD_VALUE,
                f"'{code}' is not a supported language",
                fields.key_pos("languages"),
                hint=f"use codes from: {', '.join(langs.CODES)}",
            )
    valid = tuple(code for code in langs.CODES if code in codes)
    if fields.get("languages") is not None and langs.SOURCE.code not in valid:
        report.add(
            Code.BAD_VALUE,
            "the course languages must include English, the source language",
            fields.key_pos("languages"),
        )
    return valid or (langs.SOURCE.code,)


def _tracks(node: yamlnodes.Node | None, course_languages: tuple[str, ...], report: Report) -> tuple[Track, ...]:
    if node is None:
        return ()
    if not node.is_seq:
        report.add(Code.WRONG_TYPE, "'tracks' must be a list", node.pos)
        return ()
    tracks = []
    for item in node.items():
        fields = yamlnodes.Fields(
            item, report, "the track", ("id", "audience", "title", "description"), ("paths", "modules", "require_tags")
        )
        track_id = fields.identifier("id")
        audience_name = fields.string("audience")
        audience = AUDIENCES.get(audience_name or "")
        if audience_name is not None and audience is None:
            report.add(
                Code.BAD_VALUE,
                f"'{audience_name}' is not an audience",
                fields.key_pos("audience"),
                hint=f"use one of: {', '.join(AUDIENCES)}",
            )
        title = fields.text("title", course_languages)
        description = fields.text("description", course_languages)
        if track_id is None or audience is None or title is None or description is None:
            continue
        if fields.get("paths") is not None:
            if fields.get("modules") is not None:
                report.add(
                    Code.UNKNOWN_FIELD, "a track has either 'paths' or 'modules', not both", fields.key_pos("modules")
                )
            paths = _paths(fields.get("paths"), track_id, audience, course_languages, report)
        elif fields.get("modules") is not None:
            paths = (_path(fields, track_id, track_id, audience, None, title, description, item.pos),)
        else:
            report.add(Code.MISSING_FIELD, "the track has neither 'modules' nor 'paths'", item.pos)
            paths = ()
        tracks.append(Track(track_id, audience, title, description, paths, item.pos))
    return tuple(tracks)


def _paths(
    node: yamlnodes.Node | None, track_id: str, audience: Audience, course_languages: tuple[str, ...], report: Report
) -> tuple[LearningPath, ...]:
    if node is None or not node.is_seq:
        report.add(Code.WRONG_TYPE, "'paths' must be a list", node.pos if node else Pos("curriculum/course.yml"))
        return ()
    paths = []
    for item in node.items():
        fields = yamlnodes.Fields(
            item, report, "the learning path", ("id", "title", "description", "modules"), ("ages", "require_tags")
        )
        path_id = fields.identifier("id")
        title = fields.text("title", course_languages)
        description = fields.text("description", course_languages)
        if path_id is None or title is None or description is None:
            continue
        paths.append(_path(fields, path_id, track_id, audience, fields.string("ages"), title, description, item.pos))
    return tuple(paths)


def _path(
    fields: yamlnodes.Fields,
    path_id: str,
    track_id: str,
    audience: Audience,
    ages: str | None,
    title: Text,
    description: Text,
    pos: Pos,
) -> LearningPath:
    modules = fields.identifiers("modules")
    return LearningPath(
        id=path_id,
        track_id=track_id,
        audience=audience,
        ages=ages,
        title=title,
        description=description,
        module_ids=tuple(m for m, _ in modules),
        module_positions=tuple(p for _, p in modules),
        required_tags=tuple(t for t, _ in fields.identifiers("require_tags")),
        pos=pos,
    )


def _help_box(node: yamlnodes.Node | None, resources: Collection[str], report: Report) -> dict[str, tuple[str, ...]]:
    """The resource ids each country's help box shows; an unknown id is reported at its own line."""
    if node is None:
        return {}
    fields = yamlnodes.Fields(node, report, "'help_box'", (), tuple(lang.country for lang in langs.ALL if lang.country))
    boxes = {}
    for country in fields.found:
        ids = fields.identifiers(country)
        for resource_id, pos in ids:
            if resource_id not in resources:
                report.add(
                    Code.UNKNOWN_RESOURCE,
                    f"the {country} help box names '{resource_id}', which is not in resources.yml",
                    pos,
                )
        boxes[country] = tuple(resource_id for resource_id, _ in ids)
    return boxes


def _modules(
    root: Path, tree: SourceTree, course_languages: tuple[str, ...], resource_ids: Collection[str], report: Report
) -> dict[str, Module]:
    pages: dict[str, dict[str, Page]] = {}
    for lang in course_languages:
        for path in sorted((root / "curriculum" / lang).glob("*.md")):
            if not _inside(path, root, tree, report):
                continue
            if not yamlnodes.check_id(path.stem, tree.pos(path), report):
                continue
            page = memo.remembered(
                path,
                ("page", lang, frozenset(resource_ids)),
                report,
                partial(load_page, path, lang, tree, resource_ids=resource_ids),
                partial(images_current, path=path, tree=tree),
            )
            if page is not None:
                pages.setdefault(path.stem, {})[lang] = page
    quizzes: dict[str, Quiz] = {}
    for path in sorted((root / "quizzes").glob("*.yml")):
        if not _inside(path, root, tree, report):
            continue
        quiz = memo.remembered(
            path,
            ("quiz", course_languages),
            report,
            partial(_load_quiz, path, tree, course_languages),
        )
        if quiz is None:
            continue
        if path.stem not in pages:
            report.add(Code.ORPHAN_QUIZ, f"no module has the id '{path.stem}'", tree.pos(path))
        quizzes[path.stem] = quiz
    modules = {}
    for module_id, by_lang in sorted(pages.items()):
        if langs.SOURCE.code not in by_lang:
            for page in by_lang.values():
                report.add(
                    Code.MISSING_SOURCE_MODULE, f"'{module_id}' exists in {page.lang} but not in English", page.pos
                )
            continue
        if not (root / "quizzes" / f"{module_id}.yml").exists():
            report.add(
                Code.NO_QUIZ,
                f"'{module_id}' has no quiz",
                by_lang[langs.SOURCE.code].pos,
                hint=f"add quizzes/{module_id}.yml",
            )
        modules[module_id] = Module(module_id, frozen_map(by_lang), quizzes.get(module_id))  # type: ignore[arg-type]
    return modules


def _load_quiz(path: Path, tree: SourceTree, course_languages: tuple[str, ...], report: Report) -> Quiz | None:
    return QuizLoader(course_languages, report).load(path, tree)


def _guides(
    root: Path,
    tree: SourceTree,
    course_languages: tuple[str, ...],
    report: Report,
    resource_ids: Collection[str] | None = None,
) -> dict[str, Module]:
    """Pages for trainers, ``curriculum/<lang>/guides/<id>.md``: translated like modules, no quiz."""
    pages: dict[str, dict[str, Page]] = {}
    for lang in course_languages:
        for path in sorted((root / "curriculum" / lang / "guides").glob("*.md")):
            if _inside(path, root, tree, report) and yamlnodes.check_id(path.stem, tree.pos(path), report):
                page = memo.remembered(
                    path,
                    ("guide", lang, frozenset(resource_ids or ())),
                    report,
                    partial(load_page, path, lang, tree, resource_ids=resource_ids, guide=True),
                    partial(images_current, path=path, tree=tree),
                )
                if page is not None:
                    pages.setdefault(path.stem, {})[lang] = page
    guides = {}
    for guide_id, by_lang in sorted(pages.items()):
        if langs.SOURCE.code not in by_lang:
            for page in by_lang.values():
                report.add(
                    Code.MISSING_SOURCE_MODULE,
                    f"the guide '{guide_id}' exists in {page.lang} but not in English",
                    page.pos,
                )
            continue
        guides[guide_id] = Module(guide_id, frozen_map(by_lang), None)  # type: ignore[arg-type]
    return guides


def _inside(path: Path, root: Path, tree: SourceTree, report: Report) -> bool:
    """Refuse files that are links to somewhere outside the repository (or nowhere), and folders."""
    at = Pos(path.relative_to(root).as_posix())
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links
        report.add(Code.MISSING_FILE, f"'{path.name}' is a symbolic link that leads back to itself", at)
        return False
    if not resolved.is_relative_to(root):
        report.add(Code.UNSAFE_PATH, f"'{path.name}' leads outside the repository", at)
        return False
    if not resolved.is_file():
        report.add(Code.MISSING_FILE, f"'{path.name}' is not a file (a broken link, or a folder)", at)
        return False
    return True
