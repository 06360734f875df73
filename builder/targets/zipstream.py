"""Deterministic zips, written entry by entry: the layout Python's zipfile writes for the same
entries (sorted names, fixed times and permissions, deflate; the tests compare the bytes), but:

- deflated by zlib-ng rather than zlib: faster, and smaller (see LEVEL); it ships inside its
  wheel, so every machine writes the same bytes (zlib's can change with the system's zlib);
- with the compression done apart from the writing, so that entries are compressed by several
  threads at once (the compressor lets go of the interpreter while it works), a window at a time,
  so a big zip uses every core and memory stays flat;
- bytes already compressed in this process (the runtime's files, in every one of hundreds of
  packages) are not compressed again.

Only what the course needs: deflated entries, ASCII names, archives below 4 GB (refused above).
"""

from __future__ import annotations

import hashlib
import struct
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from zlib_ng import zlib_ng

from builder.targets.output import check_entry_name, zip_timestamp

# zlib-ng's level 7: on the shipped course's packages, 0.4 % smaller than zlib's default level (6),
# used before, in 70 % of its time; zlib-ng's 6 is faster still but 0.03 % larger, and the
# packages must not compress worse than they did.
LEVEL = 7
WINDOW = 32  # entries compressed at once: enough for the threads, little memory
LIMIT = 0xFFFFFFFF  # beyond this a zip needs ZIP64, which nothing here writes
LOCAL = struct.Struct("<4s2B4HL2L2H")
CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
END = struct.Struct("<4s4H2LH")
VERSION = 20  # deflate: what zipfile writes as the version needed and made by
UNIX = 3
PERMISSIONS = 0o644 << 16

#: Deflated small files by (length, digest): a package's runtime files recur in every package.
_COMPRESSED: dict[tuple[int, bytes], bytes] = {}
_REMEMBER_UP_TO = 256 << 10  # the largest file remembered (bytes)
_REMEMBER_AT_MOST = 16 << 20  # deflated bytes kept in this process
_remembered = 0
_lock = threading.Lock()


def folder_entries(folder: Path, exclude: tuple[str, ...] = ()) -> list[tuple[str, Path]]:
    """Every file under ``folder``, as (its POSIX path relative to it, the file), sorted by path."""
    entries = []
    for path in folder.rglob("*"):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and not any(name == e or name.startswith(e + "/") for e in exclude):
            entries.append((name, path))
    return sorted(entries)


def write_zip(target: Path, files: dict[str, bytes]) -> int:
    """A zip of ``files`` (name in the zip -> bytes), sorted by name. Returns its size in bytes."""
    return write_entries(target, sorted(files.items()))


def write_folder_zip(target: Path, entries: list[tuple[str, Path]], stored: tuple[str, ...] = ()) -> int:
    """Zip ``entries`` (name in the zip, file on disk; e.g. from folder_entries) into ``target``,
    sorted by name, reading each file only when its turn comes; files whose names end with one of
    ``stored`` go in as they are. Returns the archive's size."""
    return write_entries(target, sorted(entries), stored)


def write_entries(target: Path, entries: Sequence[tuple[str, bytes | Path]], stored: tuple[str, ...] = ()) -> int:
    """Write ``entries`` (name, data or file), in the order given, into ``target`` by way of a
    ``.part`` file renamed at the end; names ending with one of ``stored`` are not compressed
    (files that are compressed already). Returns the archive's size in bytes."""
    for name, _ in entries:
        check_entry_name(name)
    date_time = zip_timestamp()
    dos_time = date_time[3] << 11 | date_time[4] << 5 | date_time[5] // 2
    dos_date = (date_time[0] - 1980) << 9 | date_time[1] << 5 | date_time[2]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    central = bytearray()
    with partial.open("wb") as out:
        for name, method, crc, size, data in _compressed(entries, stored):
            offset = out.tell()
            encoded = name.encode("ascii")
            fields = (VERSION, 0, 0, method, dos_time, dos_date, crc, len(data), size, len(encoded))
            out.write(LOCAL.pack(b"PK\x03\x04", *fields, 0))
            out.write(encoded)
            out.write(data)
            central += CENTRAL.pack(b"PK\x01\x02", VERSION, UNIX, *fields, 0, 0, 0, 0, PERMISSIONS, offset)
            central += encoded
            if out.tell() > LIMIT:
                raise OSError(f"{target.name} would be larger than 4 GB, which needs ZIP64")
        start = out.tell()
        out.write(central)
        out.write(END.pack(b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), start, 0))
        size = out.tell()
    partial.replace(target)
    return size


STORED, DEFLATED = 0, 8  # the zip's compression methods


def _compressed(
    entries: Sequence[tuple[str, bytes | Path]], stored: tuple[str, ...]
) -> Iterator[tuple[str, int, int, int, bytes]]:
    """(name, method, CRC-32, size, data as written) of each entry, in order, a window at a time."""
    from builder.targets.units import jobs

    def one(entry: tuple[str, bytes | Path]) -> tuple[int, int, int, bytes]:
        name, source = entry
        if stored and name.endswith(stored):
            data = source.read_bytes() if isinstance(source, Path) else source
            return STORED, zlib_ng.crc32(data), len(data), data
        return DEFLATED, *_deflate(source)

    threads = min(jobs(), 8)
    if threads == 1 or len(entries) < 2:
        for entry in entries:
            yield (entry[0], *one(entry))
        return
    with ThreadPoolExecutor(threads) as pool:
        for start in range(0, len(entries), WINDOW):
            window = entries[start : start + WINDOW]
            for (name, _), result in zip(window, pool.map(one, window), strict=True):
                yield (name, *result)


def _deflate(source: bytes | Path) -> tuple[int, int, bytes]:
    global _remembered
    data = source.read_bytes() if isinstance(source, Path) else source
    key = (len(data), hashlib.sha1(data, usedforsecurity=False).digest()) if len(data) <= _REMEMBER_UP_TO else None
    deflated = _COMPRESSED.get(key) if key is not None else None
    if deflated is None:
        compressor = zlib_ng.compressobj(LEVEL, zlib_ng.DEFLATED, -15)
        deflated = compressor.compress(data) + compressor.flush()
        if key is not None:
            with _lock:
                if _remembered + len(deflated) > _REMEMBER_AT_MOST:
                    _COMPRESSED.clear()
                    _remembered = 0
                _COMPRESSED[key] = deflated
                _remembered += len(deflated)
    return zlib_ng.crc32(data), len(data), deflated
