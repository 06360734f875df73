"""Time `cybersafe check` on inputs built to make it hang, crash or blow up.

Each case edits a copy of the tiny course in tests/roots/minimal and runs the real command in a
child process with a watchdog: a case that takes longer than the limit is killed and reported
as a hang. Usage:

    python benchmarks/hostile_inputs.py            # every case, a table of times
    python benchmarks/hostile_inputs.py spaces     # the cases whose name contains 'spaces'

tests/test_hostile_inputs.py runs the same cases (at a smaller size where that is enough) and
fails on a hang, a traceback or an exit status other than 1.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MINIMAL = REPO / "tests" / "roots" / "minimal"
#: No input may keep the tool busy longer than this (issue: "no input of up to 10 MB ... > 60 s").
WATCHDOG_SECONDS = 60
LESSON = "curriculum/en/first-steps.md"
QUIZ = "quizzes/first-steps.yml"


@dataclass(frozen=True)
class HostileCase:
    name: str
    what: str
    make: Callable[[Path], None]
    code: str  # the diagnostic code the case must give


def _append(path: str, text: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        with (root / path).open("a", encoding="utf-8") as file:
            file.write(text)

    return make


def _write(path: str, text: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / path).write_text(text, encoding="utf-8")

    return make


def _scenario(steps: int, choices: int) -> str:
    """A valid scenario of ``steps`` steps in a row, each with ``choices`` choices to the next."""
    lines = [
        "pass_mark: 50",
        "questions:",
        "  - id: long-road",
        "    type: scenario",
        "    prompt: {en: Walk., th: เดิน, pt_BR: Ande.}",
        "    steps:",
    ]
    for step in range(steps):
        lines += [f"      - id: s{step}", "        prompt: {en: Next?, th: ต่อ, pt_BR: Próximo?}", "        options:"]
        for choice in range(choices):
            lines += [
                f"          - id: c{step}-{choice}",
                f"            correct: {'true' if choice == 0 else 'false'}",
                "            text: {en: Go, th: ไป, pt_BR: Vai}",
                "            feedback: {en: Ok., th: โอเค, pt_BR: Ok.}",
            ]
            if step + 1 < steps:
                lines.append(f"            next: s{step + 1}")
    return "\n".join(lines) + "\n"


def _laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def cases(scale: float = 1.0) -> list[HostileCase]:
    """The hang and crash cases; ``scale`` below 1 makes the big ones smaller for the test suite."""

    def n(count: int) -> int:
        return max(1, int(count * scale))

    return [
        HostileCase("spaces-line", "one 150 KB line of spaces", _append(LESSON, "\n" + " " * n(150_000) + "x\n"), ""),
        HostileCase(
            "spaces-before-directive",
            "150 KB of spaces before ':'",
            _append(LESSON, "\n" + " " * n(150_000) + ":\n"),
            "",
        ),
        HostileCase(
            "link-then-spaces", "'](' then 150 KB of spaces", _append(LESSON, "\n[a](" + " " * n(150_000) + "x\n"), ""
        ),
        HostileCase(
            "tag-then-spaces", "'<' then 150 KB of spaces", _append(LESSON, "\n<" + " " * n(150_000) + "x\n"), ""
        ),
        HostileCase(
            "emphasis", "100,000 '*a' (emphasis delimiters)", _append(LESSON, "\n" + "*a" * n(100_000) + "\n"), ""
        ),
        HostileCase(
            "brackets",
            "100 KB of '[' (nested links)",
            _append(LESSON, "\n" + "[" * n(100_000) + "\n"),
            "limit.out-of-range",
        ),
        HostileCase(
            "same-headings", "20,000 identical headings", _append(LESSON, "\n" + "### Same\n\n" * n(20_000)), ""
        ),
        HostileCase("scenario-2^40", "a 40-step scenario, 2 choices per step", _write(QUIZ, _scenario(40, 2)), ""),
        HostileCase("scenario-deep", "a 1500-step scenario", _write(QUIZ, _scenario(n(1500), 2)), "file.too-large"),
        HostileCase("billion-laughs", "YAML aliases 10^9 wide", _write(QUIZ, _laughs()), "yaml.alias"),
        HostileCase(
            "deep-yaml", "5000 nested lists", _write(QUIZ, "a: " + "[" * 5000 + "]" * 5000 + "\n"), "yaml.too-deep"
        ),
        HostileCase(
            "ten-megabytes", "a 10 MB lesson", _append(LESSON, ("word " * 20 + "\n") * n(100_000)), "file.too-large"
        ),
    ]


@dataclass(frozen=True)
class Outcome:
    seconds: float
    returncode: int | None  # None: killed by the watchdog
    stderr: str
    stdout: str


def run(case: HostileCase, timeout: float = WATCHDOG_SECONDS, python: str = sys.executable) -> Outcome:
    """Apply ``case`` to a fresh copy of the tiny course and time ``cybersafe check --format json``."""
    with tempfile.TemporaryDirectory(prefix="cybersafe-hostile-") as tmp:
        root = Path(tmp) / "course"
        shutil.copytree(MINIMAL, root)
        case.make(root)
        started = time.monotonic()
        try:
            result = subprocess.run(
                [python, "-m", "builder.cli", "--root", str(root), "check", "--format", "json"],
                capture_output=True,
                text=True,
                timeout=timeout,
                cwd=REPO,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Outcome(time.monotonic() - started, None, "", "")
        return Outcome(time.monotonic() - started, result.returncode, result.stderr, result.stdout)


def main(argv: list[str]) -> int:
    wanted = argv[1] if len(argv) > 1 else ""
    print(f"{'case':<26} {'what':<42} {'seconds':>8}  result")
    worst = 0
    for case in cases():
        if wanted not in case.name:
            continue
        outcome = run(case)
        if outcome.returncode is None:
            result, worst = f"HANG (killed after {WATCHDOG_SECONDS} s)", 1
        elif "Traceback" in outcome.stderr or "internal error" in outcome.stderr:
            result, worst = "CRASH", 1
        else:
            result = f"exit {outcome.returncode}"
        print(f"{case.name:<26} {case.what:<42} {outcome.seconds:>8.2f}  {result}")
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv))
