"""Diagnostics: every problem found in the content, with a location and a stable code.

Problems are collected, never raised one by one, so an author sees all of them in one run,
printed like a compiler's: ``path:line:col: error[code]: message`` and a one-line hint.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


E, W = Severity.ERROR, Severity.WARNING


class Code(enum.Enum):
    """The stable diagnostic codes: (code, default severity, hint telling the author what to do)."""

    def __init__(self, code: str, severity: Severity, hint: str) -> None:
        self.code = code
        self.severity = severity
        self.hint = hint

    # Files and syntax
    NOT_UTF8 = ("file.not-utf8", E, "save the file as UTF-8 (a BOM or CRLF line ends are fine)")
    UNSAFE_PATH = ("file.unsafe-path", E, "use a relative path that stays inside the repository")
    MISSING_FILE = ("file.missing", E, "create the file, or fix the name that points to it")
    YAML_SYNTAX = ("yaml.syntax", E, "fix the YAML syntax at this line (indentation, quotes, colons)")
    YAML_DUPLICATE_KEY = ("yaml.duplicate-key", E, "remove or rename one of the two keys")
    NO_FRONT_MATTER = ("markdown.no-front-matter", E, "start the file with a YAML block between two '---' lines")
    # Shape of the data
    MISSING_FIELD = ("schema.missing-field", E, "add the field; docs/authoring.md lists every field")
    WRONG_TYPE = ("schema.wrong-type", E, "give the field a value of the type docs/authoring.md shows")
    UNKNOWN_FIELD = ("schema.unknown-field", E, "remove the field or fix its spelling")
    BAD_VALUE = ("schema.bad-value", E, "use one of the values docs/authoring.md allows")
    # Ids and references
    BAD_ID = ("id.not-kebab-case", E, "use lowercase ASCII letters, digits and single hyphens, e.g. 'share-with-care'")
    DUPLICATE_ID = ("id.duplicate", E, "give each item its own id")
    ID_MISMATCH = ("id.mismatch", E, "make the 'id' in the front matter equal to the file name")
    UNKNOWN_MODULE = ("track.unknown-module", E, "create curriculum/en/<id>.md or remove the id from the track")
    MODULE_TWICE = ("track.module-twice", E, "list each module once per path")
    UNUSED_MODULE = ("module.unused", W, "add the module to a track in course.yml, or delete it")
    UNKNOWN_SOURCE = ("module.unknown-source", E, "add the fact to curriculum/resources.yml or fix the id")
    UNKNOWN_RESOURCE = ("directive.unknown-resource", E, "add the fact to curriculum/resources.yml or fix the id")
    UNKNOWN_DIRECTIVE = ("directive.unknown", E, "use ':res[id]'; docs/authoring.md lists the directives")
    # Modules
    EMPTY_MODULE = ("module.empty", E, "write the lesson below the front matter")
    NO_QUIZ = ("module.no-quiz", W, "add quizzes/<module-id>.yml")
    OBJECTIVES_COUNT = ("module.objectives-count", E, "list 3 to 5 learning objectives")
    MISSING_SOURCE_MODULE = ("module.no-english", E, "every module starts in English: add curriculum/en/<id>.md")
    CONTENT_WARNING_MISSING = (
        "module.content-warning-missing",
        E,
        "add 'content_warning' to the front matter of every language",
    )
    AMPERSAND_IN_TITLE = ("title.ampersand", E, "write 'and' (or 'e', 'และ'): some LMSs mangle '&' in titles")
    # Quizzes
    ORPHAN_QUIZ = ("quiz.unknown-module", E, "name the quiz file after a module id, or create that module")
    NO_CORRECT_OPTION = ("quiz.no-correct-option", E, "mark the right answer with 'correct: true'")
    SEVERAL_CORRECT = ("quiz.several-correct", E, "a single-choice question has exactly one right answer")
    PASS_MARK_RANGE = ("quiz.pass-mark-range", E, "give 'pass_mark' a whole number from 0 to 100")
    NO_QUESTIONS = ("quiz.no-questions", E, "add questions, or delete the quiz file")
    TOO_FEW_OPTIONS = ("quiz.too-few-options", E, "give the question at least two options")
    TOO_MANY_CHOICES = ("quiz.too-many-options", E, "give the question at most 36 options")
    ITEM_COUNT = ("quiz.item-count", E, "give an ordering or matching question 3 to 6 entries")
    MISSING_TAG = ("quiz.missing-tag", E, "tag a question of this quiz as the track requires")
    SCENARIO_STEP = ("quiz.scenario-unknown-step", E, "point 'next' at a step id of the same scenario")
    SCENARIO_CYCLE = ("quiz.scenario-cycle", E, "a scenario must end: remove the loop in its 'next' links")
    SCENARIO_UNREACHABLE = ("quiz.scenario-unreachable", W, "link to the step with 'next', or delete it")
    GIVEAWAY_LONGEST = (
        "quiz.giveaway-longest",
        W,
        "shorten the right option or lengthen the others: a learner who picks the longest one should not pass",
    )
    GIVEAWAY_POSITION = (
        "quiz.giveaway-position",
        W,
        "spread the right answers over the positions: printed worksheets keep the authored order",
    )
    GIVEAWAY_TRUE_FALSE = ("quiz.giveaway-true-false", W, "make some true/false statements true and some false")
    REPEATED_VERDICT = (
        "quiz.repeated-verdict",
        W,
        "start the feedback with the reason: the quiz already says whether the answer was right",
    )
    FEW_DECISIONS = (
        "quiz.few-decisions",
        W,
        "a professional track's quiz needs two or more scenario, ordering or matching questions",
    )
    STALE_BASELINE = (
        "quiz.giveaway-baseline-stale",
        W,
        "remove the line from quizzes/giveaway-baseline.txt: that warning is fixed",
    )
    STATE_TOO_LONG = (
        "package.state-too-long",
        E,
        "the LMS would cut the learner's saved answers: give the quiz fewer questions or options",
    )
    OUTPUT_COLLISION = (
        "output.collision",
        E,
        "two things would be written to one file: rename the module, path or guide (ids make file names)",
    )
    # Texts and translations
    MISSING_LANGUAGE = ("text.missing-language", E, "add the text in every language of the course")
    EMPTY_TEXT = ("text.empty", E, "write the text")
    MISSING_TRANSLATION = ("translation.missing", W, "translate the module; the site shows English until then")
    STALE_TRANSLATION = (
        "translation.stale",
        W,
        "update the translation, then run 'cybersafe mark-current LANG ID'",
    )
    # Markdown content
    BROKEN_LINK = ("link.broken", E, "fix the link so it points to an existing module or file")
    UNSAFE_LINK = ("link.unsafe", E, "links must be http(s), mailto, tel, or relative paths inside the repository")
    EXTERNAL_IMAGE = (
        "link.external-image",
        E,
        "copy the image into curriculum/images/: pages load nothing from other hosts",
    )
    UNSAFE_HTML = ("html.unsafe", E, "remove the script, iframe, event handler or javascript: link")
    # Hostile and broken input (docs/authoring.md, "What is refused and why"; numbers in builder/load/limits.py)
    CONTROL_CHARACTER = (
        "file.control-character",
        E,
        "delete the invisible control character (NUL, form feed, escape): editors show it as a box or ^@",
    )
    FILE_TOO_LARGE = (
        "file.too-large",
        E,
        "split the file: a lesson may be at most 256 KB, a YAML file 512 KB (builder/load/limits.py)",
    )
    WRONG_NAME = ("file.wrong-name", E, "rename the file or folder as the message says; otherwise it is ignored")
    YAML_ALIAS = ("yaml.alias", E, "write the value out in full: anchors and aliases (&name, *name) are not allowed")
    YAML_TAG = ("yaml.tag", E, "remove the '!' tag and write the value as plain text (in quotes if needed)")
    YAML_TOO_DEEP = ("yaml.too-deep", E, "nest lists and mappings at most 32 levels deep")
    TOO_LONG = ("limit.too-long", E, "shorten the text: builder/load/limits.py gives the limits")
    OUT_OF_RANGE = ("limit.out-of-range", E, "give a value inside the range the message names")
    EMPTY_LIST = ("schema.empty-list", E, "list at least one item, or remove the field")
    MARKUP_IN_TEXT = ("text.markup", E, "titles and names are plain text: remove the HTML tag ('<...>')")
    FUTURE_DATE = ("date.future", E, "write the date the fact was really checked, not a date to come")
    CHECK_OLD = (
        "resource.check-old",
        W,
        "helplines and laws change: check the fact again, then update 'checked' to today's date",
    )
    INCOMPLETE_TRANSLATION = (
        "translation.incomplete",
        W,
        "translate every '##' section and every objective of the English, then run 'cybersafe mark-current'",
    )
    UNSAFE_IMAGE = (
        "image.not-allowed",
        E,
        "use a PNG, JPEG, GIF or WebP file (or an SVG without script or outside references) under curriculum/",
    )
    LINK_OUTSIDE_COURSE = (
        "link.outside-course",
        E,
        "link to a module (other-module.md), to an image under curriculum/, or to a web page: other "
        "repository files are not published",
    )
    UNSAFE_CSS = (
        "html.unsafe-css",
        E,
        "remove the style: pages load nothing from other hosts, and raw CSS is not allowed",
    )
    EXTERNAL_LOAD = (
        "html.external-load",
        E,
        "copy the file into curriculum/images/: pages load nothing from other hosts (links the reader clicks are fine)",
    )
    HTML_NOT_ALLOWED = ("html.not-allowed", E, "use Markdown, or one of the HTML tags docs/authoring.md allows")


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place. Sorted by file, line, column, code, then message."""

    file: str
    line: int
    col: int
    code_text: str
    message: str
    code: Code = field(compare=False)
    hint: str | None = field(default=None, compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def render(self) -> str:
        hint = self.hint or self.code.hint
        where = f"{self.file}:{self.line}:{self.col}"
        return f"{where}: {self.severity.value}[{self.code.code}]: {self.message}\n    hint: {hint}"

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "code": self.code.code,
            "message": self.message,
            "hint": self.hint or self.code.hint,
        }


def diagnostic(code: Code, message: str, file: str, line: int = 1, col: int = 1, hint: str | None = None) -> Diagnostic:
    """A diagnostic with the code's default severity."""
    return Diagnostic(file, line, col, code.code, message, code, hint, code.severity)


class Located(Protocol):
    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def col(self) -> int: ...


class Report:
    """Collects diagnostics while content is loaded and checked."""

    def __init__(self) -> None:
        self._items: set[Diagnostic] = set()

    def add(self, code: Code, message: str, at: Located, hint: str | None = None) -> None:
        """Record a problem at a place (a ``Pos``, or anything with a file, line and column)."""
        self._items.add(diagnostic(code, message, at.file, at.line, at.col, hint))

    def extend(self, other: Report) -> None:
        """Take in every problem ``other`` recorded."""
        self._items |= other._items

    @property
    def items(self) -> list[Diagnostic]:
        return sorted(self._items)

    def errors(self, strict: bool = False) -> list[Diagnostic]:
        return [d for d in self.items if strict or d.severity is Severity.ERROR]


def format_text(items: Iterable[Diagnostic], strict: bool = False) -> str:
    """The compiler-style listing, then a one-line summary."""
    items = list(items)
    lines = [_as_shown(d, strict).render() for d in items]
    errors = sum(1 for d in items if strict or d.severity is Severity.ERROR)
    warnings = len(items) - errors
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)


def format_json(items: Iterable[Diagnostic], strict: bool = False) -> str:
    return json.dumps([_as_shown(d, strict).as_json() for d in items], ensure_ascii=False, indent=2)


def _as_shown(d: Diagnostic, strict: bool) -> Diagnostic:
    """With --strict a warning is shown (and counted) as an error."""
    if strict and d.severity is Severity.WARNING:
        return Diagnostic(d.file, d.line, d.col, d.code_text, d.message, d.code, d.hint, Severity.ERROR)
    return d
