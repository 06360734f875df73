"""The loader turns the minimal course into the typed model, with positions."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from builder.load import load_course
from builder.model import Audience
from tests.conftest import ROOTS


def test_minimal_course_is_clean_and_complete() -> None:
    result = load_course(ROOTS / "minimal")
    assert result.report.items == []
    course = result.course
    assert course is not None
    assert course.id == "mini" and course.version == "1.2.3"
    assert [p.id for p in course.paths] == ["children-8-12", "police", "children-13-17", "parents"]
    children, police = course.paths[:2]
    assert children.audience is Audience.CHILDREN and children.ages == "8-12"
    assert children.required_tags == ("help-seeking",)
    assert police.module_ids == ("evidence-basics", "first-steps")
    assert course.paths_of("first-steps") == course.paths  # on every path, the teens' and parents' too
    assert course.help_box == {"TH": ("th-help-01",), "BR": ("br-help-01",)}
    assert course.facts_checked().isoformat() == "2026-10-15"


def test_pages_keep_file_positions_and_body_lines() -> None:
    course = load_course(ROOTS / "minimal").course
    assert course is not None
    page = course.modules["first-steps"].pages["th"]
    assert page.pos.file == "curriculum/th/first-steps.md"
    assert page.title == "ก้าวแรกในโลกออนไลน์"
    lines = (ROOTS / "minimal" / page.pos.file).read_text(encoding="utf-8").split("\n")
    assert lines[page.body_line - 1 :] == page.body.split("\n")
    assert page.translated_from is not None and len(page.translated_from.sections) == 4


def test_quiz_model_covers_every_question_kind() -> None:
    course = load_course(ROOTS / "minimal").course
    assert course is not None
    quiz = course.modules["first-steps"].quiz
    assert quiz is not None and quiz.pass_mark == 75
    kinds = {q.id: q.kind for q in quiz.questions}
    assert kinds == {
        "who-to-tell": "single",
        "good-things": "multiple",
        "your-fault": "true_false",
        "free-coins": "scenario",
        "tell-steps": "ordering",
        "match-help": "matching",
    }
    true_false = quiz.questions[2]
    assert [(o.id, o.correct) for o in true_false.options] == [("true", False), ("false", True)]
    scenario = quiz.questions[3]
    assert [s.id for s in scenario.steps] == ["offer", "secret"]
    assert scenario.steps[0].options[0].next == "secret"
    assert scenario.prompt.get("pt_BR") == "Um desconhecido oferece moedas grátis."
    assert quiz.questions[0].pos.file == "quizzes/first-steps.yml" and quiz.questions[0].pos.line == 3


def test_model_is_immutable() -> None:
    course = load_course(ROOTS / "minimal").course
    assert course is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        course.version = "2"  # type: ignore[misc]
    with pytest.raises(TypeError):
        course.modules["x"] = course.modules["first-steps"]  # type: ignore[index]


def test_untranslated_page_falls_back_to_english(minimal: Path) -> None:
    (minimal / "curriculum/th/evidence-basics.md").unlink()
    course = load_course(minimal).course
    assert course is not None
    module = course.modules["evidence-basics"]
    assert module.page("th").lang == "en"
    assert module.page("pt_BR").lang == "pt_BR"
