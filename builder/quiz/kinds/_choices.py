"""What the choice kinds share: checking a list of options and the data the runtime needs of one."""

from __future__ import annotations

from typing import Any

from builder.diagnostics import Code, Report
from builder.model import Option, Pos

MAX_CHOICES = 36  # the saved state writes one character (0-9a-z) per choice


def check_options(options: tuple[Option, ...], pos: Pos, report: Report, single: bool) -> None:
    if len(options) < 2:
        report.add(Code.TOO_FEW_OPTIONS, f"{len(options)} option(s): a question needs at least two", pos)
    if len(options) > MAX_CHOICES:
        report.add(Code.TOO_MANY_CHOICES, f"{len(options)} options: at most {MAX_CHOICES}", pos)
    correct = sum(1 for option in options if option.correct)
    if correct == 0 and options:
        report.add(Code.NO_CORRECT_OPTION, "no option is marked 'correct: true'", pos)
    elif correct > 1 and single:
        report.add(
            Code.SEVERAL_CORRECT,
            f"{correct} options are correct in a single-choice question",
            pos,
            hint="keep one 'correct: true', or make it 'type: multiple'",
        )


def option_data(option: Option, lang: str) -> dict[str, Any]:
    data: dict[str, Any] = {"id": option.id, "correct": option.correct, "feedback": option.feedback.get(lang)}
    if option.next:
        data["next"] = option.next
    return data
