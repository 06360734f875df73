"""The renderer's own safety: raw HTML is re-written from what a parser understood of it.

Checks refuse unsafe HTML before any build (builder/load/html_safety.py); this module makes the
renderer safe on its own, for previews of broken content and for any future caller. A fragment
is parsed and written out again: allowed tags with allowed attributes (values escaped), text
escaped, and nothing else: no comments, no script or style content, no refused tag. Because the
output is generated from the parse, a trick that fools the parser cannot survive into the page.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from builder.diagnostics import Code

#: Attributes any allowed tag may carry.
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden"})
#: The allowed tags and the attributes each may carry besides the global ones.
ALLOWED: dict[str, frozenset[str]] = {
    **{
        tag: frozenset()
        for tag in [
            "abbr",
            "b",
            "blockquote",
            "br",
            "caption",
            "cite",
            "code",
            "dd",
            "del",
            "details",
            "div",
            "dl",
            "dt",
            "em",
            "figcaption",
            "figure",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "i",
            "ins",
            "kbd",
            "li",
            "mark",
            "ol",
            "p",
            "pre",
            "q",
            "s",
            "samp",
            "small",
            "span",
            "strong",
            "sub",
            "summary",
            "sup",
            "table",
            "tbody",
            "tfoot",
            "thead",
            "tr",
            "u",
            "ul",
            "var",
            "wbr",
        ]
    },
    "a": frozenset({"href"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "ol": frozenset({"start", "reversed"}),
    "details": frozenset({"open"}),
}
#: Tags that can run script, embed another document or change where the page sends or loads things.
SCRIPT_TAGS = frozenset(
    [
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "form",
        "input",
        "button",
        "textarea",
        "select",
        "meta",
        "link",
        "svg",
        "math",
        "template",
        "noscript",
        "portal",
    ]
)
#: Tags that make the browser fetch a file by itself.
LOADING_TAGS = frozenset(["img", "image", "picture", "source", "track", "video", "audio", "input"])
#: Attributes that make the browser fetch a file by itself.
LOADING_ATTRIBUTES = frozenset(
    ["src", "srcset", "poster", "background", "lowsrc", "dynsrc", "data", "codebase", "cite", "xlink:href"]
)
#: Schemes a link the reader clicks may use.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
#: Browsers ignore these inside a URL's scheme ("java\tscript:" runs).
URL_NOISE = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in a URL attribute (entities already decoded), or None."""
    cleaned = URL_NOISE.sub("", value).lower()
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return "//"  # another host, with the page's own scheme
    match = SCHEME.match(cleaned)
    return match.group(1) if match else None


def safe_link(value: str) -> bool:
    """True for a link the reader may click: http(s), mailto, tel, or a relative link."""
    scheme = url_scheme(value)
    return scheme is None or scheme in LINK_SCHEMES


def attribute_problem(tag: str, name: str, value: str | None) -> tuple[Code, str] | None:
    """Why an attribute of an allowed tag is refused, or None when it is fine."""
    if name.startswith("on"):
        return Code.UNSAFE_HTML, f"the event handler '{name}' on <{tag}> could run script"
    if name == "style":
        return Code.UNSAFE_CSS, f"the style attribute on <{tag}> (CSS can load files from other hosts)"
    if name in LOADING_ATTRIBUTES:
        return Code.EXTERNAL_LOAD, f"'{name}' on <{tag}> makes the browser load a file"
    if name not in GLOBAL_ATTRIBUTES and name not in ALLOWED.get(tag, frozenset()):
        return Code.HTML_NOT_ALLOWED, f"the attribute '{name}' is not allowed on <{tag}>"
    if name == "href":
        scheme = url_scheme(value or "")
        if scheme == "//":
            return Code.UNSAFE_LINK, f"the link '{(value or '')[:60]}' has no scheme: write https://"
        if scheme is not None and scheme not in LINK_SCHEMES:
            return Code.UNSAFE_LINK, f"the link uses the '{scheme}:' scheme"
    return None


def tag_problem(tag: str) -> tuple[Code, str] | None:
    """Why a tag is refused, or None when it is allowed."""
    if tag in SCRIPT_TAGS:
        return Code.UNSAFE_HTML, f"<{tag}> could run script or load another page"
    if tag == "style":
        return Code.UNSAFE_CSS, "a <style> element (CSS can load files from other hosts)"
    if tag in LOADING_TAGS:
        hint = ": use Markdown, ![text](images/file.png)" if tag in ("img", "image", "picture") else ""
        return Code.EXTERNAL_LOAD, f"<{tag}> makes the browser load a file{hint}"
    if tag not in ALLOWED:
        return Code.HTML_NOT_ALLOWED, f"<{tag}> is not an allowed tag"
    return None


#: Elements whose whole content is dropped along with the tag.
DROP_CONTENT = SCRIPT_TAGS | {"style", "title", "xmp", "noembed", "noframes", "plaintext"}


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropping = 0

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], close: bool) -> None:
        if tag in DROP_CONTENT and not close:
            self.dropping += 1
            return
        if tag not in ALLOWED or self.dropping:
            return
        kept = "".join(
            f' {name}="{escape(value or "", quote=True)}"' if value is not None else f" {name}"
            for name, value in attrs
            if attribute_problem(tag, name, value) is None
        )
        self.out.append(f"<{tag}{kept}{' /' if close else ''}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, close=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, close=True)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_CONTENT:
            self.dropping = max(0, self.dropping - 1)
        elif tag in ALLOWED and not self.dropping:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(escape(data, quote=False))


def clean(html: str) -> str:
    """``html`` with everything the policy does not allow removed, and all text escaped."""
    cleaner = _Cleaner()
    cleaner.feed(html)
    cleaner.close()
    return "".join(cleaner.out)
