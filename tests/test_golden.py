"""Golden file: the full text that ``cybersafe check`` prints for a course with several problems.

The minimal course is copied and several bad-input cases (tests/cases/bad/) are applied to the
same tree, so one run shows errors and warnings from several files, in order, with their hints
and the closing summary, exactly as an author sees them. Paths in the output are relative to
the repository, so the text does not depend on where the test runs.

When the output changes on purpose (a new message, hint or check), regenerate the golden file
and review the difference before committing it:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_golden.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.cases import read_case

TESTS = Path(__file__).parent
REPO = TESTS.parent
GOLDEN = TESTS / "golden" / "check-output.txt"
CASES = TESTS / "cases" / "bad"

#: Edits that touch different lines, so they can all be applied to one tree.
APPLIED = (
    "track-module-twice",  # curriculum/course.yml
    "objectives-six",  # curriculum/en/evidence-basics.md (and so the translations are stale)
    "module-unknown-source",  # curriculum/en/first-steps.md, front matter
    "translation-stale-section",  # curriculum/en/first-steps.md, body (a warning without --strict)
    "html-script",  # curriculum/en/first-steps.md, body
    "quiz-pass-mark-range",  # quizzes/first-steps.yml
    "scenario-cycle",  # quizzes/first-steps.yml
)


def broken_course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(TESTS / "roots" / "minimal", root, symlinks=True)
    for name in APPLIED:
        read_case(CASES / f"{name}.case").apply(root)
    return root


def check_text(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", "--root", str(root), "check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )


def test_check_output_matches_the_golden_file(tmp_path: Path) -> None:
    result = check_text(broken_course(tmp_path))
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    assert result.stdout == ""
    assert str(tmp_path) not in result.stderr, "paths must be relative to the repository"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(result.stderr, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert result.stderr == expected, (
        "the output of 'cybersafe check' changed; if that is intended, regenerate the golden file with\n"
        "    UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_golden.py\n"
        "and review the difference"
    )
