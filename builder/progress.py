"""Progress of long build steps: a bar with counts on a terminal, nothing in a pipe or in CI
(where the build prints one line per target when it ends, as before)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def wanted() -> bool:
    """A bar only for a person watching a terminal: not in CI, not when output goes to a file."""
    return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


def counted(items: Iterable[T], label: str, total: int) -> Iterator[T]:
    """``items`` as they come, with a bar "label: done/total" on a terminal."""
    if not wanted() or total <= 1:
        yield from items
        return
    try:
        from tqdm import tqdm
    except ImportError:  # an environment without the optional bar still builds
        yield from items
        return
    tqdm.monitor_interval = 0  # no monitor thread: the build forks its worker processes while a bar runs
    with tqdm(total=total, desc=label, unit="", leave=False, file=sys.stderr, dynamic_ncols=True) as bar:
        for item in items:
            yield item
            bar.update(1)
