"""The Content-Security-Policy on every page: the site and its runtime still work with no console
error, over HTTP and from file://, and script that reached a page anyway does not run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.build import build
from builder.load import load_course
from tests.browser.conftest import serve, unpack
from tests.browser.keyboard import choose_radio, open_gate, press_button
from tests.browser.searching import search
from tests.conftest import ROOTS

POLICY = 'http-equiv="Content-Security-Policy"'


def console_errors(page) -> list[str]:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_every_built_page_carries_the_policy(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 30
    missing = [p.relative_to(site_dir).as_posix() for p in pages if POLICY not in p.read_text(encoding="utf-8")]
    assert missing == []


@pytest.mark.parametrize("mode", ["http", "file"])
def test_pages_and_the_quiz_work_under_the_policy_without_console_errors(
    browser, server, site_dir: Path, mode: str
) -> None:
    base = server if mode == "http" else site_dir.as_uri()
    context = browser.new_context()
    page = context.new_page()
    errors = console_errors(page)
    # (the root index.html makes the browser ask for /favicon.ico, and Material's 404 page uses
    # site-absolute paths: both give "failed to load" errors that have nothing to do with the policy)
    for name in ("en/index.html", "th/first-steps.html", "en/kids/8-12/index.html", "pt-BR/downloads.html"):
        page.goto(f"{base}/{name}")
    page.goto(f"{base}/en/first-steps.html")
    open_gate(page)  # a children's module has a gentle note instead of the gate
    choose_radio(page, "cs-who-to-tell", "tell-adult")
    press_button(page, ".cs-check")
    assert page.locator(".cs-result").inner_text() != ""
    assert search(page, "helpline")  # the index shards are scripts of the site: the policy lets them in
    assert [e for e in errors if "Content Security Policy" in e or "Refused" in e] == []
    assert errors == []
    context.close()


def test_a_package_page_runs_its_runtime_under_the_policy(browser, site_dir: Path, tmp_path: Path) -> None:
    package = next((site_dir / "packages" / "scorm12").glob("*.zip")).relative_to(site_dir / "packages")
    folder = unpack(site_dir, package.as_posix(), tmp_path)
    html = next(folder.rglob("*.html"))
    assert POLICY in html.read_text(encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    errors = console_errors(page)
    page.goto(html.as_uri())
    page.wait_for_load_state("load")
    assert [e for e in errors if "Content Security Policy" in e or "Refused" in e] == []
    context.close()


def test_script_in_a_course_title_and_lesson_does_not_run(browser, tmp_path: Path) -> None:
    """Checks refuse these; here the build is called directly, so the escaping and the policy alone must hold."""
    root = tmp_path / "course"
    shutil.copytree(ROOTS / "minimal", root)
    course_file = root / "curriculum/course.yml"
    course_file.write_text(
        course_file.read_text(encoding="utf-8").replace(
            "title: {en: Mini course,", "title: {en: '</title><script>window.pwned=1</script><b>x',"
        ),
        encoding="utf-8",
    )
    lesson = root / "curriculum/en/first-steps.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace(
            "Draw your trusted adults.",
            'Draw <img src=x onerror="window.pwned=2"> <script>window.pwned=3</script> your trusted adults.',
        ),
        encoding="utf-8",
    )
    result = load_course(root)
    assert result.course is not None
    assert {d.code.code for d in result.report.errors()} >= {"text.markup", "html.unsafe"}
    out = tmp_path / "site"
    build(result.course, root, out, ("site",))
    with serve(out) as url:
        context = browser.new_context()
        page = context.new_page()
        for name in ("en/index.html", "en/first-steps.html"):
            page.goto(f"{url}/{name}")
            assert page.evaluate("window.pwned === undefined"), name
        assert "<script>window.pwned" in page.title() or "</title>" in page.title()
        context.close()
