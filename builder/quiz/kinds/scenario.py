"""``scenario``: "what would you do?", steps of choices whose consequences lead to the next step.

The response is the path: the option ids chosen, step after step. It scores the share of
good decisions on that path, and goes to an LMS as a sequence with no single right pattern.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from builder.diagnostics import Code, Report
from builder.model import Option, Question, Step
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
        reached, back_edges = walk_steps(steps, question.steps[0].id)
        for option, target in back_edges:
            report.add(Code.SCENARIO_CYCLE, f"choice '{option.id}' leads back to step '{target}'", option.pos)
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


def walk_steps(steps: Mapping[str, Step], start: str) -> tuple[set[str], list[tuple[Option, str]]]:
    """The steps reachable from ``start`` and the choices that close a loop, in one depth-first pass.

    Each step is entered once (white, grey while on the stack, black when done), so a scenario of
    n steps costs O(n + choices) however many paths it has; an explicit stack keeps deep
    scenarios clear of Python's recursion limit.
    """
    on_stack, done = {start}, set()
    back_edges: list[tuple[Option, str]] = []
    stack = [(start, iter(steps[start].options))]
    while stack:
        step_id, options = stack[-1]
        option = next(options, None)
        if option is None:
            stack.pop()
            on_stack.discard(step_id)
            done.add(step_id)
            continue
        target = option.next
        if target is None or target not in steps:
            continue
        if target in on_stack:
            back_edges.append((option, target))
        elif target not in done:
            on_stack.add(target)
            stack.append((target, iter(steps[target].options)))
    return done, back_edges
