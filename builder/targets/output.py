"""Writing outputs safely and reproducibly.

Every build writes into a staging folder beside ``site/`` that starts as a copy of the current
output; targets replace only their own parts; the staging folder is swapped in at the end. A
failed build removes its staging folder and leaves ``site/`` as it was.
"""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

#: 1980-01-01, the earliest time a zip entry can hold; used unless SOURCE_DATE_EPOCH says otherwise.
ZIP_EPOCH = 315532800


@contextmanager
def staged(site: Path) -> Iterator[Path]:
    """A staging copy of ``site``; swapped in only if the block finishes without an exception."""
    staging = site.with_name(f"{site.name}.staging-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    if site.exists():
        shutil.copytree(site, staging, symlinks=True)
    else:
        staging.mkdir(parents=True)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = site.with_name(f"{site.name}.old-{os.getpid()}")
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def replace_dir(path: Path) -> Path:
    """Empty ``path`` (a part of the staging folder that a target owns) and return it."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def zip_timestamp() -> tuple[int, int, int, int, int, int]:
    """The fixed time stamped on every zip entry: SOURCE_DATE_EPOCH if set, else 1980-01-01."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", ZIP_EPOCH)), ZIP_EPOCH)
    return time.gmtime(epoch)[:6]


def write_zip(target: Path, files: dict[str, bytes]) -> int:
    """A deterministic zip: sorted entries, fixed times and permissions, safe relative names.

    Returns its size in bytes. The same ``files`` always give byte-identical archives.
    """
    stamp = zip_timestamp()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            check_entry_name(name)
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, so the permissions above are read the same everywhere
            archive.writestr(info, files[name])
    partial.replace(target)
    return target.stat().st_size


def check_entry_name(name: str) -> None:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name or not name or not name.isascii():
        raise ValueError(f"unsafe name for a zip entry: {name!r}")


def folder_files(folder: Path, exclude: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under ``folder`` keyed by its POSIX path relative to it."""
    files = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and not any(name == e or name.startswith(e + "/") for e in exclude):
            files[name] = path.read_bytes()
    return files


def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} B"
