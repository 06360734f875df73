"""What check and build parsed, kept on disk file by file for the next command, in the user's cache
folder: used only when the file is the same, and only if signed with the user's own key."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest


def cli(root: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def entries(home: Path) -> list[Path]:
    return sorted((home / "cybersafe" / "load").glob("*/*.pickle"))


def test_check_keeps_each_clean_file_and_reads_a_changed_one_afresh(minimal: Path, tmp_path: Path) -> None:
    before = sorted(p.relative_to(minimal) for p in minimal.rglob("*"))
    first = cli(minimal, tmp_path / "home", "check")
    assert first.returncode == 0, first.stderr
    assert sorted(p.relative_to(minimal) for p in minimal.rglob("*")) == before  # nothing written in the course
    kept = entries(tmp_path / "home")
    assert len(kept) == len(list((minimal / "curriculum").rglob("*.md"))) + len(
        list((minimal / "quizzes").glob("*.yml"))
    )
    stamps = {p.name: p.stat().st_mtime_ns for p in kept}
    assert cli(minimal, tmp_path / "home", "check").stdout == first.stdout
    assert {p.name: p.stat().st_mtime_ns for p in entries(tmp_path / "home")} == stamps  # all read, none written

    page = minimal / "curriculum" / "en" / "first-steps.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![a lost picture](images/nowhere.png)\n", encoding="utf-8")
    for _ in range(2):  # read afresh, then from the cache: the missing picture is reported both times
        broken = cli(minimal, tmp_path / "home", "check")
        assert broken.returncode != 0 and "nowhere.png" in broken.stdout + broken.stderr
    quiz = minimal / "quizzes" / "first-steps.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("pass_mark:", "pass_marc:"), encoding="utf-8")
    for _ in range(2):
        broken = cli(minimal, tmp_path / "home", "check")
        assert broken.returncode != 0 and "pass_marc" in broken.stdout + broken.stderr
    assert len(entries(tmp_path / "home")) == len(kept) - 1  # a file with a problem is not kept

    before = len(entries(tmp_path / "home"))
    (minimal / "curriculum" / "th" / "first-steps.md").unlink()
    cli(minimal, tmp_path / "home", "check")
    assert len(entries(tmp_path / "home")) == before - 1  # the entry of a file that is gone is removed


class Planted:
    """What an attacker would put in a cache: unpickling it writes a file."""

    def __init__(self, target: str) -> None:
        self.target = target

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (Path(self.target), "pwned"))  # type: ignore[return-value]


def test_a_cache_signed_elsewhere_is_never_unpickled(minimal: Path, tmp_path: Path) -> None:
    assert cli(minimal, tmp_path / "home", "check").returncode == 0
    planted = tmp_path / "pwned.txt"
    for entry in entries(tmp_path / "home"):  # entries written by someone else, with another key
        payload = pickle.dumps(Planted(str(planted)))
        entry.write_bytes(b"\0" * 32 + payload)
    result = cli(minimal, tmp_path / "home", "check")
    assert result.returncode == 0, result.stderr
    assert not planted.exists()
    with pytest.raises(FileNotFoundError):
        planted.read_text()
    assert (tmp_path / "home" / "cybersafe" / "key").stat().st_mode & 0o077 == 0  # the key is the user's only
