"""Every broken input gives its exact diagnostic (code, file, line), exit status 1, no traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cases import Case, all_cases

CASES = all_cases(Path(__file__).parent / "cases" / "bad")


def run_check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", "--root", str(root), "check", "--format", "json", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_there_are_at_least_30_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(Path(__file__).parent / "roots" / "minimal", root, symlinks=True)
    case.apply(root)
    result = run_check(root, "--strict")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    reported = json.loads(result.stdout)
    for expected in case.expected:
        assert any(expected.matches(item) for item in reported), (
            f"{case.name}: expected {expected}\nreported:\n"
            + "\n".join(
                f"{i['file']}:{i['line']}:{i['col']} {i['severity']}[{i['code']}] {i['message']}" for i in reported
            )
        )
    if case.only:
        assert len(reported) == len(case.expected), reported
