"""A cmi5 AU launched by a small fake LMS (fetch URL, State API, statements) in a real browser."""

from __future__ import annotations

import http.server
import json
import urllib.parse
from pathlib import Path

import pytest

from tests.browser.answers import answer_arranged
from tests.browser.conftest import serve, unpack
from tests.browser.keyboard import open_gate
from tests.browser.strict import check_xapi_statement

ACTOR = {"objectType": "Agent", "account": {"homePage": "http://127.0.0.1", "name": "learner-1"}}
REGISTRATION = "9d4e1c2a-5b6f-4a3e-8c1d-2f3a4b5c6d7e"
ACTIVITY = "https://lms.invalid/activities/au-first-steps"
TOKEN = "dGVzdDp0ZXN0"


class FakeLms(http.server.SimpleHTTPRequestHandler):
    """Serves the unzipped package and plays the LMS side of cmi5 on the same origin."""

    statements: list[dict] = []
    return_url: str | None = None
    states: dict[str, str] = {}
    fetches = 0
    authorizations: set[str] = set()
    refused: list[str] = []  # requests an LRS would refuse (see _refuses); every test expects none

    def log_message(self, *args: object) -> None:
        pass

    def _reply(self, status: int, body: str = "", content_type: str = "application/json") -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> str:
        return self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()

    def do_POST(self) -> None:  # noqa: N802
        if self.path.startswith("/fetch"):
            FakeLms.fetches += 1
            if FakeLms.fetches > 1:
                return self._reply(200, json.dumps({"error-code": "1", "error-text": "already used"}))
            return self._reply(200, json.dumps({"auth-token": TOKEN}))
        self._reply(404)

    def _refuses(self, url: urllib.parse.ParseResult, *needed: str) -> bool:
        """Answer 400, as an LRS does, to a request without the version header, the fetched token or
        one of the ``needed`` query parameters: a fake that accepts anything hides defects."""
        query = urllib.parse.parse_qs(url.query)
        missing = [name for name in needed if not query.get(name, [""])[0]]
        if not self.headers.get("X-Experience-API-Version", "").startswith("1.0"):
            missing.append("X-Experience-API-Version")
        if self.headers.get("Authorization") != f"Basic {TOKEN}":
            missing.append("Authorization")
        if missing:
            FakeLms.refused.append(f"{self.command} {url.path}: {', '.join(missing)}")
            self._reply(400)
        return bool(missing)

    def do_GET(self) -> None:  # noqa: N802
        url = urllib.parse.urlparse(self.path)
        if url.path == "/xapi/activities/state":
            FakeLms.authorizations.add(self.headers.get("Authorization", ""))
            if self._refuses(url, "stateId", "activityId", "agent", "registration"):
                return None
            query = urllib.parse.parse_qs(url.query)
            state_id = query["stateId"][0]
            if state_id == "LMS.LaunchData":
                launch = {
                    "contextTemplate": {
                        "extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": "s-1"},
                        "contextActivities": {"grouping": [{"id": "urn:publisher:first-steps"}]},
                    },
                    "launchMode": "Normal",
                    "moveOn": "CompletedAndPassed",
                    "masteryScore": 0.75,
                }
                if FakeLms.return_url:
                    launch["returnURL"] = FakeLms.return_url
                return self._reply(200, json.dumps(launch))
            if state_id in FakeLms.states:
                return self._reply(200, FakeLms.states[state_id], "text/plain")
            return self._reply(404)
        return super().do_GET()

    def do_PUT(self) -> None:  # noqa: N802
        url = urllib.parse.urlparse(self.path)
        FakeLms.authorizations.add(self.headers.get("Authorization", ""))
        if url.path == "/xapi/statements":
            if self._refuses(url, "statementId"):
                return None
            FakeLms.statements.append(json.loads(self._body()))
            return self._reply(204)
        if url.path == "/xapi/activities/state":
            if self._refuses(url, "stateId", "activityId", "agent", "registration"):
                return None
            FakeLms.states[urllib.parse.parse_qs(url.query)["stateId"][0]] = self._body()
            return self._reply(204)
        self._reply(404)


@pytest.fixture(autouse=True)
def lrs_accepts_every_request():  # type: ignore[no-untyped-def]
    """After each test: the AU sent nothing an LRS would refuse (missing header, token or parameter)."""
    FakeLms.refused = []
    yield
    assert FakeLms.refused == [], FakeLms.refused


def launch_url(base: str) -> str:
    query = urllib.parse.urlencode(
        {
            "endpoint": f"{base}/xapi/",
            "fetch": f"{base}/fetch",
            "actor": json.dumps(ACTOR),
            "registration": REGISTRATION,
            "activityId": ACTIVITY,
        }
    )
    return f"{base}/pkg/first-steps/index.html?{query}"


def verbs() -> list[str]:
    """The cmi5-defined statements' verbs (the "answered" ones are checked apart)."""
    return [s["verb"]["id"].rsplit("/", 1)[1] for s in FakeLms.statements if not s["verb"]["id"].endswith("answered")]


def answered() -> list[dict]:
    return [s for s in FakeLms.statements if s["verb"]["id"].endswith("/answered")]


def test_cmi5_au_sends_its_statements_in_order_with_the_lms_context(page, site_dir: Path, tmp_path: Path) -> None:
    unpack(site_dir, "cmi5/mini-module-first-steps-en-cmi5.zip", tmp_path)
    FakeLms.statements, FakeLms.states, FakeLms.fetches, FakeLms.authorizations = [], {}, 0, set()
    FakeLms.refused = []
    with serve(tmp_path, FakeLms) as base:
        page.goto(launch_url(base))
        page.wait_for_function("() => document.querySelector('.cs-quiz')")
        page.wait_for_timeout(300)
        assert verbs() == ["initialized"]
        assert not page.locator(".cs-not-recording").count()
        open_gate(page)
        page.locator('input[name="cs-who-to-tell"][value="keep-it"]').check()
        page.locator('input[name="cs-good-things"][value="share-password"]').check()
        page.locator('input[name="cs-your-fault"][value="true"]').check()
        page.locator('input[name="cs-free-coins-offer"][value="refuse"]').check()
        page.locator('.cs-step[data-step="offer"] .cs-choose').click()
        answer_arranged(page, good=False)
        page.locator(".cs-check").click()
        for _ in range(50):  # the statements go out one after another
            if len(answered()) == 6:
                break
            page.wait_for_timeout(100)
        assert verbs() == ["initialized", "completed", "failed"]
        page.locator(".cs-retry").click()
        page.locator('input[name="cs-who-to-tell"][value="tell-adult"]').check()
        for value in ("learn", "play"):
            page.locator(f'input[name="cs-good-things"][value="{value}"]').check()
        page.locator('input[name="cs-your-fault"][value="false"]').check()
        page.locator('input[name="cs-free-coins-offer"][value="refuse"]').check()
        page.locator('.cs-step[data-step="offer"] .cs-choose').click()
        answer_arranged(page, good=True)
        page.locator(".cs-check").click()
        for _ in range(50):
            if len(answered()) == 12:
                break
            page.wait_for_timeout(100)
        page.locator(".cs-retry").click()
        page.locator(".cs-check").click()  # unanswered: nothing is sent
        page.goto("about:blank")  # leaving the AU: pagehide sends terminated
        for _ in range(50):
            if "terminated" in verbs():
                break
            page.wait_for_timeout(100)
    assert verbs() == ["initialized", "completed", "failed", "passed", "terminated"]
    assert FakeLms.fetches == 1 and FakeLms.authorizations == {f"Basic {TOKEN}"}
    passed = next(s for s in FakeLms.statements if s["verb"]["id"].endswith("/passed"))
    assert passed["result"]["score"] == {"scaled": 1, "raw": 100, "min": 0, "max": 100} and passed["result"]["success"]
    for statement in FakeLms.statements:
        check_xapi_statement(statement)
    records = answered()
    assert len(records) == 12
    assert [r["result"]["response"] for r in records[4:6]] == [
        "tell-adult[,]save-proof[,]stop-replying",
        "sad-at-night[.]mean-messages[,]mean-messages[.]lost-password[,]lost-password[.]sad-at-night",
    ]
    assert [r["result"]["success"] for r in records[6:]] == [True] * 6
    for record in records:
        definition = record["object"]["definition"]
        assert record["object"]["id"].startswith(ACTIVITY + "/first-steps/")
        assert definition["name"]["en"] and definition["interactionType"] in (
            "choice",
            "true-false",
            "sequencing",
            "matching",
        )
        assert record["context"]["contextActivities"]["parent"] == [{"id": ACTIVITY, "objectType": "Activity"}]
        assert "category" not in record["context"]["contextActivities"] or all(
            c["id"] != "https://w3id.org/xapi/cmi5/context/categories/cmi5"
            for c in record["context"]["contextActivities"]["category"]
        )
    assert records[4]["object"]["definition"]["correctResponsesPattern"] == ["stop-replying[,]save-proof[,]tell-adult"]
    for statement in [s for s in FakeLms.statements if s not in records]:
        assert statement["actor"] == ACTOR and statement["object"]["id"] == ACTIVITY
        context = statement["context"]
        assert context["registration"] == REGISTRATION
        assert context["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/sessionid"] == "s-1"
        assert {"id": "https://w3id.org/xapi/cmi5/context/categories/cmi5"} in context["contextActivities"]["category"]
    moveon = [
        s
        for s in FakeLms.statements
        if {"id": "https://w3id.org/xapi/cmi5/context/categories/moveon"}
        in s["context"]["contextActivities"].get("category", [])
    ]
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in moveon] == ["completed", "failed", "passed"]
    assert "duration" in FakeLms.statements[-1]["result"]
    assert FakeLms.states["cybersafe-state"].startswith("2~")


def test_cmi5_au_exit_button_terminates_then_returns_to_the_lms(page, site_dir: Path, tmp_path: Path) -> None:
    unpack(site_dir, "cmi5/mini-module-first-steps-pt-BR-cmi5.zip", tmp_path)
    (tmp_path / "back.html").write_text("<!doctype html><title>LMS</title><p>back</p>", encoding="utf-8")
    FakeLms.statements, FakeLms.states, FakeLms.fetches = [], {}, 0
    with serve(tmp_path, FakeLms) as base:
        FakeLms.return_url = f"{base}/back.html"
        try:
            page.goto(launch_url(base))
            page.locator(".cs-exit").wait_for()
            page.locator(".cs-exit").focus()
            page.keyboard.press("Enter")
            page.wait_for_url(f"{base}/back.html")
        finally:
            FakeLms.return_url = None
    assert verbs() == ["initialized", "terminated"]


def test_cmi5_au_without_launch_parameters_works_standalone(page, site_dir: Path, tmp_path: Path) -> None:
    unpack(site_dir, "cmi5/mini-module-first-steps-th-cmi5.zip", tmp_path)
    with serve(tmp_path) as base:
        page.goto(f"{base}/pkg/first-steps/index.html")
        assert page.locator(".cs-not-recording").is_visible()
