"""Build units: parallel builds, rebuilding only what changed, streamed zips; the output never differs
from a clean, serial build."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from builder import build as building
from builder import progress
from builder.load import load_course
from builder.targets.output import folder_files, write_zip
from builder.targets.zipstream import folder_entries, write_folder_zip


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(root: Path, out: Path) -> list[str]:
    result = load_course(root)
    assert result.course is not None, result.report.items
    return building.build(result.course, root, out)


def differences(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    return sorted(name for name in one.keys() | other.keys() if one.get(name) != other.get(name))


def test_parallel_serial_cached_and_clean_builds_are_byte_identical(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CYBERSAFE_JOBS", "1")
    build(minimal, tmp_path / "serial" / "site")
    serial = tree(tmp_path / "serial" / "site")
    monkeypatch.setenv("CYBERSAFE_JOBS", "2")
    build(minimal, tmp_path / "parallel" / "site")
    assert differences(serial, tree(tmp_path / "parallel" / "site")) == []

    again = build(minimal, tmp_path / "parallel" / "site")  # nothing changed
    assert all("(0 unchanged)" not in line for line in again), again
    assert differences(serial, tree(tmp_path / "parallel" / "site")) == []

    page = minimal / "curriculum" / "en" / "evidence-basics.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence for the rebuild.\n", encoding="utf-8")
    lines = build(minimal, tmp_path / "parallel" / "site")
    assert any("packages (" in line and "unchanged)" in line and "(0 unchanged)" not in line for line in lines)
    build(minimal, tmp_path / "clean" / "site")
    assert differences(tree(tmp_path / "clean" / "site"), tree(tmp_path / "parallel" / "site")) == []
    assert differences(serial, tree(tmp_path / "parallel" / "site"))  # the edit did reach the output


def test_a_streamed_folder_zip_is_the_zip_of_the_files_in_memory(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    (folder / "a" / "b").mkdir(parents=True)
    (folder / "a" / "b" / "page.html").write_text("<p>hello</p>" * 1000, encoding="utf-8")
    (folder / "z.bin").write_bytes(bytes(range(256)) * 300)
    (folder / "skip.zip").write_bytes(b"not me")
    size = write_folder_zip(tmp_path / "streamed.zip", folder_entries(folder, exclude=("skip.zip",)))
    write_zip(tmp_path / "in-memory.zip", folder_files(folder, exclude=("skip.zip",)))
    assert (tmp_path / "streamed.zip").read_bytes() == (tmp_path / "in-memory.zip").read_bytes()
    assert size == (tmp_path / "streamed.zip").stat().st_size
    with zipfile.ZipFile(tmp_path / "streamed.zip") as archive:
        assert archive.namelist() == ["a/b/page.html", "z.bin"]


def test_progress_shows_counts_on_a_terminal_and_nothing_in_a_pipe(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert list(progress.counted(iter(range(3)), "scorm12 packages", 3)) == [0, 1, 2]
    assert capsys.readouterr().err == ""  # pytest's stderr is not a terminal
    pytest.importorskip("tqdm")
    monkeypatch.setattr(progress, "wanted", lambda: True)
    assert list(progress.counted(iter(range(3)), "scorm12 packages", 3)) == [0, 1, 2]
    shown = capsys.readouterr().err
    assert "scorm12 packages" in shown and "0/3" in shown
