"""The strictest rules real runtimes apply to values a SCO sends, written down from Moodle's
SCORM 1.2 and 2004 players (mod/scorm/datamodels/scorm_12.js, scorm_13.js), the SCORM data
model's formats, and the xAPI 1.0.3 specification for cmi5 statements.

scorm-again, the LMS side of the tests, accepts more than these (hyphens in 2004 choice
identifiers, for one); every value the runtime sets is checked here as well.
"""

from __future__ import annotations

import re
from typing import Any

# ---- SCORM 1.2, as Moodle's scorm_12.js checks it, plus the data model's response formats ----
S12_CHAR = "[0-9a-z]"
S12_RESPONSES = {
    "true-false": r"^[01tf]$",
    "choice": rf"^{S12_CHAR}(,{S12_CHAR})*$",
    "sequencing": rf"^{S12_CHAR}(,{S12_CHAR})*$",
    "matching": rf"^{S12_CHAR}\.{S12_CHAR}(,{S12_CHAR}\.{S12_CHAR})*$",
}
S12_RULES = {
    r"cmi\.core\.lesson_status": r"^(passed|completed|failed|incomplete|browsed)$",
    r"cmi\.core\.exit": r"^(time-out|suspend|logout|)$",
    r"cmi\.core\.score\.(raw|min|max)": r"^([0-9]{1,2}(\.[0-9]*)?|100(\.0*)?)$",
    r"cmi\.core\.session_time": r"^[0-9]{2,4}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,2})?$",
    r"cmi\.core\.lesson_location": r"^[\s\S]{0,255}$",
    r"cmi\.suspend_data": r"^[\s\S]{0,4096}$",
    r"cmi\.interactions\.\d+\.id": r"^[\x21-\x7e]{1,255}$",
    r"cmi\.interactions\.\d+\.type": r"^(true-false|choice|fill-in|matching|performance|sequencing|likert|numeric)$",
    r"cmi\.interactions\.\d+\.time": r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,2})?$",
    r"cmi\.interactions\.\d+\.result": r"^(correct|wrong|unanticipated|neutral|-?[0-9]{0,3}(\.[0-9]+)?)$",
    r"cmi\.interactions\.\d+\.(student_response|correct_responses\.\d+\.pattern)": r"^[\s\S]{0,255}$",
}

# ---- SCORM 2004, as Moodle's scorm_13.js checks it ----
SHORT_ID = r"[\w.]{1,250}"
S04_RESPONSES = {
    "true-false": r"^(true|false)$",
    "choice": rf"^({SHORT_ID})(\[,\]{SHORT_ID})*$",
    "sequencing": rf"^({SHORT_ID})(\[,\]{SHORT_ID})*$",
    "matching": rf"^{SHORT_ID}\[\.\]{SHORT_ID}(\[,\]{SHORT_ID}\[\.\]{SHORT_ID})*$",
}
LANG_STRING_250 = r"^(\{lang=([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?\})?([^{].{0,250})?$"
S04_RULES = {
    r"cmi\.completion_status": r"^(completed|incomplete|not attempted|unknown)$",
    r"cmi\.success_status": r"^(passed|failed|unknown)$",
    r"cmi\.exit": r"^(time-out|suspend|logout|normal|)$",
    r"cmi\.score\.scaled": r"^-?(0(\.[0-9]{1,18})?|1(\.0{1,18})?)$",
    r"cmi\.score\.(raw|min|max)": r"^-?[0-9]{1,4}(\.[0-9]{1,18})?$",
    r"cmi\.session_time": r"^P(\d+Y)?(\d+M)?(\d+D)?"
    r"(T((\d+H)(\d+M)?(\d+(\.\d{1,2})?S)?|(\d+M)(\d+(\.\d{1,2})?S)?|(\d+(\.\d{1,2})?S)))?$",
    r"cmi\.location": r"^[\s\S]{0,1000}$",
    r"cmi\.suspend_data": r"^[\s\S]{0,64000}$",
    r"cmi\.interactions\.\d+\.id": r"^\S{0,4000}[a-zA-Z0-9]$",
    r"cmi\.interactions\.\d+\.type": r"^(true-false|choice|fill-in|long-fill-in|matching|performance|sequencing"
    r"|likert|numeric|other)$",
    r"cmi\.interactions\.\d+\.timestamp": r"^(19[7-9][0-9]|20[0-2][0-9]|203[0-8])-(0[1-9]|1[0-2])"
    r"-(0[1-9]|[12][0-9]|3[01])"
    r"T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,2})?(Z|[+-]([01][0-9]|2[0-3])(:[0-5][0-9])?)?$",
    r"cmi\.interactions\.\d+\.description": LANG_STRING_250,
    r"cmi\.interactions\.\d+\.result": r"^(correct|incorrect|unanticipated|neutral|-?[0-9]{1,4}(\.[0-9]{1,18})?)$",
}


def _problem(rules: dict[str, str], element: str, value: str) -> str | None:
    for pattern, rule in rules.items():
        if re.fullmatch(pattern, element):
            return None if re.search(rule, value) else f"{element}={value!r} breaks {rule}"
    return None


def scorm_problems(log: list[dict[str, Any]], standard: str) -> list[str]:
    """Every SetValue of a call log that a strict runtime would refuse."""
    setter, rules, responses = (
        ("LMSSetValue", S12_RULES, S12_RESPONSES) if standard == "scorm12" else ("SetValue", S04_RULES, S04_RESPONSES)
    )
    types: dict[str, str] = {}
    problems = []
    sets = [c["args"] for c in log if c["name"] == setter]
    assert sets, "no values were set: nothing was checked"
    for element, value in sets:
        value = str(value)
        if (problem := _problem(rules, element, value)) is not None:
            problems.append(problem)
        if match := re.fullmatch(r"cmi\.interactions\.(\d+)\.type", element):
            types[match.group(1)] = value
        if match := re.fullmatch(
            r"cmi\.interactions\.(\d+)\.(learner_response|student_response|correct_responses\.\d+\.pattern)", element
        ):
            rule = responses.get(types.get(match.group(1), ""))
            if rule is None or not re.search(rule, value):
                problems.append(f"{element}={value!r} breaks the {types.get(match.group(1))} format {rule}")
            if standard == "scorm2004" and types.get(match.group(1)) == "choice":
                ids = value.split("[,]")
                if len(set(ids)) != len(ids):
                    problems.append(f"{element}={value!r}: a choice names an identifier twice")
    return problems


# ---- xAPI 1.0.3 (cmi5 statements) ----
UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
IRI = r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$"
LANG_TAG = r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$"
DURATION = r"^P(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?D)?(T(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$"
TIMESTAMP = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
INTERACTION_TYPES = {
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
}


def _language_map(value: Any, where: str) -> None:
    assert isinstance(value, dict) and value, f"{where}: not a language map"
    for tag, text in value.items():
        assert re.match(LANG_TAG, tag), f"{where}: {tag!r} is not a language tag"
        assert isinstance(text, str), where


def check_xapi_statement(statement: dict[str, Any]) -> None:
    """Raise if the statement breaks an xAPI 1.0.3 rule that an LRS enforces."""
    assert re.match(UUID, statement["id"]), statement["id"]
    assert re.match(TIMESTAMP, statement["timestamp"]), statement["timestamp"]
    assert re.match(IRI, statement["verb"]["id"]), statement["verb"]
    _language_map(statement["verb"]["display"], "verb.display")
    target = statement["object"]
    assert target.get("objectType", "Activity") == "Activity" and re.match(IRI, target["id"]), target
    definition = target.get("definition")
    if definition:
        for name in ("name", "description"):
            if name in definition:
                _language_map(definition[name], f"definition.{name}")
        if "interactionType" in definition:
            assert definition["interactionType"] in INTERACTION_TYPES, definition
            patterns = definition.get("correctResponsesPattern", [])
            assert isinstance(patterns, list) and all(isinstance(p, str) for p in patterns), definition
    result = statement.get("result", {})
    if "duration" in result:
        assert re.match(DURATION, result["duration"]), result
    if "score" in result:
        score = result["score"]
        if "scaled" in score:
            assert -1 <= score["scaled"] <= 1, score
        if "raw" in score:
            assert score.get("min", score["raw"]) <= score["raw"] <= score.get("max", score["raw"]), score
    if "response" in result:
        assert isinstance(result["response"], str), result
    for key in ("success", "completion"):
        if key in result:
            assert isinstance(result[key], bool), result
    context = statement.get("context", {})
    if "registration" in context:
        assert re.match(UUID, context["registration"]), context
    for kind, activities in context.get("contextActivities", {}).items():
        assert kind in ("parent", "grouping", "category", "other"), kind
        assert isinstance(activities, list) and all(re.match(IRI, a["id"]) for a in activities), activities
