"""``cybersafe build``: check everything, then build the chosen targets into a staging folder
and swap it in, so a failed build leaves the previous output untouched.

Package targets run before the site, whose downloads page lists the packages they wrote.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from builder.model import Course
from builder.targets import site
from builder.targets.output import folder_files, staged, write_zip

TARGETS: tuple[str, ...] = ("site",)
log = logging.getLogger(__name__)


def build(course: Course, repo: Path, out: Path, targets: Sequence[str] = TARGETS) -> list[str]:
    """Build ``targets`` of ``course`` into ``out``; returns a line per thing built."""
    built = []
    with staged(out) as staging:
        if "site" in targets:
            site.build(course, staging, repo)
            built.append(f"site: {', '.join(course.languages)} -> {out}/")
        size = write_zip(staging / site.SITE_ZIP, folder_files(staging, exclude=(site.SITE_ZIP,)))
        built.append(f"site zip: {out / site.SITE_ZIP} ({size} bytes)")
    return built
