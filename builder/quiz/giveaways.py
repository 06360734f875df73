"""Checks that catch give-aways: questions a learner can answer right without having learned.

- the right option is much longer than every distractor (in any language, counted in
  user-perceived characters, so Thai vowel and tone marks do not count);
- most right answers of a quiz sit in one authored position (printed worksheets keep it);
- every true/false statement of a quiz has the same answer;
- feedback that starts by repeating the verdict the runtime already shows ("Correct.");
- a professional track's quiz with fewer than two decision questions.

They are warnings; ``--strict`` makes them errors. Warnings listed in the baseline file
(``quizzes/giveaway-baseline.txt``: ``<code> <key>`` per line, the key naming the module, the
question and the option, never a line number) are not reported, so the shipped quizzes can be
fixed one by one; a baseline line that no longer matches a warning is reported, so the file only
shrinks.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from builder.diagnostics import Code, Report
from builder.model import Option, Pos, Quiz, Text
from builder.quiz import kind as kinds

BASELINE = "quizzes/giveaway-baseline.txt"
LONGEST_RATIO = 1.5
POSITION_SHARE = 0.6
POSITION_MIN_QUESTIONS = 4
TRUE_FALSE_MIN = 3
MIN_DECISIONS = 2

# A verdict at the start of feedback, followed by punctuation or the end (so "No one ..." passes).
_END = r"(?=\s*(?:[.!:;,\u2014\u2013-]|$))"
_THAI_END = r"(?=\s|$)"  # Thai has no sentence punctuation: the verdict is followed by a space
VERDICTS = {
    "en": rf"^\s*(?:correct|right|wrong|incorrect|not quite|not this(?: one)?|yes|no|exactly|well done|true|false)"
    rf"{_END}",
    "th": rf"^\s*(?:ถูกต้อง(?:แล้ว)?|ถูกแล้ว|ถูก|ผิด|ไม่ถูก(?:ต้อง)?|ใช่แล้ว|ใช่|ยังไม่ใช่|ไม่ใช่|เยี่ยม(?:มาก)?){_THAI_END}",
    "pt_BR": rf"^\s*(?:certo|correto|certa|isso|exato|exatamente|errado|incorreto|não|sim|quase|muito bem){_END}",
}
_VERDICT_RES = {lang: re.compile(pattern, re.IGNORECASE) for lang, pattern in VERDICTS.items()}


@cache
def length(text: str) -> int:
    """User-perceived characters: code points without combining marks and format characters
    (close to extended grapheme clusters for the scripts we use, with the standard library).
    Each option is measured against every other: remembered."""
    if text.isascii():  # no ASCII character is a mark or a format character
        return len(text)
    return sum(
        1 for ch in unicodedata.normalize("NFC", text) if unicodedata.category(ch) not in ("Mn", "Me", "Mc", "Cf")
    )


@dataclass(frozen=True)
class Finding:
    code: Code
    key: str  # stable: module/question[/option], never a line number
    message: str
    pos: Pos


def verdict(text: str, lang: str) -> bool:
    pattern = _VERDICT_RES.get(lang, _VERDICT_RES["en"])
    return bool(pattern.search(text))


def _longest(module: str, question_id: str, options: tuple[Option, ...], languages: Iterable[str]) -> list[Finding]:
    found = []
    distractors = [o for o in options if not o.correct and o.text is not None]
    for option in options:
        if not option.correct or option.text is None or not distractors:
            continue
        over = []
        for lang in languages:
            longest = max(length(d.text.get(lang)) for d in distractors if d.text is not None)
            if length(option.text.get(lang)) > LONGEST_RATIO * longest:
                over.append(lang)
        if over:
            found.append(
                Finding(
                    Code.GIVEAWAY_LONGEST,
                    f"{module}/{question_id}/{option.id}",
                    f"the right option '{option.id}' is over {LONGEST_RATIO} times as long as the longest other "
                    f"option ({', '.join(over)})",
                    option.pos,
                )
            )
    return found


def _feedbacks(question_id: str, texts: Iterable[tuple[str, Text, Pos]], module: str, languages: tuple[str, ...]):  # type: ignore[no-untyped-def]
    for owner, text, pos in texts:
        said = [lang for lang in languages if text.has(lang) and verdict(text.get(lang), lang)]
        if said:
            yield Finding(
                Code.REPEATED_VERDICT,
                f"{module}/{question_id}/{owner}",
                f"the feedback of '{owner}' starts with a verdict ({', '.join(said)}): '{text.get(said[0])[:40]}'",
                pos,
            )


def findings(quiz: Quiz, languages: tuple[str, ...], professional: bool) -> list[Finding]:
    """Every give-away of one quiz."""
    module = quiz.module_id
    found: list[Finding] = []
    singles = [q for q in quiz.questions if q.kind == "single"]
    for question in quiz.questions:
        groups = [question.options] if question.options else []
        groups += [step.options for step in question.steps]
        for options in groups:
            found += _longest(module, question.id, options, languages)
        feedback = [(o.id, o.feedback, o.feedback.pos) for o in question.all_options()]
        if question.feedback is not None:
            feedback.append(("feedback", question.feedback, question.feedback.pos))
        found += _feedbacks(question.id, feedback, module, languages)
    if len(singles) >= POSITION_MIN_QUESTIONS:
        positions = Counter(
            next(i for i, o in enumerate(q.options) if o.correct) for q in singles if any(o.correct for o in q.options)
        )
        position, count = positions.most_common(1)[0] if positions else (0, 0)
        if count > POSITION_SHARE * len(singles):
            letter = "abcdefghijklmnopqrstuvwxyz"[position]
            found.append(
                Finding(
                    Code.GIVEAWAY_POSITION,
                    module,
                    f"{count} of the {len(singles)} single-choice questions have their right answer in position "
                    f"{letter}",
                    quiz.pos,
                )
            )
    true_false = [q for q in quiz.questions if q.kind == "true_false"]
    answers = {next((o.id for o in q.options if o.correct), "") for q in true_false}
    if len(true_false) >= TRUE_FALSE_MIN and len(answers) == 1:
        found.append(
            Finding(
                Code.GIVEAWAY_TRUE_FALSE,
                module,
                f"all {len(true_false)} true/false statements are {answers.pop()}",
                quiz.pos,
            )
        )
    decisions = sum(1 for q in quiz.questions if kinds.of(q).decision)
    if professional and decisions < MIN_DECISIONS:
        found.append(
            Finding(
                Code.FEW_DECISIONS,
                module,
                f"{decisions} decision question(s) (scenario, ordering, matching) in a professional track's quiz",
                quiz.pos,
            )
        )
    return found


def read_baseline(root: Path) -> dict[str, int]:
    """The baseline's entries ("<code> <key>") and their line numbers."""
    path = root / BASELINE
    if not path.is_file():
        return {}
    entries = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if line:
            entries[" ".join(line.split())] = number
    return entries


def baseline_line(finding: Finding) -> str:
    return f"{finding.code.code} {finding.key}"


def report_findings(found: list[Finding], baseline: dict[str, int], judged: set[str], report: Report) -> None:
    """Report what the baseline does not list, and the baseline lines nothing matches among the
    quizzes that loaded (``judged``: module ids): a quiz that failed to load fixed nothing."""
    seen = set()
    for finding in found:
        line = baseline_line(finding)
        seen.add(line)
        if line not in baseline:
            report.add(finding.code, finding.message, finding.pos)
    for line, number in sorted(baseline.items(), key=lambda item: item[1]):
        module = line.split(" ", 1)[-1].split("/", 1)[0]
        if line not in seen and module in judged:
            report.add(Code.STALE_BASELINE, f"'{line}' is fixed, or no longer exists", Pos(BASELINE, number, 1))


def main() -> None:
    """Print the baseline of a course's current give-aways: ``python -m builder.quiz.giveaways [ROOT]``."""
    import sys

    from builder.load import load_course
    from builder.load.checks import giveaway_findings

    result = load_course(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
    if result.course is None:
        raise SystemExit("the course does not load: run cybersafe check")
    print("# Give-away warnings of the shipped quizzes, to be fixed; this file may only shrink.")
    print("# One '<code> <module>[/<question>[/<option>]]' per line; see builder/quiz/giveaways.py.")
    for line in sorted({baseline_line(f) for f in giveaway_findings(result.course)}):
        print(line)


if __name__ == "__main__":
    main()
