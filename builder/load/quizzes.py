"""Load ``quizzes/<module-id>.yml``: one structure, every text in all languages side by side."""

from __future__ import annotations

from pathlib import Path

from builder.diagnostics import Code, Report
from builder.load import yamlnodes
from builder.load.source import SourceTree
from builder.model import Item, Option, Question, Quiz, Step
from builder.quiz import kind as kinds

COMMON = ("id", "type", "prompt")
COMMON_OPTIONAL = ("tags", "translated")


class QuizLoader:
    """Reads one quiz file; ``languages`` are the course's, every text needs each of them."""

    def __init__(self, languages: tuple[str, ...], report: Report) -> None:
        self.languages = languages
        self.report = report

    def load(self, path: Path, tree: SourceTree) -> Quiz | None:
        text = tree.read(path, self.report)
        root = yamlnodes.parse(text, tree.name(path), self.report) if text is not None else None
        if root is None:
            if text is not None and not text.strip():
                self.report.add(Code.MISSING_FIELD, "the quiz file is empty", tree.pos(path))
            return None
        fields = yamlnodes.Fields(root, self.report, "the quiz", ("pass_mark", "questions"))
        if not fields.ok:
            return None
        pass_mark = fields.integer("pass_mark")
        if pass_mark is not None and not 0 <= pass_mark <= 100:
            self.report.add(
                Code.PASS_MARK_RANGE, f"pass mark {pass_mark} is outside 0-100", fields.key_pos("pass_mark")
            )
        questions_node = fields.get("questions")
        questions: list[Question] = []
        if questions_node is not None:
            if not questions_node.is_seq:
                self.report.add(Code.WRONG_TYPE, "'questions' must be a list", questions_node.pos)
            else:
                questions = [q for q in map(self.question, questions_node.items()) if q is not None]
        self._unique((q.id, q.pos) for q in questions)
        return Quiz(path.stem, pass_mark if pass_mark is not None else 0, tuple(questions), tree.pos(path))

    def question(self, node: yamlnodes.Node) -> Question | None:
        kind = None
        registered = kinds.kinds()
        if node.is_map:
            kind_node = next((v for k, v in node.pairs() if k.value == "type"), None)
            if kind_node is not None:
                kind = registered.get(str(kind_node.value))
                if kind is None:
                    self.report.add(
                        Code.BAD_VALUE,
                        f"'{kind_node.value}' is not a question type",
                        kind_node.pos,
                        hint=f"use one of: {', '.join(registered)}",
                    )
        if kind is None:  # check the common fields, and accept any kind's own
            required: tuple[str, ...] = ()
            optional = tuple(sorted({f for k in registered.values() for f in (*k.required, *k.optional)}))
        else:
            required, optional = kind.required, kind.optional
        fields = yamlnodes.Fields(node, self.report, "the question", COMMON + required, COMMON_OPTIONAL + optional)
        question_id = fields.identifier("id")
        prompt = fields.text("prompt", self.languages)
        if not fields.ok or kind is None or question_id is None or prompt is None:
            return None
        parts = kind.parts(self, fields)
        if parts is None:
            return None
        return Question(
            id=question_id,
            kind=kind.name,
            prompt=prompt,
            options=parts.get("options", ()),
            steps=parts.get("steps", ()),
            items=parts.get("items", ()),
            feedback=parts.get("feedback"),
            tags=tuple(tag for tag, _ in fields.identifiers("tags")),
            translated=fields.hashes("translated"),
            pos=node.pos,
        )

    def options(self, node: yamlnodes.Node | None, scenario: bool) -> tuple[Option, ...]:
        if node is None:
            return ()
        if not node.is_seq:
            self.report.add(Code.WRONG_TYPE, "'options' must be a list", node.pos)
            return ()
        optional = ("next", "pin") if scenario else ("pin",)
        options = []
        for item in node.items():
            fields = yamlnodes.Fields(item, self.report, "the option", ("id", "correct", "text", "feedback"), optional)
            option_id = fields.identifier("id")
            correct = fields.boolean("correct")
            text = fields.text("text", self.languages)
            feedback = fields.text("feedback", self.languages)
            if option_id is None or correct is None or text is None or feedback is None:
                continue
            pin = fields.boolean("pin") if fields.get("pin") is not None else False
            options.append(Option(option_id, text, correct, feedback, fields.identifier("next"), item.pos, bool(pin)))
        self._unique((o.id, o.pos) for o in options)
        return tuple(options)

    def steps(self, node: yamlnodes.Node | None) -> tuple[Step, ...]:
        if node is None:
            return ()
        if not node.is_seq:
            self.report.add(Code.WRONG_TYPE, "'steps' must be a list", node.pos)
            return ()
        steps = []
        for item in node.items():
            fields = yamlnodes.Fields(item, self.report, "the scenario step", ("id", "prompt", "options"))
            step_id = fields.identifier("id")
            prompt = fields.text("prompt", self.languages)
            options = self.options(fields.get("options"), scenario=True)
            if step_id is not None and prompt is not None:
                steps.append(Step(step_id, prompt, options, item.pos))
        self._unique((s.id, s.pos) for s in steps)
        return tuple(steps)

    def items(self, node: yamlnodes.Node | None, name: str, texts: tuple[str, ...]) -> tuple[Item, ...]:
        """A list of things to arrange, each with an id and the texts ``texts`` (``text``; ``item`` and ``match``)."""
        if node is None:
            return ()
        if not node.is_seq:
            self.report.add(Code.WRONG_TYPE, f"'{name}' must be a list", node.pos)
            return ()
        found = []
        for entry in node.items():
            fields = yamlnodes.Fields(entry, self.report, f"the entry of '{name}'", ("id", *texts))
            item_id = fields.identifier("id")
            read = [fields.text(t, self.languages) for t in texts]
            if item_id is None or any(t is None for t in read):
                continue
            first, *rest = read
            assert first is not None
            found.append(Item(item_id, first, rest[0] if rest else None, entry.pos))
        self._unique((i.id, i.pos) for i in found)
        return tuple(found)

    def _unique(self, items: object) -> None:
        seen: set[str] = set()
        for item_id, pos in items:  # type: ignore[attr-defined]
            if item_id in seen:
                self.report.add(Code.DUPLICATE_ID, f"the id '{item_id}' is used twice here", pos)
            seen.add(item_id)
