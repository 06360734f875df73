"""``cybersafe build``: check everything, then build the chosen targets into a staging folder
and swap it in, so a failed build leaves the previous output untouched.

Package targets run before the site, whose downloads page lists the packages they wrote.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from builder.model import Course
from builder.targets import cmi5, packages, scorm12, scorm2004, site
from builder.targets.output import MARKER, folder_files, prepare_output, staged, write_zip

#: Package targets, built before the site so that its downloads page can list them.
PACKAGE_TARGETS = {scorm12.NAME: scorm12.build, scorm2004.NAME: scorm2004.build, cmi5.NAME: cmi5.build}
TARGETS: tuple[str, ...] = (*PACKAGE_TARGETS, site.NAME)


def build(course: Course, repo: Path, out: Path, targets: Sequence[str] = TARGETS) -> list[str]:
    """Build ``targets`` of ``course`` into ``out``; returns a line per thing built."""
    built = []
    out = prepare_output(out, repo)
    with staged(out) as staging:
        entries = []
        for name, build_packages in PACKAGE_TARGETS.items():
            if name in targets:
                made = build_packages(course, staging)
                entries += made
                built.append(f"{name}: {len(made)} packages -> {out}/{packages.PACKAGES}/{name}/")
        if entries:
            packages.write_index(staging, entries)
        if site.NAME in targets:
            site.build(course, staging, repo)
            built.append(f"site: {', '.join(course.languages)} -> {out}/")
        size = write_zip(staging / site.SITE_ZIP, folder_files(staging, exclude=(site.SITE_ZIP, MARKER)))
        built.append(f"site zip: {out / site.SITE_ZIP} ({size} bytes)")
    return built
