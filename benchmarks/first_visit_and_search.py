"""What a learner's phone downloads, and how well search finds Thai words: figures, not asserts.

    .venv/bin/python benchmarks/first_visit_and_search.py [--quick]

Builds the shipped course and a generated course ten times larger (every module copied nine
times under new ids, in every language, into the same paths), then, in Chromium:

- first visit: every response a module page loads by itself within two seconds of load, raw and
  gzipped (as a host would send it), for a children's and a professional module per language;
- search: the bytes fetched when the reader opens search and types a query;
- Thai recall: a seeded sample of words from the middle of Thai sentences, cut by the browser's
  Intl.Segmenter (the index does not use it), searched over http and from file://: is the page
  they came from among the results?
- compound precision: for Thai compounds, is the first result a page holding the whole compound?
- Lighthouse (mobile) performance and accessibility, if a ``lighthouse`` command is found
  (``LIGHTHOUSE=path``, or node_modules/.bin/lighthouse), run against /usr/bin/chromium, with the
  site served gzipped as a host would serve it. Scores move with the machine's load.

``--quick`` skips the ten-times course and Lighthouse.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from builder.build import build
from builder.load import load_course
from builder.search.index import clean, page_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' browser helpers, run as a script
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from tests.browser.searching import MID_SENTENCE_WORDS, search  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
PAGES = {"children's": "kids/8-12/share-with-care.html", "professional": "judges-legal-framework.html"}
QUERIES = {"en": "evidence", "th": "ผู้พิพากษา", "pt-BR": "evidência"}
COMPOUNDS = ["ผู้พิพากษา", "ผู้ปกครอง", "ความปลอดภัย", "อินเทอร์เน็ต", "รหัสผ่าน", "หลักฐาน", "สายด่วน", "ความเป็นส่วนตัว"]
RECALL_SAMPLE = 120
COPIES = 9


def build_site(repo: Path, out: Path) -> Path:
    result = load_course(repo)
    if result.course is None or result.report.errors():
        raise SystemExit(f"{repo}: the course has errors")
    build(result.course, repo, out, ("site",))
    return out


def ten_times(into: Path) -> Path:
    """The shipped course with every module copied nine times under new ids, in the same paths."""
    shutil.copytree(REPO / "curriculum", into / "curriculum")
    shutil.copytree(REPO / "quizzes", into / "quizzes")
    course_file = into / "curriculum" / "course.yml"
    course = yaml.safe_load(course_file.read_text(encoding="utf-8"))
    for folder in (into / "curriculum").iterdir():
        if not folder.is_dir() or folder.name == "images" or not list(folder.glob("*.md")):
            continue
        for module in sorted(folder.glob("*.md")):
            text = module.read_text(encoding="utf-8")
            for n in range(1, COPIES + 1):
                copy = re.sub(r"^id: (.+)$", rf"id: \1-x{n}", text, count=1, flags=re.M)
                (folder / f"{module.stem}-x{n}.md").write_text(copy, encoding="utf-8")
    for quiz in sorted((into / "quizzes").glob("*.yml")):
        for n in range(1, COPIES + 1):
            shutil.copy(quiz, quiz.with_name(f"{quiz.stem}-x{n}.yml"))

    def grow(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("modules"), list):
                node["modules"] = node["modules"] + [f"{m}-x{n}" for n in range(1, COPIES + 1) for m in node["modules"]]
            for value in node.values():
                grow(value)
        elif isinstance(node, list):
            for value in node:
                grow(value)

    grow(course.get("tracks"))
    course_file.write_text(yaml.safe_dump(course, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return into


def first_visit(browser: Any, url: str) -> tuple[int, int, Any, list[dict[str, Any]]]:
    """Raw and gzip bytes of everything a page loads by itself; the open page and its log."""
    context = browser.new_context()
    page = context.new_page()
    log: list[dict[str, Any]] = []

    def record(response: Any) -> None:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            body = b""
        log.append({"url": response.url, "raw": len(body), "gzip": len(gzip.compress(body, 6)) if body else 0})

    page.on("response", record)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(2000)
    return sum(e["raw"] for e in log), sum(e["gzip"] for e in log), page, log


def kb(value: int) -> str:
    return f"{value / 1000:7.1f} KB"


def weights(browser: Any, server: str, label: str) -> None:
    print(f"\n== {label}: first visit (raw / gzip), then opening search and typing a query")
    for lang in ("en", "th", "pt-BR"):
        for kind, page_name in PAGES.items():
            raw, packed, page, log = first_visit(browser, f"{server}/{lang}/{page_name}")
            before = len(log)
            search(page, QUERIES[lang])
            page.wait_for_timeout(300)
            extra = log[before:]
            print(
                f"{lang:6} {kind:13} first visit {kb(raw)} raw {kb(packed)} gzip ({before} files)"
                f" | search '{QUERIES[lang]}': {kb(sum(e['raw'] for e in extra))} raw"
                f" {kb(sum(e['gzip'] for e in extra))} gzip ({len(extra)} files)"
            )
            page.context.close()


def thai_pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "th").rglob("*.html") if "/search/" not in p.as_posix() and p.name != "404.html")


def recall(browser: Any, site: Path, server: str) -> None:
    print("\n== Thai recall: mid-sentence words cut by Intl.Segmenter, searched in the page's own section")
    context = browser.new_context()
    page = context.new_page()
    pairs: list[tuple[str, str]] = []
    for html in thai_pages(site):
        name = html.relative_to(site).as_posix()
        page.goto(f"{server}/{name}")
        pairs += [(name, word) for word in page.evaluate(MID_SENTENCE_WORDS)]
    sample = random.Random(2026).sample(pairs, min(RECALL_SAMPLE, len(pairs)))
    print(f"{len(pairs)} (page, word) pairs from {len(thai_pages(site))} Thai pages; sample of {len(sample)}")
    for mode, base in (("http", server), ("file", site.as_uri())):
        found, missed = 0, []
        for name, word in sample:
            page.goto(f"{base}/{name}")
            hits = search(page, word)
            if f"./{Path(name).name}" in hits:
                found += 1
            else:
                missed.append((name, word))
        print(f"{mode:5} recall {found}/{len(sample)} = {100 * found / len(sample):.1f} %  missed: {missed[:5]}")
    context.close()


def compound_precision(browser: Any, site: Path, server: str) -> None:
    print("\n== Thai compounds: is the first result a page holding the whole compound? (main section)")
    texts = {}
    for html in (site / "th").glob("*.html"):
        source = html.read_text(encoding="utf-8")
        article = source[source.find("<article") : source.rfind("</article>")]
        texts[f"./{html.name}"] = clean(page_text(article))
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}/th/index.html")
    first_ok, exact = 0, 0
    for word in COMPOUNDS:
        hits = search(page, word)
        holding = [h for h in hits if word in texts.get(h, "")]
        first_ok += bool(hits) and hits[0] in holding
        exact += len(holding) == len(hits)
        print(f"{word:16} {len(hits):3} results, {len(holding):3} hold it whole")
    print(f"first result holds the compound: {first_ok}/{len(COMPOUNDS)}; every result does: {exact}/{len(COMPOUNDS)}")
    context.close()


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text files gzipped when the browser accepts it, as a web host would."""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        text = path.suffix in (".html", ".css", ".js", ".json", ".svg", ".xml")
        if not (text and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def lighthouse(server: str) -> None:
    command = os.environ.get("LIGHTHOUSE") or str(REPO / "node_modules" / ".bin" / "lighthouse")
    print("\n== Lighthouse (mobile, simulated throttling)")
    if not Path(command).exists():
        print(f"not run: no lighthouse command ({command}); `npm install lighthouse` and set LIGHTHOUSE")
        return
    for label, name in (
        ("th children's", "th/kids/8-12/share-with-care.html"),
        ("th judges'", "th/judges-legal-framework.html"),
        ("en judges'", "en/judges-legal-framework.html"),  # issue 13: accessibility 100
        ("pt-BR parents'", "pt-BR/parents.html"),
    ):
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report.json"
            subprocess.run(
                [
                    command,
                    f"{server}/{name}",
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    "--only-categories=performance,accessibility",
                    "--form-factor=mobile",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                ],
                env={**os.environ, "CHROME_PATH": CHROMIUM},
                check=False,
                capture_output=True,
            )
            if not report.exists():
                print(f"{label}: lighthouse produced no report")
                continue
            data = json.loads(report.read_text(encoding="utf-8"))
            cats, audits = data["categories"], data["audits"]
            print(
                f"{label:14} performance {round(cats['performance']['score'] * 100):3}"
                f"  accessibility {round(cats['accessibility']['score'] * 100):3}"
                f"  LCP {audits['largest-contentful-paint']['displayValue']}"
                f"  TBT {audits['total-blocking-time']['displayValue']}"
            )


def main() -> None:
    quick = "--quick" in sys.argv
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        shipped = build_site(REPO, Path(tmp) / "shipped")
        with serve(shipped) as server:
            weights(browser, server, "shipped course")
            recall(browser, shipped, server)
            compound_precision(browser, shipped, server)
        if not quick:
            with serve(shipped, GzipHandler) as gzip_server:
                lighthouse(gzip_server)
        if not quick:
            big = build_site(ten_times(Path(tmp) / "big"), Path(tmp) / "big-site")
            modules = len(list((big / "th").glob("*.html")))
            print(f"\n(ten-times course: {modules} pages in the Thai main section)")
            with serve(big) as server:
                weights(browser, server, "course ten times larger")
        browser.close()


if __name__ == "__main__":
    main()
