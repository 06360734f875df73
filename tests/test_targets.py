"""The target registry, the build's checks, and the one parse per Markdown file."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from builder import build as building
from builder.diagnostics import Report
from builder.load import load_course
from builder.render import markdown
from builder.targets import BuildError, in_build_order, mkdocs_plugin, registered
from tests.conftest import overflow_saved_state


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], capture_output=True, text=True, check=False)


def test_every_target_module_registers_itself_and_the_command_lists_them() -> None:
    names = set(registered())
    assert {"site", "scorm12", "scorm2004", "cmi5", "site-zip", "handbook"} <= names
    listed = cli("targets")
    assert listed.returncode == 0
    assert {line.split()[0] for line in listed.stdout.splitlines()} == names


def test_the_build_order_comes_from_what_targets_provide_and_need() -> None:
    order = [t.name for t in in_build_order()]
    assert order.index("site") > max(order.index(n) for n in ("scorm12", "scorm2004", "cmi5"))
    assert order[-1] == "site-zip"  # it packs everything, so it comes last
    assert [t.name for t in in_build_order(["scorm12"])] == ["scorm12", "site-zip"]
    with pytest.raises(KeyError):
        in_build_order(["no-such-target"])


def test_check_reports_the_saved_state_limit_that_build_enforces(minimal: Path) -> None:
    overflow_saved_state(minimal)
    result = cli("--root", str(minimal), "check")
    assert result.returncode == 1
    assert "quizzes/evidence-basics.yml" in result.stderr and "error[package.state-too-long]" in result.stderr


def test_a_mkdocs_warning_is_an_internal_error_not_muted(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def warn(self: object, *args: object, **kwargs: object) -> None:
        logging.getLogger("mkdocs.structure.pages").warning("a page warns")

    monkeypatch.setattr(mkdocs_plugin.CyberSafePlugin, "on_post_build", warn)
    course = load_course(minimal).course
    assert course is not None
    with pytest.raises(BuildError, match="mkdocs warned while building en/main: a page warns"):
        building.build(course, minimal, tmp_path / "site", ["site"])
    assert not (tmp_path / "site").exists()


def test_each_markdown_file_is_parsed_once_per_build(minimal: Path, tmp_path: Path) -> None:
    before = markdown.parse_count
    course = load_course(minimal).course
    assert course is not None
    files = len(list((minimal / "curriculum").rglob("*.md")))
    assert markdown.parse_count - before == files > 0
    report = Report()
    building.check(course, report)
    building.build(course, minimal, tmp_path / "site")
    assert markdown.parse_count - before == files
