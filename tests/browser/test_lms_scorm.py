"""SCORM packages run inside a real LMS-side API (scorm-again), in a real browser.

The test LMS page puts scorm-again's API object on window (as an LMS's player frame does),
logs every call with its result and error code, and opens the SCO in an iframe. Leaving the
SCO (the iframe navigates away) fires pagehide, which must finish the session exactly once.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.browser.answers import answer_arranged
from tests.browser.conftest import serve, unpack
from tests.browser.keyboard import open_gate
from tests.browser.strict import scorm_problems
from tests.conftest import REPO

SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist" / "scorm-again.js"

LMS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="../scorm-again.js"></script>
<script>
  window.calls = [];
  const api = new window.%(api_class)s({autocommit: false, logLevel: 5});
  const seed = %(seed)s;
  if (seed) api.loadFromJSON(seed, "");
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(api)).concat(Object.keys(api))) {
    const wanted = /^(LMS|Initialize|Terminate|GetValue|SetValue|Commit|GetLastError)/.test(name);
    if (!wanted || typeof api[name] !== "function") continue;
    const real = api[name].bind(api);
    api[name] = (...args) => {
      const result = real(...args);
      if (!/GetLastError|GetErrorString|GetDiagnostic/.test(name)) {
        window.calls.push({name, args, result: String(result), error: String(api.lastErrorCode)});
      }
      return result;
    };
  }
  window.%(api_name)s = api;
</script></head>
<body><iframe id="sco" title="module" src="%(launch)s" style="width:100%%;height:90vh"></iframe></body></html>
"""


@pytest.fixture
def lms(tmp_path: Path, site_dir: Path):
    """Makes an LMS page for a package and serves it; yields a function returning the page URL."""
    if not SCORM_AGAIN.exists():
        pytest.fail(f"{SCORM_AGAIN} is missing: run scripts/test.sh, which installs scorm-again from npm")
    shutil.copy(SCORM_AGAIN, tmp_path / "scorm-again.js")
    with serve(tmp_path) as url:

        def open_lms(package: str, launch: str, standard: str, seed: dict | None = None, name: str = "lms") -> str:
            folder = tmp_path / name
            shutil.rmtree(folder, ignore_errors=True)
            unpack(site_dir, f"{standard}/{package}", folder)
            api_class, api_name = ("Scorm12API", "API") if standard == "scorm12" else ("Scorm2004API", "API_1484_11")
            page = LMS_PAGE % {
                "api_class": api_class,
                "api_name": api_name,
                "seed": json.dumps(seed),
                "launch": f"pkg/{launch}",
            }
            (folder / "index.html").write_text(page, encoding="utf-8")
            return f"{url}/{name}/index.html"

        yield open_lms


def sco(page):
    frame = page.frame_locator("#sco")
    frame.locator(".cs-quiz").wait_for(state="attached")
    return page.frames[1], frame


def leave(page) -> None:
    """The learner leaves the module: the LMS unloads its frame."""
    page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
    page.wait_for_function("() => window.calls.some(c => /LMSFinish|Terminate/.test(c.name))")


def calls(page) -> list[dict]:
    return page.evaluate("() => window.calls")


def answer(frame, good: bool) -> None:
    open_gate(frame)
    frame.locator(f'input[name="cs-who-to-tell"][value="{"tell-adult" if good else "keep-it"}"]').check()
    for value in ["learn", "play"] if good else ["share-password"]:
        frame.locator(f'input[name="cs-good-things"][value="{value}"]').check()
    frame.locator(f'input[name="cs-your-fault"][value="{"false" if good else "true"}"]').check()
    frame.locator(f'input[name="cs-free-coins-offer"][value="{"refuse" if good else "accept"}"]').check()
    frame.locator('.cs-step[data-step="offer"] .cs-choose').click()
    if not good:
        frame.locator('input[name="cs-free-coins-secret"][value="hide"]').check()
        frame.locator('.cs-step[data-step="secret"] .cs-choose').click()
    answer_arranged(frame, good)
    frame.locator(".cs-check").click()


def value(page, expression: str) -> object:
    return page.evaluate(f"() => {expression}")


def test_scorm12_records_status_score_interactions_and_time(page, lms) -> None:
    page.goto(lms("mini-module-first-steps-en-scorm12.zip", "first-steps/index.html", "scorm12"))
    _, frame = sco(page)
    answer(frame, good=False)
    assert value(page, "API.cmi.core.lesson_status") == "failed"
    assert value(page, "API.cmi.core.score.raw") == "0"
    frame.locator(".cs-retry").click()
    answer(frame, good=True)
    assert value(page, "API.cmi.core.lesson_status") == "passed"
    assert (value(page, "API.cmi.core.score.raw"), value(page, "API.cmi.core.score.max")) == ("100", "100")
    interactions = value(
        page,
        "Object.values(JSON.parse(JSON.stringify(API.cmi)).interactions)"
        ".map(i => [i.id, i.type, i.student_response, i.result])",
    )
    assert interactions[:6] == [
        ["first-steps.who-to-tell", "choice", "b", "wrong"],
        ["first-steps.good-things", "choice", "c", "wrong"],
        ["first-steps.your-fault", "true-false", "t", "wrong"],
        ["first-steps.free-coins", "sequencing", "a,d", "wrong"],
        ["first-steps.tell-steps", "sequencing", "c,b,a", "wrong"],
        ["first-steps.match-help", "matching", "a.b,b.c,c.a", "wrong"],
    ]
    assert interactions[6:] == [
        ["first-steps.who-to-tell", "choice", "a", "correct"],
        ["first-steps.good-things", "choice", "a,b", "correct"],
        ["first-steps.your-fault", "true-false", "f", "correct"],
        ["first-steps.free-coins", "sequencing", "b", "correct"],
        ["first-steps.tell-steps", "sequencing", "a,b,c", "correct"],
        ["first-steps.match-help", "matching", "a.a,b.b,c.c", "correct"],
    ]
    leave(page)
    log = calls(page)
    assert log[0]["name"] == "LMSInitialize" and log[-1]["name"] == "LMSFinish"
    assert [c for c in log if c["name"] == "LMSFinish"] == [log[-1]]  # finished exactly once
    assert [c for c in log if c["result"] != "true" and c["name"] != "LMSGetValue"] == []  # nothing refused
    assert scorm_problems(log, "scorm12") == []  # nor would Moodle refuse anything
    session = next(c["args"][1] for c in log if c["args"][:1] == ["cmi.core.session_time"])
    assert re.fullmatch(r"\d{4}:\d{2}:\d{2}\.\d{2}", session)
    assert next(c["args"][1] for c in log if c["args"][:1] == ["cmi.core.exit"]) == ""
    assert len(value(page, "API.cmi.suspend_data")) <= 4096


def test_scorm12_resumes_answers_in_progress(page, lms) -> None:
    page.goto(lms("mini-children-8-12-en-scorm12.zip", "first-steps/index.html", "scorm12"))
    _, frame = sco(page)
    open_gate(frame)
    frame.locator('input[name="cs-who-to-tell"][value="tell-adult"]').check()
    frame.locator('input[name="cs-free-coins-offer"][value="accept"]').check()
    frame.locator('.cs-step[data-step="offer"] .cs-choose').click()
    leave(page)
    saved = value(
        page,
        "({status: API.cmi.core.lesson_status, location: API.cmi.core.lesson_location, data: API.cmi.suspend_data})",
    )
    assert saved["status"] == "incomplete" and saved["location"] == "quiz"
    assert next(c["args"][1] for c in calls(page) if c["args"][:1] == ["cmi.core.exit"]) == "suspend"
    seed = {
        "core": {"lesson_status": "incomplete", "lesson_location": saved["location"], "entry": "resume"},
        "suspend_data": saved["data"],
    }
    page.goto(lms("mini-children-8-12-en-scorm12.zip", "first-steps/index.html", "scorm12", seed, name="again"))
    _, frame = sco(page)
    open_gate(frame)
    assert frame.locator('input[name="cs-who-to-tell"][value="tell-adult"]').is_checked()
    assert frame.locator('.cs-step[data-step="secret"]').is_visible()
    assert frame.locator('input[name="cs-free-coins-offer"][value="accept"]').is_disabled()
    leave(page)
    assert scorm_problems(calls(page), "scorm12") == []


def test_scorm2004_reports_completion_success_and_iso_time(page, lms) -> None:
    page.goto(lms("mini-module-first-steps-th-scorm2004.zip", "first-steps/index.html", "scorm2004"))
    _, frame = sco(page)
    answer(frame, good=False)
    assert value(page, "[API_1484_11.cmi.completion_status, API_1484_11.cmi.success_status]") == ["completed", "failed"]
    frame.locator(".cs-retry").click()
    answer(frame, good=True)
    state = value(
        page,
        "({s: API_1484_11.cmi.success_status, scaled: API_1484_11.cmi.score.scaled,"
        " raw: API_1484_11.cmi.score.raw,"
        " n: Object.values(JSON.parse(JSON.stringify(API_1484_11.cmi)).interactions).length})",
    )
    assert state == {"s": "passed", "scaled": "1", "raw": "100", "n": 12}
    first = value(
        page,
        "(({id, type, learner_response, result}) => [id, type, learner_response, result])"
        "(Object.values(JSON.parse(JSON.stringify(API_1484_11.cmi)).interactions)[1])",
    )
    assert first == ["first-steps.good-things", "choice", "share_password", "incorrect"]
    leave(page)
    log = calls(page)
    assert log[0]["name"] == "Initialize" and log[-1]["name"] == "Terminate"
    assert [c for c in log if c["result"] != "true" and c["name"] != "GetValue"] == []
    assert scorm_problems(log, "scorm2004") == []
    session = next(c["args"][1] for c in log if c["args"][:1] == ["cmi.session_time"])
    assert re.fullmatch(r"PT(\d+H)?(\d+M)?\d+(\.\d+)?S", session)
    assert next(c["args"][1] for c in log if c["args"][:1] == ["cmi.exit"]) == "normal"


def test_without_an_lms_the_module_works_and_says_nothing_is_recorded(page, site_dir: Path, tmp_path: Path) -> None:
    unpack(site_dir, "scorm12/mini-module-first-steps-pt-BR-scorm12.zip", tmp_path)
    with serve(tmp_path) as url:
        page.goto(f"{url}/pkg/first-steps/index.html")
        assert page.locator(".cs-not-recording").is_visible()
        assert "neste navegador" in page.locator(".cs-not-recording").inner_text()  # "kept in this browser", in a voice
        answer(page, good=True)
        assert "100%" in page.locator(".cs-result").inner_text()
        assert page.locator("html").get_attribute("lang") == "pt-BR"


def test_package_page_meets_wcag_on_a_phone(browser, site_dir: Path, tmp_path: Path) -> None:
    from tests.browser.test_accessibility import violations

    unpack(site_dir, "scorm12/mini-police-th-scorm12.zip", tmp_path)
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, bypass_csp=True
    )  # axe is injected inline; the pages forbid that
    page = context.new_page()
    with serve(tmp_path) as url:
        for module in ("evidence-basics", "first-steps"):
            page.goto(f"{url}/pkg/{module}/index.html")
            open_gate(page)
            assert violations(page) == [], module
    context.close()


def test_no_unload_handlers_in_any_package(site_dir: Path) -> None:
    scanned = 0
    for package in (site_dir / "packages").rglob("*.zip"):
        with zipfile.ZipFile(package) as archive:
            for name in archive.namelist():
                if name.endswith((".js", ".html")):
                    scanned += 1
                    text = archive.read(name).decode("utf-8")
                    assert not re.search(r"""addEventListener\(\s*["'](before)?unload|on(before)?unload\s*=""", text), (
                        package.name,
                        name,
                    )
    assert scanned > 20, f"only {scanned} scripts and pages scanned: were the packages built?"


def test_track_package_sco_links_and_no_external_requests(browser, lms) -> None:
    context = browser.new_context()
    foreign: list[str] = []
    context.on(
        "request",
        lambda r: foreign.append(r.url) if not r.url.startswith(("http://127.0.0.1", "about:", "data:")) else None,
    )
    page = context.new_page()
    page.goto(lms("mini-police-th-scorm12.zip", "evidence-basics/index.html", "scorm12"))
    frame = page.frame_locator("#sco")
    open_gate(frame)
    link = frame.locator(".cs-lesson a[href]").first
    assert link.get_attribute("href") == "../first-steps/index.html"
    assert foreign == []
    context.close()


def test_scorm2004_descriptions_carry_the_question_in_the_package_language(page, lms) -> None:
    page.goto(lms("mini-module-first-steps-th-scorm2004.zip", "first-steps/index.html", "scorm2004"))
    _, frame = sco(page)
    answer(frame, good=True)
    descriptions = value(
        page, "Object.values(JSON.parse(JSON.stringify(API_1484_11.cmi)).interactions).map(i => i.description)"
    )
    assert descriptions[0] == "{lang=th}มีอะไรบนออนไลน์ทำให้หนูเสียใจ หนูจะทำอย่างไร"
    assert all(d.startswith("{lang=th}") and len(d) <= len("{lang=th}") + 250 for d in descriptions)
    leave(page)
    assert scorm_problems(calls(page), "scorm2004") == []


def test_a_state_saved_by_a_package_uploaded_before_resumes_or_resets_with_a_notice(page, lms) -> None:
    package = ("mini-module-first-steps-en-scorm12.zip", "first-steps/index.html", "scorm12")
    page.goto(lms(*package))
    frame, _ = sco(page)
    version = frame.evaluate("() => JSON.parse(document.getElementById('cs-data').textContent).quiz.version")
    # format 1, the same quiz: the answers come back
    seed = {
        "core": {"lesson_status": "incomplete", "lesson_location": "quiz", "entry": "resume"},
        "suspend_data": f"1~{version}~~0~0~quiz~0:0,1:0.1,3:0",
    }
    page.goto(lms(*package, seed, name="old"))
    frame, locator = sco(page)
    open_gate(locator)  # children's modules have a gentle note, no gate
    assert locator.locator('input[name="cs-who-to-tell"][value="tell-adult"]').is_checked()
    assert locator.locator('input[name="cs-good-things"][value="play"]').is_checked()
    assert locator.locator('.cs-step[data-step="secret"]').is_visible()
    # format 1 of a quiz that has changed since: nothing is shown as the learner's, and they are told
    seed["suspend_data"] = "1~0ld0ld00~80~0~1~quiz~0:1,1:2"
    page.goto(lms(*package, seed, name="changed"))
    frame, locator = sco(page)
    open_gate(locator)  # children's modules have a gentle note, no gate
    assert "your earlier answers were cleared" in locator.locator(".cs-result").inner_text()
    assert "best score 80%" in locator.locator(".cs-result").inner_text()
    assert locator.locator("input:checked").count() == 0
    # something unreadable: a fresh start, never a crash
    seed["suspend_data"] = "garbage~~~"
    page.goto(lms(*package, seed, name="garbage"))
    frame, locator = sco(page)
    open_gate(locator)  # children's modules have a gentle note, no gate
    assert locator.locator("input:checked").count() == 0 and locator.locator(".cs-check").is_visible()
