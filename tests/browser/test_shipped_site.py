"""The shipped curriculum, built as a trainer builds it, visited page by page in a real browser."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.build import build
from builder.load import load_course
from tests.browser.conftest import RequestLog, serve
from tests.browser.searching import manifest
from tests.conftest import REPO


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    result = load_course(REPO)
    assert result.course is not None and not result.report.errors()
    out = tmp_path_factory.mktemp("shipped") / "site"
    build(result.course, REPO, out)
    with serve(out) as url:
        yield out, url


def test_every_page_of_every_language_loads_cleanly_and_stays_on_this_host(browser, shipped) -> None:
    site, url = shipped
    context = browser.new_context()
    log = RequestLog()
    context.route("**/*", log)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
    assert len(pages) > 150
    for name in pages:
        response = page.goto(f"{url}/{name}")
        assert response is not None and response.ok, name
        if "/packages/" not in name:
            lang = page.locator("html").get_attribute("lang")
            assert lang in ("en", "th", "pt-BR"), (name, lang)
    assert errors == []
    assert log.foreign == []
    context.close()


def test_children_never_meet_professional_modules(shipped) -> None:
    site, _ = shipped
    course = load_course(REPO).course
    assert course is not None
    adult_only = {m for p in course.paths if p.audience.value == "professionals" for m in p.module_ids}
    for lang in ("en", "th", "pt-BR"):
        kids = site / lang / "kids"
        assert not [m for m in adult_only if (kids / f"{m}.html").exists()]
        urls = {doc[0] for doc in manifest(kids)["docs"]}
        assert urls and not [m for m in adult_only if f"{m}.html" in urls]


def test_downloads_page_lists_every_package_of_its_language(page, shipped) -> None:
    site, url = shipped
    page.goto(f"{url}/th/downloads.html")
    hrefs = page.eval_on_selector_all(".cs-downloads a", "els => els.map(e => e.getAttribute('href'))")
    packages = [h for h in hrefs if h.endswith(".zip") and "/packages/" in h]
    # per language: 33 module packages and 6 path packages, in three standards
    assert len(packages) == (33 + 6) * 3
    assert all("-th-" in h for h in packages)
    for href in packages[:5]:
        assert (site / "th" / href).resolve().is_file()
    assert page.locator(".cs-dl-list").first.inner_text().count("SCORM 1.2") >= 1
    assert "4th edition" not in page.locator(".cs-downloads").inner_text()  # every label in Thai


#: Lighthouse (npm, test-only), run against Debian's chromium.
LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"


@pytest.mark.parametrize("path", ["en/judges-electronic-evidence.html", "pt-BR/parents.html"])
def test_lighthouse_accessibility_is_100(shipped, tmp_path: Path, path: str) -> None:
    if not LIGHTHOUSE.exists():
        pytest.fail(f"{LIGHTHOUSE} is missing: run scripts/test.sh, which installs the npm test tools")
    _, url = shipped
    report = tmp_path / "lighthouse.json"
    flags = "--headless=new --no-sandbox --disable-gpu"
    command = ["node", str(LIGHTHOUSE), f"{url}/{path}", "--only-categories=accessibility", "--quiet"]
    command += [f"--chrome-flags={flags}", "--output=json", f"--output-path={report}"]
    subprocess.run(command, check=True, timeout=300, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
    result = json.loads(report.read_text(encoding="utf-8"))
    failed = [
        audit["id"]
        for audit in result["audits"].values()
        if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0
    ]
    assert result["categories"]["accessibility"]["score"] == 1, failed
