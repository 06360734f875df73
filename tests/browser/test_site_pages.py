"""The built site, page by page, in a real browser."""

from __future__ import annotations

from pathlib import Path

from builder.render.i18n import translations
from tests.browser.keyboard import open_gate
from tests.browser.searching import manifest

LANGS = {"en": "en", "th": "th", "pt-BR": "pt-BR"}


def visit(page, url: str) -> None:
    """Open a page that must exist: the server's 404 page has no links, help box or notice to check."""
    response = page.goto(url)
    assert response is not None and response.ok, f"{url}: {response and response.status}"


def test_root_page_offers_the_three_languages(page, server) -> None:
    page.goto(f"{server}/index.html")
    links = page.locator("main > ul a")  # the languages; then each language's age bands for children
    assert links.count() == 3
    assert page.locator("main .kids a.band").count() == 6
    assert [links.nth(i).get_attribute("href") for i in range(3)] == [
        "en/index.html",
        "th/index.html",
        "pt-BR/index.html",
    ]
    links.nth(2).click()
    assert page.locator("html").get_attribute("lang") == "pt-BR"


def test_html_lang_and_material_interface_follow_the_language(page, server) -> None:
    for slug, tag in LANGS.items():
        page.goto(f"{server}/{slug}/first-steps.html")
        assert page.locator("html").get_attribute("lang") == tag
    page.goto(f"{server}/th/first-steps.html")
    assert page.locator(".cs-search__open").get_attribute("aria-label") == "ค้นหา"
    thai = translations("th").gettext("Check what you learned")
    assert thai != "Check what you learned"
    # our catalog, in Thai (text_content: inner_text is '' while the content-warning gate is closed)
    heading = page.locator(".cs-quiz h2").text_content() or ""
    assert heading.replace("\u2060", "") == thai  # word joiners keep Thai words whole (render/thai.py)


def test_every_page_shows_the_course_version_and_facts_date(page, server, site_dir: Path) -> None:
    pages = [
        html
        for html in sorted(site_dir.glob("*/**/*.html"))
        if html.name != "404.html" and html.parent.name != "recipes"  # the quick exit's page names no course
    ]
    assert len(pages) > 30
    for html in pages:
        text = html.read_text(encoding="utf-8")
        assert "1.2.3" in text and "2026-10-15" in text, html


def test_children_cannot_reach_professional_modules(page, server, site_dir: Path) -> None:
    for slug in LANGS:
        for section in ("kids", "kids/8-12", "kids/13-17"):
            kids = site_dir / slug / section
            assert not (kids / "evidence-basics.html").exists()
            locations = {doc[0] for doc in manifest(kids)["docs"]}
            assert locations and all(not loc.startswith(("evidence-basics", "police")) for loc in locations), locations
        for kids_page in ("kids/8-12/first-steps.html", "kids/index.html", "kids/8-12/index.html"):
            visit(page, f"{server}/{slug}/{kids_page}")
            hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
            assert any(h.startswith(server) and h.endswith(".html") for h in hrefs), (kids_page, hrefs)
            # links stay in the children's section (or switch language within it), never to adults' pages;
            # the quick exit goes to the neutral page; help links go to the helplines' own sites
            assert all(not h.startswith(server) or "/kids/" in h or "/recipes/" in h for h in hrefs), [
                h for h in hrefs if h.startswith(server) and "/kids/" not in h
            ]


def test_professional_module_shows_its_warning_before_the_content(page, server) -> None:
    page.goto(f"{server}/en/evidence-basics.html")
    warning = page.locator(".cs-warning")
    assert "contains no abuse material" in warning.inner_text()
    assert not page.locator(".cs-lesson").is_visible()
    open_gate(page)
    assert page.locator(".cs-lesson").is_visible()


def test_help_box_shows_the_countrys_routes(page, server) -> None:
    page.goto(f"{server}/th/kids/8-12/first-steps.html")
    box = page.locator(".cs-helpbox")
    assert box.locator("[data-resource]").evaluate_all("els => els.map(e => e.dataset.resource)") == ["th-help-01"]
    assert box.locator("a.cs-call").get_attribute("href") == "tel:1387"
    page.goto(f"{server}/en/kids/8-12/first-steps.html")
    assert page.locator(".cs-helpbox [data-resource]").count() == 2
    visit(page, f"{server}/en/evidence-basics.html")
    assert page.locator(".cs-helpbox").count() == 0


def test_untranslated_module_falls_back_to_english_with_a_notice(page, server) -> None:
    page.goto(f"{server}/th/evidence-basics.html")
    assert page.locator(".cs-notice").first.inner_text() != ""
    assert page.locator("h1").first.get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("lang") == "th"


def test_language_switcher_keeps_the_page(page, server) -> None:
    page.goto(f"{server}/th/kids/8-12/first-steps.html")
    hrefs = page.eval_on_selector_all(".md-select__link", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs == [
        "../../../en/kids/8-12/first-steps.html",
        "first-steps.html",
        "../../../pt-BR/kids/8-12/first-steps.html",
    ]
    page.goto(f"{server}/{hrefs[2].removeprefix('../../../')}")
    assert page.url.endswith("/pt-BR/kids/8-12/first-steps.html")
    assert page.locator("h1").first.inner_text() == "Primeiros passos na internet"
