"""``single``: one right option among several; options are shuffled per learner unless pinned."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from builder.diagnostics import Report
from builder.model import Question
from builder.quiz.kind import Interaction, Kind, register
from builder.quiz.kinds._choices import check_options, option_data

if TYPE_CHECKING:
    from builder.load.quizzes import QuizLoader
    from builder.load.yamlnodes import Fields


@register
class Single(Kind):
    name = "single"
    required: ClassVar[tuple[str, ...]] = ("options",)
    interaction = "choice"
    one_right = True

    def parts(self, loader: QuizLoader, fields: Fields) -> dict[str, Any] | None:
        return {"options": loader.options(fields.get("options"), scenario=False)}

    def check(self, question: Question, report: Report) -> None:
        check_options(question.options, question.pos, report, single=self.one_right)

    def page_data(self, question: Question, lang: str) -> dict[str, Any]:
        return {"options": [option_data(o, lang) for o in question.options]}

    def state_bound(self, question: Question) -> int:
        return 1

    def record(self, question: Question, response: Sequence[Any]) -> Interaction:
        return Interaction(self.interaction, tuple(self.right_response(question)), tuple(response))

    def right_response(self, question: Question) -> list[Any]:
        return [o.id for o in question.options if o.correct]
