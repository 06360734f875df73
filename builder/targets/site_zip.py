"""The whole output as one zip, for a USB stick or a partner: built last, whatever else was built.

The zip is streamed from disk (builder.targets.zipstream), and kept as it is when no file of the
output changed since it was made (the files' hashes are remembered by size and time, so an
unchanged output is not read again)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from builder.targets import BuildContext, Output, Target, register, units
from builder.targets.output import MARKER
from builder.targets.site import SITE_ZIP
from builder.targets.zipstream import folder_entries, write_folder_zip

#: The one folder the zip unpacks into, so unzipping never scatters files beside the zip.
FOLDER = "cybersafe-site"
#: Files stored as they are: deflating the LMS packages again took a third of the zip's time
#: and saved 1 % of their size.
COMPRESSED_ALREADY = (".zip",)


def build(context: BuildContext) -> list[str]:
    staging = context.staging
    store = units.KeyStore(context.cache, "site-zip")
    memo_path = context.cache / "site-zip-files.json" if context.cache is not None else None
    memo = _read_memo(memo_path)
    hashes: dict[str, list[object]] = {}
    entries = zip_entries(staging)
    for name, path in entries:
        stat = path.stat()
        known = memo.get(name)
        if known is not None and known[:2] == [stat.st_size, stat.st_mtime_ns]:
            hashes[name] = known
        else:
            hashes[name] = [stat.st_size, stat.st_mtime_ns, _file_hash(path)]
    key = units.digest(units.builder_id(), json.dumps([[name, entry[2]] for name, entry in hashes.items()]))
    if store.fresh(SITE_ZIP, key, staging / SITE_ZIP):
        line = f"site zip: {SITE_ZIP} (unchanged)"
    else:
        entries_in_zip = [(f"{FOLDER}/{name}", path) for name, path in entries]
        size = write_folder_zip(staging / SITE_ZIP, entries_in_zip, stored=COMPRESSED_ALREADY)
        line = f"site zip: {SITE_ZIP} ({size} bytes)"
    store.save({SITE_ZIP: key})
    if memo_path is not None:
        memo_path.parent.mkdir(parents=True, exist_ok=True)
        memo_path.write_text(json.dumps(hashes), encoding="utf-8")
    return [line]


def zip_entries(staging: Path) -> list[tuple[str, Path]]:
    """What the zip holds: every file built but the zip and the marker; source maps help only
    whoever debugs the theme, and they weigh megabytes."""
    return [(n, p) for n, p in folder_entries(staging, exclude=(SITE_ZIP, MARKER)) if not n.endswith(".map")]


def _file_hash(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as source:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def _read_memo(path: Path | None) -> dict[str, list[object]]:
    """What the last build hashed: name -> [size, mtime_ns, hash]; a file only ever speeds things up."""
    if path is None or not path.is_file():
        return {}
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


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
