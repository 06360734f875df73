"""The children's section and the parents' pages, as a child and a parent meet them (issue 12):
straight entry, one band never showing the other, help on the first screen, the quick exit (in
the site and inside an LMS frame), no WCAG violations, and screenshots to look at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.answers import answer_arranged
from tests.browser.conftest import serve, unpack
from tests.browser.searching import manifest, search
from tests.browser.test_accessibility import SIZES, violations
from tests.browser.test_lms_scorm import lms  # noqa: F401 - the fake LMS fixture, shared
from tests.conftest import REPO

LANGS = ["en", "th", "pt-BR"]
BANDS = {"8-12": "first-steps", "13-17": "teen-talk"}
PROFESSIONAL = re.compile(r"(^|/)(evidence-basics|police|answer-key-police)\.html")
SHOTS = REPO / "build" / "screenshots" / "kids"


def kids_pages(site_dir: Path, slug: str) -> list[str]:
    """Every children's page of a language, and the parents' pages of the main section."""
    found = sorted(
        str(p.relative_to(site_dir / slug))
        for p in (site_dir / slug / "kids").rglob("*.html")
        if p.name != "404.html" and "search" not in p.parts
    )
    return found + ["parents.html", "first-steps.html"]  # first-steps is also on the parents' path


def hrefs(page) -> list[str]:
    return page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")


@pytest.mark.parametrize("band", BANDS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_child_reaches_a_module_of_their_band_from_the_root_without_professional_pages(
    page, server, lang: str, band: str
) -> None:
    loaded: list[str] = []
    page.on("framenavigated", lambda frame: loaded.append(frame.url) if frame == page.main_frame else None)
    page.goto(f"{server}/index.html")
    root_links = hrefs(page)
    page.locator(f'.kids-lang[lang="{lang}"] a[href$="kids/{band}/index.html"]').click()
    page.locator(".cs-trail-step a").first.click()
    assert page.url.endswith(f"/{lang}/kids/{band}/{BANDS[band]}.html")
    assert page.locator(".cs-module").count() == 1
    visited = list(loaded)
    for url in visited[1:]:  # every page after the root: none links to a professional module
        page.goto(url)
        assert not [h for h in hrefs(page) if PROFESSIONAL.search(h)], url
    assert len(visited) == 3 and not [h for h in root_links if PROFESSIONAL.search(h)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_younger_band_never_links_or_finds_a_teens_module(page, server, site_dir: Path, lang: str) -> None:
    younger = site_dir / lang / "kids" / "8-12"
    for html in younger.rglob("*.html"):
        assert "teen-talk" not in html.read_text(encoding="utf-8"), html
    younger_docs = {doc[0] for doc in manifest(younger)["docs"]}
    assert younger_docs and not [d for d in younger_docs if "teen-talk" in d]
    teen_docs = {doc[0].split("#")[0] for doc in manifest(site_dir / lang / "kids/13-17")["docs"]}
    assert {"teen-talk.html", "first-steps.html"} <= teen_docs  # a module of both bands is in both
    page.goto(f"{server}/{lang}/kids/8-12/index.html")
    nav = page.eval_on_selector_all(".md-nav__link[href]", "els => els.map(e => e.getAttribute('href'))")
    assert "first-steps.html" in nav and not [h for h in nav if "teen-talk" in h]
    if lang == "en":  # the browser's search of each band, for a word only the teens' module has
        page.goto(f"{server}/en/kids/8-12/index.html")
        assert not [r for r in search(page, "Sam") if "teen-talk" in r]
        page.goto(f"{server}/en/kids/13-17/index.html")
        assert [r for r in search(page, "Sam") if "teen-talk" in r]


@pytest.mark.parametrize("size", SIZES)
def test_help_is_on_the_first_screen_of_every_childrens_and_parents_page(
    browser, server, site_dir: Path, size: str
) -> None:
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    height = SIZES[size]["height"]
    for slug in LANGS:
        for path in kids_pages(site_dir, slug):
            page.goto(f"{server}/{slug}/{path}")
            toggle = page.locator(".cs-help-toggle")
            box = toggle.bounding_box()
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, (slug, path, box)
            assert box["height"] >= 44 and box["width"] >= 44
            exit_box = page.locator(".cs-quick-exit").bounding_box()
            assert exit_box and exit_box["y"] + exit_box["height"] <= height and exit_box["height"] >= 44
            toggle.click()
            call = page.locator('.cs-help a[href^="tel:"]').first
            assert call.is_visible(), (slug, path)
            call_box = call.bounding_box()
            assert call_box and call_box["height"] >= 44 and call_box["width"] >= 44
            assert call_box["y"] >= 0 and call_box["y"] + call_box["height"] <= height
    context.close()


def test_each_language_shows_its_countrys_help_and_english_remembers_a_choice(page, server) -> None:
    page.goto(f"{server}/th/kids/8-12/first-steps.html")
    page.locator(".cs-help-toggle").click()
    assert page.eval_on_selector_all('.cs-help a[href^="tel:"]', "els => els.map(e => e.getAttribute('href'))") == [
        "tel:1387"
    ]
    page.goto(f"{server}/pt-BR/parents.html")
    page.locator(".cs-help-toggle").click()
    assert page.locator('.cs-help a[href="tel:100"]').is_visible()
    assert page.locator('.cs-help a[href="tel:1387"]').count() == 0
    page.goto(f"{server}/en/kids/8-12/first-steps.html")
    page.locator(".cs-help-toggle").click()
    assert page.locator('.cs-help a[href="tel:1387"]').is_visible()
    assert page.locator('.cs-help a[href="tel:100"]').is_visible()  # both countries until one is chosen
    page.locator('.cs-country[data-country="BR"]').click()
    assert page.locator('.cs-help a[href="tel:1387"]').is_hidden()
    page.goto(f"{server}/en/kids/13-17/teen-talk.html")  # remembered in this browser
    page.locator(".cs-help-toggle").click()
    assert page.locator('.cs-help a[href="tel:100"]').is_visible()
    assert page.locator('.cs-help a[href="tel:1387"]').is_hidden()
    assert page.locator('.cs-country[data-country="BR"]').get_attribute("aria-pressed") == "true"
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert "cybersafe/mini/1.2.3/en/site/help/country" in keys


def test_a_content_note_for_children_is_gentle_and_leads_to_help(page, server) -> None:
    page.goto(f"{server}/en/kids/8-12/first-steps.html")
    assert page.locator(".cs-gate").count() == 0 and page.locator(".cs-lesson").is_visible()
    assert page.locator("#cs-objectives-title").inner_text() == "In this lesson you will…"
    page.locator(".cs-note .cs-open-help").click()
    assert page.locator(".cs-help").evaluate("d => d.open")
    page.goto(f"{server}/th/kids/8-12/first-steps.html")
    text = page.locator("body").inner_text()

    def plain(selector: str) -> str:  # without the word joiners that keep Thai words whole on a line
        return page.locator(selector).inner_text().replace("\u2060", "")

    assert "หนู" in plain("#cs-objectives-title")
    assert "คุณ" not in plain(".cs-safety") and "คุณ" not in plain(".cs-note")
    assert text


@pytest.mark.parametrize("how", ["button", "shift"])
def test_quick_exit_replaces_the_page_and_back_does_not_return(page, server, how: str) -> None:
    page.goto(f"{server}/en/kids/8-12/first-steps.html")
    if how == "button":
        page.locator(".cs-quick-exit").click()
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url("**/recipes/en.html")
    assert "pancakes" in page.locator("h1").inner_text().lower()
    page.go_back()
    assert "/kids/" not in page.url, page.url


def test_shift_is_ignored_while_typing_and_with_other_keys(page, server) -> None:
    page.goto(f"{server}/en/kids/8-12/index.html")
    page.evaluate("() => { const i = document.createElement('input'); i.id = 't'; document.body.prepend(i); }")
    page.locator("#t").focus()
    for _ in range(4):
        page.keyboard.press("Shift")
    page.keyboard.type("Hello World")
    page.locator("h1").first.click()
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+A")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url.endswith("/kids/8-12/index.html")


def test_quick_exit_leaves_the_lms_from_a_package_frame(page, lms) -> None:  # noqa: F811
    page.goto(lms("mini-module-first-steps-en-scorm12.zip", "first-steps/index.html", "scorm12"))
    frame = page.frame_locator("#sco")
    frame.locator(".cs-quick-exit").click()
    page.wait_for_url("**/assets/recipes.html")
    page.go_back()
    assert not page.url.endswith("/lms/index.html"), page.url
    # Shift x3 inside the frame does the same
    page.goto(lms("mini-module-first-steps-en-scorm12.zip", "first-steps/index.html", "scorm12", name="lms2"))
    page.frame_locator("#sco").locator(".cs-help-toggle").focus()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("**/assets/recipes.html")


def test_where_the_lms_forbids_leaving_the_package_blanks_and_says_how(page, site_dir: Path, tmp_path: Path) -> None:
    unpack(site_dir, "scorm12/mini-module-first-steps-en-scorm12.zip", tmp_path)
    (tmp_path / "lms.html").write_text(
        '<!doctype html><html lang="en"><head><title>LMS</title></head><body>'
        '<iframe id="sco" title="module" sandbox="allow-scripts allow-same-origin" '
        'src="pkg/first-steps/index.html" style="width:100%;height:90vh"></iframe></body></html>',
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        page.goto(f"{url}/lms.html")
        frame = page.frame_locator("#sco")
        frame.locator(".cs-quick-exit").click()
        frame.locator(".cs-exit-blocked").wait_for()
        assert "close this tab" in frame.locator("body").inner_text().lower()
        assert frame.locator(".cs-lesson").count() == 0
        assert page.url.endswith("/lms.html")


def _quiz_result(page) -> None:
    page.locator('input[name="cs-who-to-tell"][value="tell-adult"]').check()
    for value in ("learn", "play"):
        page.locator(f'input[name="cs-good-things"][value="{value}"]').check()
    page.locator('input[name="cs-your-fault"][value="false"]').check()
    page.locator('input[name="cs-free-coins-offer"][value="refuse"]').check()
    page.locator('.cs-step[data-step="offer"] .cs-choose').click()
    answer_arranged(page, True)
    page.locator(".cs-check").click()
    page.locator(".cs-result").wait_for()


def test_the_band_shows_its_progress_trail_and_a_certificate_once_every_module_is_passed(page, server) -> None:
    page.goto(f"{server}/en/kids/8-12/index.html")
    assert page.locator(".cs-trail-count").inner_text() == "0 of 1 done"
    assert page.locator(".cs-cert-ready").is_hidden()
    page.goto(f"{server}/en/kids/8-12/first-steps.html")
    _quiz_result(page)
    page.goto(f"{server}/en/kids/8-12/index.html")
    assert page.locator(".cs-trail-count").inner_text() == "1 of 1 done"
    assert page.locator('.cs-trail-step[data-state="passed"]').count() == 1
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    page.locator(".cs-cert-input").fill("Mali")
    page.locator(".cs-cert-print").click()
    assert page.evaluate("() => window.printed")
    page.emulate_media(media="print")
    certificate = page.locator(".cs-certificate")
    assert certificate.is_visible()
    text = certificate.inner_text()
    assert "Mali" in text and "Children 8-12" in text and "1.2.3" in text and "this browser only" in text


def test_the_parents_path_has_its_trail_and_certificate_too(page, server) -> None:
    page.goto(f"{server}/en/parents.html")
    assert page.locator(".cs-trail-count").inner_text() == "0 of 1 done"
    page.goto(f"{server}/en/first-steps.html")
    _quiz_result(page)
    page.goto(f"{server}/en/parents.html")
    assert page.locator(".cs-trail-count").inner_text() == "1 of 1 done"
    page.evaluate("() => { window.print = () => {}; }")
    page.locator(".cs-cert-input").fill("Ana")
    page.locator(".cs-cert-print").click()
    page.emulate_media(media="print")
    text = page.locator(".cs-certificate").inner_text()
    assert "Ana" in text and "Parents" in text and "this browser only" in text


#: What the interface says on a page, without what authors wrote (it carries a lang attribute)
#: and the feedback the quiz shows from the quiz file.
INTERFACE_TEXT = """() => {
  const copy = document.querySelector('.md-content').cloneNode(true);
  copy.querySelectorAll('[lang], .cs-feedback, .cs-consequence').forEach(e => e.remove());
  return copy.innerText.replace(/\u2060/g, '');
}"""


@pytest.mark.parametrize("path", ["kids/8-12/first-steps.html", "kids/13-17/teen-talk.html", "kids/8-12/index.html"])
def test_the_thai_interface_speaks_to_a_child_never_as_khun(page, server, path: str) -> None:
    """Headings, hints, buttons and the runtime's messages (a quiz result too) in the audience's
    voice: หนู or เรา, never the formal คุณ that the professional pages use."""
    page.goto(f"{server}/th/{path}")
    if page.locator(".cs-check").count():
        page.locator(".cs-check").click()  # "answer every question" first: a runtime message
        page.locator(".cs-result").wait_for()
    text = page.evaluate(INTERFACE_TEXT)
    assert len(text) > 100 and "คุณ" not in text, text


AXE_PAGES = ["kids/index.html", "kids/8-12/index.html", "kids/8-12/first-steps.html", "kids/13-17/teen-talk.html"]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_no_wcag_violations_on_childrens_and_parents_pages(browser, server, lang: str, size: str) -> None:
    context = browser.new_context(viewport=SIZES[size], bypass_csp=True)  # axe-core is injected inline
    page = context.new_page()
    found = {}
    for path in AXE_PAGES + ["parents.html", "first-steps.html", f"../recipes/{lang}.html"]:
        page.goto(f"{server}/{lang}/{path}")
        for state in ("closed", "open"):
            if state == "open":
                if not page.locator(".cs-help-toggle").count():
                    continue
                page.locator(".cs-help-toggle").click()
            problems = violations(page)
            if problems:
                found[f"{path} help {state}"] = problems
    page.goto(f"{server}/{lang}/kids/8-12/first-steps.html")
    _quiz_result(page)
    if problems := violations(page):
        found["quiz result"] = problems
    context.close()
    assert found == {}


@pytest.mark.parametrize("lang", LANGS)
def test_screenshots_at_360_px(browser, server, lang: str) -> None:
    """Pictures for a person to look at: the children's home, a module, the help open, a quiz result."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=SIZES["phone"])
    page = context.new_page()
    page.goto(f"{server}/{lang}/kids/index.html")
    page.screenshot(path=str(SHOTS / f"{lang}-1-kids-home.png"))
    page.goto(f"{server}/{lang}/kids/8-12/index.html")
    page.screenshot(path=str(SHOTS / f"{lang}-2-band-8-12.png"))
    page.goto(f"{server}/{lang}/kids/13-17/teen-talk.html")
    page.screenshot(path=str(SHOTS / f"{lang}-3-module-13-17.png"))
    page.goto(f"{server}/{lang}/kids/8-12/first-steps.html")
    page.screenshot(path=str(SHOTS / f"{lang}-4-module-8-12.png"))
    page.locator(".cs-help-toggle").click()
    page.screenshot(path=str(SHOTS / f"{lang}-5-help-open.png"))
    page.locator(".cs-help-toggle").click()
    _quiz_result(page)
    page.locator(".cs-result").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"{lang}-6-quiz-result.png"))
    page.goto(f"{server}/{lang}/parents.html")
    page.screenshot(path=str(SHOTS / f"{lang}-7-parents.png"))
    context.close()
    assert len(list(SHOTS.glob(f"{lang}-*.png"))) == 7
