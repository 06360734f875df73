"""SCORM 2004 4th edition packages, with only the default sequencing (choice and flow).

Limits of the 2004 data model: cmi.suspend_data 64000 characters, cmi.location 1000.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builder.model import Course
from builder.targets.packages import Standard, build_standard

NAME = "scorm2004"
STANDARD = Standard(
    NAME, "SCORM 2004 4th edition", "imsmanifest.xml", "packages/scorm2004.xml", "scorm2004", 64000, 1000
)


def build(course: Course, staging: Path) -> list[dict[str, Any]]:
    return build_standard(course, staging, STANDARD)
