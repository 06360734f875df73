"""Templates compiled once per process, whichever Jinja environment asks for them.

A build makes many environments with the same settings: one per language and voice for our
own templates, one per site section for mkdocs-material's. Each would compile every template
it uses again; compiling is most of what rendering a small page costs. An environment given one
of these caches reuses the code compiled by any other with the same settings. Jinja checks the
template source's checksum before using kept code, so an edited template is compiled afresh.
"""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory, by template file and source checksum. Give one instance
    only to environments whose settings (and so whose compiled code) are the same."""

    def __init__(self) -> None:
        self.codes: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self.codes.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]  # type: ignore[assignment]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.codes[bucket.key] = (bucket.checksum, bucket.code)
