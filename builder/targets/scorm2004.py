"""SCORM 2004 4th edition packages, with only the default sequencing (choice and flow).

Limits of the 2004 data model: cmi.suspend_data 64000 characters, cmi.location 1000.
"""

from __future__ import annotations

from builder.render.i18n import N_
from builder.targets import register
from builder.targets.packages import Standard, package_target

NAME = "scorm2004"
STANDARD = Standard(
    name=NAME,
    label=N_("SCORM 2004 4th edition"),  # the downloads page translates it
    manifest="imsmanifest.xml",
    template="packages/scorm2004.xml",
    adapter="scorm2004",
    suspend_limit=64000,
    location_limit=1000,
    rank=1,
    summary="SCORM 2004 4th edition packages per module, path and language",
)
register(package_target(STANDARD))
