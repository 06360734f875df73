"""``cybersafe mark-current``: record that translations match the current English.

Edits the stamps in place (``translated_from`` in a module's front matter, ``translated`` on
each quiz question and resource) and touches nothing else in the files, so authors' comments
and layout survive.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from builder.diagnostics import Report
from builder.load import yamlnodes
from builder.model import Course, Module
from builder.render.markdown import parse as parse_markdown
from builder.translation import question_hash, resource_hash, stamp_of


class MarkError(Exception):
    """A request mark-current cannot carry out (unknown id, missing translation)."""


@dataclass
class _Edit:
    start: int
    end: int
    text: str


def mark_current(course: Course, lang: str, ids: Iterable[str]) -> list[Path]:
    """Stamp the named modules and resources of ``lang`` as current; returns the files changed."""
    if lang not in course.languages or lang == "en":
        raise MarkError(f"'{lang}' is not a translated language of this course ({', '.join(course.languages[1:])})")
    changed: list[Path] = []
    resource_ids = []
    for item_id in ids:
        module = course.modules.get(item_id) or course.guides.get(item_id)
        if module is not None:
            changed += _mark_module(course, module, lang)
        elif item_id in course.resources:
            resource_ids.append(item_id)
        else:
            raise MarkError(f"'{item_id}' is neither a module nor a resource")
    if resource_ids:
        path = course.root / "curriculum/resources.yml"
        root = _parse(path)
        edits = []
        for key, node in root.pairs():
            if key.value in resource_ids:
                resource = course.resources[str(key.value)]
                edits += _set_stamp(node, "translated", {**resource.translated, lang: resource_hash(resource)})
        changed += _apply(path, path.read_text(encoding="utf-8-sig"), edits)
    return sorted(set(changed))


def _mark_module(course: Course, module: Module, lang: str) -> list[Path]:
    page = module.pages.get(lang)
    if page is None:
        raise MarkError(f"'{module.id}' has no {lang} translation to mark")
    changed = _stamp_page(course.root / page.pos.file, stamp_text(module))
    if module.quiz is not None:
        path = course.root / module.quiz.pos.file
        questions = _field(_parse(path), "questions")
        edits = []
        for node, question in zip(questions.items() if questions else [], module.quiz.questions, strict=False):
            edits += _set_stamp(node, "translated", {**question.translated, lang: question_hash(question)})
        changed += _apply(path, path.read_text(encoding="utf-8-sig"), edits)
    return changed


def stamp_text(module: Module) -> str:
    stamp = stamp_of(module.source)
    sections = ", ".join(f'"{h}"' for h in stamp.sections)
    return f'{{meta: "{stamp.meta}", sections: [{sections}]}}'


def _stamp_page(path: Path, stamp: str) -> list[Path]:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    front = parse_markdown(text)[0]
    assert front.type == "front_matter" and front.map
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: front.map[0] + 1])  # index of the front matter's first char
    node = yamlnodes.parse(front.content, str(path), Report())
    assert node is not None
    existing = next(((k, v) for k, v in node.pairs() if k.value == "translated_from"), None)
    if existing:
        edit = _Edit(
            start + existing[0].raw.start_mark.index,
            start + existing[1].raw.end_mark.index,
            f"translated_from: {stamp}",
        )
    else:
        end = start + len(front.content)
        edit = _Edit(end, end, f"\ntranslated_from: {stamp}")
    return _apply(path, text, [edit])


def _parse(path: Path) -> yamlnodes.Node:
    node = yamlnodes.parse(path.read_text(encoding="utf-8-sig"), str(path), Report())
    if node is None:
        raise MarkError(f"{path} cannot be read: run 'cybersafe check'")
    return node


def _field(node: yamlnodes.Node, name: str) -> yamlnodes.Node | None:
    return next((v for k, v in node.pairs() if k.value == name), None) if node.is_map else None


def _set_stamp(node: yamlnodes.Node, name: str, stamps: dict[str, str]) -> list[_Edit]:
    """Replace the mapping's stamp field, or add it after a one-line first field."""
    if not node.is_map or not node.raw.value:
        return []
    text = "{" + ", ".join(f'{lang}: "{value}"' for lang, value in sorted(stamps.items())) + "}"
    for key, value in node.pairs():
        if key.value == name:
            return [_Edit(key.raw.start_mark.index, value.raw.end_mark.index, f"{name}: {text}")]
    first_key, first_value = next(node.pairs())
    indent = " " * first_key.raw.start_mark.column
    if first_value.is_scalar and first_value.raw.start_mark.line == first_value.raw.end_mark.line:
        at = first_value.raw.end_mark.index
        return [_Edit(at, at, f"\n{indent}{name}: {text}")]
    at = first_key.raw.start_mark.index
    return [_Edit(at, at, f"{name}: {text}\n{indent}")]


def _apply(path: Path, text: str, edits: list[_Edit]) -> list[Path]:
    new = text.replace("\r\n", "\n")
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        new = new[: edit.start] + edit.text + new[edit.end :]
    if new == text:
        return []
    path.write_text(new, encoding="utf-8")
    return [path]
