"""SCORM 1.2 packages (the default): what Moodle implements fully.

Limits of the 1.2 data model: cmi.suspend_data 4096 characters, cmi.core.lesson_location 255.
"""

from __future__ import annotations

from builder.targets import register
from builder.targets.packages import Standard, package_target

NAME = "scorm12"
STANDARD = Standard(
    name=NAME,
    label="SCORM 1.2",
    manifest="imsmanifest.xml",
    template="packages/scorm12.xml",
    adapter="scorm12",
    suspend_limit=4096,
    location_limit=255,
    rank=0,
    summary="SCORM 1.2 packages per module, path and language: the default, which Moodle implements fully",
)
register(package_target(STANDARD))
