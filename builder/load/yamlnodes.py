"""YAML read with positions: every value keeps the line and column it was written at.

PyYAML's composer gives nodes with marks; this module wraps them so loaders can ask for a
field, get its value and its position, and report a typed diagnostic when the shape is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from builder.diagnostics import Code, Report
from builder.load import limits
from builder.model import Pos, Text

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_constructor = SafeConstructor()
STR_TAG = "tag:yaml.org,2002:str"


class Node:
    """A YAML node and where it stands in its file."""

    def __init__(self, raw: yaml.Node, file: str, line_offset: int = 0) -> None:
        self.raw = raw
        self.file = file
        self.line_offset = line_offset

    @property
    def pos(self) -> Pos:
        mark = self.raw.start_mark
        return Pos(self.file, mark.line + 1 + self.line_offset, mark.column + 1)

    @property
    def end_line(self) -> int:
        """0-based line (in the YAML text) of the node's end mark."""
        return int(self.raw.end_mark.line)

    @property
    def is_map(self) -> bool:
        return isinstance(self.raw, yaml.MappingNode)

    @property
    def is_seq(self) -> bool:
        return isinstance(self.raw, yaml.SequenceNode)

    @property
    def is_scalar(self) -> bool:
        return isinstance(self.raw, yaml.ScalarNode)

    def wrap(self, raw: yaml.Node) -> Node:
        return Node(raw, self.file, self.line_offset)

    def pairs(self) -> Iterator[tuple[Node, Node]]:
        for key, value in self.raw.value:
            yield self.wrap(key), self.wrap(value)

    def items(self) -> Iterator[Node]:
        for value in self.raw.value:
            yield self.wrap(value)

    @property
    def value(self) -> Any:
        """The Python value of a scalar (str, int, bool, date or None)."""
        return _construct(self.raw)

    def kind_name(self) -> str:
        if self.is_map:
            return "a mapping"
        if self.is_seq:
            return "a list"
        value = self.value
        return "nothing" if value is None else f"{type(value).__name__} {value!r}"


def _compose(text: str) -> yaml.Node | None:
    """libyaml's composer where installed (the same nodes and marks, several times faster);
    on a syntax error, the Python one, whose messages the diagnostics quote."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def parse(text: str, file: str, report: Report, line_offset: int = 0) -> Node | None:
    """Compose YAML text into nodes, reporting syntax errors and duplicate keys.

    Before anything is built, a pass over PyYAML's events (a flat stream: no recursion, no
    expansion) refuses what no course file needs and an attacker could use: anchors and aliases
    (billion laughs, recursive aliases), explicit tags (``!!binary``, ``!!python/name``) and
    nesting deeper than ``limits.MAX_YAML_DEPTH``.
    """
    try:
        if not _refuse_hostile(text, file, report, line_offset):
            return None
        raw = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or str(exc)
        if exc.context_mark is not None and "end of stream" in problem:
            # an unclosed quote or bracket: the end of the file says nothing; name where it was opened
            mark = exc.context_mark
            problem = f"{problem} {exc.context}" if exc.context else problem
        line = (mark.line + 1 if mark else 1) + line_offset
        col = mark.column + 1 if mark else 1
        report.add(Code.YAML_SYNTAX, f"YAML syntax error: {problem}", Pos(file, line, col))
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, form feed, escape...)
        before = text[: exc.position]
        line = before.count("\n") + 1 + line_offset
        col = exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        report.add(Code.CONTROL_CHARACTER, f"the character U+{code:04X} is not allowed in YAML", Pos(file, line, col))
        return None
    if raw is None:
        return None
    root = Node(raw, file, line_offset)
    _plain_if_unreadable(raw)
    _report_duplicates(root, report)
    return root


def _refuse_hostile(text: str, file: str, report: Report, line_offset: int) -> bool:
    """Report anchors, aliases, tags and too deep nesting; True when there is none.

    libyaml's parser where installed (the same events and marks, several times faster); on a
    syntax error, the Python one, whose messages the diagnostics quote."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        found: list[tuple[Code, str, Pos]] = []
        try:
            clean = _scan_events(yaml.parse(text, Loader=fast), file, line_offset, found)
        except yaml.YAMLError:
            pass
        else:
            for code, message, at in found:
                report.add(code, message, at)
            return clean
    found = []
    try:
        return _scan_events(yaml.parse(text, Loader=yaml.SafeLoader), file, line_offset, found)
    finally:  # what was found before a syntax error is reported too
        for code, message, at in found:
            report.add(code, message, at)


def _scan_events(events: Iterator[yaml.Event], file: str, line_offset: int, found: list[tuple[Code, str, Pos]]) -> bool:
    """Add to ``found`` what _refuse_hostile reports; True when there is none."""
    depth = 0
    clean = True
    for event in events:
        mark = event.start_mark
        at = Pos(file, mark.line + 1 + line_offset, mark.column + 1) if mark else Pos(file, 1 + line_offset)
        if isinstance(event, yaml.AliasEvent):
            found.append((Code.YAML_ALIAS, f"'*{event.anchor}' repeats another value by alias", at))
            return False  # one is enough: a file of aliases would give thousands of lines
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            found.append((Code.YAML_ALIAS, f"'&{event.anchor}' marks a value for repeating", at))
            clean = False
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and not (isinstance(event, yaml.ScalarEvent) and event.implicit[0]):
            found.append((Code.YAML_TAG, f"the tag '{tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed", at))
            clean = False
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limits.MAX_YAML_DEPTH:
                found.append(
                    (Code.YAML_TOO_DEEP, f"lists and mappings nest more than {limits.MAX_YAML_DEPTH} levels deep", at)
                )
                return False
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return clean


def _construct(raw: yaml.Node) -> Any:
    """A scalar node's value from the shared constructor, which would otherwise keep every node it
    constructed (of every file) alive. Text, most of a course's scalars, is the node's own value:
    what the constructor would return, without its dispatch."""
    if raw.tag == STR_TAG and isinstance(raw, yaml.ScalarNode):
        return raw.value
    try:
        return _constructor.construct_object(raw, deep=True)
    finally:
        _constructor.constructed_objects.pop(raw, None)


def _plain_if_unreadable(raw: yaml.Node) -> None:
    """Make scalars PyYAML cannot construct (``2026-02-30``, ``!!int abc``, ``<<``, unknown tags) plain text.

    The field that expects a date, number or key then reports the wrong type at its line.
    """
    if isinstance(raw, yaml.ScalarNode):
        try:
            _construct(raw)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            _constructor.recursive_objects.pop(raw, None)  # leave the shared constructor as it was
            _constructor.deep_construct = False
            raw.tag = "tag:yaml.org,2002:str"
    elif isinstance(raw, yaml.SequenceNode):
        for item in raw.value:
            _plain_if_unreadable(item)
    elif isinstance(raw, yaml.MappingNode):
        for key, value in raw.value:
            _plain_if_unreadable(key)
            _plain_if_unreadable(value)


def _report_duplicates(node: Node, report: Report) -> None:
    if node.is_map:
        seen: dict[object, Pos] = {}
        for key, value in node.pairs():
            name = key.raw.value if key.is_scalar else id(key)
            if name in seen:
                report.add(
                    Code.YAML_DUPLICATE_KEY, f"key '{name}' is repeated (first at line {seen[name].line})", key.pos
                )
            else:
                seen[name] = key.pos
            _report_duplicates(value, report)
    elif node.is_seq:
        for item in node.items():
            _report_duplicates(item, report)


class Fields:
    """The fields of a YAML mapping, checked against the names a record allows."""

    def __init__(
        self, node: Node, report: Report, what: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> None:
        self.node = node
        self.report = report
        self.what = what
        self.found: dict[str, tuple[Node, Node]] = {}
        if not node.is_map:
            report.add(Code.WRONG_TYPE, f"{what} must be a mapping, not {node.kind_name()}", node.pos)
            return
        allowed = set(required) | set(optional)
        for key, value in node.pairs():
            name = str(key.value)
            if name not in allowed:
                known = ", ".join(sorted(allowed))
                report.add(
                    Code.UNKNOWN_FIELD, f"unknown field '{name}' in {what}", key.pos, hint=f"allowed fields: {known}"
                )
                continue
            self.found[name] = (key, value)
        for name in required:
            if name not in self.found:
                report.add(Code.MISSING_FIELD, f"{what} has no '{name}'", node.pos)
            elif self.get(name) is None:  # 'title:' with nothing after it
                report.add(Code.EMPTY_TEXT, f"'{name}' of {what} is empty", self.found[name][0].pos)

    @property
    def ok(self) -> bool:
        return self.node.is_map

    def get(self, name: str) -> Node | None:
        pair = self.found.get(name)
        if pair is None:
            return None
        value = pair[1]
        if value.is_scalar and value.value is None:
            return None  # an empty field is the same as a missing optional one
        return value

    def key_pos(self, name: str) -> Pos:
        pair = self.found.get(name)
        return pair[0].pos if pair else self.node.pos

    def string(self, name: str, default: str | None = None) -> str | None:
        node = self.get(name)
        if node is None:
            return default
        if not node.is_scalar or isinstance(node.value, (bool, dt.date)):
            self.report.add(Code.WRONG_TYPE, f"'{name}' must be text, not {node.kind_name()}", node.pos)
            return default
        if isinstance(node.value, (int, float)):
            return str(node.raw.value)  # as written: 'version: 1.10' stays "1.10", not 1.1
        if not str(node.value).strip():
            self.report.add(Code.EMPTY_TEXT, f"'{name}' is empty", node.pos)
            return default
        text = str(node.value)
        limits.check_text(text, name, node.pos, self.report)
        return text

    def identifier(self, name: str) -> str | None:
        value = self.string(name)
        node = self.get(name)
        if value is not None and node is not None:
            check_id(value, node.pos, self.report)
        return value

    def integer(self, name: str) -> int | None:
        node = self.get(name)
        if node is None:
            return None
        value = node.value if node.is_scalar else None
        if not isinstance(value, int) or isinstance(value, bool):
            self.report.add(Code.WRONG_TYPE, f"'{name}' must be a whole number, not {node.kind_name()}", node.pos)
            return None
        return value

    def boolean(self, name: str) -> bool | None:
        node = self.get(name)
        if node is None:
            return None
        value = node.value if node.is_scalar else None
        if not isinstance(value, bool):
            self.report.add(Code.WRONG_TYPE, f"'{name}' must be true or false, not {node.kind_name()}", node.pos)
            return None
        return value

    def date(self, name: str) -> dt.date | None:
        node = self.get(name)
        if node is None:
            return None
        value = node.value if node.is_scalar else None
        if not isinstance(value, dt.date):
            self.report.add(Code.WRONG_TYPE, f"'{name}' must be a date written YYYY-MM-DD", node.pos)
            return None
        return value

    def strings(self, name: str) -> tuple[str, ...]:
        node = self.get(name)
        if node is None:
            return ()
        if not node.is_seq:
            self.report.add(Code.WRONG_TYPE, f"'{name}' must be a list, not {node.kind_name()}", node.pos)
            return ()
        values = []
        for item in node.items():
            if not item.is_scalar or item.value is None or isinstance(item.value, (bool, dt.date)):
                self.report.add(Code.WRONG_TYPE, f"each item of '{name}' must be text", item.pos)
                continue
            if not str(item.value).strip():
                self.report.add(Code.EMPTY_TEXT, f"an item of '{name}' is empty", item.pos)
                continue
            limits.check_text(str(item.value), name, item.pos, self.report)
            values.append(str(item.value))
        return tuple(values)

    def identifiers(self, name: str) -> tuple[tuple[str, Pos], ...]:
        node = self.get(name)
        values = self.strings(name)
        if node is None or not node.is_seq:
            return ()
        positions = [item.pos for item in node.items()]
        result = []
        for value, pos in zip(values, positions, strict=False):
            if check_id(value, pos, self.report):
                result.append((value, pos))
        return tuple(result)

    def text(self, name: str, languages: tuple[str, ...]) -> Text | None:
        node = self.get(name)
        if node is None:
            return None
        return read_text(node, name, languages, self.report)

    def hashes(self, name: str) -> dict[str, str]:
        """A ``{language: hash}`` stamp written by mark-current."""
        node = self.get(name)
        if node is None:
            return {}
        if not node.is_map:
            self.report.add(Code.WRONG_TYPE, f"'{name}' must be a mapping of language to hash", node.pos)
            return {}
        return {str(k.value): str(v.value) for k, v in node.pairs()}


def read_text(node: Node, name: str, languages: tuple[str, ...], report: Report) -> Text | None:
    """A text in every language of the course: ``{en: ..., th: ..., pt_BR: ...}``."""
    if not node.is_map:
        report.add(
            Code.WRONG_TYPE,
            f"'{name}' must give the text per language ({', '.join(languages)}), not {node.kind_name()}",
            node.pos,
        )
        return None
    values: list[tuple[str, str]] = []
    for key, value in node.pairs():
        lang = str(key.value)
        if lang not in languages:
            report.add(
                Code.UNKNOWN_FIELD,
                f"'{lang}' is not a language of the course",
                key.pos,
                hint=f"the course's languages are {', '.join(languages)}; if this is part of a text, "
                "put the text in quotes: in {...} a comma ends the text",
            )
            continue
        if not value.is_scalar or value.value is None or not str(value.value).strip():
            report.add(Code.EMPTY_TEXT, f"the {lang} text of '{name}' is empty", value.pos)
            continue
        limits.check_text(str(value.value).strip(), name, value.pos, report)  # an error, but keep the text
        values.append((lang, str(value.value).strip()))
    present = {lang for lang, _ in values}
    for lang in languages:
        if lang not in present and not any(str(k.value) == lang for k, _ in node.pairs()):
            report.add(Code.MISSING_LANGUAGE, f"'{name}' has no {lang} text", node.pos)
    return Text(tuple(values), node.pos)


def check_id(value: str, pos: Pos, report: Report) -> bool:
    if ID_PATTERN.match(value):
        return True
    report.add(Code.BAD_ID, f"'{value}' is not a kebab-case ASCII id", pos)
    return False
