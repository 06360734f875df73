"""The contract every registered question kind keeps, on the Python side (the browser side is
tests/browser/test_quiz_kinds.py): its template, its runtime module, its records and bounds."""

from __future__ import annotations

import dataclasses
import re

import pytest

from builder.load import load_course
from builder.model import Question, Quiz
from builder.quiz import kind as kinds
from builder.quiz.bundle import RUNTIME, runtime_js
from builder.quiz.state import SCORM12_LIMIT, max_state_length, quiz_version
from builder.render.views import environment, quiz_data
from tests.conftest import REPO, ROOTS

TEMPLATES = REPO / "builder" / "templates" / "quiz"


def example_quiz() -> Quiz:
    course = load_course(ROOTS / "minimal").course
    assert course is not None
    quiz = course.modules["first-steps"].quiz
    assert quiz is not None
    return quiz


def examples() -> dict[str, Question]:
    return {q.kind: q for q in example_quiz().questions}


def test_the_registry_finds_every_kind_module() -> None:
    modules = {p.stem for p in (REPO / "builder/quiz/kinds").glob("*.py") if not p.stem.startswith("_")}
    assert set(kinds.kinds()) == modules - {"__init__"}
    assert len(kinds.kinds()) >= 6


def test_the_fixture_course_has_a_question_of_every_kind() -> None:
    assert set(examples()) == set(kinds.kinds())


@pytest.mark.parametrize("name", sorted(kinds.kinds()))
def test_every_kind_has_its_template_and_runtime_module(name: str) -> None:
    kind = kinds.get(name)
    assert kind.interaction in kinds.INTERACTION_TYPES
    assert (TEMPLATES / f"{name}.html").is_file()
    script = RUNTIME / "kinds" / f"{name}.js"
    assert re.search(rf'registerKind\("{name}"', script.read_text(encoding="utf-8"))
    assert script.read_text(encoding="utf-8") in runtime_js().decode("utf-8")
    template = environment("en").get_template(f"quiz/{name}.html")
    assert {"question", "key"} <= set(template.module.__dict__)


@pytest.mark.parametrize("name", sorted(kinds.kinds()))
def test_every_kind_records_authored_ids_and_bounds_its_state(name: str) -> None:
    kind, question = kinds.get(name), examples()[name]
    right = kind.right_response(question)
    record = kind.record(question, right)
    assert record.type == kind.interaction
    authored = {o.id for o in question.all_options()} | {i.id for i in question.items}
    flat = [
        x for entry in (*record.correct, *record.response) for x in (entry if isinstance(entry, tuple) else (entry,))
    ]
    assert flat and set(flat) <= authored
    assert kind.state_bound(question) >= len(right) >= 1
    data = kind.page_data(question, "th")
    assert data and "kind" not in data


def test_the_quiz_version_ignores_texts_and_follows_structure() -> None:
    quiz = example_quiz()
    question = quiz.questions[4]
    renamed = dataclasses.replace(question, items=tuple(reversed(question.items)))
    changed = dataclasses.replace(quiz, questions=(*quiz.questions[:4], renamed, *quiz.questions[5:]))
    assert quiz_version(changed) != quiz_version(quiz)
    assert quiz_data(quiz, "en")["version"] == quiz_version(quiz)


def test_max_state_length_counts_every_question() -> None:
    quiz = example_quiz()
    fewer = dataclasses.replace(quiz, questions=quiz.questions[:1])
    assert max_state_length(fewer) < max_state_length(quiz) < SCORM12_LIMIT
    assert max_state_length(None) < max_state_length(fewer)


def test_worksheet_order_is_never_the_right_order_and_is_stable() -> None:
    for count in range(2, 8):
        for name in ("a", "b", "sextortion-steps", "match-helplines"):
            order = kinds.worksheet_order(name, count)
            assert sorted(order) == list(range(count)) and order != list(range(count))
            assert order == kinds.worksheet_order(name, count)
