"""``ordering``: put the steps in the right order. Items are authored in the right order; the
runtime shuffles them and never shows the right order first. The response is the item ids in
the learner's order; it is right only when the whole order is."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from builder.diagnostics import Code, Report
from builder.model import Question
from builder.quiz.kind import Interaction, Kind, register

if TYPE_CHECKING:
    from builder.load.quizzes import QuizLoader
    from builder.load.yamlnodes import Fields

MIN_ITEMS, MAX_ITEMS = 3, 6


@register
class Ordering(Kind):
    name = "ordering"
    required = ("items", "feedback")
    interaction = "sequencing"
    decision = True
    field = "items"  # the YAML list
    texts: tuple[str, ...] = ("text",)  # the texts of each entry

    def parts(self, loader: QuizLoader, fields: Fields) -> dict[str, Any] | None:
        items = loader.items(fields.get(self.field), self.field, self.texts)
        feedback = fields.text("feedback", loader.languages)
        return {"items": items, "feedback": feedback} if feedback is not None else None

    def check(self, question: Question, report: Report) -> None:
        if not MIN_ITEMS <= len(question.items) <= MAX_ITEMS:
            report.add(
                Code.ITEM_COUNT,
                f"{len(question.items)} entries in '{self.field}': give {MIN_ITEMS} to {MAX_ITEMS}",
                question.pos,
            )

    def page_data(self, question: Question, lang: str) -> dict[str, Any]:
        return {
            "items": [i.id for i in question.items],
            "feedback": question.feedback.get(lang) if question.feedback else "",
        }

    def state_bound(self, question: Question) -> int:
        return len(question.items)

    def record(self, question: Question, response: Sequence[Any]) -> Interaction:
        return Interaction(self.interaction, tuple(self.right_response(question)), tuple(response))

    def right_response(self, question: Question) -> list[Any]:
        return [i.id for i in question.items]
