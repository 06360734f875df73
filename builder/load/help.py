"""Load ``curriculum/help.yml``: what the help control on children's and parents' pages says.

The texts are curriculum data, so translators and reviewers see them next to the modules; the
numbers and sites come from resources.yml by id, never typed twice (reference 4.5: a trusted
adult, the child helpline, reporting, emergency numbers).
"""

from __future__ import annotations

from pathlib import Path

from builder.diagnostics import Code, Report
from builder.load import yamlnodes
from builder.load.source import SourceTree
from builder.model import Help, HelpCountry, HelpText, Resource, frozen_map

AUDIENCES = ("8-12", "13-17", "parents")
CALLABLE = ("helpline", "emergency")  # a call button needs a number to call


def load_help(
    path: Path,
    tree: SourceTree,
    languages: tuple[str, ...],
    resources: dict[str, Resource],
    exit_url: str | None,
    report: Report,
) -> Help | None:
    """The help texts, or None when the course has no help.yml (the checks say when it needs one)."""
    if not path.exists():
        return None
    text = tree.read(path, report)
    root = yamlnodes.parse(text, tree.name(path), report) if text is not None else None
    if root is None:
        return None
    fields = yamlnodes.Fields(root, report, "help.yml", ("audiences", "countries"))
    if not fields.ok:
        return None
    audiences: dict[str, HelpText] = {}
    node = fields.get("audiences")
    if node is not None and node.is_map:
        for key, value in node.pairs():
            name = str(key.value)
            if name not in AUDIENCES:
                report.add(
                    Code.BAD_VALUE,
                    f"'{name}' is not an audience of the help control",
                    key.pos,
                    hint=f"use one of: {', '.join(AUDIENCES)}",
                )
                continue
            entry = yamlnodes.Fields(value, report, f"help for '{name}'", ("heading", "text"))
            heading, body = entry.text("heading", languages), entry.text("text", languages)
            if entry.ok and heading is not None and body is not None:
                audiences[name] = HelpText(heading, body, key.pos)
    countries: dict[str, HelpCountry] = {}
    node = fields.get("countries")
    if node is not None and node.is_map:
        for key, value in node.pairs():
            country = str(key.value)
            entry = yamlnodes.Fields(value, report, f"help in '{country}'", ("call", "report"))
            if not entry.ok:
                continue
            call = _ids(entry, "call", country, resources, report)
            for resource_id in call:
                if resources[resource_id].kind not in CALLABLE or not resources[resource_id].contact:
                    report.add(
                        Code.BAD_VALUE,
                        f"'{resource_id}' has no number to call",
                        entry.key_pos("call"),
                        hint="list helplines and emergency numbers with a contact under call",
                    )
            countries[country] = HelpCountry(call, _ids(entry, "report", country, resources, report), key.pos)
    return Help(frozen_map(audiences), frozen_map(countries), exit_url)  # type: ignore[arg-type]


def _ids(
    entry: yamlnodes.Fields, name: str, country: str, resources: dict[str, Resource], report: Report
) -> tuple[str, ...]:
    found = []
    for resource_id, pos in entry.identifiers(name):
        resource = resources.get(resource_id)
        if resource is None:
            report.add(Code.UNKNOWN_RESOURCE, f"help.yml cites '{resource_id}', which resources.yml lacks", pos)
        elif resource.country != country:
            report.add(Code.BAD_VALUE, f"'{resource_id}' is not a resource of {country}", pos)
        else:
            found.append(resource_id)
    return tuple(found)
