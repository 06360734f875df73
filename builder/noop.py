"""The no-op rebuild: when nothing a build reads has changed since the last successful build into
the same output, and that output is as the build left it, there is nothing to do.

``cybersafe build`` asks ``replay`` first, before it imports mkdocs or reads the course. The last
successful build recorded a manifest (beside the output, in its cache folder): the stats (size,
modification and change times, inode) of every input, that is every file of ``curriculum/`` and
``quizzes/``, the repository's top-level files (``mkdocs.yml``...), every file of the builder
itself (code, templates, runtime, catalogs), the folders the libraries are installed in, and of
every file of the output; plus the command line, ``SOURCE_DATE_EPOCH`` and the Python that ran
it, and what the build printed. If all of it is the same, ``replay`` prints the same and the
build is done. Any difference (a file added, removed, touched or changed, another target list,
another Python, a library installed) falls through to the full build, which then records anew.

An input modified within ``RACY_NS`` of the recording also carries its content's hash, checked
as well: an edit inside one tick of the file system's clock, keeping the size, is not missed.
The module imports only the standard library, so the answer comes in milliseconds.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "noop.json"
VERSION = "1"
RACY_NS = 2_000_000_000
BUILDER = Path(__file__).parent
#: Folders of the repository whose files the loader reads (with its top-level files).
INPUT_FOLDERS = ("curriculum", "quizzes")

Stats = dict[str, list[object]]


def cache_folder(out: Path) -> Path:
    """Where a build keeps what it needs to rebuild only what changed: beside the output, never
    in it, e.g. ``.site-cache/`` for ``site/``. Deleting it only makes the next build slower."""
    return out.with_name(f".{out.name}-cache")  # not "site.*": those are staging leftovers


@dataclass(frozen=True)
class Snapshot:
    """The inputs of one build as it starts, and what identifies the command."""

    command: dict[str, object]
    inputs: Stats


def _stat(path: str, entry_stat: os.stat_result, racy_after: int | None) -> list[object]:
    found: list[object] = [entry_stat.st_size, entry_stat.st_mtime_ns, entry_stat.st_ctime_ns, entry_stat.st_ino]
    if racy_after is not None and max(entry_stat.st_mtime_ns, entry_stat.st_ctime_ns) >= racy_after:
        found.append(_hash(path))
    return found


def _hash(path: str) -> str:
    hasher = hashlib.sha256()
    try:
        with open(path, "rb") as source:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                hasher.update(chunk)
    except OSError:
        return "-"
    return hasher.hexdigest()


def _walk(folder: Path, prefix: str, found: Stats, racy_after: int | None, seen: set[str] | None = None) -> None:
    """Every file under ``folder`` by name, following links (recorded too) into each real folder
    once, so a link loop costs nothing."""
    seen = set() if seen is None else seen
    real = os.path.realpath(folder)
    if real in seen:
        found[f"{prefix}@seen"] = [real]
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        found[prefix or "."] = ["unreadable"]
        return
    for entry in entries:
        name = f"{prefix}{entry.name}"
        try:
            if entry.is_symlink():
                found[f"{name}@"] = [os.readlink(entry.path)]
            if entry.is_dir():
                if entry.name != "__pycache__":
                    _walk(Path(entry.path), f"{name}/", found, racy_after, seen)
            else:
                found[name] = _stat(entry.path, os.stat(entry.path), racy_after)
        except OSError:
            found[name] = ["gone"]


def take(root: Path, out: Path, command: dict[str, object]) -> Snapshot:
    """The stats of every input of a build of ``root`` into ``out``, taken before it reads any."""
    racy_after = time.time_ns() - RACY_NS
    inputs: Stats = {}
    try:
        top = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        top = []
    for entry in top:
        if entry.is_file():
            inputs[f"root/{entry.name}"] = _stat(entry.path, os.stat(entry.path), racy_after)
    for name in INPUT_FOLDERS:
        _walk(root / name, f"root/{name}/", inputs, racy_after)
    _walk(BUILDER, "builder/", inputs, racy_after)
    if (BUILDER.parent / "mkdocs.yml").is_file():  # the project's mkdocs.yml, used when the course has none
        inputs["builder/../mkdocs.yml"] = _stat("", os.stat(BUILDER.parent / "mkdocs.yml"), None)
    for folder in sys.path:  # a library installed, removed or upgraded changes its folder's entries
        if folder.endswith(("site-packages", "dist-packages")):
            try:
                inputs[f"sys.path/{folder}"] = _stat("", os.stat(folder), None)
            except OSError:
                continue
    full = {
        **command,
        "version": VERSION,
        "root": str(root),
        "builder": str(BUILDER),
        "out": str(out),
        "python": [sys.version, sys.executable],
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", ""),
    }
    return Snapshot(full, inputs)


def _output_stats(out: Path) -> Stats:
    found: Stats = {}
    _walk(out, "", found, None)
    return found


def _matches(recorded: Stats, now: Stats, root: Path | None = None) -> bool:
    """Whether the stats are the same; an entry recorded with a hash (see RACY_NS) must have the
    same content too."""
    if recorded.keys() != now.keys():
        return False
    for name, then in recorded.items():
        current = now[name]
        if current[:4] != then[:4]:
            return False
        if len(then) > 4 and root is not None:
            if len(current) <= 4:  # no longer recent: hash it now
                current = [*current, _hash(str(_input_path(name, root)))]
            if current[4] != then[4]:
                return False
    return True


def _input_path(name: str, root: Path) -> Path:
    if name.startswith("root/"):
        return root / name.removeprefix("root/")
    return BUILDER / name.removeprefix("builder/")


def _unsettled(out: Path) -> bool:
    """Leftovers of a killed build beside the output: the full build tidies them."""
    return any(out.parent.glob(f"{out.name}.staging-*")) or any(out.parent.glob(f"{out.name}.old-*"))


def replay(snapshot: Snapshot, out: Path) -> bool:
    """If the last successful build had the same inputs and its output is untouched, print what it
    printed and return True; else False (and nothing printed)."""
    manifest = cache_folder(out) / MANIFEST
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(recorded, dict) or recorded.get("command") != snapshot.command:
        return False
    try:
        fd = os.open(out.parent, os.O_RDONLY)
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)  # no build is writing there
        except OSError:
            return False
        root = Path(str(snapshot.command["root"]))
        if _unsettled(out) or not _matches(recorded.get("inputs", {}), snapshot.inputs, root):
            return False
        if not _matches(recorded.get("outputs", {}), _output_stats(out)):
            return False
    finally:
        os.close(fd)
    if recorded.get("stderr"):
        print(recorded["stderr"], file=sys.stderr)
    print(recorded.get("stdout", ""))
    return True


def forget(out: Path) -> None:
    """Before a full build: whatever happens, the last manifest no longer describes the output."""
    with contextlib.suppress(OSError):
        (cache_folder(out) / MANIFEST).unlink(missing_ok=True)


def record(snapshot: Snapshot, out: Path, stdout: str, stderr: str) -> None:
    """After a successful build: the manifest ``replay`` compares the next build with."""
    manifest = cache_folder(out) / MANIFEST
    data = {
        "command": snapshot.command,
        "inputs": snapshot.inputs,
        "outputs": _output_stats(out),
        "stdout": stdout,
        "stderr": stderr,
    }
    try:
        manifest.parent.mkdir(parents=True, exist_ok=True)
        partial = manifest.with_name(MANIFEST + ".part")
        partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        partial.replace(manifest)
    except OSError:
        pass  # without a manifest, the next build is only slower
