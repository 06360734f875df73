"""Reading a course's files in two processes at once.

The load is the one step of ``check`` and ``build`` that runs before any worker exists: one
process parsed every page and quiz while the other cores waited. While the files are read
(``reading_in_two``), a forked copy of the loading process reads files too and sends back what
it read, pickled: the result and what it reported. The loading process first does the work it
was given for meanwhile (a build's warm-up, which its workers then inherit), then reads its
share of the files and takes the copy's results in turn.

Both processes make the same calls in the same order, since which files there are is known
before any is read, so the n-th call names the same file in both. The copy reads every call
until the loading process is done with its other work; from the call the copy has reached then,
they take turns (a little memory both share says where that is). Each result names its file
and key, and one that does not match, or never comes (the copy failed), is read here instead:
the course and its diagnostics are the same as when one process reads everything.
"""

from __future__ import annotations

import mmap
import multiprocessing
import os
import pickle
import signal
import struct
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from builder.diagnostics import Report

_HEADER = struct.Struct("<QQ")  # the call's number, the length of the pickle that follows
_SHARED = struct.Struct("<qq")  # the calls the copy has read alone, the call the turns start at (-1: not yet)
_wanted = False
_meanwhile: Callable[[], None] | None = None


def enable(meanwhile: Callable[[], None] | None = None) -> None:
    """Read in two processes from now on, where there are two cores (``check`` and ``build``);
    the loading process does ``meanwhile`` first, while the copy starts reading."""
    global _wanted, _meanwhile
    _wanted, _meanwhile = True, meanwhile


def disable() -> None:
    global _wanted, _meanwhile
    _wanted, _meanwhile = False, None


class Partner:
    """One side of the pair: which calls it reads, and how results cross."""

    def __init__(self, copy: bool, fd: int, shared: mmap.mmap, lock: Any) -> None:
        self.copy = copy  # the forked copy: it sends what it reads
        self.fd = fd
        self.shared = shared  # see _SHARED
        self.lock = lock
        self.calls = 0
        self.arrived: dict[int, bytes] = {}
        self.ended = False
        self.changed = threading.Condition()
        if not copy:
            threading.Thread(target=self._collect, name="load-partner", daemon=True).start()

    def take_turn(self) -> tuple[int, bool]:
        """The next call's number, and whether this process reads its file."""
        turn = self.calls
        self.calls += 1
        with self.lock:
            alone, turns_from = _SHARED.unpack(self.shared)
            if turns_from < 0:  # only the copy reads before the turns start
                _SHARED.pack_into(self.shared, 0, alone + 1, turns_from)
                return turn, True
        if turn < turns_from:
            return turn, self.copy
        return turn, ((turn - turns_from) % 2 == 1) == self.copy

    def take_turns(self) -> None:
        """(In the loading process, before its first call) from the copy's next call on, take turns."""
        with self.lock:
            alone, _ = _SHARED.unpack(self.shared)
            _SHARED.pack_into(self.shared, 0, alone, alone)

    def send(self, turn: int, path: Path, key: Hashable, result: Any, report: Report) -> None:
        """(In the copy) what one call read, for the loading process; nothing, if it cannot be
        pickled (that process then reads it itself)."""
        try:
            blob = pickle.dumps((str(path), key, result, report), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            blob = b""
        self._write(turn, blob)

    def skip(self, turn: int) -> None:
        """(In the copy) leave call ``turn`` to the loading process."""
        self._write(turn, b"")

    def _write(self, turn: int, blob: bytes) -> None:
        data = memoryview(_HEADER.pack(turn, len(blob)) + blob)
        while data:
            data = data[os.write(self.fd, data) :]

    def receive(self, turn: int, path: Path, key: Hashable) -> tuple[Any, Report] | None:
        """(In the loading process) what the copy read for call ``turn``; None if it sent nothing
        for it, or something for another file."""
        with self.changed:
            self.changed.wait_for(lambda: turn in self.arrived or self.ended)
            blob = self.arrived.pop(turn, b"")
        if not blob:
            return None
        sent_path, sent_key, result, report = pickle.loads(blob)
        if (sent_path, sent_key) != (str(path), key):
            return None
        return result, report

    def _collect(self) -> None:
        """Keep what arrives, by call, until the copy closes its end. The pickles are undone only
        when their turn comes, by the loading thread: this one only waits, and waiting on a pipe
        lets go of the interpreter."""
        with os.fdopen(self.fd, "rb") as pipe:
            while len(header := pipe.read(_HEADER.size)) == _HEADER.size:
                turn, length = _HEADER.unpack(header)
                blob = pipe.read(length)
                if len(blob) != length:
                    break
                with self.changed:
                    self.arrived[turn] = blob
                    self.changed.notify_all()
        with self.changed:
            self.ended = True
            self.changed.notify_all()


_partner: Partner | None = None


def current() -> Partner | None:
    return _partner


@contextmanager
def reading_in_two() -> Iterator[None]:
    """Run the body (the reading of a course's files) in this process and in a forked copy of it,
    each reading its share of the files (see the module's notes); this process does the work
    given for meanwhile first. The copy ends with the body."""
    global _partner
    # Forking copies only the calling thread: with others running (a preview's server), a lock
    # one of them holds would never be released in the copy. There, and on one core, read alone.
    if not _wanted or _partner is not None or not hasattr(os, "fork") or _other_threads() or _cores() < 2:
        if _wanted and _meanwhile is not None:
            _meanwhile()
        yield
        return
    readable, writable = os.pipe()
    shared, lock = mmap.mmap(-1, _SHARED.size), multiprocessing.get_context("fork").Lock()  # shared once forked
    _SHARED.pack_into(shared, 0, 0, -1)
    pid = os.fork()
    if pid == 0:  # the copy: it never returns from the body
        os.close(readable)
        _partner = Partner(copy=True, fd=writable, shared=shared, lock=lock)
        try:
            yield
        finally:
            os._exit(0)
    os.close(writable)
    _partner = Partner(copy=False, fd=readable, shared=shared, lock=lock)
    try:
        if _meanwhile is not None:
            _meanwhile()
        _partner.take_turns()
        yield
    except BaseException:
        os.kill(pid, signal.SIGKILL)  # what it still reads, nobody needs
        raise
    finally:
        _partner = None
        os.waitpid(pid, 0)


def _other_threads() -> bool:
    return threading.active_count() > 1


def _cores() -> int:
    from builder.targets.units import jobs

    return jobs()
