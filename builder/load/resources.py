"""Load ``curriculum/resources.yml``: the checked facts modules cite by id."""

from __future__ import annotations

from pathlib import Path

from builder.diagnostics import Code, Report
from builder.load import limits, yamlnodes
from builder.load.source import SourceTree
from builder.model import Resource

KINDS = ("helpline", "hotline", "reporting", "emergency", "law", "instrument", "data")
FIELDS = ("kind", "name", "summary", "checked")
OPTIONAL = ("country", "contact", "url", "translated")


def load_resources(path: Path, tree: SourceTree, languages: tuple[str, ...], report: Report) -> dict[str, Resource]:
    if not path.exists():
        return {}
    text = tree.read(path, report)
    root = yamlnodes.parse(text, tree.name(path), report) if text is not None else None
    if root is None:
        if text is not None and not text.strip():
            report.add(
                Code.MISSING_FIELD, "resources.yml is empty", tree.pos(path), hint="list the facts, or delete it"
            )
        return {}
    if not root.is_map:
        report.add(Code.WRONG_TYPE, "resources.yml must map resource ids to resources", root.pos)
        return {}
    resources: dict[str, Resource] = {}
    for key, node in root.pairs():
        resource_id = str(key.value)
        if not yamlnodes.check_id(resource_id, key.pos, report):
            continue
        fields = yamlnodes.Fields(node, report, f"resource '{resource_id}'", FIELDS, OPTIONAL)
        if not fields.ok:
            continue
        kind = fields.string("kind")
        if kind is not None and kind not in KINDS:
            report.add(
                Code.BAD_VALUE,
                f"'{kind}' is not a kind of resource",
                fields.key_pos("kind"),
                hint=f"use one of: {', '.join(KINDS)}",
            )
        url = fields.string("url")
        if url is not None and not url.startswith("https://"):
            report.add(Code.UNSAFE_LINK, f"the url of '{resource_id}' must start with https://", fields.key_pos("url"))
        checked = fields.date("checked")
        if checked is not None:
            limits.check_checked(checked, fields.key_pos("checked"), report)
        name = fields.text("name", languages)
        summary = fields.text("summary", languages)
        if kind is None or checked is None or name is None or summary is None:
            continue
        resources[resource_id] = Resource(
            id=resource_id,
            kind=kind,
            country=fields.string("country"),
            name=name,
            summary=summary,
            contact=fields.string("contact"),
            url=url,
            checked=checked,
            translated=fields.hashes("translated"),
            pos=key.pos,
        )
    return resources
