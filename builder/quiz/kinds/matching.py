"""``matching``: pair each item with its partner (a situation with its helpline). Each authored
pair is an item and its right partner; the learner picks a partner for every item from a
list. The response gives, for each item in authored order, the id of the pair whose partner
was chosen (None when none); the interaction record pairs them up."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from builder.model import Question
from builder.quiz.kind import Interaction, register
from builder.quiz.kinds.ordering import Ordering


@register
class Matching(Ordering):
    name = "matching"
    required = ("pairs", "feedback")
    interaction = "matching"
    field = "pairs"
    texts = ("item", "match")

    def record(self, question: Question, response: Sequence[Any]) -> Interaction:
        pairs = [i.id for i in question.items]
        chosen = tuple((item, match) for item, match in zip(pairs, response, strict=False) if match)
        return Interaction(self.interaction, tuple((p, p) for p in pairs), chosen)

    def right_response(self, question: Question) -> list[Any]:
        return [i.id for i in question.items]
