"""``scenario``: "what would you do?", steps of choices whose consequences lead to the next step.

The response is the path: the option ids chosen, step after step. It scores the share of
good decisions on that path, and goes to an LMS as a sequence with no single right pattern.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from builder.diagnostics import Code, Report
from builder.model import Question, Step
from builder.quiz.kind import Interaction, Kind, register
from builder.quiz.kinds._choices import MAX_CHOICES, check_options, option_data

if TYPE_CHECKING:
    from builder.load.quizzes import QuizLoader
    from builder.load.yamlnodes import Fields


@register
class Scenario(Kind):
    name = "scenario"
    required = ("steps",)
    interaction = "sequencing"
    decision = True

    def parts(self, loader: QuizLoader, fields: Fields) -> dict[str, Any] | None:
        return {"steps": loader.steps(fields.get("steps"))}

    def check(self, question: Question, report: Report) -> None:
        if not question.steps:
            report.add(Code.TOO_FEW_OPTIONS, "the scenario has no steps", question.pos)
            return
        if len(list(question.all_options())) > MAX_CHOICES:
            report.add(Code.TOO_MANY_CHOICES, f"more than {MAX_CHOICES} choices in one scenario", question.pos)
        steps = {step.id: step for step in question.steps}
        for step in question.steps:
            check_options(step.options, step.pos, report, single=False)
            for option in step.options:
                if option.next is not None and option.next not in steps:
                    report.add(Code.SCENARIO_STEP, f"'next: {option.next}' names no step of this scenario", option.pos)
        reached: set[str] = set()

        def visit(step: Step, trail: tuple[str, ...]) -> None:
            reached.add(step.id)
            for option in step.options:
                target = steps.get(option.next or "")
                if target is None:
                    continue
                if target.id in trail:
                    report.add(
                        Code.SCENARIO_CYCLE, f"choice '{option.id}' leads back to step '{target.id}'", option.pos
                    )
                    continue
                visit(target, (*trail, target.id))

        visit(question.steps[0], (question.steps[0].id,))
        for step in question.steps:
            if step.id not in reached:
                report.add(Code.SCENARIO_UNREACHABLE, f"no choice leads to step '{step.id}'", step.pos)

    def page_data(self, question: Question, lang: str) -> dict[str, Any]:
        return {"steps": [{"id": s.id, "options": [option_data(o, lang) for o in s.options]} for s in question.steps]}

    def state_bound(self, question: Question) -> int:
        return len(question.steps)  # a path visits each step at most once (cycles are errors)

    def record(self, question: Question, response: Sequence[Any]) -> Interaction:
        return Interaction(self.interaction, (), tuple(response))

    def right_response(self, question: Question) -> list[Any]:
        path, step = [], question.steps[0] if question.steps else None
        steps = {s.id: s for s in question.steps}
        while step is not None:
            option = next(o for o in step.options if o.correct)
            path.append(option.id)
            step = steps.get(option.next or "")
        return path
