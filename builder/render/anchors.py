"""Heading anchors (``id`` on h2 and h3) that stay fast however many headings repeat.

mdit-py-plugins' anchors plugin looks for a free ``slug-N`` by counting up from 1 for every
heading, so 20,000 identical headings cost 200 million lookups. This rule gives the same ids
(``same``, ``same-1``, ``same-2``...) but remembers, per slug, where the count stopped.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore


def anchors_plugin(md: MarkdownIt, min_level: int, max_level: int, slug_func: Callable[[str], str]) -> None:
    levels = {f"h{level}" for level in range(min_level, max_level + 1)}

    def anchor(state: StateCore) -> None:
        taken = {str(t.attrGet("id")) for t in state.tokens if t.type == "heading_open" and t.attrGet("id")}
        next_suffix: dict[str, int] = {}
        for idx, token in enumerate(state.tokens):
            if token.type != "heading_open" or token.tag not in levels or token.attrGet("id"):
                continue
            children = state.tokens[idx + 1].children or []
            base = slug_func("".join(c.content for c in children if c.type in ("text", "code_inline")))
            slug, suffix = base, next_suffix.get(base, 1)
            if slug in taken:
                while f"{base}-{suffix}" in taken:
                    suffix += 1
                slug = f"{base}-{suffix}"
                suffix += 1
            next_suffix[base] = suffix
            taken.add(slug)
            token.attrSet("id", slug)

    md.core.ruler.push("anchor", anchor)
