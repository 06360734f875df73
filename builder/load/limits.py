"""Size, depth and range limits, checked where input enters the loader: one place, documented numbers.

The numbers are generous for real lessons (the longest English lesson is about 12 KB, the longest
title 60 characters) and small enough that no input can make the tool slow: with files of at most
``MAX_FILE_BYTES``, every later step runs in well under a second. docs/authoring.md lists them
for authors ("What is refused and why").
"""

from __future__ import annotations

import datetime as dt
import os
import re

from builder.diagnostics import Code, Report
from builder.model import Pos

#: A lesson (Markdown) may be at most this many bytes: 20 times the largest lesson (~12 KB).
#: markdown-it-py needs about 10 s for 200 KB of the worst input (100,000 emphasis markers).
MAX_MARKDOWN_BYTES = 256_000
#: Any other source file (YAML: a quiz, course.yml, resources.yml): 4.5 times the largest
#: (resources.yml, ~110 KB); PyYAML reads 512 KB in about 6 s.
MAX_FILE_BYTES = 512_000
#: A lesson may hold at most this many '[' (links, images, directives): markdown-it's link parser
#: slows down with the square of the number of unclosed brackets. Real lessons have under 100.
MAX_BRACKETS = 5_000
#: An image may be at most this many bytes (it is copied into the site and every package).
MAX_IMAGE_BYTES = 5_000_000
#: Lists and mappings in YAML may nest this deep (course.yml needs 6 levels).
MAX_YAML_DEPTH = 32
#: Titles and names: they go into menus, tab titles and LMS catalogues.
MAX_TITLE_CHARS = 150
#: Any other single text: an objective, a summary, a question, a feedback.
MAX_TEXT_CHARS = 3000
#: A module's stated length, in minutes.
MIN_MINUTES, MAX_MINUTES = 1, 600
#: A resource whose 'checked' date is older than this is reported (helplines change).
CHECK_MAX_AGE_DAYS = 365
#: Fields whose text is a title or a name: plain text, shown by the theme's templates.
TITLE_FIELDS = ("title", "name")

#: Control characters that no text needs (tab, newline and carriage return are fine). A NUL would
#: become U+FFFD in the page; a form feed or an escape breaks YAML; C1 controls are invisible.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
#: Something that a browser would read as a tag.
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]")


def today() -> dt.date:
    """The date checks compare against: CYBERSAFE_TODAY (YYYY-MM-DD) if set, so tests can pin it."""
    pinned = os.environ.get("CYBERSAFE_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def check_size(size: int, markdown: bool, pos: Pos, report: Report) -> bool:
    limit = MAX_MARKDOWN_BYTES if markdown else MAX_FILE_BYTES
    if size <= limit:
        return True
    report.add(Code.FILE_TOO_LARGE, f"the file has {size:,} bytes; the limit is {limit:,}", pos)
    return False


def check_brackets(body: str, pos: Pos, report: Report) -> bool:
    count = body.count("[")
    if count <= MAX_BRACKETS:
        return True
    report.add(Code.OUT_OF_RANGE, f"the lesson has {count:,} '[' characters; the limit is {MAX_BRACKETS:,}", pos)
    return False


def find_control(text: str) -> tuple[int, int, str] | None:
    """(line, column, character) of the first control character in ``text``, or None."""
    match = CONTROL.search(text)
    if match is None:
        return None
    before = text[: match.start()]
    line = before.count("\n") + 1
    return line, match.start() - (before.rfind("\n") + 1) + 1, match.group(0)


def check_text(value: str, field: str, pos: Pos, report: Report) -> bool:
    """A text from YAML: not too long, and no markup in a title or a name."""
    title = field in TITLE_FIELDS
    limit = MAX_TITLE_CHARS if title else MAX_TEXT_CHARS
    ok = True
    if len(value) > limit:
        report.add(Code.TOO_LONG, f"'{field}' has {len(value):,} characters; the limit is {limit:,}", pos)
        ok = False
    if title and MARKUP.search(value):
        report.add(Code.MARKUP_IN_TEXT, f"'{field}' contains HTML markup: '{MARKUP.search(value).group(0)}'", pos)  # type: ignore[union-attr]
        ok = False
    return ok


def check_minutes(value: int, pos: Pos, report: Report) -> bool:
    if MIN_MINUTES <= value <= MAX_MINUTES:
        return True
    report.add(Code.OUT_OF_RANGE, f"'minutes' is {value}; give a number from {MIN_MINUTES} to {MAX_MINUTES}", pos)
    return False


def check_checked(value: dt.date, pos: Pos, report: Report) -> None:
    """A resource's 'checked' date: not in the future, and not older than CHECK_MAX_AGE_DAYS."""
    now = today()
    if value > now:
        report.add(Code.FUTURE_DATE, f"'checked' is {value.isoformat()}, a date after today ({now.isoformat()})", pos)
    elif (now - value).days > CHECK_MAX_AGE_DAYS:
        report.add(
            Code.CHECK_OLD,
            f"the fact was last checked on {value.isoformat()}, more than {CHECK_MAX_AGE_DAYS} days ago",
            pos,
        )
