"""Build units: parallel builds, rebuilding only what changed, streamed zips; the output never differs
from a clean, serial build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from zlib_ng import zlib_ng

from builder import build as building
from builder import progress
from builder.load import load_course
from builder.render import i18n, views
from builder.targets import units
from builder.targets.output import folder_files, zip_timestamp
from builder.targets.zipstream import LEVEL, folder_entries, write_entries, write_folder_zip, write_zip


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


def _forget_loaded_builder() -> None:
    units.builder_id.cache_clear()
    i18n.translations.cache_clear()
    views.environment.cache_clear()


@pytest.fixture
def builder_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the builder's files whose templates and catalogs the build uses instead of its
    own, and which the cache keys see: editing it is editing the builder."""
    copy = tmp_path / "builder"
    shutil.copytree(units.BUILDER, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(units, "BUILDER", copy)
    monkeypatch.setattr(i18n, "LOCALES", copy / "locales")
    loader = jinja2.FileSystemLoader(copy / "templates")
    monkeypatch.setattr(views.jinja2, "PackageLoader", lambda *_: loader)
    _forget_loaded_builder()
    yield copy
    monkeypatch.undo()
    _forget_loaded_builder()


def test_a_cached_rebuild_after_a_template_and_a_catalog_changed_is_a_clean_build(
    minimal: Path, tmp_path: Path, builder_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CYBERSAFE_JOBS", "2")
    cached = tmp_path / "cached" / "site"
    build(minimal, cached)
    before = tree(cached)
    home = builder_copy / "templates" / "fragments" / "home.html"
    home.write_text(home.read_text(encoding="utf-8") + "<!-- the home page, edited -->\n", encoding="utf-8")
    catalog = builder_copy / "locales" / "pt_BR" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgstr "Escolha sua trilha de aprendizagem."' in text
    catalog.write_text(text.replace("Escolha sua trilha de aprendizagem.", "Escolha a sua trilha."), encoding="utf-8")
    _forget_loaded_builder()
    build(minimal, cached)
    clean = tmp_path / "clean" / "site"
    build(minimal, clean)
    assert differences(tree(clean), tree(cached)) == []
    after = tree(cached)
    assert any(b"the home page, edited" in data for data in after.values())
    assert any(b"Escolha a sua trilha." in data for data in after.values())
    assert differences(before, after)


def cli_build(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", "--root", str(root), "build", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CYBERSAFE_JOBS": "2"},
    )


def test_a_rebuild_with_nothing_changed_does_nothing_and_any_change_falls_through(
    minimal: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "site"
    first = cli_build(minimal, out)
    assert first.returncode == 0, first.stderr
    built = tree(out)
    swapped_in = out.stat().st_ino  # a full build swaps a new folder in; the no-op leaves it
    again = cli_build(minimal, out)
    assert (again.returncode, again.stdout, again.stderr) == (0, first.stdout, first.stderr)
    assert out.stat().st_ino == swapped_in and tree(out) == built

    page = minimal / "curriculum" / "en" / "first-steps.md"
    text = page.read_bytes()
    page.write_bytes(text)  # saved again, unchanged: new times, the same content
    os.utime(page, ns=(time.time_ns() + 5_000_000_000,) * 2)
    resaved = cli_build(minimal, out)
    assert (resaved.returncode, resaved.stdout) == (0, first.stdout)
    assert out.stat().st_ino == swapped_in  # nothing was built
    stat = page.stat()
    page.write_bytes(text.replace(b"a", b"e", 1))  # one letter changed: same size, same times
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cli_build(minimal, out).returncode == 0
    assert out.stat().st_ino != swapped_in  # built
    page.write_bytes(text)
    assert cli_build(minimal, out).returncode == 0
    assert tree(out) == built
    swapped_in = out.stat().st_ino

    extra = minimal / "curriculum" / "en" / "images" / "unused.txt"  # a file added, that no page uses
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_text("notes\n", encoding="utf-8")
    assert cli_build(minimal, out).returncode == 0
    assert out.stat().st_ino != swapped_in and tree(out) == built
    swapped_in = out.stat().st_ino
    extra.unlink()  # and removed again
    assert cli_build(minimal, out).returncode == 0
    assert out.stat().st_ino != swapped_in and tree(out) == built
    swapped_in = out.stat().st_ino

    (out / "index.html").unlink()  # the output changed by hand
    assert cli_build(minimal, out).returncode == 0
    assert out.stat().st_ino != swapped_in and tree(out) == built


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


def test_our_zips_are_the_bytes_pythons_zipfile_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setattr(zipfile, "zlib", zlib_ng)  # zipfile deflating as ours does, with zlib-ng
    files = {
        "assets/cybersafe.js": (Path(views.__file__).parent.parent / "runtime" / "cybersafe.js").read_bytes(),
        "empty.txt": b"",
        "m/index.html": "<p>ผู้เสียหาย</p>\n".encode() * 500,
        "z.bin": os.urandom(70_000),
        "packages/a.zip": os.urandom(5_000),  # stored as it is
    }
    ours = tmp_path / "ours.zip"
    for _ in range(2):  # the second time, the runtime's file comes from what the first compressed
        write_entries(ours, sorted(files.items()), stored=(".zip",))
        theirs = tmp_path / "theirs.zip"
        with zipfile.ZipFile(theirs, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as archive:
            for name in sorted(files):
                info = zipfile.ZipInfo(name, date_time=zip_timestamp())
                info.compress_type = zipfile.ZIP_STORED if name.endswith(".zip") else zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.create_system = 3
                archive.writestr(info, files[name], compresslevel=LEVEL)
        assert ours.read_bytes() == theirs.read_bytes()
    with zipfile.ZipFile(ours) as archive:
        assert archive.testzip() is None
        assert {name: archive.read(name) for name in archive.namelist()} == files


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


def test_a_module_body_is_rendered_once_for_the_site_and_every_lms_standard(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CYBERSAFE_JOBS", "1")  # in this process, so the renderings can be counted
    rendered: list[tuple[str, str, str | None]] = []
    module_body = views.ModuleView.body

    def counted(view: views.ModuleView, audience: str | None = None) -> str:
        rendered.append((view.module.id, view.lang, audience))
        return module_body(view, audience)

    monkeypatch.setattr(views.ModuleView, "body", counted)
    result = load_course(minimal)
    assert result.course is not None
    out = tmp_path / "site"
    building.build(result.course, minimal, out, ["scorm12"])
    once = len(rendered)
    assert once >= len(result.course.modules) * len(result.course.languages)
    building.build(result.course, minimal, out)  # the other standards, the site and the handbook
    assert len(rendered) == once  # every one of them reuses every body
    assert len(set(rendered)) == len(rendered)
    packages = sorted((out / "packages").rglob("*.zip"))
    assert {p.parent.name for p in packages} == {"scorm12", "scorm2004", "cmi5"}
    for package in packages:  # and each page still names its own standard and place
        with zipfile.ZipFile(package) as archive:
            page = next(archive.read(n).decode() for n in archive.namelist() if n.endswith("/index.html"))
        assert f'data-cs-adapter="{package.parent.name}"' in page
        assert 'data-cs-place="' in page and f'-{package.parent.name}"' in page
        assert "cs-module:" not in page and "cs-image:" not in page  # every link and image resolved
    for page in (out / "en").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "cs-module:" not in text and "cs-image:" not in text


def test_the_warm_up_leaves_the_workers_little_to_compile(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from builder.targets import mkdocs_plugin

    monkeypatch.setenv("CYBERSAFE_JOBS", "1")  # built here, as a worker forked after the warm-up would
    result = load_course(minimal)
    assert result.course is not None

    def theme_compiles(warm: bool) -> int:
        mkdocs_plugin._THEME_COMPILED.codes.clear()
        views._COMPILED.codes.clear()
        views.environment.cache_clear()  # nor templates its environments hold
        if warm:
            building.warm_up(minimal)
        before = len(mkdocs_plugin._THEME_COMPILED.codes) + len(views._COMPILED.codes)
        building.build(result.course, minimal, tmp_path / f"site-{warm}", ["site"])  # type: ignore[arg-type]
        return len(mkdocs_plugin._THEME_COMPILED.codes) + len(views._COMPILED.codes) - before

    cold, warmed = theme_compiles(False), theme_compiles(True)
    assert cold > 40  # the theme's and our templates, compiled by the build itself
    assert warmed < cold / 4  # only those named at render time (the page's language, icons)
