"""The site asks nothing of any other host, over HTTP or opened from a folder, and works offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.answers import answer_arranged
from tests.browser.conftest import RequestLog
from tests.browser.keyboard import choose_radio, open_gate, press_button
from tests.browser.searching import search


def all_pages(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


@pytest.mark.parametrize("mode", ["http", "file"])
def test_every_page_and_interaction_stays_on_this_host(browser, server, site_dir: Path, mode: str) -> None:
    base = server if mode == "http" else site_dir.as_uri()
    context = browser.new_context()
    log = RequestLog()
    context.route("**/*", log)
    page = context.new_page()
    pages = all_pages(site_dir)
    assert len(pages) > 30
    for name in pages:
        page.goto(f"{base}/{name}")
    # Interactions: search, a quiz, the language switch, printing.
    page.goto(f"{base}/th/first-steps.html")
    assert search(page, "ตำรวจ")  # over http and from a folder alike
    page.keyboard.press("Escape")
    open_gate(page)
    choose_radio(page, "cs-who-to-tell", "tell-adult")
    press_button(page, ".cs-check")
    with page.expect_navigation():
        page.locator(".md-select__link").nth(2).evaluate("a => a.click()")
    assert page.url.endswith("/pt-BR/first-steps.html")
    page.emulate_media(media="print")
    page.pdf() if mode == "http" else None
    assert log.foreign == [], log.foreign
    assert not page.context.cookies()
    context.close()


def test_a_usb_copy_works_from_file_urls(browser, site_dir: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto((site_dir / "index.html").as_uri())
    page.locator("a[lang=th]").click()
    page.locator(".cs-card a").first.click()  # children 8-12, in the children's section
    assert page.url.endswith("/th/kids/8-12/index.html")
    page.locator(".cs-path-module a").first.click()
    open_gate(page)
    choose_radio(page, "cs-who-to-tell", "tell-adult")
    page.locator('input[name="cs-good-things"][value="learn"]').check()
    page.locator('input[name="cs-good-things"][value="play"]').check()
    choose_radio(page, "cs-your-fault", "false")
    choose_radio(page, "cs-free-coins-offer", "refuse")
    press_button(page, '.cs-step[data-step="offer"] .cs-choose')
    answer_arranged(page, good=True)
    press_button(page, ".cs-check")
    assert "100%" in page.locator(".cs-result").inner_text()
    # Search works from a folder too, and no note about it is pasted into the page.
    assert "./first-steps.html" in search(page, "ครอบครัว")
    page.keyboard.press("Escape")
    assert page.locator(".cs-file-search-note").count() == 0
    page.go_back()
    page.reload()
    assert page.locator('.cs-progress[data-module="first-steps"]').inner_text().startswith("✓")
    with page.expect_navigation():
        page.locator(".md-select__link").nth(0).evaluate("a => a.click()")
    assert page.url.endswith("/en/kids/8-12/index.html")
    context.close()


def test_no_external_references_in_built_files(site_dir: Path) -> None:
    """Belt and braces: no stylesheet, script, image or font is loaded from an absolute URL."""
    import re

    pattern = re.compile(
        r"""<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)=["']?(?:https?:)?//""", re.IGNORECASE
    )
    css_url = re.compile(r"url\(\s*['\"]?(?:https?:)?//", re.IGNORECASE)
    offenders = []
    for path in site_dir.rglob("*"):
        if path.suffix == ".html" and pattern.search(path.read_text(encoding="utf-8")):
            offenders.append(path.name)
        if path.suffix == ".css" and css_url.search(path.read_text(encoding="utf-8")):
            offenders.append(path.name)
    assert offenders == []


def test_a_package_opened_from_files_keeps_its_progress_apart_from_the_site(browser, site_dir, tmp_path) -> None:
    """Every file:// page shares one localStorage: the site copy and a package must not collide."""
    from tests.browser.conftest import unpack
    from tests.browser.test_lms_scorm import answer

    package = unpack(site_dir, "scorm12/mini-module-first-steps-en-scorm12.zip", tmp_path)
    context = browser.new_context()
    page = context.new_page()
    page.goto((site_dir / "en/kids/8-12/first-steps.html").as_uri())
    open_gate(page)
    page.locator('input[name="cs-who-to-tell"][value="keep-it"]').check()
    page.goto((package / "first-steps/index.html").as_uri())
    answer(page, good=True)
    # progress keys only: "gate" and "position" keys sit beside them, under the same scheme
    keys = sorted(k for k in page.evaluate("() => Object.keys(localStorage)") if k.endswith("/progress"))
    version = page.evaluate("() => JSON.parse(document.getElementById('cs-data').textContent).version")
    assert keys == [
        f"cybersafe/mini/{version}/en/mini-module-first-steps-en-scorm12/first-steps/progress",
        f"cybersafe/mini/{version}/en/site/first-steps/progress",
    ]
    page.goto((site_dir / "en/kids/8-12/first-steps.html").as_uri())
    assert page.locator(".cs-lesson").is_visible()  # the site remembers its own warning was accepted
    assert page.locator('input[name="cs-who-to-tell"][value="keep-it"]').is_checked()  # the site's own answer
    assert "best score" not in page.locator(".cs-result").inner_text()  # the package's score is not the site's
    context.close()
