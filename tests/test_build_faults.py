"""Fault tests for ``cybersafe build``: kills, a read-only folder, a full disk, two builds at once,
and an output folder over the sources.

Each asserts that the previous output stays byte-identical, that no staging folder is left
behind, and that the message names the problem. The package target alone keeps each build
under a second.
"""

from __future__ import annotations

import fcntl
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOTS

SEED = 20261201  # fixed, so a failure can be replayed


def cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", "--root", str(root), *args], capture_output=True, text=True, check=False
    )


def build_args(out: Path) -> list[str]:
    return ["build", "--target", "scorm12", "--out", str(out)]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def litter(out: Path) -> list[str]:
    return sorted(
        p.name for p in out.parent.iterdir() if p.name.startswith((f"{out.name}.staging-", f"{out.name}.old-"))
    )


def assert_clean_refusal(result: subprocess.CompletedProcess[str], out: Path, before: dict[str, bytes]) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert "the previous output is unchanged" in result.stderr
    assert snapshot(out) == before
    assert litter(out) == []


def edit_a_module(root: Path) -> None:
    page = root / "curriculum" / "en" / "evidence-basics.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(ROOTS / "minimal", root)
    return root


def test_kills_at_random_leave_the_output_or_restore_it(course: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    assert cli(course, *build_args(out)).returncode == 0
    before = snapshot(out)
    started = time.monotonic()
    cli(course, *build_args(out))
    duration = time.monotonic() - started
    rng = random.Random(SEED)
    for _ in range(6):
        process = subprocess.Popen([sys.executable, "-m", "builder.cli", "--root", str(course), *build_args(out)])
        time.sleep(rng.uniform(0.05, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        # whatever the moment, the previous output is either in place or kept beside it
        olds = [p for p in out.parent.glob("site.old-*") if (p / ".cybersafe-build").exists()]
        assert snapshot(out if out.exists() else olds[0]) == before
        result = cli(course, *build_args(out))
        assert result.returncode == 0, result.stderr
        assert snapshot(out) == before
        assert litter(out) == []


def test_a_kill_between_the_two_renames_is_repaired(course: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert cli(course, *build_args(out)).returncode == 0
    before = snapshot(out)
    shutil.copytree(out, tmp_path / "site.staging-999999")  # a killed build's full copy
    out.rename(tmp_path / "site.old-999998")  # the state between the two renames of the swap
    result = cli(course, *build_args(out))
    assert result.returncode == 0, result.stderr
    assert snapshot(out) == before
    assert litter(out) == []


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A small tmpfs of our own (needs root); skipped with the reason where it cannot be mounted."""
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {result.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_read_only_output_folder_gives_one_clear_error(course: Path, tmpfs: Path) -> None:
    out = tmpfs / "site"
    assert cli(course, *build_args(out)).returncode == 0
    before = snapshot(out)
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    edit_a_module(course)  # else the build has nothing to write (builder.noop)
    result = cli(course, *build_args(out))
    assert_clean_refusal(result, out, before)
    assert "read-only" in result.stderr and str(tmpfs) in result.stderr


def test_a_full_disk_gives_one_clear_error_and_cleans_up(course: Path, tmpfs: Path) -> None:
    out = tmpfs / "site"
    assert cli(course, *build_args(out)).returncode == 0
    before = snapshot(out)
    output = sum(len(data) for data in before.values())
    # room for what is there (the output and the build's cache) and a little more, not for a
    # second copy of the output
    used = shutil.disk_usage(tmpfs).used
    subprocess.run(["mount", "-o", f"remount,size={used + output // 4}", str(tmpfs)], check=True)
    edit_a_module(course)  # else the build has nothing to write (builder.noop)
    result = cli(course, *build_args(out))
    assert_clean_refusal(result, out, before)
    assert "disk is full" in result.stderr and str(tmpfs) in result.stderr


def test_a_second_build_at_the_same_time_is_refused(course: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert cli(course, *build_args(out)).returncode == 0
    before = snapshot(out)
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # what a running build holds
        result = cli(course, *build_args(out))
    finally:
        os.close(fd)
    assert_clean_refusal(result, out, before)
    assert "another 'cybersafe build' is writing" in result.stderr


@pytest.mark.parametrize("target", ["curriculum", "curriculum/en", "quizzes", ".", "..", "curriculum/course.yml"])
def test_an_output_folder_over_the_sources_is_refused(course: Path, target: str) -> None:
    before = snapshot(course)
    result = cli(course, "build", "--target", "scorm12", "--out", str(course / target))
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr and "build stopped" in result.stderr
    assert snapshot(course) == before
    assert not any(p.name.startswith(("curriculum.", "quizzes.", "course.")) for p in course.parent.iterdir())


def test_a_folder_not_made_by_a_build_is_not_replaced(course: Path, tmp_path: Path) -> None:
    out = tmp_path / "photos"
    out.mkdir()
    (out / "holiday.jpg").write_bytes(b"\xff\xd8 not ours")
    result = cli(course, *build_args(out))
    assert result.returncode == 1
    assert "was not made by 'cybersafe build'" in result.stderr and "delete it yourself" in result.stderr
    assert snapshot(out) == {"holiday.jpg": b"\xff\xd8 not ours"}
