"""What raw HTML a lesson may hold, decided by parsing it, and where each refused piece is.

Markdown covers what lessons need; raw HTML is allowed for a few harmless tags (``<kbd>``,
``<abbr>``, ``<details>``, a table cell that spans columns...). Everything else is refused with
its line and column: script and event handlers, any URL scheme but http(s), mailto and tel
(however it is encoded: the parser decodes entities as a browser does), and anything a browser
would load by itself (``src``, ``srcset``, ``poster``, ``<source>``, ``<track>``, CSS ``url()``
and ``@import``, which is why no CSS is allowed at all). Links the reader clicks stay allowed.

The policy (the allow-lists) lives beside the renderer's sanitizer in builder/render/sanitize.py,
so a page is safe even when rendered from content that was never checked; this module turns it
into located diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from builder.diagnostics import Code
from builder.render.sanitize import (
    ALLOWED,
    LINK_SCHEMES,
    LOADING_TAGS,
    SCRIPT_TAGS,
    attribute_problem,
    tag_problem,
    url_scheme,
)

__all__ = ["LINK_SCHEMES", "Finding", "scan", "url_scheme"]


@dataclass(frozen=True)
class Finding:
    """One refused piece of HTML: its code, a message, and its place in the fragment (1-based)."""

    code: Code
    message: str
    line: int
    col: int


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []
        self.links: list[tuple[str, int, int]] = []  # (href, line, col) of allowed links

    def _add(self, problem: tuple[Code, str] | None) -> None:
        if problem is not None:
            line, offset = self.getpos()
            self.findings.append(Finding(problem[0], problem[1], line, offset + 1))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        problem = tag_problem(tag)
        self._add(problem)
        if problem is None:
            for name, value in attrs:
                self._add(attribute_problem(tag, name, value))
                if name == "href" and value and attribute_problem(tag, name, value) is None:
                    line, offset = self.getpos()
                    self.links.append((value.strip(), line, offset + 1))
        else:  # still name a loaded URL: the author should know where it points
            for name, value in attrs:
                if name.startswith("on"):
                    self._add(attribute_problem(tag, name, value))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED and tag not in SCRIPT_TAGS and tag != "style" and tag not in LOADING_TAGS:
            self._add((Code.HTML_NOT_ALLOWED, f"</{tag}> closes a tag that is not allowed"))

    def handle_comment(self, data: str) -> None:
        if data.startswith((">", "->")) or "--!" in data:
            self._add((Code.UNSAFE_HTML, "a comment that browsers end early ('<!-->'), so what follows would run"))

    def handle_decl(self, decl: str) -> None:
        self._add((Code.HTML_NOT_ALLOWED, f"the declaration '<!{decl[:30]}>'"))

    def unknown_decl(self, data: str) -> None:
        self._add((Code.HTML_NOT_ALLOWED, f"the section '<![{data[:30]}'"))

    def handle_pi(self, data: str) -> None:
        self._add((Code.HTML_NOT_ALLOWED, f"the processing instruction '<?{data[:30]}'"))

    def handle_data(self, data: str) -> None:
        if self.cdata_elem is not None and "url(" in data.replace(" ", "").lower():
            self._add((Code.EXTERNAL_LOAD, "CSS url() makes the browser load a file"))
        elif self.cdata_elem is not None and "@import" in data.lower():
            self._add((Code.EXTERNAL_LOAD, "CSS @import makes the browser load a file"))


def scan(html: str) -> tuple[list[Finding], list[tuple[str, int, int]]]:
    """Every refused piece of a raw HTML fragment, and the links it holds (checked like Markdown links)."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.findings, scanner.links
