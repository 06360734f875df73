"""The command line: exit codes, output formats, strict mode."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOTS


def cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", "--root", str(root), *args], capture_output=True, text=True, check=False
    )


def test_clean_course_passes_strict() -> None:
    result = cli(ROOTS / "minimal", "check", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_warnings_fail_only_in_strict_mode(minimal: Path) -> None:
    (minimal / "quizzes/evidence-basics.yml").unlink()
    (minimal / "quizzes/giveaway-baseline.txt").unlink()  # it names a give-away of that quiz
    relaxed = cli(minimal, "check")
    assert relaxed.returncode == 0
    assert "warning[module.no-quiz]" in relaxed.stderr and "0 error(s), 1 warning(s)" in relaxed.stderr
    strict = cli(minimal, "check", "--strict")
    assert strict.returncode == 1 and "error[module.no-quiz]" in strict.stderr


def test_json_output_lists_every_diagnostic(minimal: Path) -> None:
    quiz = minimal / "quizzes/first-steps.yml"
    quiz.write_text(quiz.read_text().replace("pass_mark: 75", "pass_mark: 175"))
    result = cli(minimal, "check", "--format", "json")
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert items == [
        {
            "file": "quizzes/first-steps.yml",
            "line": 1,
            "col": 1,
            "severity": "error",
            "code": "quiz.pass-mark-range",
            "message": "pass mark 175 is outside 0-100",
            "hint": "give 'pass_mark' a whole number from 0 to 100",
        }
    ]


def test_text_output_is_compiler_style_with_a_hint(minimal: Path) -> None:
    quiz = minimal / "quizzes/first-steps.yml"
    quiz.write_text(quiz.read_text().replace("pass_mark: 75", "pass_mark: 175"))
    lines = cli(minimal, "check").stderr.split("\n")
    assert lines[0] == "quizzes/first-steps.yml:1:1: error[quiz.pass-mark-range]: pass mark 175 is outside 0-100"
    assert lines[1] == "    hint: give 'pass_mark' a whole number from 0 to 100"


def test_build_warns_about_a_missing_translation_and_still_builds(minimal: Path, tmp_path: Path) -> None:
    (minimal / "curriculum/pt_BR/evidence-basics.md").unlink()
    result = cli(minimal, "build", "--target", "site", "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "warning[translation.missing]: 'evidence-basics' has no Português (Brasil) translation" in result.stderr
    page = (tmp_path / "site/pt-BR/evidence-basics.html").read_text(encoding="utf-8")
    assert 'class="cs-notice"' in page and '<h1 lang="en">Evidence basics</h1>' in page


def test_a_malformed_mkdocs_yml_gives_a_message_not_a_traceback(minimal: Path, tmp_path: Path) -> None:
    (minimal / "mkdocs.yml").write_text("theme: [unclosed\n", encoding="utf-8")
    result = cli(minimal, "build", "--target", "site", "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "mkdocs.yml cannot be used" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists() and not list(tmp_path.glob("site.*"))


def test_build_into_a_file_is_refused(minimal: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("mine", encoding="utf-8")
    result = cli(minimal, "build", "--target", "scorm12", "--out", str(target))
    assert result.returncode == 1 and "is a file, not a folder" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine"


def test_an_unexpected_exception_is_reported_as_a_bug_with_the_version(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from builder import cli as cli_module

    def broken(argv: object) -> int:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(cli_module, "_main", broken)
    assert cli_module.main([]) == 70
    err = capsys.readouterr().err
    assert "internal error, please report" in err and "ZeroDivisionError: boom" in err and "Traceback" not in err


def test_version_keeps_its_written_form(minimal: Path) -> None:
    from builder.load import load_course

    course_file = minimal / "curriculum/course.yml"
    course_file.write_text(course_file.read_text().replace('version: "1.2.3"', "version: 1.10"), encoding="utf-8")
    result = load_course(minimal)
    assert result.course is not None and result.course.version == "1.10"
