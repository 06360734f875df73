"""The whole output as one zip, for a USB stick or a partner: built last, whatever else was built."""

from __future__ import annotations

from builder.targets import BuildContext, Output, Target, register
from builder.targets.output import MARKER, folder_files, write_zip
from builder.targets.site import SITE_ZIP


def build(context: BuildContext) -> list[str]:
    size = write_zip(context.staging / SITE_ZIP, folder_files(context.staging, exclude=(SITE_ZIP, MARKER)))
    return [f"site zip: {SITE_ZIP} ({size} bytes)"]


TARGET = register(
    Target(
        name="site-zip",
        summary=f"{SITE_ZIP}: everything built, in one zip",
        build=build,
        outputs=lambda course: [Output(SITE_ZIP, "the site zip", course.pos)],
        needs=("*",),
        always=True,
    )
)
