"""The one Markdown dialect of the course, for the site and every package alike.

CommonMark with tables, ``::: tip`` style callouts and the ``:res[id]`` directive that inserts a
fact from the resources file. Rendering options travel in markdown-it's ``env``: the page's
language, the resources, and how a link to another module is written for the target.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from html import escape
from typing import Any
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml as escape_attribute
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from builder.model import Resource
from builder.render.anchors import anchors_plugin
from builder.render.sanitize import LINK_SCHEMES, url_scheme
from builder.render.sanitize import clean as clean_html

CALLOUTS = ("tip", "note", "warning", "activity")
DIRECTIVE = re.compile(r":([a-z][a-z0-9-]*)\[([^\]\n]*)\]")
RESOURCE_DIRECTIVE = "res"

#: Turns (module id, anchor) into the href a target uses for a link to another module, or None
#: where that target does not show the module (the words then stay, without a link).
ModuleLinker = Callable[[str, str], str | None]
#: Turns an image's source, as written in the Markdown, into the src the target uses.
ImageLinker = Callable[[str], str]


def _resource_rule(state: StateInline, silent: bool) -> bool:
    """Inline rule for ``:res[id]``."""
    if not state.src.startswith(":" + RESOURCE_DIRECTIVE + "[", state.pos):
        return False
    if state.pos > 0 and not state.src[state.pos - 1].isspace() and state.src[state.pos - 1] not in "([":
        return False
    match = DIRECTIVE.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("resource", "", 0)
        token.meta = {"id": match.group(2).strip()}
        token.content = match.group(0)
    state.pos = match.end()
    return True


def _render_resource(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]) -> str:
    resource_id = tokens[idx].meta["id"]
    resources: Mapping[str, Resource] = env.get("resources", {})
    resource = resources.get(resource_id)
    if resource is None:  # checks refuse this before any build; keep previews readable
        return escape(tokens[idx].content)
    lang = env.get("lang", "en")
    name = escape(resource.name.get(lang))
    contact = escape(resource.contact or "")
    named = bool(contact) and contact in name  # "สายเด็ก 1387" already says 1387: do not add "(1387)"
    label = name if named or not contact else f"{name} ({contact})"
    if contact and resource.kind in {"helpline", "emergency"}:
        label = f'<a href="tel:{contact}">{name}</a>' if named else f'{name} (<a href="tel:{contact}">{contact}</a>)'
    elif resource.url:
        label = f'<a href="{escape(resource.url)}">{label}</a>'
    return f'<span class="cs-resource" data-resource="{escape(resource.id)}">{label}</span>'


def _render_callout(name: str) -> Callable[..., str]:
    def render(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]) -> str:
        if tokens[idx].nesting == 1:
            return f'<div class="cs-callout cs-callout-{name}" role="note">\n'
        return "</div>\n"

    return render


def _with_attr(token: Token, name: str, value: str) -> Token:
    """A copy of ``token`` with one attribute changed: the parsed tokens belong to the model and
    are rendered for several targets, so rendering never changes them."""
    changed = copy.copy(token)
    changed.attrs = {**token.attrs, name: value}
    return changed


def _render_link_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    token = tokens[idx]
    linker: ModuleLinker | None = env.get("link_module")
    href = str(token.attrGet("href") or "")
    target = module_link_target(href)
    if linker is DEFER and target:  # a mark for resolve(), with the link as written
        env["deferred"] = True
        return str(self.renderToken([_with_attr(token, "href", LINK_MARK + quote(href, safe=""))], 0, options, env))
    if linker and target:
        linked = linker(*target)
        if linked is None:  # the target does not show that module here: keep the words, drop the link
            env["unlinked"] = True  # CommonMark links never nest, so the next link_close is this one's
            return ""
        return str(self.renderToken([_with_attr(token, "href", linked)], 0, options, env))
    if url_scheme(href) not in (None, *LINK_SCHEMES):  # checks refuse it first
        env["unlinked"] = True
        return ""
    return str(self.renderToken(tokens, idx, options, env))


def _render_image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]) -> str:
    """Images point at files of the repository; the target says where it put them."""
    token = tokens[idx]
    linker: ImageLinker | None = env.get("link_image")
    src = str(token.attrGet("src") or "")
    if linker is DEFER_IMAGE:  # a mark for resolve(), with the source as written
        placed = IMAGE_MARK + quote(src, safe="")
    else:
        placed = src = linker(src) if linker else src
    if url_scheme(src) is not None:  # nothing is loaded from elsewhere (checks refuse it)
        return escape(token.content)
    return str(self.image([_with_attr(token, "src", placed)], 0, options, env))


def _render_link_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    if env.pop("unlinked", False):
        return ""
    if env.pop("deferred", False):
        return str(self.renderToken(tokens, idx, options, env)) + LINK_END
    return str(self.renderToken(tokens, idx, options, env))


# A body rendered once for every target (see views.ModuleView.body) has marks where a target's
# linkers would have written a link to a module or an image's source: ``resolve`` writes them.


def _left_for_resolve(*_: str) -> str:
    raise AssertionError("a deferred linker marks what it would link; it is never called")


#: The linkers that leave each link to a module, and each image's source, for ``resolve``.
DEFER: ModuleLinker = _left_for_resolve
DEFER_IMAGE: ImageLinker = _left_for_resolve
LINK_MARK, LINK_END, IMAGE_MARK = "cs-module:", "<!--/cs-module-->", "cs-image:"
# Each starts with a literal, which the regex engine finds without trying every position.
_DEFERRED_LINK = re.compile(r'<a href="cs-module:([^"]*)"([^>]*)>(.*?)</a><!--/cs-module-->', re.S)
_DEFERRED_IMAGE = re.compile(r'<img src="cs-image:([^"]*)"')


def resolve(html: str, link_module: ModuleLinker | None = None, link_image: ImageLinker | None = None) -> str:
    """A body rendered with ``DEFER`` and ``DEFER_IMAGE``, as ``render`` would have written it with
    these linkers."""

    def link(match: re.Match[str]) -> str:
        href, attributes, words = unquote(match.group(1)), match.group(2), match.group(3)
        target = module_link_target(href)
        linked = link_module(*target) if link_module and target else href
        return words if linked is None else f'<a href="{escape_attribute(linked)}"{attributes}>{words}</a>'

    def image(match: re.Match[str]) -> str:
        src = unquote(match.group(1))
        return f'<img src="{escape_attribute(link_image(src) if link_image else src)}"'

    if LINK_MARK in html:
        html = _DEFERRED_LINK.sub(link, html)
    if IMAGE_MARK in html:
        html = _DEFERRED_IMAGE.sub(image, html)
    return html


def slug(title: str) -> str:
    """A heading's anchor: lowercase words joined by hyphens, Thai letters and marks kept."""
    words = re.sub(r"[^\w\u0E00-\u0E7F\s-]", "", title.lower()).split()
    return "-".join(words) or "section"


def module_link_target(href: str) -> tuple[str, str] | None:
    """``other-module.md#part`` -> ("other-module", "part"); None for any other link."""
    match = re.fullmatch(r"([a-z0-9]+(?:-[a-z0-9]+)*)\.md(?:#(.*))?", href)
    return (match.group(1), match.group(2) or "") if match else None


@cache
def parser() -> MarkdownIt:
    """The shared parser: front matter kept as a token, so body line numbers stay true."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    # Keep every link as a token, whatever its scheme: checks then refuse a bad one at its line
    # (markdown-it would silently print it as text), and the render rules above drop it.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.use(front_matter_plugin)
    md.use(anchors_plugin, min_level=2, max_level=3, slug_func=slug)
    for name in CALLOUTS:
        md.use(container_plugin, name=name, render=_render_callout(name))
    md.inline.ruler.before("link", "resource", _resource_rule)
    md.add_render_rule("resource", _render_resource)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("link_close", _render_link_close)
    md.add_render_rule("image", _render_image)
    md.add_render_rule("html_block", _render_raw_html)  # safe on its own: raw HTML is re-written, allow-listed
    md.add_render_rule("html_inline", _render_raw_html)
    return md


def _render_raw_html(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]) -> str:
    return clean_html(tokens[idx].content)


def render(
    tokens: Sequence[Token],
    lang: str,
    resources: Mapping[str, Resource],
    link_module: ModuleLinker | None = None,
    link_image: ImageLinker | None = None,
) -> str:
    """Parsed body -> HTML in ``lang``, with directives expanded and module links resolved."""
    env = {"lang": lang, "resources": resources, "link_module": link_module, "link_image": link_image}
    md = parser()
    return str(md.renderer.render(tokens, md.options, env))


def parse(markdown: str) -> list[Token]:
    """The loader's one parse of a file; everything after it works from these tokens."""
    global parse_count
    parse_count += 1
    return parser().parse(markdown, {})


#: How many times ``parse`` ran in this process: the build's tests hold it to one per file.
parse_count = 0


def image_sources(tokens: Sequence[Token]) -> list[str]:
    """The ``src`` of every image in a parsed body, in order."""
    return [
        str(child.attrGet("src"))
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "image"
    ]


def section_starts(tokens: Sequence[Token]) -> list[int]:
    """0-based lines where level-2 headings start: the boundaries of a lesson's sections."""
    return [t.map[0] for t in tokens if t.type == "heading_open" and t.tag == "h2" and t.map]


def split_sections(markdown: str, tokens: Sequence[Token]) -> list[str]:
    """The body before the first ``##`` heading, then each ``##`` section."""
    lines = markdown.split("\n")
    starts = [0, *section_starts(tokens), len(lines)]
    return ["\n".join(lines[a:b]) for a, b in zip(starts, starts[1:], strict=False)]


def heading_titles(tokens: Sequence[Token]) -> list[str]:
    """The level-2 headings in order (used to name a stale section)."""
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
