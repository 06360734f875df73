"""SCORM 1.2 packages (the default): what Moodle implements fully.

Limits of the 1.2 data model: cmi.suspend_data 4096 characters, cmi.core.lesson_location 255.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builder.model import Course
from builder.targets.packages import Standard, build_standard

NAME = "scorm12"
STANDARD = Standard(NAME, "SCORM 1.2", "imsmanifest.xml", "packages/scorm12.xml", "scorm12", 4096, 255)


def build(course: Course, staging: Path) -> list[dict[str, Any]]:
    return build_standard(course, staging, STANDARD)
