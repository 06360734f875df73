"""cmi5 packages: cmi5.xml with one AU per module; the AU reports through xAPI.

The saved state is an xAPI State document, with no length limit of the standard's own.
"""

from __future__ import annotations

from builder.targets import register
from builder.targets.packages import Standard, package_target

NAME = "cmi5"
STANDARD = Standard(
    name=NAME,
    label="cmi5",
    manifest="cmi5.xml",
    template="packages/cmi5.xml",
    adapter="cmi5",
    suspend_limit=None,
    location_limit=None,
    rank=2,
    summary="cmi5 packages (xAPI) per module, path and language",
)
register(package_target(STANDARD))
