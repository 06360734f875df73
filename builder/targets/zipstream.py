"""A deterministic zip of a folder, streamed from disk: memory stays flat however large the folder.

The archive is byte-identical to ``output.write_zip`` of the same files (same
entry order, times, permissions and compression), which reads every file into memory first.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from builder.targets.output import check_entry_name, zip_timestamp

CHUNK = 1 << 20


def folder_entries(folder: Path, exclude: tuple[str, ...] = ()) -> list[tuple[str, Path]]:
    """Every file under ``folder``, as (its POSIX path relative to it, the file), sorted by path."""
    entries = []
    for path in folder.rglob("*"):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and not any(name == e or name.startswith(e + "/") for e in exclude):
            entries.append((name, path))
    return sorted(entries)


def write_folder_zip(target: Path, entries: list[tuple[str, Path]]) -> int:
    """Zip ``entries`` (name in the zip, file; e.g. from folder_entries) into ``target``, sorted by
    name, a chunk at a time. Returns the archive's size in bytes."""
    stamp = zip_timestamp()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, path in sorted(entries):
            check_entry_name(name)
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, as output.write_zip does
            info.file_size = path.stat().st_size  # known in advance, so the header is the same as writestr's
            with path.open("rb") as source, archive.open(info, "w") as entry:
                shutil.copyfileobj(source, entry, CHUNK)
    partial.replace(target)
    return target.stat().st_size
