"""Shared fixtures: the tiny real course under tests/roots/, copied so tests may change it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from builder.build import build
from builder.load import load_course

#: The date the checks compare against ('checked' not older than a year, not in the future): pinned,
#: so the suite does not start failing as time passes. Child processes inherit it.
os.environ["CYBERSAFE_TODAY"] = "2026-12-01"

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A writable copy of tests/roots/minimal."""
    target = tmp_path / "course"
    shutil.copytree(ROOTS / "minimal", target)
    return target


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course built into a site, with one module left untranslated in Thai."""
    source = tmp_path_factory.mktemp("course") / "course"
    shutil.copytree(ROOTS / "minimal", source)
    (source / "curriculum/th/evidence-basics.md").unlink()
    result = load_course(source)
    assert result.course is not None and not result.report.errors(), result.report.items
    out = tmp_path_factory.mktemp("site") / "site"
    build(result.course, source, out)
    return out


def overflow_saved_state(course: Path) -> None:
    """Give the fixture's police quiz so many small questions that its worst-case saved state passes
    SCORM 1.2's 4096 characters, while the file stays well inside the loader's size limit."""
    quiz = course / "quizzes/evidence-basics.yml"
    text = {"en": "Pick", "th": "เลือก", "pt_BR": "Escolha"}
    question = (
        "  - id: q-{n}\n    type: multiple\n    prompt: {text}\n    options:\n"
        "      - {{id: a, correct: true, text: {text}, feedback: {text}}}\n"
        "      - {{id: b, correct: false, text: {text}, feedback: {text}}}\n"
    )
    flow = "{" + ", ".join(f"{lang}: {word}" for lang, word in text.items()) + "}"
    quiz.write_text(quiz.read_text() + "".join(question.format(n=n, text=flow) for n in range(900)))
