"""Staleness is detected per section and per item, and mark-current clears it without other edits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from builder.coverage import as_json, as_table
from builder.load import load_course


def codes(root: Path) -> list[tuple[str, int, str, str]]:
    result = load_course(root)
    return [(d.file, d.line, d.code.code, d.message) for d in result.report.items]


def cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", "--root", str(root), *args], capture_output=True, text=True, check=False
    )


def test_changed_english_section_makes_translations_stale_and_names_it(minimal: Path) -> None:
    english = minimal / "curriculum/en/first-steps.md"
    english.write_text(english.read_text().replace("Games, videos", "Games, music, videos"))
    found = codes(minimal)
    stale = [f for f in found if f[2] == "translation.stale"]
    assert [(f[0], f[1]) for f in stale] == [
        ("curriculum/pt_BR/first-steps.md", 1),
        ("curriculum/th/first-steps.md", 1),
    ]
    assert "'Good things online'" in stale[0][3]


def test_mark_current_clears_staleness_and_keeps_the_rest_of_the_file(minimal: Path) -> None:
    english = minimal / "curriculum/en/first-steps.md"
    english.write_text(english.read_text().replace("Games, videos", "Games, music, videos"))
    thai = minimal / "curriculum/th/first-steps.md"
    before = thai.read_text()
    result = cli(minimal, "mark-current", "th", "first-steps")
    assert result.returncode == 0, result.stderr
    after = thai.read_text()
    changed = [(a, b) for a, b in zip(before.split("\n"), after.split("\n"), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].startswith("translated_from: ")
    assert [f[0] for f in codes(minimal) if f[2] == "translation.stale"] == ["curriculum/pt_BR/first-steps.md"]


def test_quiz_question_and_resource_staleness_is_per_item(minimal: Path) -> None:
    quiz = minimal / "quizzes/first-steps.yml"
    quiz.write_text(quiz.read_text().replace("Accept the coins, th", "Accept all the coins, th"))
    resources = minimal / "curriculum/resources.yml"
    resources.write_text(resources.read_text().replace("Free child helpline.", "Free child helpline, 24 hours."))
    stale = sorted((f[0], f[1]) for f in codes(minimal) if f[2] == "translation.stale")
    assert stale == [
        ("curriculum/resources.yml", 1),
        ("curriculum/resources.yml", 1),
        ("quizzes/first-steps.yml", 41),
        ("quizzes/first-steps.yml", 41),
    ]
    comment = "# a comment the tool must keep\n"
    quiz.write_text(comment + quiz.read_text())
    assert cli(minimal, "mark-current", "th", "first-steps", "th-help-01").returncode == 0
    assert quiz.read_text().startswith(comment)
    stale = sorted((f[0], f[3][:10]) for f in codes(minimal) if f[2] == "translation.stale")
    assert stale == [("curriculum/resources.yml", "the pt_BR "), ("quizzes/first-steps.yml", "the pt_BR ")]


def test_mark_current_adds_a_missing_stamp(minimal: Path) -> None:
    quiz = minimal / "quizzes/evidence-basics.yml"
    quiz.write_text("\n".join(line for line in quiz.read_text().split("\n") if "translated:" not in line))
    assert any(f[2] == "translation.stale" for f in codes(minimal))
    assert cli(minimal, "mark-current", "th", "evidence-basics").returncode == 0
    assert cli(minimal, "mark-current", "pt_BR", "evidence-basics").returncode == 0
    assert codes(minimal) == []


def test_mark_current_refuses_unknown_ids_and_the_source_language(minimal: Path) -> None:
    result = cli(minimal, "mark-current", "th", "no-such-module")
    assert result.returncode == 1 and "neither a module nor a resource" in result.stderr
    assert cli(minimal, "mark-current", "en", "first-steps").returncode == 1


def test_coverage_table_and_json(minimal: Path) -> None:
    (minimal / "curriculum/pt_BR/evidence-basics.md").unlink()
    english = minimal / "curriculum/en/first-steps.md"
    english.write_text(english.read_text().replace("Draw your", "Draw all your"))
    course = load_course(minimal).course
    assert course is not None
    data = json.loads(as_json(course))
    rows = {row["module"]: row for row in data["modules"]}
    assert rows["first-steps"]["th"] == "stale" and rows["first-steps"]["en"] == "source"
    assert rows["evidence-basics"]["pt_BR"] == "missing" and rows["evidence-basics"]["th"] == "ok"
    assert data["totals"]["th"] == {"ok": 2, "missing": 0, "stale": 1}
    table = as_table(course)
    assert "first-steps" in table and "STALE" in table and "MISSING" in table
    result = cli(minimal, "coverage", "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["modules"][0]["module"] == "first-steps"


def test_mark_current_keeps_a_block_style_stamp_and_the_next_key_valid(minimal: Path) -> None:
    thai = minimal / "curriculum/th/first-steps.md"
    text = thai.read_text(encoding="utf-8")
    stamp_line = next(line for line in text.split("\n") if line.startswith("translated_from:"))
    block = 'translated_from:\n  meta: "00000000"\n  sections:\n    - "1"\n    - "2"\nreviewed_by: Somchai\n'
    thai.write_text(text.replace("reviewed_by:\n", "").replace(stamp_line + "\n", block), encoding="utf-8")
    english = minimal / "curriculum/en/first-steps.md"
    english.write_text(english.read_text().replace("## Practice", '## Practice "now" \\ here'), encoding="utf-8")
    result = cli(minimal, "mark-current", "th", "first-steps")
    assert result.returncode == 0, result.stderr
    written = thai.read_text(encoding="utf-8")
    assert "\nreviewed_by: Somchai\n" in written and "}reviewed_by" not in written
    found = codes(minimal)
    assert not [f for f in found if f[0] == "curriculum/th/first-steps.md" and f[2] != "translation.incomplete"], found
