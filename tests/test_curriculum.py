"""The shipped curriculum: complete, current, and meeting the curriculum's own rules."""

from __future__ import annotations

import pytest

from builder.coverage import coverage
from builder.load import load_course
from builder.model import Audience, Course
from tests.conftest import REPO


@pytest.fixture(scope="module")
def course() -> Course:
    result = load_course(REPO)
    assert result.course is not None
    assert result.report.items == [], "\n".join(d.render() for d in result.report.items)  # clean even in --strict
    return result.course


def test_six_paths_with_the_reference_module_counts(course: Course) -> None:
    counts = {path.id: len(path.module_ids) for path in course.paths}
    assert counts == {"children-8-12": 6, "children-13-17": 6, "parents": 5, "judges": 5, "prosecutors": 5, "police": 6}


def test_every_module_is_translated_and_current(course: Course) -> None:
    for row in coverage(course):
        assert (row["th"], row["pt_BR"]) == ("ok", "ok"), row


def test_every_quiz_has_five_questions_and_a_scenario(course: Course) -> None:
    for module in course.modules.values():
        assert module.quiz is not None, module.id
        assert len(module.quiz.questions) >= 5, module.id
        assert any(q.kind == "scenario" for q in module.quiz.questions), module.id


def test_childrens_quizzes_ask_about_getting_help(course: Course) -> None:
    for path in course.paths:
        if path.audience is not Audience.CHILDREN:
            continue
        for module_id in path.module_ids:
            quiz = course.modules[module_id].quiz
            assert quiz is not None
            tagged = [q for q in quiz.questions if "help-seeking" in q.tags]
            assert tagged, module_id
            right = [o.text.source if o.text else o.id for q in tagged for o in q.all_options() if o.correct]
            assert any(w in " ".join(right).lower() for w in ("adult", "helpline", "tell", "1387", "100")), (
                module_id,
                right,
            )


def test_professional_modules_carry_a_content_warning_in_every_language(course: Course) -> None:
    for path in course.paths:
        if path.audience is Audience.PROFESSIONALS:
            for module_id in path.module_ids:
                for page in course.modules[module_id].pages.values():
                    assert page.content_warning, (module_id, page.lang)


def test_review_fields_stay_empty_until_native_professionals_review(course: Course) -> None:
    for module in [*course.modules.values(), *course.guides.values()]:
        for page in module.pages.values():
            assert page.reviewed_by is None and page.reviewed_on is None, (module.id, page.lang)


def test_same_structure_in_every_language(course: Course) -> None:
    for module in course.modules.values():
        source = module.source
        for page in module.pages.values():
            assert page.minutes == source.minutes, (module.id, page.lang)
            assert len(page.objectives) == len(source.objectives), (module.id, page.lang)
            assert set(page.sources) <= set(course.resources), (module.id, page.lang)
            assert page.translated_from is None or len(page.translated_from.sections) == (
                len(page.translated_from.sections)
            )
