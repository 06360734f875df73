"""Files that did not change are not parsed again: in memory while ``cybersafe serve`` runs, and
on disk from one ``cybersafe check`` or ``build`` to the next.

An author saves one module; the preview reloads the whole course. Parsing every module and quiz
again is most of that reload, so the preview remembers each clean result by the file's bytes
and what else it was read with. Only clean results are kept: a file with a problem is read
afresh each time, so a fix elsewhere (an image added, a resource id defined) is seen at once.
A page's images are compared with the files on disk before its result is used again
(``current``).

On disk (``enable_disk``), the results live in the user's cache folder
(``~/.cache/cybersafe/load/<the course folder's digest>/``), never in the course: ``check`` writes
nothing there, and a course copied from elsewhere brings no cache with it. One file per source
file, replaced when it changes and removed when its file is gone; a course folder not checked
for 30 days loses its entries. Entries are pickles, and unpickling runs code: each is signed
with a key of this user's (``~/.cache/cybersafe/key``, readable by the user only), and one not
signed with it is never unpickled. Each also names the builder's version: another builder reads
afresh.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from builder.diagnostics import Report
from builder.load import partner

T = TypeVar("T")

_results: dict[tuple[str, Hashable], tuple[bytes, Any]] | None = None
_disk: Path | None = None  # the folder of results on disk, when enabled
_signing_key: bytes = b""
_used: set[str] = set()  # the disk entries this load read or wrote


def enable_disk(root: Path) -> None:
    """Keep clean results of the course under ``root`` on disk too, for the next command; quietly
    off where the user's cache folder cannot be written."""
    global _disk, _signing_key
    home = _cache_home()
    key = _machine_key(home)
    if key is None:
        return
    folder = home / "load" / hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.utime(folder)  # in use: see _forget_old_courses
        _forget_old_courses(folder.parent)
    except OSError:
        return
    _disk, _signing_key = folder, key
    _used.clear()


def _cache_home() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cybersafe"


def _forget_old_courses(folder: Path, days: int = 30) -> None:
    """Remove the entries of course folders no command has read for ``days`` (temporary copies)."""
    import shutil
    import time

    for course in folder.iterdir():
        if course.is_dir() and course.stat().st_mtime < time.time() - days * 86400:
            shutil.rmtree(course, ignore_errors=True)


def _machine_key(home: Path) -> bytes | None:
    path = home / "key"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        home.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(os.urandom(32))
        return path.read_bytes()
    except FileExistsError:  # another command made it meanwhile
        return path.read_bytes()
    except OSError:
        return None


def forget_unused() -> None:
    """After a whole load: remove the disk entries of files that are gone or no longer clean."""
    if _disk is None:
        return
    for entry in _disk.glob("*.pickle"):
        if entry.name not in _used:
            entry.unlink(missing_ok=True)


def _stable(key: Hashable) -> str:
    """A key's text, the same in every process (sets are listed sorted)."""
    if isinstance(key, (frozenset, set)):
        return repr(sorted(map(_stable, key)))
    if isinstance(key, tuple):
        return "(" + ", ".join(map(_stable, key)) + ")"
    return repr(key)


def _disk_entry(path: Path, key: Hashable) -> Path:
    assert _disk is not None
    return _disk / (hashlib.sha256(f"{path}\0{_stable(key)}".encode()).hexdigest()[:40] + ".pickle")


def _from_disk(entry: Path, digest: bytes) -> Any:
    from builder.targets.units import builder_id

    try:
        data = entry.read_bytes()
    except OSError:
        return None
    signature, payload = data[:32], data[32:]
    if not hmac.compare_digest(signature, hmac.new(_signing_key, payload, "sha256").digest()):
        return None  # not written by this machine's user: never unpickled
    try:
        kept_digest, version, result = pickle.loads(payload)
    except Exception:  # a damaged or outdated entry is only a slower load
        return None
    return result if kept_digest == digest and version == builder_id() else None


def _to_disk(entry: Path, digest: bytes, result: Any) -> None:
    from builder.targets.units import builder_id

    try:
        payload = pickle.dumps((digest, builder_id(), result), protocol=pickle.HIGHEST_PROTOCOL)
        partial = entry.with_name(f"{entry.name}.{os.getpid()}.part")
        partial.write_bytes(hmac.new(_signing_key, payload, "sha256").digest() + payload)
        partial.replace(entry)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return


def enable() -> None:
    """Remember clean results from now on, in this process (the preview's)."""
    global _results
    if _results is None:
        _results = {}


def disable() -> None:
    """Forget everything and read every file again (for tests)."""
    global _results, _disk
    _results = None
    _disk = None


def remembered(
    path: Path,
    key: Hashable,
    report: Report,
    read: Callable[[Report], T | None],
    current: Callable[[T], bool] = lambda _: True,
) -> T | None:
    """``read(report)``'s result for ``path``, parsed again if the file's bytes or ``key`` changed,
    or if ``current(result)`` says that what else it read (a page's images) has changed;
    whatever ``read`` reports goes to ``report``.

    While a course is read in two processes (see partner.py), the other process reads a share of
    the calls and sends back what it read."""
    pair = partner.current()
    if pair is not None:
        turn, here = pair.take_turn()
        if pair.copy:
            if here:
                own, parsed = Report(), []

                def parse(into: Report) -> T | None:
                    parsed.append(path)
                    return read(into)

                result = _remembered(path, key, own, parse, current)
                if parsed:
                    pair.send(turn, path, key, result, own)
                else:  # kept from an earlier command: the loading process takes it from disk itself
                    pair.skip(turn)
            return None  # what the copy gathers goes nowhere: it only reads for the other
        if not here and (sent := pair.receive(turn, path, key)) is not None:
            result, own = sent
            report.extend(own)
            _read_elsewhere(path, key, clean=result is not None and not own.items)
            return result  # type: ignore[no-any-return]
    return _remembered(path, key, report, read, current)


def _read_elsewhere(path: Path, key: Hashable, clean: bool) -> None:
    """Note a result the other process of a pair read: its disk entry (written there, if clean) is
    in use. It is not kept in memory: which bytes of the file it was read from is not known here."""
    if _results is not None:
        _results.pop((str(path), key), None)
    if _disk is not None and clean:
        _used.add(_disk_entry(path, key).name)


def _remembered(
    path: Path,
    key: Hashable,
    report: Report,
    read: Callable[[Report], T | None],
    current: Callable[[T], bool],
) -> T | None:
    if _results is None and _disk is None:
        return read(report)
    try:
        data = path.read_bytes()
    except OSError:
        return read(report)
    # One entry per file and key, replaced when the file changes: a long preview keeps no old versions.
    digest, slot = hashlib.sha256(data).digest(), (str(path), key)
    kept = _results.get(slot) if _results is not None else None
    if kept is not None and kept[0] == digest and current(kept[1]):
        return kept[1]  # type: ignore[no-any-return]
    entry = _disk_entry(path, key) if _disk is not None else None
    if entry is not None:
        stored = _from_disk(entry, digest)
        if stored is not None and current(stored):
            _used.add(entry.name)
            if _results is not None:
                _results[slot] = (digest, stored)
            return stored  # type: ignore[no-any-return]
    own = Report()
    result = read(own)
    report.extend(own)
    clean = result is not None and not own.items
    if _results is not None:
        if clean:
            _results[slot] = (digest, result)
        else:
            _results.pop(slot, None)
    if entry is not None and clean:
        _to_disk(entry, digest, result)
        _used.add(entry.name)
    return result
