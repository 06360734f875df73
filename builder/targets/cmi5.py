"""cmi5 packages: cmi5.xml with one AU per module; the AU reports through xAPI.

The saved state is an xAPI State document, with no length limit of the standard's own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builder.model import Course
from builder.targets.packages import Standard, build_standard

NAME = "cmi5"
STANDARD = Standard(NAME, "cmi5", "cmi5.xml", "packages/cmi5.xml", "cmi5", None, None)


def build(course: Course, staging: Path) -> list[dict[str, Any]]:
    return build_standard(course, staging, STANDARD)
