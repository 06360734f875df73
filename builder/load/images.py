"""Which files may be published as images: an allowed type whose content matches, under curriculum/.

Every target copies a lesson's images into the site and into each package, so a lesson that
names ``../../.env`` as an image would publish a secret twelve times. An image must be a file
below ``curriculum/`` with one of the extensions below, its first bytes must be that format's
signature, and an SVG (a document that can hold script) must hold no script, no event handler
and no reference outside itself.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from builder.load import limits

#: Extension -> the signatures a file of that type starts with.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
SVG = ".svg"
ALLOWED_EXTENSIONS = (*SIGNATURES, SVG)
#: SVG elements that run script, embed HTML or pull in other documents.
SVG_FORBIDDEN = frozenset({"script", "foreignobject", "iframe", "object", "embed", "image", "use", "a", "handler"})
URL_REFERENCE = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


def image_problem(path: Path, root: Path) -> str | None:
    """Why ``path`` (resolved) cannot be published as an image, or None when it can."""
    if not path.is_relative_to(root / "curriculum"):
        return "it is outside curriculum/"
    suffix = path.suffix.lower()
    if suffix not in ALLOWED_EXTENSIONS:
        return f"'{path.suffix or path.name}' is not an image type ({', '.join(ALLOWED_EXTENSIONS)})"
    if path.stat().st_size > limits.MAX_IMAGE_BYTES:
        return f"it has {path.stat().st_size:,} bytes; the limit is {limits.MAX_IMAGE_BYTES:,}"
    data = path.read_bytes()
    if suffix == SVG:
        return svg_problem(data)
    if not data.startswith(SIGNATURES[suffix]) or (suffix == ".webp" and data[8:12] != b"WEBP"):
        return f"its content is not a {suffix[1:].upper()} image"
    return None


def is_publishable(path: Path, root: Path) -> bool:
    return path.is_file() and image_problem(path, root) is None


class _SvgScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problem: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SVG_FORBIDDEN:
            self.problem = self.problem or f"the SVG holds <{tag}>"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problem = self.problem or f"the SVG has the event handler '{name}'"
            elif name in ("href", "xlink:href", "src") and not value.strip().startswith("#"):
                self.problem = self.problem or f"the SVG refers to '{value[:60]}' outside itself"
            elif URL_REFERENCE.search(value):
                self.problem = self.problem or "the SVG loads a file with CSS url()"

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if URL_REFERENCE.search(data) or "@import" in data.lower():
            self.problem = self.problem or "the SVG's CSS loads a file (url() or @import)"

    def handle_decl(self, decl: str) -> None:
        self.problem = self.problem or "the SVG has a DOCTYPE (entities can expand without bound)"

    def handle_pi(self, data: str) -> None:
        if not data.lower().startswith("xml "):
            self.problem = self.problem or "the SVG has a processing instruction"


def svg_problem(data: bytes) -> str | None:
    """Why an SVG is unsafe to publish, or None for a clean drawing."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "the SVG is not UTF-8 text"
    if "<svg" not in text.lower():
        return "its content is not an SVG drawing"
    scanner = _SvgScanner()
    scanner.feed(text)
    scanner.close()
    return scanner.problem
