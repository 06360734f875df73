"""Load a module page: ``curriculum/<lang>/<module-id>.md``, front matter and Markdown body."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from markdown_it.token import Token

from builder.diagnostics import Code, Report
from builder.load import limits, yamlnodes
from builder.load.images import is_publishable
from builder.load.source import SourceTree
from builder.model import Image, Page, TranslationStamp
from builder.render import markdown

REQUIRED = ("id", "title", "minutes", "objectives", "key_messages")
OPTIONAL = ("sources", "content_warning", "reviewed_by", "reviewed_on", "translated_from")
GUIDE_REQUIRED = ("id", "title")
GUIDE_OPTIONAL = ("sources", "reviewed_by", "reviewed_on", "translated_from")


def load_page(
    path: Path,
    lang: str,
    tree: SourceTree,
    report: Report,
    resource_ids: Collection[str] | None = None,
    guide: bool = False,
) -> Page | None:
    """The page, or None when its front matter is unusable (the reasons are in ``report``).

    With ``resource_ids`` (the ids in resources.yml), each id in ``sources`` must be one of them.
    """
    name = tree.name(path)
    text = tree.read(path, report)
    if text is None or not limits.check_brackets(text, tree.pos(path), report):
        return None
    tokens = markdown.parse(text)
    if not tokens or tokens[0].type != "front_matter" or not tokens[0].map:
        report.add(Code.NO_FRONT_MATTER, "the module has no front matter", tree.pos(path))
        return None
    front, body_start = tokens[0], tokens[0].map[1]
    node = yamlnodes.parse(front.content, name, report, line_offset=front.map[0] + 1)  # type: ignore[index]
    if node is None:
        if front.content.strip() == "":
            report.add(Code.MISSING_FIELD, "the front matter is empty", tree.pos(path))
        return None
    fields = yamlnodes.Fields(
        node, report, "the front matter", *((GUIDE_REQUIRED, GUIDE_OPTIONAL) if guide else (REQUIRED, OPTIONAL))
    )
    if not fields.ok:
        return None
    page_id = fields.identifier("id")
    if page_id is not None and page_id != path.stem:
        report.add(
            Code.ID_MISMATCH, f"the id '{page_id}' differs from the file name '{path.stem}.md'", fields.key_pos("id")
        )
    title = fields.string("title")
    if title is not None and "&" in title:
        report.add(Code.AMPERSAND_IN_TITLE, f"the {lang} title '{title}' contains '&'", fields.key_pos("title"))
    minutes = 0 if guide else fields.integer("minutes")
    if minutes is not None and not guide and not limits.check_minutes(minutes, fields.key_pos("minutes"), report):
        minutes = None
    objectives = fields.strings("objectives")
    if fields.get("objectives") is not None and not 3 <= len(objectives) <= 5:
        report.add(
            Code.OBJECTIVES_COUNT, f"the module has {len(objectives)} learning objectives", fields.key_pos("objectives")
        )
    key_messages = fields.strings("key_messages")
    if fields.get("key_messages") is not None and not key_messages:
        report.add(Code.EMPTY_LIST, "'key_messages' lists nothing", fields.key_pos("key_messages"))
    sources = fields.identifiers("sources")
    for source, source_pos in sources:
        if resource_ids is not None and source not in resource_ids:
            report.add(Code.UNKNOWN_SOURCE, f"'sources' names '{source}', which is not in resources.yml", source_pos)
    if title is None or minutes is None or page_id is None:
        return None
    body = tokens[1:]
    for token in body:  # line maps relative to the body, as if the body had been parsed alone
        if token.map:
            token.map = [token.map[0] - body_start, token.map[1] - body_start]
    return Page(
        lang=lang,
        module_id=path.stem,
        title=title,
        minutes=minutes,
        objectives=objectives,
        key_messages=key_messages,
        sources=tuple(value for value, _ in sources),
        content_warning=fields.string("content_warning"),
        reviewed_by=fields.string("reviewed_by"),
        reviewed_on=fields.date("reviewed_on"),
        translated_from=_stamp(fields, report),
        body="\n".join(text.split("\n")[body_start:]),
        body_line=body_start + 1,
        pos=tree.pos(path),
        tokens=tuple(body),
        images=_images(body, path, tree),
    )


def images_current(page: Page, path: Path, tree: SourceTree) -> bool:
    """Whether the page's images are still the files on disk (none added, changed or gone)."""
    return _images(list(page.tokens), path, tree) == dict(page.images)


def _images(tokens: list[Token], path: Path, tree: SourceTree) -> dict[str, Image]:
    """Every image of the body that resolves to a file of the repository, read once, here.

    A source is relative to the page, or to curriculum/images/; the checks report the rest.
    """
    found = {}
    for src in markdown.image_sources(tokens):
        if "://" in src or src.startswith("/"):
            continue
        for base in (path.parent, tree.root / "curriculum" / "images"):
            candidate = (base / src.split("#")[0]).resolve()
            if is_publishable(candidate, tree.root):  # never a file outside curriculum/, nor one that is no image
                found[src] = Image(candidate.relative_to(tree.root).as_posix(), candidate.read_bytes())
                break
    return found


def _stamp(fields: yamlnodes.Fields, report: Report) -> TranslationStamp | None:
    node = fields.get("translated_from")
    if node is None:
        return None
    stamp = yamlnodes.Fields(node, report, "'translated_from'", ("meta", "sections"))
    meta, sections = stamp.string("meta"), stamp.strings("sections")
    return TranslationStamp(meta, sections) if meta is not None else None
