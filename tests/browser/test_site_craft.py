"""The site as a careful reader meets it on a 360 px phone and with the keyboard alone: a
professional module at full size behind its warning, no invisible or lost focus, Thai lines that
never start with ๆ, 404 pages that work below the root, no console error over http or file://,
and screenshots of the pages that matter, written for a person to look at."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.conftest import serve
from tests.browser.keyboard import open_gate, press_button, tab_to
from tests.browser.test_quiz import answer_all_well

PHONE = {"width": 360, "height": 740}
MODULE = "en/evidence-basics.html"
GATE_KEY = "cybersafe/mini/1.2.3/en/site/evidence-basics/gate"

#: A focused element a sighted keyboard user can see: rendered, not transparent, on the page.
VISIBLE_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "body";
  const what = e.outerHTML.slice(0, 120);
  if (!e.checkVisibility({opacityProperty: true, visibilityProperty: true})) return "hidden: " + what;
  const r = e.getBoundingClientRect();
  if (r.width < 1 || r.height < 1 || r.right <= 0 || r.left >= document.documentElement.scrollWidth)
    return "off screen: " + what;
  for (let a = e; a; a = a.parentElement) if (Number(getComputedStyle(a).opacity) < 0.1) return "transparent: " + what;
  return "";
}"""


#: Transitions off, so that a control's visibility is read as it ends, not halfway through a fade.
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def lesson_font_size(page) -> float:
    return float(page.evaluate("() => getComputedStyle(document.querySelector('.cs-lesson p')).fontSize")[:-2])


def test_professional_text_is_full_size_after_the_warning_and_the_acceptance_is_kept(phone, server) -> None:
    phone.goto(f"{server}/{MODULE}")
    assert phone.locator(".cs-warning").is_visible()
    assert not phone.locator(".cs-lesson").is_visible()
    tab_to(phone, ".cs-gate > summary")
    phone.keyboard.press("Enter")
    assert phone.locator(".cs-lesson").is_visible()
    assert phone.evaluate(VISIBLE_FOCUS) == ""  # the summary hid itself; the focus went on, not to <body>
    assert lesson_font_size(phone) >= 16
    widths = phone.evaluate(
        "() => [document.querySelector('.cs-lesson p').getBoundingClientRect().width,"
        " document.querySelector('.cs-warning').getBoundingClientRect().width]"
    )
    assert widths[0] >= widths[1] - 1, "the lesson is narrower than the page's column: still inside a box"
    assert phone.evaluate(f"() => localStorage.getItem('{GATE_KEY}')") == "1"

    phone.reload()
    assert phone.locator(".cs-lesson").is_visible()
    assert not phone.locator(".cs-warning").is_visible() and not phone.locator(".cs-gate > summary").is_visible()
    assert lesson_font_size(phone) >= 16


def test_the_reading_position_is_kept(phone, server) -> None:
    phone.goto(f"{server}/{MODULE}")
    phone.evaluate(f"() => localStorage.setItem('{GATE_KEY}', '1')")
    phone.reload()
    phone.evaluate("() => document.getElementById('cs-key-title').scrollIntoView()")
    phone.wait_for_timeout(600)
    key = GATE_KEY.replace("/gate", "/position")
    assert phone.evaluate(f"() => localStorage.getItem('{key}')") == "cs-key-title"
    phone.goto("about:blank")
    phone.goto(f"{server}/{MODULE}")
    top = phone.evaluate("() => document.getElementById('cs-key-title').getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"] / 2


def test_a_long_module_has_an_in_page_table_of_contents(phone, server) -> None:
    phone.goto(f"{server}/en/kids/8-12/first-steps.html")
    open_gate(phone)
    links = phone.locator(".cs-toc a")
    assert links.count() >= 3
    target = links.first.get_attribute("href")
    assert target and phone.locator(target).count() == 1


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", [MODULE, "en/downloads.html", "th/index.html", "en/kids/8-12/first-steps.html"])
def test_the_skip_link_comes_first_and_no_focus_stop_is_invisible(browser, server, path: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    page.goto(f"{server}/{path}")
    page.add_style_tag(content=NO_MOTION)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('md-skip')")
    problems = []
    for _ in range(60):
        problem = page.evaluate(VISIBLE_FOCUS)
        if problem and problem != "body":
            problems.append(problem)
        page.keyboard.press("Tab")
    context.close()
    assert problems == []


def test_the_skip_link_moves_past_the_header_and_drawer(phone, server) -> None:
    phone.goto(f"{server}/{MODULE}")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")
    phone.keyboard.press("Tab")
    assert phone.evaluate("() => !!document.activeElement.closest('#cs-content')")


def test_the_closed_drawer_is_out_of_the_tab_order_and_opens_by_keyboard(phone, server) -> None:
    phone.goto(f"{server}/{MODULE}")
    for _ in range(12):
        phone.keyboard.press("Tab")
        assert not phone.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")
    press_button(phone, ".cs-drawer-button")
    assert phone.evaluate("() => document.getElementById('__drawer').checked")
    phone.wait_for_timeout(400)
    assert phone.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")


def test_a_whole_quiz_by_keyboard_never_drops_the_focus(phone, server) -> None:
    phone.goto(f"{server}/en/kids/8-12/first-steps.html")
    phone.evaluate(
        # A drop: a control of the page lost the focus to nothing because it was hidden, disabled or
        # removed. Tab past either end of the page also leaves the focus nowhere, from a control that
        # is still there: that is no drop (and quick key presses can land before the timer runs).
        """() => { window.csDropped = [];
        document.addEventListener("focusout", (e) => { if (e.relatedTarget) return;
          const gone = () => !e.target.isConnected || e.target.disabled || !e.target.getClientRects().length;
          setTimeout(() => {
            if (document.activeElement === document.body && e.target.closest('.md-content') && gone())
              window.csDropped.push(e.target.outerHTML.slice(0, 90)); }, 0); }); }"""
    )
    if phone.locator(".cs-gate").count():  # children's modules have a gentle note, no gate
        tab_to(phone, ".cs-gate > summary")
        phone.keyboard.press("Enter")
    answer_all_well(phone)
    press_button(phone, ".cs-check")
    assert "100%" in phone.locator(".cs-result").inner_text()
    press_button(phone, ".cs-retry")
    assert phone.evaluate("() => window.csDropped") == []


def test_each_options_feedback_is_announced(page, server) -> None:
    page.goto(f"{server}/en/kids/8-12/first-steps.html")
    open_gate(page)
    for box in page.locator(".cs-feedback[data-option]").all():
        assert box.get_attribute("aria-live") == "polite"
    described = page.locator('#cs-q-who-to-tell input[value="keep-it"]').get_attribute("aria-describedby")
    assert described and page.locator(f"#{described.split()[0]}").get_attribute("data-option") == "keep-it"


#: Whether the first character of a line is ๆ, for every ๆ in the content: each ๆ's box is on
#: the same line as the character before it.
LINES_STARTING_WITH_MAI_YAMOK = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    for (let i = text.indexOf('ๆ'); i >= 0; i = text.indexOf('ๆ', i + 1)) {
      const here = document.createRange(); here.setStart(node, i); here.setEnd(node, i + 1);
      const box = here.getClientRects()[0];
      if (!box) continue;
      let j = i - 1;
      while (j >= 0 && /[\\s\\u00a0\\u2060]/.test(text[j])) j--;
      if (j < 0) { found.push('ๆ starts a text: ' + text.slice(0, 30)); continue; }
      const before = document.createRange(); before.setStart(node, j); before.setEnd(node, j + 1);
      const previous = before.getClientRects()[0];
      if (previous && box.top > previous.top + previous.height / 2) found.push(text.slice(Math.max(0, i - 12), i + 2));
    }
  }
  return found;
}"""


@pytest.mark.parametrize("path", ["th/kids/8-12/first-steps.html", "th/index.html"])
def test_no_thai_line_begins_with_mai_yamok(browser, server, path: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{server}/{path}")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    checked = page.evaluate("() => (document.querySelector('.md-content').textContent.match(/ๆ/g) || []).length")
    found = []
    for width in range(300, 420, 6):  # many widths, so that some ๆ falls at the end of a line
        page.set_viewport_size({"width": width, "height": 740})
        found += page.evaluate(LINES_STARTING_WITH_MAI_YAMOK)
    context.close()
    assert checked > 0 or path == "th/index.html"
    assert found == []


def test_thai_headings_hold_word_joiners_and_the_search_index_does_not(site_dir: Path) -> None:
    html = (site_dir / "th/kids/8-12/first-steps.html").read_text(encoding="utf-8")
    assert "\u2060" in html and "\u00a0ๆ" in html
    shards = sorted((site_dir / "th/kids/8-12/search").glob("*.js"))
    index = "".join(shard.read_text(encoding="utf-8") for shard in shards)
    assert len(shards) > 1 and "\u2060" not in index and "\u00a0" not in index


@pytest.mark.parametrize("page_path", ["en/404.html", "th/kids/404.html", "pt-BR/404.html", "404.html"])
def test_each_404_page_served_below_the_root_loads_its_styles(
    browser, site_dir: Path, tmp_path: Path, page_path: str
) -> None:
    host = tmp_path / "host"
    shutil.copytree(site_dir, host / "courses" / "cyber", ignore=shutil.ignore_patterns("*.zip", "packages"))
    with serve(host) as url:
        context = browser.new_context()
        page = context.new_page()
        failed: list[str] = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.goto(f"{url}/courses/cyber/{page_path}")
        sheets = page.evaluate("() => [...document.styleSheets].filter(s => s.href).length")
        links = page.evaluate(
            "() => [...document.querySelectorAll('[href], [src]')]"
            ".map(e => e.getAttribute('href') || e.getAttribute('src'))"
        )
        context.close()
    assert failed == []
    assert sheets >= 1 or page_path == "404.html"
    assert [link for link in links if link.startswith("/")] == []


def test_root_page_has_a_favicon(site_dir: Path) -> None:
    assert 'rel="icon"' in (site_dir / "index.html").read_text(encoding="utf-8")


CONSOLE_PAGES = [
    "index.html",
    "en/index.html",
    MODULE,
    "en/downloads.html",
    "th/kids/8-12/first-steps.html",
    "pt-BR/trainers.html",
]


@pytest.mark.parametrize("mode", ["http", "file"])
def test_no_console_error(browser, server, site_dir: Path, mode: str) -> None:
    base = server if mode == "http" else site_dir.as_uri()
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    for path in CONSOLE_PAGES:
        page.goto(f"{base}/{path}")
        page.wait_for_timeout(300)
    context.close()
    assert errors == []


def test_downloads_are_one_row_per_module_with_a_button_per_standard(phone, server) -> None:
    phone.goto(f"{server}/pt-BR/downloads.html")
    rows = phone.locator(".cs-dl-row")
    assert rows.count() == 4 + 3  # the fixture's four paths, then its three modules
    assert rows.first.locator(".cs-dl-button").count() == 3
    text = phone.locator(".cs-downloads").inner_text()
    assert "SCORM 2004 4ª edição" in text and "4th edition" not in text
    assert "KB" in text and "," in rows.first.locator(".cs-dl-size").first.inner_text()


def test_print_gives_activities_write_in_lines_and_keeps_the_help_box_whole(page, server) -> None:
    page.goto(f"{server}/en/kids/8-12/first-steps.html")
    page.emulate_media(media="print")
    box = page.evaluate("() => getComputedStyle(document.querySelector('.cs-helpbox')).breakInside")
    assert box == "avoid"
    activity = page.locator(".cs-callout-activity")
    if activity.count():
        height = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('.cs-callout-activity'), '::after').height)"
        )
        assert height > 40


SCREENS = {
    "professional-module-360.png": MODULE,
    "downloads-360.png": "en/downloads.html",
    "thai-page-360.png": "th/kids/8-12/first-steps.html",
}


def test_screenshots_at_360_px(phone, server, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Written for a person to look at; CYBERSAFE_SCREENSHOTS=<folder> copies them there too."""
    folder = tmp_path_factory.mktemp("screenshots")
    for name, path in SCREENS.items():
        phone.goto(f"{server}/{path}")
        for summary in phone.locator(".cs-gate > summary").all():
            summary.click()
        phone.screenshot(path=str(folder / name), full_page=True)
        assert (folder / name).stat().st_size > 10_000
    copy_to = os.environ.get("CYBERSAFE_SCREENSHOTS")
    if copy_to:
        Path(copy_to).mkdir(parents=True, exist_ok=True)
        for shot in folder.iterdir():
            shutil.copy(shot, Path(copy_to) / shot.name)
