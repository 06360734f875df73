"""The no-op rebuild: when nothing a build reads has changed since the last successful build into
the same output, and that output is as the build left it, there is nothing to do.

``cybersafe build`` asks ``replay`` first, before it imports mkdocs or reads the course. The last
successful build recorded a manifest (beside the output, in its cache folder): every input, that
is every file of ``curriculum/`` and ``quizzes/``, the repository's top-level files
(``mkdocs.yml``...) and every file of the builder itself (code, templates, runtime, catalogs),
with its content's hash; the folders the libraries are installed in; every file of the output,
by its stats (size, modification and change times, inode); plus the command line,
``SOURCE_DATE_EPOCH`` and the Python that ran it, and what the build printed. If all of it is
the same, ``replay`` prints the same and the build is done. Any difference (a file added,
removed or changed, another target list, another Python, a library installed) falls through to
the full build, which then records anew.

Inputs are compared by content, so a file saved again unchanged (an editor, a checkout) is no
change; hashing them costs milliseconds. The hashes are taken before the build reads anything:
an edit made while it runs is a difference the next time. The module imports only the standard
library, so the answer comes in milliseconds.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "noop.json"
VERSION = "2"
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


def _stat(path: str, entry_stat: os.stat_result, by_content: bool) -> list[object]:
    """An input file by its content ("#" and its hash); any other entry by its stats."""
    if by_content:
        return ["#", _hash(path)]
    return [entry_stat.st_size, entry_stat.st_mtime_ns, entry_stat.st_ctime_ns, entry_stat.st_ino]


def _hash(path: str) -> str:
    hasher = hashlib.sha256()
    try:
        with open(path, "rb") as source:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                hasher.update(chunk)
    except OSError:
        return "-"
    return hasher.hexdigest()


def _walk(folder: Path, prefix: str, found: Stats, by_content: bool, seen: set[str] | None = None) -> None:
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
                    _walk(Path(entry.path), f"{name}/", found, by_content, seen)
            else:
                found[name] = _stat(entry.path, os.stat(entry.path), by_content)
        except OSError:
            found[name] = ["gone"]


def take(root: Path, out: Path, command: dict[str, object]) -> Snapshot:
    """The stats of every input of a build of ``root`` into ``out``, taken before it reads any."""
    inputs: Stats = {}
    try:
        top = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        top = []
    for entry in top:
        if entry.is_file():
            inputs[f"root/{entry.name}"] = _stat(entry.path, os.stat(entry.path), True)
    for name in INPUT_FOLDERS:
        _walk(root / name, f"root/{name}/", inputs, True)
    _walk(BUILDER, "builder/", inputs, True)
    project_config = BUILDER.parent / "mkdocs.yml"  # the project's, used when the course has none
    if project_config.is_file():
        inputs["builder/../mkdocs.yml"] = _stat(str(project_config), os.stat(project_config), True)
    for folder in sys.path:  # a library installed, removed or upgraded changes its folder's entries
        if folder.endswith(("site-packages", "dist-packages")):
            try:
                inputs[f"sys.path/{folder}"] = _stat("", os.stat(folder), False)
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
    _walk(out, "", found, False)
    return found


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
        if _unsettled(out) or recorded.get("inputs") != snapshot.inputs:
            return False
        if recorded.get("outputs") != _output_stats(out):
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
