"""Writing outputs safely and reproducibly.

A build never touches a folder it did not make. ``prepare_output`` refuses an output folder that
is, contains or lies inside the sources, or that holds files without the marker a build writes.
Every build then takes a lock, tidies what killed builds left behind, writes into a staging
folder beside the output (a copy of the previous output, so targets replace only their parts)
and swaps it in at the end. A failed build removes its staging folder and leaves the output as
it was; a disk that is full or read-only gives one message that names the path.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path, PurePosixPath

#: 1980-01-01, the earliest time a zip entry can hold; used unless SOURCE_DATE_EPOCH says otherwise.
ZIP_EPOCH = 315532800
#: The file every build writes into its output: only folders that carry it are ever replaced.
MARKER = ".cybersafe-build"
MARKER_TEXT = "This folder was made by 'cybersafe build'; the next build replaces it.\n"
#: Folders of the repository that hold sources: the output may be none of them, nor inside one.
SOURCE_FOLDERS = ("curriculum", "quizzes", "builder", "tests", "docs", ".git")


class OutputError(Exception):
    """The output folder cannot be written: the message names the path and what to do."""


def prepare_output(out: Path, repo: Path) -> Path:
    """The resolved output folder, after refusing one that would overwrite sources or foreign files."""
    out = Path(os.path.abspath(out))
    try:
        out = out.resolve()
    except (OSError, RuntimeError) as exc:
        raise OutputError(f"the output folder {out} cannot be resolved ({exc}): choose another --out") from exc
    repo = repo.resolve()
    if out.exists() and not out.is_dir():
        raise OutputError(f"the output {out} is a file, not a folder: give --out a folder (new, or made by a build)")
    if repo.is_relative_to(out):
        raise OutputError(f"the output folder {out} contains the repository: choose a folder such as {repo / 'site'}")
    for name in SOURCE_FOLDERS:
        source = (repo / name).resolve()
        if out.is_relative_to(source) or (source.exists() and source.is_relative_to(out)):
            raise OutputError(
                f"the output folder {out} would overwrite the sources in {name}/: choose a folder such as "
                f"{repo / 'site'}"
            )
    if out.is_dir() and not (out / MARKER).is_file() and any(out.iterdir()):
        raise OutputError(
            f"the output folder {out} is not empty and was not made by 'cybersafe build' (it has no {MARKER} "
            "file): choose an empty or new folder; if it is an old build, delete it yourself and build again"
        )
    return out


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder that holds ``out``: one build at a time writes there."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(out.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise OutputError(
                f"another 'cybersafe build' is writing into {out.parent}: wait for it to finish, then build again"
            ) from exc
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _ours(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink() and (path / MARKER).is_file()


def tidy_litter(out: Path) -> list[Path]:
    """Restore or remove what killed builds left beside ``out``; returns what was removed.

    A kill between the two renames of the swap leaves no output but ``<name>.old-<pid>``: that
    previous output is put back. Staging folders and old outputs carry the marker (a staging
    folder gets it first); a stray folder without it, or an empty one, is left alone, unless empty.
    Call with the lock held, so no running build owns them.
    """
    removed = []
    olds = sorted(out.parent.glob(f"{out.name}.old-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    if not out.exists():
        for old in olds:
            if _ours(old):
                old.rename(out)
                break
    for stray in [*out.parent.glob(f"{out.name}.staging-*"), *out.parent.glob(f"{out.name}.old-*")]:
        if stray.is_dir() and not stray.is_symlink() and (_ours(stray) or not any(stray.iterdir())):
            shutil.rmtree(stray, ignore_errors=True)
            removed.append(stray)
    return removed


def disk_error(exc: OSError, out: Path) -> OutputError:
    """One clear message for a failed write, naming the path and what to do."""
    where = exc.filename or out
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        advice = "the disk is full: free some space, or give --out a folder on another disk"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        advice = "the folder is read-only: make it writable, or give --out a folder you can write to"
    else:
        advice = f"{exc.strerror or exc}: check the folder, or give --out another one"
    return OutputError(f"cannot write {where}: {advice}; the previous output is unchanged")


@contextmanager
def staged(site: Path, lock: bool = True) -> Iterator[Path]:
    """A staging copy of ``site``; swapped in only if the block finishes without an exception.

    Raises OutputError (after removing the staging folder) when the disk is full or read-only.
    With ``lock=False``, the caller already holds ``locked(site)``.
    """
    with locked(site) if lock else nullcontext():
        tidy_litter(site)
        staging = site.with_name(f"{site.name}.staging-{os.getpid()}")
        try:
            staging.mkdir()
            (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            if _ours(site):
                _copy_tree(site, staging)
            yield staging
            old = site.with_name(f"{site.name}.old-{os.getpid()}")
            if site.exists():
                site.rename(old)
            staging.rename(site)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise disk_error(exc, site) from exc
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        shutil.rmtree(old, ignore_errors=True)


def _copy_tree(source: Path, target: Path) -> None:
    """Copy a folder; unlike shutil.copytree, the first failed write raises its own OSError (with errno)."""
    for path in sorted(source.rglob("*")):
        copy = target / path.relative_to(source)
        if path.is_symlink():
            os.symlink(os.readlink(path), copy)
        elif path.is_dir():
            copy.mkdir(exist_ok=True)
        elif path.name != MARKER:
            shutil.copy2(path, copy)


def keep_only(folder: Path, names: Collection[str]) -> Path:
    """Make ``folder`` (a part of the staging folder that a target owns) hold nothing but the
    entries named in ``names``: what the target no longer makes goes, and so do partial files."""
    folder.mkdir(parents=True, exist_ok=True)
    for entry in folder.iterdir():
        if entry.name not in names:
            entry.unlink() if entry.is_file() or entry.is_symlink() else shutil.rmtree(entry)
    return folder


def zip_timestamp() -> tuple[int, int, int, int, int, int]:
    """The fixed time stamped on every zip entry: SOURCE_DATE_EPOCH if set, else 1980-01-01."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", ZIP_EPOCH)), ZIP_EPOCH)
    return time.gmtime(epoch)[:6]


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
