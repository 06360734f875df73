"""``cybersafe mark-current``: record that translations match the current English.

Edits the stamps in place (``translated_from`` in a module's front matter, ``translated`` on
each quiz question and resource) and touches nothing else in the files, so authors' comments
and layout survive.
"""

from __future__ import annotations

import json
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
        text = _read(path)
        root = _parse(path, text)
        edits = []
        for key, node in root.pairs():
            if key.value in resource_ids:
                resource = course.resources[str(key.value)]
                edits += _set_stamp(node, "translated", {**resource.translated, lang: resource_hash(resource)}, text)
        changed += _apply(path, text, edits)
    return sorted(set(changed))


def _mark_module(course: Course, module: Module, lang: str) -> list[Path]:
    page = module.pages.get(lang)
    if page is None:
        raise MarkError(f"'{module.id}' has no {lang} translation to mark")
    changed = _stamp_page(course.root / page.pos.file, stamp_text(module))
    if module.quiz is not None:
        path = course.root / module.quiz.pos.file
        text = _read(path)
        questions = _field(_parse(path, text), "questions")
        edits = []
        for node, question in zip(questions.items() if questions else [], module.quiz.questions, strict=False):
            edits += _set_stamp(node, "translated", {**question.translated, lang: question_hash(question)}, text)
        changed += _apply(path, text, edits)
    return changed


def stamp_text(module: Module) -> str:
    stamp = stamp_of(module.source)
    # JSON strings are valid YAML double-quoted strings: a heading with '"' or '\\' stays valid
    sections = ", ".join(json.dumps(h, ensure_ascii=False) for h in stamp.sections)
    return f"{{meta: {json.dumps(stamp.meta)}, sections: [{sections}]}}"


def _stamp_page(path: Path, stamp: str) -> list[Path]:
    text = _read(path)
    front = parse_markdown(text)[0]
    if front.type != "front_matter" or not front.map:
        raise MarkError(f"{path.name} has no front matter: run 'cybersafe check' and fix it first")
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: front.map[0] + 1])  # index of the front matter's first char
    node = _parse(path, front.content)
    existing = next(((k, v) for k, v in node.pairs() if k.value == "translated_from"), None)
    if existing:
        edit = _replace(front.content, existing[0], existing[1], f"translated_from: {stamp}", offset=start)
    else:
        end = start + len(front.content)
        edit = _Edit(end, end, f"\ntranslated_from: {stamp}")
    return _apply(path, text, [edit])


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")


def _parse(path: Path, text: str) -> yamlnodes.Node:
    report = Report()
    node = yamlnodes.parse(text, str(path), report)
    if node is None or report.errors():
        raise MarkError(f"{path.name} cannot be read: run 'cybersafe check' and fix it first")
    return node


def _field(node: yamlnodes.Node, name: str) -> yamlnodes.Node | None:
    return next((v for k, v in node.pairs() if k.value == name), None) if node.is_map else None


def _replace(source: str, key: yamlnodes.Node, value: yamlnodes.Node, text: str, offset: int = 0) -> _Edit:
    """Replace a key and its value, in any style, by ``text`` on one line.

    A block-style value (``key:`` then indented lines) ends where the next key starts, after the
    line break: keep that break (and blank lines), or the next key would be glued onto the stamp.
    """
    start, end = key.raw.start_mark.index, value.raw.end_mark.index
    replaced = source[start:end]
    tail = replaced[len(replaced.rstrip()) :]
    return _Edit(offset + start, offset + end, text + tail)


def _set_stamp(node: yamlnodes.Node, name: str, stamps: dict[str, str], source: str) -> list[_Edit]:
    """Replace the mapping's stamp field, or add it after a one-line first field."""
    if not node.is_map or not node.raw.value:
        return []
    text = "{" + ", ".join(f'{lang}: "{value}"' for lang, value in sorted(stamps.items())) + "}"
    for key, value in node.pairs():
        if key.value == name:
            return [_replace(source, key, value, f"{name}: {text}")]
    first_key, first_value = next(node.pairs())
    indent = " " * first_key.raw.start_mark.column
    if first_value.is_scalar and first_value.raw.start_mark.line == first_value.raw.end_mark.line:
        at = first_value.raw.end_mark.index
        return [_Edit(at, at, f"\n{indent}{name}: {text}")]
    at = first_key.raw.start_mark.index
    return [_Edit(at, at, f"{name}: {text}\n{indent}")]


def _apply(path: Path, text: str, edits: list[_Edit]) -> list[Path]:
    """Write the edited text, but only after it parses to the same YAML plus the new stamps; then read
    it back. Any surprise leaves the file as it was and raises MarkError."""
    new = text.replace("\r\n", "\n")
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        new = new[: edit.start] + edit.text + new[edit.end :]
    if new == text:
        return []
    _verify(path, text, new)
    original = path.read_bytes()
    path.write_text(new, encoding="utf-8")
    if _read(path) != new:
        path.write_bytes(original)
        raise MarkError(f"{path.name} did not read back as written; it is unchanged")
    return [path]


def _yaml_of(path: Path, text: str) -> str:
    """The YAML part of a file: the front matter of a Markdown file, or the whole YAML file."""
    if path.suffix != ".md":
        return text
    front = parse_markdown(text)[0]
    return front.content if front.type == "front_matter" else ""


def _verify(path: Path, old: str, new: str) -> None:
    """The edited YAML must parse, and every key but the stamps must keep its value."""
    before, after = _plain(path, _yaml_of(path, old)), _plain(path, _yaml_of(path, new))
    if after is None or before is None or _without_stamps(before) != _without_stamps(after):
        raise MarkError(f"stamping {path.name} would change more than its stamps; it is unchanged (please report)")


def _plain(path: Path, text: str) -> object:
    report = Report()
    node = yamlnodes.parse(text, str(path), report)
    return None if node is None or report.errors() else _construct(node)


def _construct(node: yamlnodes.Node) -> object:
    if node.is_map:
        return {str(k.value): _construct(v) for k, v in node.pairs()}
    if node.is_seq:
        return [_construct(item) for item in node.items()]
    return node.value


def _without_stamps(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_stamps(v) for k, v in value.items() if k not in ("translated", "translated_from")}
    if isinstance(value, list):
        return [_without_stamps(v) for v in value]
    return value
