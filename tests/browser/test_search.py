"""Search: nothing loads before the reader asks; Thai words from mid-sentence are found over http
and from a folder, in the children's and the main section; a compound or phrase ranks first."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from builder.search import IndexPage, write_index
from tests.browser.conftest import RequestLog, serve
from tests.browser.searching import MID_SENTENCE_WORDS, manifest, search


def watch(browser):  # type: ignore[no-untyped-def]
    """A page whose requests are logged (other hosts refused) and whose console errors are kept."""
    context = browser.new_context()
    log = RequestLog()
    context.route("**/*", log)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, log, errors


def test_a_first_visit_loads_no_search_and_opening_it_loads_only_this_section(browser, server) -> None:
    context, page, log, errors = watch(browser)
    page.goto(f"{server}/th/kids/8-12/first-steps.html", wait_until="networkidle")
    assert not [u for u in log.urls if "/search/" in u or "lunr" in u or "worker" in u or "sitemap" in u]
    with page.expect_request("**/th/kids/8-12/search/manifest.js"):
        page.locator(".cs-search__open").click()
    assert search(page, "ครอบครัว") == ["./first-steps.html"]
    searched = [u for u in log.urls if "/search/" in u]
    assert searched and all("/th/kids/8-12/search/" in u for u in searched), searched
    assert log.foreign == [] and errors == []
    context.close()


@pytest.mark.parametrize("mode", ["http", "file"])
@pytest.mark.parametrize("section", ["kids/8-12/", ""])
def test_thai_words_from_mid_sentence_are_found(browser, server, site_dir: Path, mode: str, section: str) -> None:
    base = server if mode == "http" else site_dir.as_uri()
    context, page, log, errors = watch(browser)
    page.goto(f"{base}/th/{section}first-steps.html")
    words = page.evaluate(MID_SENTENCE_WORDS)
    sample = random.Random(11).sample(words, min(15, len(words)))
    assert len(sample) >= 8, words
    missed = [word for word in sample if "./first-steps.html" not in search(page, word)]
    assert missed == []
    assert log.foreign == [] and errors == []
    context.close()


def test_portuguese_and_english_fold_accents_and_stem(page, server) -> None:
    page.goto(f"{server}/pt-BR/kids/8-12/first-steps.html")
    for query in ("nao", "NÃO", "familia", "famílias", "fam"):
        assert "./first-steps.html" in search(page, query), query
    page.goto(f"{server}/en/index.html")
    for query in ("phone", "phones", "Isolate", "isolating"):
        assert "./evidence-basics.html" in search(page, query), query


def test_children_search_holds_only_childrens_pages(site_dir: Path) -> None:
    for slug in ("en", "th", "pt-BR"):
        urls = [doc[0] for doc in manifest(site_dir / slug / "kids/8-12")["docs"]]
        assert urls and not [u for u in urls if u.startswith(("evidence-basics", "police", "trainers", "answer-key"))]
        assert "evidence-basics.html" in [doc[0] for doc in manifest(site_dir / slug)["docs"]]


def test_each_language_keeps_its_own_index(site_dir: Path) -> None:
    def shards(section: Path) -> str:
        return "".join(p.read_text(encoding="utf-8") for p in sorted((section / "search").glob("shard-*.js")))

    thai, english = shards(site_dir / "th" / "kids" / "8-12"), shards(site_dir / "en" / "kids" / "8-12")
    assert '"คร"' in thai and '"รอ"' in thai and manifest(site_dir / "th" / "kids" / "8-12")["lang"] == "th"
    assert english and not any("\u0e00" <= char <= "\u0e7f" for char in english)
    assert manifest(site_dir / "en" / "kids" / "8-12")["lang"] == "en"


@pytest.fixture
def phrase_site(site_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The Thai and English main sections with an index of three made-up pages."""
    for slug, lang, pages in (
        (
            "th",
            "th",
            [
                ("people.html", "หนึ่ง", "ผู้คนในศาลรอฟังคำพิพากษาของศาล"),  # both parts, apart
                ("judge.html", "สอง", "ศาลเด็ก\u2060ผู้พิพากษาตัดสินคดีอย่างเป็นธรรม"),  # the whole compound
                ("elders.html", "สาม", "ผู้ใหญ่และผู้ปกครอง"),
            ],
        ),
        (
            "en",
            "en",
            [
                ("shops.html", "One", "A chain of shops sold us a box for custody papers."),
                ("custody.html", "Two", "The chain of custody keeps evidence safe."),
            ],
        ),
    ):
        shutil.copytree(site_dir / slug, tmp_path / slug, ignore=shutil.ignore_patterns("kids"))
        write_index(tmp_path / slug / "search", [IndexPage(u, t, f"<p>{text}</p>") for u, t, text in pages], lang)
    with serve(tmp_path) as url:
        yield url


def test_a_compound_or_phrase_ranks_the_page_that_holds_it_whole_first(page, phrase_site) -> None:
    page.goto(f"{phrase_site}/th/index.html")
    assert search(page, "ผู้พิพากษา") == ["./judge.html"]  # not every page with ผู้ or พิพากษา
    assert search(page, "พิพากษา") == ["./people.html", "./judge.html"]
    assert search(page, "ผู้ใหญ่ และ")[0] == "./elders.html"
    page.goto(f"{phrase_site}/en/index.html")
    assert search(page, "chain of custody") == ["./custody.html", "./shops.html"]
