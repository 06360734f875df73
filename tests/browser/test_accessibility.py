"""WCAG 2.1 A and AA, checked by axe-core in a real browser, on every kind of page in every language,
at desktop size and on a 360 px phone; and text at 200 % reflows without horizontal scrolling."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.keyboard import choose_radio, open_gate
from tests.browser.searching import search

AXE = Path(__file__).parent.parent.parent / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
LANGS = ["en", "th", "pt-BR"]


def violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run scripts/test.sh, which installs axe-core from npm")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})" for v in result["violations"]]


def visit(page, url: str) -> None:
    """Open a page that must exist: axe finds nothing wrong with the server's 404 page."""
    response = page.goto(url)
    assert response is not None and response.ok, f"{url}: {response and response.status}"


def open_quiz(page, server: str, lang: str) -> None:
    visit(page, f"{server}/{lang}/kids/8-12/first-steps.html")
    open_gate(page)


STATES = {
    "root": lambda page, server, lang: visit(page, f"{server}/index.html"),
    "home": lambda page, server, lang: visit(page, f"{server}/{lang}/index.html"),
    "kids-home": lambda page, server, lang: visit(page, f"{server}/{lang}/kids/index.html"),
    "track": lambda page, server, lang: visit(page, f"{server}/{lang}/kids/8-12/index.html"),
    "module": lambda page, server, lang: visit(page, f"{server}/{lang}/evidence-basics.html"),
    "trainers": lambda page, server, lang: visit(page, f"{server}/{lang}/trainers.html"),
    "downloads": lambda page, server, lang: visit(page, f"{server}/{lang}/downloads.html"),
    "professional-track": lambda page, server, lang: visit(page, f"{server}/{lang}/police.html"),
    "answer-key": lambda page, server, lang: visit(page, f"{server}/{lang}/answer-key-police.html"),
    "not-found": lambda page, server, lang: visit(page, f"{server}/{lang}/404.html"),
    "kids-not-found": lambda page, server, lang: visit(page, f"{server}/{lang}/kids/404.html"),
    "root-not-found": lambda page, server, lang: visit(page, f"{server}/404.html"),
}


def module_accepted(page, server: str, lang: str) -> None:
    """A professional module opened behind its warning, then visited again (the warning accepted)."""
    page.goto(f"{server}/{lang}/evidence-basics.html")
    page.locator(".cs-gate > summary").click()
    page.reload()
    page.locator(".cs-lesson").wait_for(state="visible", timeout=5000)  # the runtime is deferred


def drawer_open(page, server: str, lang: str) -> None:
    page.goto(f"{server}/{lang}/evidence-basics.html")
    page.evaluate(
        "() => { const t = document.getElementById('__drawer');"
        " t.checked = true; t.dispatchEvent(new Event('change')); }"
    )
    page.wait_for_timeout(400)


STATES["module-accepted"] = module_accepted
STATES["drawer-open"] = drawer_open


def quiz_in_progress(page, server: str, lang: str) -> None:
    open_quiz(page, server, lang)
    choose_radio(page, "cs-who-to-tell", "keep-it")
    choose_radio(page, "cs-free-coins-offer", "accept")
    page.locator('.cs-step[data-step="offer"] .cs-choose').click()


def quiz_result(page, server: str, lang: str) -> None:
    page.evaluate("() => localStorage.clear()")  # start afresh, not from the answers saved just before
    quiz_in_progress(page, server, lang)
    page.locator('input[name="cs-good-things"][value="learn"]').check()
    choose_radio(page, "cs-your-fault", "true")
    choose_radio(page, "cs-free-coins-secret", "tell")
    page.locator('.cs-step[data-step="secret"] .cs-choose').click()
    page.locator(".cs-check").click()
    assert page.locator(".cs-result").inner_text()


def search_results(page, server: str, lang: str) -> None:
    visit(page, f"{server}/{lang}/kids/8-12/first-steps.html")
    assert search(page, {"en": "family", "th": "ครอบครัว", "pt-BR": "família"}[lang])


STATES["quiz-in-progress"] = quiz_in_progress
STATES["quiz-result"] = quiz_result
STATES["search-results"] = search_results


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_no_wcag_violations(browser, server, lang: str, size: str) -> None:
    context = browser.new_context(
        viewport=SIZES[size], bypass_csp=True
    )  # axe is injected inline; the pages forbid that
    page = context.new_page()
    found = {}
    for name, go in STATES.items():
        go(page, server, lang)
        problems = violations(page)
        if problems:
            found[name] = problems
    context.close()
    assert found == {}


@pytest.mark.parametrize("lang", LANGS)
def test_text_at_200_percent_reflows_without_horizontal_scrolling(browser, server, lang: str) -> None:
    context = browser.new_context(
        viewport={"width": 640, "height": 900}, bypass_csp=True
    )  # axe is injected inline; the pages forbid that
    page = context.new_page()
    for path in ("index.html", "kids/8-12/index.html", "kids/8-12/first-steps.html", "evidence-basics.html"):
        visit(page, f"{server}/{lang}/{path}")
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{lang}/{path} scrolls sideways by {overflow}px at 200% text"
    context.close()
