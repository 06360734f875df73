"""Encodings the authoring format accepts: a UTF-8 byte-order mark and CRLF line ends.

Editors on Windows save files this way; such a file is as valid as its LF twin, and its problems
are reported at the same lines and columns. (A file that is not UTF-8 is a bad input: see
tests/cases/bad/not-utf8.case.)
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent

#: One file of each kind the loader reads.
FILES = (
    "curriculum/course.yml",
    "curriculum/resources.yml",
    "curriculum/en/first-steps.md",
    "curriculum/th/first-steps.md",
    "quizzes/first-steps.yml",
)


def copy_minimal(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(TESTS / "roots" / "minimal", root, symlinks=True)
    return root


def to_bom_crlf(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "\r" not in text and not text.startswith("\ufeff")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))


def check(root: Path) -> tuple[int, list[dict[str, object]], str]:
    result = subprocess.run(
        [sys.executable, "-m", "builder.cli", "--root", str(root), "check", "--strict", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout or "[]"), result.stderr


@pytest.mark.parametrize("name", FILES)
def test_a_valid_file_with_bom_and_crlf_gives_no_diagnostic(tmp_path: Path, name: str) -> None:
    root = copy_minimal(tmp_path)
    to_bom_crlf(root / name)
    status, reported, stderr = check(root)
    assert reported == [], reported
    assert status == 0, stderr


def test_every_file_with_bom_and_crlf_gives_no_diagnostic(tmp_path: Path) -> None:
    root = copy_minimal(tmp_path)
    for path in sorted([*root.glob("curriculum/**/*.md"), *root.glob("curriculum/*.yml"), *root.glob("quizzes/*.yml")]):
        to_bom_crlf(path)
    status, reported, stderr = check(root)
    assert reported == [], reported
    assert status == 0, stderr


def test_problems_in_a_bom_and_crlf_file_keep_their_line_and_column(tmp_path: Path) -> None:
    def broken(bom_crlf: bool) -> list[tuple[object, ...]]:
        root = copy_minimal(tmp_path / ("crlf" if bom_crlf else "lf"))
        module = root / "curriculum/en/first-steps.md"
        text = module.read_text(encoding="utf-8")
        text = text.replace("br-help-01]\n", "br-help-02]\n").replace(":res[br-help-01]", ":res[br-help-09]")
        module.write_text(text, encoding="utf-8")
        if bom_crlf:
            to_bom_crlf(module)
        _, reported, _ = check(root)
        return sorted((d["file"], d["line"], d["col"], d["code"]) for d in reported)

    lf = broken(bom_crlf=False)
    assert ("curriculum/en/first-steps.md", 12, 23, "module.unknown-source") in lf
    assert ("curriculum/en/first-steps.md", 26, 1, "directive.unknown-resource") in lf
    assert broken(bom_crlf=True) == lf
