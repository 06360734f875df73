"""Everything that can be wrong with a loaded course, collected into the report.

Loaders report what is wrong inside one file (syntax, shape, types); these checks look across
files: references between them, quizzes that cannot be passed, Markdown that links nowhere
or could run code, translations that are missing or stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from builder import languages as langs
from builder.diagnostics import Code, Report
from builder.load import html_safety, images
from builder.model import Audience, Course, LearningPath, Module, Page, Pos, Quiz
from builder.quiz import giveaways
from builder.quiz import kind as kinds
from builder.render import markdown
from builder.translation import item_staleness, page_staleness, question_hash, resource_hash

QUIZ_DIR = "quizzes"
UNKNOWN_DIRECTIVE = re.compile(r"(?:^|(?<=\s)):([a-z][a-z0-9-]*)\[")
#: ':res[id]' right after a letter or digit ("call:res[id]") is not read as a directive.
GLUED_DIRECTIVE = re.compile(r"(?<=[^\W_]):res\[[^\]\n]{0,200}\]")


def check_course(course: Course, report: Report) -> None:
    _check_structure(course, report)
    for module in course.modules.values():
        _check_module(course, module, report)
    for guide in course.guides.values():
        _check_module(course, guide, report)
    _check_resources(course, report)
    # A quiz file that failed to load fixed nothing: its baseline lines are not judged stale.
    unloaded = {
        m.id for m in course.modules.values() if m.quiz is None and (course.root / QUIZ_DIR / f"{m.id}.yml").exists()
    }
    judged = set(course.modules) - unloaded
    giveaways.report_findings(giveaway_findings(course), giveaways.read_baseline(course.root), judged, report)
    _check_help(course, report)


def giveaway_findings(course: Course) -> list[giveaways.Finding]:
    """The give-aways of every quiz (builder/quiz/giveaways.py), before the baseline is applied."""
    found = []
    for module in course.modules.values():
        if module.quiz is not None:
            professional = any(p.audience is Audience.PROFESSIONALS for p in course.paths_of(module.id))
            found += giveaways.findings(module.quiz, course.languages, professional)
    return found


def help_audience(path: LearningPath) -> str | None:
    """The help control's audience for a path's pages: a children's path's ages, or "parents"."""
    if path.audience is Audience.CHILDREN:
        return path.ages or "8-12"
    return "parents" if path.audience is Audience.PARENTS else None


def _check_help(course: Course, report: Report) -> None:
    """Every children's band and the parents' path need the help control's text (help.yml)."""
    needed = {a: p.pos for p in course.paths if (a := help_audience(p)) is not None}
    if not needed:
        return
    if course.help is None:
        report.add(
            Code.MISSING_FIELD,
            "the course has children's or parents' paths but no curriculum/help.yml",
            course.pos,
            hint='write the help control\'s texts as docs/authoring.md shows ("Help texts")',
        )
        return
    for audience, pos in needed.items():
        if audience not in course.help.audiences:
            report.add(Code.MISSING_FIELD, f"help.yml has no text for '{audience}'", pos)
    for country in course.help_box:
        if country not in course.help.countries:
            report.add(Code.MISSING_FIELD, f"help.yml has no help routes for {country}", course.pos)


def _check_structure(course: Course, report: Report) -> None:
    seen: dict[str, Pos] = {}
    for item_id, pos in [(t.id, t.pos) for t in course.tracks] + [
        (p.id, p.pos) for p in course.paths if p.id != p.track_id
    ]:
        if item_id in seen:
            report.add(Code.DUPLICATE_ID, f"the id '{item_id}' is used by another track or path", pos)
        seen[item_id] = pos
    used: set[str] = set()
    for path in course.paths:
        listed: set[str] = set()
        for module_id, pos in zip(path.module_ids, path.module_positions, strict=True):
            if module_id not in course.modules:
                report.add(Code.UNKNOWN_MODULE, f"path '{path.id}' lists '{module_id}', which does not exist", pos)
            if module_id in listed:
                report.add(Code.MODULE_TWICE, f"path '{path.id}' lists '{module_id}' twice", pos)
            listed.add(module_id)
        used |= listed
        _check_title(path.title.values, path.pos, report)
    _check_title(course.title.values, course.pos, report)
    for module_id, module in course.modules.items():
        if module_id not in used:
            report.add(Code.UNUSED_MODULE, f"'{module_id}' is on no learning path", module.source.pos)
    # an unknown help_box resource is reported by the course loader, at its own line


def _check_title(values: tuple[tuple[str, str], ...], pos: Pos, report: Report) -> None:
    for lang, title in values:
        if "&" in title:
            report.add(Code.AMPERSAND_IN_TITLE, f"the {lang} title '{title}' contains '&'", pos)


def _check_module(course: Course, module: Module, report: Report) -> None:
    paths = course.paths_of(module.id)
    professional = any(p.audience is Audience.PROFESSIONALS for p in paths)
    for lang in course.languages:
        page = module.pages.get(lang)
        if page is None:
            folder = "guides/" if module.id in course.guides else ""
            report.add(
                Code.MISSING_TRANSLATION,
                f"'{module.id}' has no {langs.get(lang).name} translation",
                module.source.pos,
                hint=f"write curriculum/{lang}/{folder}{module.id}.md; the site shows English until then",
            )
            continue
        _check_page(course, page, professional, report)
        if lang != langs.SOURCE.code:
            _check_complete(page, module.source, report)
            staleness = page_staleness(page, module.source)
            if not staleness.current:
                report.add(
                    Code.STALE_TRANSLATION,
                    f"the {lang} translation is stale: {'; '.join(staleness.reasons)}",
                    page.pos,
                    hint=f"update it, then run 'cybersafe mark-current {lang} {module.id}'",
                )
    if module.quiz is not None:
        _check_quiz(course, module, module.quiz, paths, report)


def _check_complete(page: Page, source: Page, report: Report) -> None:
    """A translation with fewer '##' sections or objectives than its English is incomplete, even if stamped."""
    mine, theirs = (
        len(markdown.section_starts(page.tokens)),
        len(markdown.section_starts(source.tokens)),
    )
    missing = []
    if mine < theirs:
        missing.append(f"{mine} of the {theirs} '##' sections")
    if len(page.objectives) < len(source.objectives):
        missing.append(f"{len(page.objectives)} of the {len(source.objectives)} objectives")
    if missing:
        report.add(
            Code.INCOMPLETE_TRANSLATION,
            f"the {page.lang} translation is incomplete: it has {' and '.join(missing)} of the English",
            page.pos,
        )


def _check_page(course: Course, page: Page, professional: bool, report: Report) -> None:
    # the title's '&' and unknown 'sources' are reported by the page loader, at the field's line
    if professional and not page.content_warning:
        report.add(Code.CONTENT_WARNING_MISSING, "a module of a professional track needs a content warning", page.pos)
    if not page.body.strip():
        report.add(Code.EMPTY_MODULE, f"'{page.module_id}' has no lesson text", page.pos)
        return
    _check_markdown(course, page, report)


def _inline_lines(token_line: int, children: list) -> Iterator[tuple[int, object]]:  # type: ignore[type-arg]
    """Each inline child with the line it is on (inline tokens only know their block's lines)."""
    line = token_line
    for child in children:
        yield line, child
        if child.type in ("softbreak", "hardbreak"):
            line += 1


_CHECKED_INLINE = frozenset({"html_inline", "resource", "text", "link_open", "image"})


def _check_markdown(course: Course, page: Page, report: Report) -> None:
    file_dir = course.root / Path(page.pos.file).parent
    for token in page.tokens:
        if token.type not in ("inline", "html_block"):
            continue
        block_line = page.body_line + (token.map[0] if token.map else 0)
        if token.type == "html_block":
            _check_html(course, file_dir, token.content, Pos(page.pos.file, block_line, 1), report)
            continue
        for line, child in _inline_lines(block_line, token.children or []):
            kind = child.type  # type: ignore[attr-defined]
            if kind not in _CHECKED_INLINE or (kind == "text" and ":" not in child.content):  # type: ignore[attr-defined]
                continue  # every directive starts with ':'; most text has none
            here = Pos(page.pos.file, line, 1)  # made only for what is checked: most children are not
            if kind == "html_inline":
                _check_html(course, file_dir, child.content, here, report)  # type: ignore[attr-defined]
            elif kind == "resource":
                resource_id = child.meta["id"]  # type: ignore[attr-defined]
                if resource_id not in course.resources:
                    report.add(
                        Code.UNKNOWN_RESOURCE,
                        f":res[{resource_id}] names a resource that is not in resources.yml",
                        here,
                    )
            elif kind == "text":
                content = child.content  # type: ignore[attr-defined]
                for match in UNKNOWN_DIRECTIVE.finditer(content):
                    report.add(Code.UNKNOWN_DIRECTIVE, f"':{match.group(1)}[...]' is not a directive", here)
                for match in GLUED_DIRECTIVE.finditer(content):
                    report.add(
                        Code.UNKNOWN_DIRECTIVE,
                        f"'{match.group(0)}' is glued to the word before it, so it is printed as it is",
                        here,
                        hint="put a space before ':res[...]'",
                    )
                name = content[3:].split()[0] if content.startswith(":::") and content[3:].split() else ""
                if name:  # a lone ':::' is the closing fence of the same block
                    report.add(
                        Code.UNKNOWN_DIRECTIVE,
                        f"'::: {name}' is not a callout",
                        here,
                        hint=f"use ::: {' | '.join(markdown.CALLOUTS)}",
                    )
            elif kind in ("link_open", "image"):
                attr = "href" if kind == "link_open" else "src"
                _check_target(course, file_dir, str(child.attrGet(attr) or ""), kind == "image", here, report)  # type: ignore[attr-defined]


def _check_html(course: Course, file_dir: Path, html: str, at: Pos, report: Report) -> None:
    """Raw HTML, parsed: every refused tag or attribute at its line, and its links checked like Markdown's."""
    findings, links = html_safety.scan(html)

    def place(line: int, col: int) -> Pos:
        return Pos(at.file, at.line + line - 1, at.col + col - 1 if line == 1 else col)

    for finding in findings:
        report.add(finding.code, f"raw HTML: {finding.message}", place(finding.line, finding.col))
    for href, line, col in links:
        _check_target(course, file_dir, href, False, place(line, col), report)


def _check_target(course: Course, file_dir: Path, target: str, image: bool, at: Pos, report: Report) -> None:
    """A link or an image source: a safe scheme, and a module or an image under curriculum/."""
    scheme = html_safety.url_scheme(target)
    if scheme == "//":
        kind = Code.EXTERNAL_IMAGE if image else Code.UNSAFE_LINK
        report.add(kind, f"'{target[:60]}' points to another host without a scheme", at)
        return
    if scheme:
        if scheme not in html_safety.LINK_SCHEMES:
            report.add(Code.UNSAFE_LINK, f"'{target[:40]}' uses the '{scheme}:' scheme", at)
        elif image:
            report.add(Code.EXTERNAL_IMAGE, f"the image '{target}' is on another host", at)
        return
    if target.startswith("#") or not target:
        return
    path_part = target.split("#", 1)[0].split("?", 1)[0]
    if path_part.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", path_part):
        report.add(Code.UNSAFE_PATH, f"'{target}' is an absolute path", at)
        return
    module_link = markdown.module_link_target(target)
    if module_link and not image:
        if module_link[0] not in course.modules:
            report.add(Code.BROKEN_LINK, f"'{target}' links to a module that does not exist", at)
        return
    candidates = [file_dir / path_part] + ([course.root / "curriculum/images" / path_part] if image else [])
    for candidate in candidates:
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError):  # a loop of symbolic links
            break
        if not resolved.is_relative_to(course.root):
            report.add(Code.UNSAFE_PATH, f"'{target}' leads outside the repository", at)
            return
        if resolved.is_file():
            if not image:
                report.add(Code.LINK_OUTSIDE_COURSE, f"'{target}' is a file of the repository, not a page", at)
                return
            problem = images.image_problem(resolved, course.root)
            if problem:
                report.add(Code.UNSAFE_IMAGE, f"'{target}' cannot be published as an image: {problem}", at)
            return
    report.add(Code.BROKEN_LINK, f"'{target}' does not exist", at)


def _check_quiz(course: Course, module: Module, quiz: Quiz, paths: tuple[LearningPath, ...], report: Report) -> None:
    if not quiz.questions:
        report.add(Code.NO_QUESTIONS, "the quiz has no questions", quiz.pos)
    for question in quiz.questions:
        kinds.of(question).check(question, report)
    tags = {tag for q in quiz.questions for tag in q.tags}
    for path in paths:
        for tag in path.required_tags:
            if tag not in tags:
                report.add(Code.MISSING_TAG, f"path '{path.id}' needs a question tagged '{tag}' in this quiz", quiz.pos)
    for lang in course.languages:
        if lang == langs.SOURCE.code or lang not in module.pages:
            continue
        for question in quiz.questions:
            _check_item_stamp(
                f"question '{question.id}'",
                question.translated,
                question_hash(question),
                lang,
                question.pos,
                module.id,
                report,
            )


def _check_resources(course: Course, report: Report) -> None:
    for resource in course.resources.values():
        _check_title(resource.name.values, resource.pos, report)
        for lang in course.languages:
            if lang == langs.SOURCE.code:
                continue
            _check_item_stamp(
                f"resource '{resource.id}'",
                resource.translated,
                resource_hash(resource),
                lang,
                resource.pos,
                resource.id,
                report,
            )


def _check_item_stamp(
    what: str, recorded: Mapping[str, str], current: str, lang: str, pos: Pos, mark_id: str, report: Report
) -> None:
    """A quiz question or resource whose translation stamp does not match its English."""
    staleness = item_staleness(recorded, lang, current)
    if not staleness.current:
        report.add(
            Code.STALE_TRANSLATION,
            f"the {lang} text of {what} is stale: {'; '.join(staleness.reasons)}",
            pos,
            hint=f"update it, then run 'cybersafe mark-current {lang} {mark_id}'",
        )
