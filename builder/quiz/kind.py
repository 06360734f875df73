"""What a question kind is, and the registry of kinds by name.

A kind is one class in ``builder/quiz/kinds/<name>.py`` decorated with ``@register``. It owns:
its YAML fields and their checks, the data the page's runtime needs, its worst-case length in
the saved state, and its interaction record in a form no standard knows (the LMS adapters
format it). Its template (``templates/quiz/<name>.html``) and JavaScript
(``runtime/kinds/<name>.js``) are found by its name. Nothing else names a kind.
"""

from __future__ import annotations

import importlib
import pkgutil
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from builder.model import Question
from builder.translation import digest

if TYPE_CHECKING:
    from builder.diagnostics import Report
    from builder.load.quizzes import QuizLoader
    from builder.load.yamlnodes import Fields

#: Standard-independent interaction types; each LMS adapter maps them to its own vocabulary.
INTERACTION_TYPES = ("choice", "true-false", "sequencing", "matching")


@dataclass(frozen=True)
class Interaction:
    """One answered question as any standard can record it, by AUTHORED ids only.

    ``correct`` and ``response`` are ordered lists; for matching each element is a pair
    ``(item id, partner id)``, otherwise an id. ``correct`` is empty when no single pattern
    is right (a scenario's path).
    """

    type: str
    correct: tuple[Any, ...]
    response: tuple[Any, ...]


class Kind:
    """The surface every question kind has. Subclasses set the class variables and override."""

    name: ClassVar[str]
    required: ClassVar[tuple[str, ...]] = ()  # YAML fields besides id, type, prompt
    optional: ClassVar[tuple[str, ...]] = ()
    interaction: ClassVar[str] = "choice"
    decision: ClassVar[bool] = False  # tests a decision (scenario, ordering, matching), not recall

    def parts(self, loader: QuizLoader, fields: Fields) -> dict[str, Any] | None:
        """Read the kind's fields into keyword arguments of ``Question`` (options, steps, items, feedback)."""
        raise NotImplementedError

    def check(self, question: Question, report: Report) -> None:
        """Report what is wrong with a loaded question of this kind."""

    def structure(self, question: Question) -> list[str]:
        """What changes the meaning of a saved answer (ids, right answers): it goes into the quiz version."""
        parts = [f"{o.id}:{int(o.correct)}:{o.next or ''}" for o in question.all_options()]
        return parts + [item.id for item in question.items]

    def page_data(self, question: Question, lang: str) -> dict[str, Any]:
        """What the runtime needs besides the page's HTML (ids, right answers, feedback)."""
        raise NotImplementedError

    def state_bound(self, question: Question) -> int:
        """The longest answer token the runtime's encoder can write for this question (see state.py)."""
        raise NotImplementedError

    def record(self, question: Question, response: Sequence[Any]) -> Interaction:
        """The interaction record of a response (authored ids), as the runtime builds it too."""
        raise NotImplementedError

    def right_response(self, question: Question) -> list[Any]:
        """A response that scores 1: what the answer key shows."""
        raise NotImplementedError


_REGISTRY: dict[str, Kind] = {}


def register(cls: type[Kind]) -> type[Kind]:
    """Class decorator: make a kind known by its name."""
    if cls.interaction not in INTERACTION_TYPES:
        raise ValueError(f"kind {cls.name}: unknown interaction type {cls.interaction}")
    _REGISTRY[cls.name] = cls()
    return cls


def _discover() -> None:
    from builder.quiz import kinds

    for module in sorted(pkgutil.iter_modules(kinds.__path__), key=lambda m: m.name):
        importlib.import_module(f"{kinds.__name__}.{module.name}")


def kinds() -> dict[str, Kind]:
    """Every registered kind by name (each module of builder/quiz/kinds/ registers one)."""
    if not _REGISTRY:
        _discover()
    return dict(sorted(_REGISTRY.items()))


def get(name: str) -> Kind:
    return kinds()[name]


def of(question: Question) -> Kind:
    return get(question.kind)


def base36(index: int) -> str:
    """One character per index in the saved state (so at most 36 choices per question)."""
    return "0123456789abcdefghijklmnopqrstuvwxyz"[index]


def worksheet_order(question_id: str, count: int) -> list[int]:
    """The order a worksheet lists arranged items in: shuffled with the question id as the seed,
    never the authored (right) order, the same in every build and language."""
    order = list(range(count))
    random.Random(int(digest([question_id]), 16)).shuffle(order)  # noqa: S311 - not for security
    if count > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def ids(items: Iterator[Any] | Sequence[Any]) -> list[str]:
    return [item.id for item in items]
