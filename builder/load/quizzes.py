"""Load ``quizzes/<module-id>.yml``: one structure, every text in all languages side by side."""

from __future__ import annotations

from pathlib import Path

from builder.diagnostics import Code, Report
from builder.load import yamlnodes
from builder.load.source import SourceTree
from builder.model import Option, Question, QuestionKind, Quiz, Step

KINDS = {kind.value: kind for kind in QuestionKind}
COMMON = ("id", "type", "prompt")
COMMON_OPTIONAL = ("tags", "translated")
SHAPES = {
    QuestionKind.SINGLE: (("options",), ()),
    QuestionKind.MULTIPLE: (("options",), ()),
    QuestionKind.TRUE_FALSE: (("answer", "feedback_true", "feedback_false"), ()),
    QuestionKind.SCENARIO: (("steps",), ()),
}


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
        if node.is_map:
            kind_node = next((v for k, v in node.pairs() if k.value == "type"), None)
            if kind_node is not None:
                kind = KINDS.get(str(kind_node.value))
                if kind is None:
                    self.report.add(
                        Code.BAD_VALUE,
                        f"'{kind_node.value}' is not a question type",
                        kind_node.pos,
                        hint=f"use one of: {', '.join(KINDS)}",
                    )
        required, optional = SHAPES.get(kind, ((), ())) if kind else ((), ())
        extra = ("options", "steps", "answer", "feedback_true", "feedback_false") if kind is None else ()
        fields = yamlnodes.Fields(
            node, self.report, "the question", COMMON + required, COMMON_OPTIONAL + optional + extra
        )
        question_id = fields.identifier("id")
        prompt = fields.text("prompt", self.languages)
        if not fields.ok or kind is None or question_id is None or prompt is None:
            return None
        options: tuple[Option, ...] = ()
        steps: tuple[Step, ...] = ()
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            options = self.options(fields.get("options"), scenario=False)
        elif kind is QuestionKind.TRUE_FALSE:
            options = self.true_false(fields)
        else:
            steps = self.steps(fields.get("steps"))
        return Question(
            id=question_id,
            kind=kind,
            prompt=prompt,
            options=options,
            steps=steps,
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
        optional = ("next",) if scenario else ()
        options = []
        for item in node.items():
            fields = yamlnodes.Fields(item, self.report, "the option", ("id", "correct", "text", "feedback"), optional)
            option_id = fields.identifier("id")
            correct = fields.boolean("correct")
            text = fields.text("text", self.languages)
            feedback = fields.text("feedback", self.languages)
            if option_id is None or correct is None or text is None or feedback is None:
                continue
            options.append(Option(option_id, text, correct, feedback, fields.identifier("next"), item.pos))
        self._unique((o.id, o.pos) for o in options)
        return tuple(options)

    def true_false(self, fields: yamlnodes.Fields) -> tuple[Option, ...]:
        answer = fields.boolean("answer")
        if answer is None:
            return ()
        options = []
        for value in (True, False):
            name = f"feedback_{str(value).lower()}"
            feedback = fields.text(name, self.languages)
            if feedback is not None:
                options.append(Option(str(value).lower(), None, answer is value, feedback, None, fields.key_pos(name)))
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

    def _unique(self, items: object) -> None:
        seen: set[str] = set()
        for item_id, pos in items:  # type: ignore[attr-defined]
            if item_id in seen:
                self.report.add(Code.DUPLICATE_ID, f"the id '{item_id}' is used twice here", pos)
            seen.add(item_id)
