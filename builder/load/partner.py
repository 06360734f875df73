"""Reading a course's files in two processes at once.

The load is the one step of ``check`` and ``build`` that runs before any worker exists: one
process parsed every page and quiz while the other cores waited. While the files are read
(``reading_in_two``), a forked copy of the loading process reads every other file that
``memo.remembered`` is asked for and sends back what it read, pickled: the result and what it
reported. This process reads the rest and takes the copy's results in turn.

Both processes make the same calls in the same order, since which files there are is known
before any is read, so the n-th call names the same file in both. Each result names its file
and key, and one that does not match, or never comes (the copy failed), is read here instead:
the course and its diagnostics are the same as when one process reads everything.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from builder.diagnostics import Report

_HEADER = struct.Struct("<QQ")  # the call's number, the length of the pickle that follows
_wanted = False


def enable() -> None:
    """Read in two processes from now on, where there are two cores (``check`` and ``build``)."""
    global _wanted
    _wanted = True


def disable() -> None:
    global _wanted
    _wanted = False


class Partner:
    """One side of the pair: which calls it reads, and how results cross."""

    def __init__(self, copy: bool, fd: int) -> None:
        self.copy = copy  # the forked copy: it reads the odd calls and sends what it read
        self.fd = fd
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
        return turn, (turn % 2 == 1) == self.copy

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
    each reading every other file (see the module's notes). The copy ends with the body."""
    global _partner
    # Forking copies only the calling thread: with others running (a preview's server), a lock
    # one of them holds would never be released in the copy. There, and on one core, read alone.
    if not _wanted or _partner is not None or not hasattr(os, "fork") or threading.active_count() > 1 or _cores() < 2:
        yield
        return
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: it never returns from the body
        os.close(readable)
        _partner = Partner(copy=True, fd=writable)
        try:
            yield
        finally:
            os._exit(0)
    os.close(writable)
    _partner = Partner(copy=False, fd=readable)
    try:
        yield
    except BaseException:
        os.kill(pid, signal.SIGKILL)  # what it still reads, nobody needs
        raise
    finally:
        _partner = None
        os.waitpid(pid, 0)


def _cores() -> int:
    from builder.targets.units import jobs

    return jobs()
