"""``multiple``: one or more right options; right when exactly those are chosen."""

from __future__ import annotations

from builder.model import Question
from builder.quiz.kind import register
from builder.quiz.kinds.single import Single


@register
class Multiple(Single):
    name = "multiple"
    one_right = False

    def state_bound(self, question: Question) -> int:
        return len(question.options)
