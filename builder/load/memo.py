"""Files that did not change are not parsed again, while ``cybersafe serve`` runs.

An author saves one module; the preview reloads the whole course. Parsing every module and quiz
again is most of that reload, so the preview remembers each clean result by the file's bytes
and what else it was read with. Only clean results are kept: a file with a problem is read
afresh each time, so a fix elsewhere (an image added, a resource id defined) is seen at once.
A page's images are compared with the files on disk before its result is used again
(``current``).

``cybersafe build`` and ``check`` never turn this on: each reads every file once anyway.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from builder.diagnostics import Report

T = TypeVar("T")

_results: dict[tuple[str, Hashable], tuple[bytes, Any]] | None = None


def enable() -> None:
    """Remember clean results from now on, in this process (the preview's)."""
    global _results
    if _results is None:
        _results = {}


def disable() -> None:
    """Forget everything and read every file again (for tests)."""
    global _results
    _results = None


def remembered(
    path: Path,
    key: Hashable,
    report: Report,
    read: Callable[[Report], T | None],
    current: Callable[[T], bool] = lambda _: True,
) -> T | None:
    """``read(report)``'s result for ``path``, parsed again if the file's bytes or ``key`` changed,
    or if ``current(result)`` says that what else it read (a page's images) has changed;
    whatever ``read`` reports goes to ``report``."""
    if _results is None:
        return read(report)
    try:
        data = path.read_bytes()
    except OSError:
        return read(report)
    # One entry per file and key, replaced when the file changes: a long preview keeps no old versions.
    digest, slot = hashlib.sha256(data).digest(), (str(path), key)
    kept = _results.get(slot)
    if kept is not None and kept[0] == digest and current(kept[1]):
        return kept[1]  # type: ignore[no-any-return]
    own = Report()
    result = read(own)
    report.extend(own)
    if result is not None and not own.items:
        _results[slot] = (digest, result)
    else:
        _results.pop(slot, None)
    return result
