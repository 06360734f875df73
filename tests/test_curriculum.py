"""The shipped curriculum: complete, current, and meeting the curriculum's own rules."""

from __future__ import annotations

import pytest

from builder.coverage import coverage
from builder.load import load_course
from builder.model import Audience, Course, Option, Question
from builder.render.markdown import split_sections
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
    rows = coverage(course)
    assert sorted(row["module"] for row in rows) == sorted(course.modules)  # a row for every module
    for row in rows:
        assert (row["th"], row["pt_BR"]) == ("ok", "ok"), row


def test_every_quiz_has_five_questions_and_a_scenario(course: Course) -> None:
    for module in course.modules.values():
        assert module.quiz is not None, module.id
        assert len(module.quiz.questions) >= 5, module.id
        assert any(q.kind == "scenario" for q in module.quiz.questions), module.id


def test_childrens_quizzes_ask_about_getting_help(course: Course) -> None:
    children = [path for path in course.paths if path.audience is Audience.CHILDREN]
    assert [path.id for path in children] == ["children-8-12", "children-13-17"]
    for path in children:
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
    professionals = [path for path in course.paths if path.audience is Audience.PROFESSIONALS]
    assert [path.id for path in professionals] == ["judges", "prosecutors", "police"]
    for path in professionals:
        for module_id in path.module_ids:
            pages = course.modules[module_id].pages
            assert set(pages) == {"en", "th", "pt_BR"}, module_id
            for page in pages.values():
                assert page.content_warning, (module_id, page.lang)


def test_review_fields_stay_empty_until_native_professionals_review(course: Course) -> None:
    for module in [*course.modules.values(), *course.guides.values()]:
        for page in module.pages.values():
            assert page.reviewed_by is None and page.reviewed_on is None, (module.id, page.lang)


def test_same_structure_in_every_language(course: Course) -> None:
    translations = 0
    for module in course.modules.values():
        source = module.source
        sections = len(split_sections(source.body, source.tokens))
        for page in module.pages.values():
            assert page.minutes == source.minutes, (module.id, page.lang)
            assert len(page.objectives) == len(source.objectives), (module.id, page.lang)
            assert set(page.sources) <= set(course.resources), (module.id, page.lang)
            if page is source:
                continue
            translations += 1
            # A translation has the English's sections, and its stamp was taken from all of them.
            assert len(split_sections(page.body, page.tokens)) == sections, (module.id, page.lang)
            assert page.translated_from is not None, (module.id, page.lang)
            assert len(page.translated_from.sections) == sections, (module.id, page.lang)
    assert translations == 2 * len(course.modules) > 0


def test_a_test_wise_learner_passes_no_quiz_in_any_language(course: Course) -> None:
    """A learner who never reads the lesson picks the longest option, answers "false", ticks all
    but the shortest option, and cannot arrange or match: no shipped quiz may let them pass."""
    from builder.quiz.giveaways import length

    def longest(options: tuple[Option, ...], lang: str) -> Option:
        return max(options, key=lambda o: length(o.text.get(lang)) if o.text else 0)

    def score(question: Question, lang: str) -> float:
        if question.kind == "single":
            return float(longest(question.options, lang).correct)
        if question.kind == "true_false":
            return float(next(o for o in question.options if o.id == "false").correct)
        if question.kind == "multiple":
            shortest = min(question.options, key=lambda o: length(o.text.get(lang)) if o.text else 0)
            return float(
                {o.id for o in question.options if o is not shortest} == {o.id for o in question.options if o.correct}
            )
        if question.kind == "scenario":
            steps, step, good, taken = {s.id: s for s in question.steps}, question.steps[0], 0, 0
            while step is not None and taken < len(steps):
                choice = longest(step.options, lang)
                good, taken = good + choice.correct, taken + 1
                step = steps.get(choice.next or "")
            return good / taken
        return 0.0  # ordering and matching: nothing to guess from the look of the options

    scored = 0
    for module in course.modules.values():
        if module.quiz is None:
            continue
        for lang in course.languages:
            result = 100 * sum(score(q, lang) for q in module.quiz.questions) / len(module.quiz.questions)
            assert result < module.quiz.pass_mark, (module.id, lang, round(result))
            scored += 1
    assert scored == 33 * 3
