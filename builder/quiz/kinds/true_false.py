"""``true_false``: a statement, right or wrong; "True" then "False", never shuffled."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from builder.diagnostics import Report
from builder.model import Option, Question
from builder.quiz.kind import Interaction, register
from builder.quiz.kinds.single import Single

if TYPE_CHECKING:
    from builder.load.quizzes import QuizLoader
    from builder.load.yamlnodes import Fields


@register
class TrueFalse(Single):
    name = "true_false"
    required = ("answer", "feedback_true", "feedback_false")
    interaction = "true-false"

    def parts(self, loader: QuizLoader, fields: Fields) -> dict[str, Any] | None:
        answer = fields.boolean("answer")
        if answer is None:
            return None
        options = []
        for value in (True, False):
            name = f"feedback_{str(value).lower()}"
            feedback = fields.text(name, loader.languages)
            if feedback is not None:
                options.append(Option(str(value).lower(), None, answer is value, feedback, None, fields.key_pos(name)))
        return {"options": tuple(options)}

    def check(self, question: Question, report: Report) -> None:
        pass  # the loader made exactly the two options

    def record(self, question: Question, response: Sequence[Any]) -> Interaction:
        return Interaction(self.interaction, tuple(self.right_response(question)), tuple(response))
