"""The contract every registered question kind keeps in the browser: the same checks for each,
run in Chromium on the real runtime bundle, against the Python side's bounds and records."""

from __future__ import annotations

import pytest

from builder.quiz import kind as kinds
from builder.quiz.bundle import runtime_js
from builder.quiz.state import max_state_length
from builder.render.views import quiz_data
from tests.test_quiz_kinds import example_quiz

CONTRACT = """([quiz, bounds, pythonRecords, rounds]) => {
  const CS = window.CyberSafe, problems = [], DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
  const random = CS.random(20261201);
  const flat = (list) => list.flatMap((e) => Array.isArray(e) ? e : [e]);
  quiz.questions.forEach((q, index) => {
    const kind = CS.kinds[q.kind];
    if (!kind) { problems.push(q.kind + ": no runtime module"); return; }
    for (const name of ["choices", "response", "restore", "score", "feedback", "record", "right", "sample"]) {
      if (typeof kind[name] !== "function") problems.push(q.kind + ": no " + name);
    }
    const ids = kind.choices(q);
    const right = kind.right(q);
    if (kind.score(q, right) !== 1) problems.push(q.kind + ": the right response does not score 1");
    if (JSON.stringify(CS.record(q, right)) !== JSON.stringify(pythonRecords[index])) {
      problems.push(q.kind + ": JS and Python records differ " +
                    JSON.stringify([CS.record(q, right), pythonRecords[index]]));
    }
    for (let n = 0; n < rounds; n++) {
      const response = kind.sample(q, random);
      const state = {a: {[q.id]: response}, b: 100, p: true, d: true, l: "lesson", s: 4294967295};
      const line = CS.encodeState(quiz, state);
      const token = line.split("~")[7].split(":")[1];
      if (token.length > bounds[index]) problems.push(q.kind + ": token " + token + " over the bound " + bounds[index]);
      const back = CS.decodeState(quiz, line);
      if (JSON.stringify(back.a[q.id]) !== JSON.stringify(response) && (!kind.valid || kind.valid(q, response))) {
        problems.push(q.kind + ": " + JSON.stringify(response) + " came back as " + JSON.stringify(back.a[q.id]));
      }
      const score = kind.score(q, response);
      if (!(score >= 0 && score <= 1)) problems.push(q.kind + ": score " + score);
      const record = CS.record(q, response);
      if (!["choice", "true-false", "sequencing", "matching"].includes(record.type)) problems.push(q.kind + ": type");
      for (const id of flat(record.response).concat(flat(record.correct))) {
        if (!ids.includes(id)) problems.push(q.kind + ": record names " + id + ", not an authored id");
      }
      for (const ch of token) if (ch !== "_" && !DIGITS.includes(ch)) problems.push(q.kind + ": token char " + ch);
    }
  });
  return problems;
}"""


@pytest.fixture
def runtime(page):
    page.set_content("<!doctype html><html lang='en'><body></body></html>")
    page.add_script_tag(content=runtime_js().decode("utf-8"))
    return page


def test_every_kind_keeps_the_contract_in_the_browser(runtime) -> None:
    quiz = example_quiz()
    assert {q.kind for q in quiz.questions} == set(kinds.kinds())
    data = quiz_data(quiz, "en")
    bounds = [kinds.of(q).state_bound(q) for q in quiz.questions]
    records = []
    for q in quiz.questions:
        record = kinds.of(q).record(q, kinds.of(q).right_response(q))
        as_list = [list(e) if isinstance(e, tuple) else e for e in record.correct]
        response = [list(e) if isinstance(e, tuple) else e for e in record.response]
        records.append({"type": record.type, "correct": as_list, "response": response})
    assert runtime.evaluate(CONTRACT, [data, bounds, records, 300]) == []


def test_the_js_encoder_never_writes_more_than_the_python_bound(runtime) -> None:
    quiz = example_quiz()
    data = quiz_data(quiz, "en")
    longest = runtime.evaluate(
        """([quiz, rounds]) => {
          const CS = window.CyberSafe, random = CS.random(7);
          let longest = 0;
          for (let n = 0; n < rounds; n++) {
            const a = {};
            quiz.questions.forEach((q) => { a[q.id] = CS.kinds[q.kind].sample(q, random); });
            const line = CS.encodeState(quiz, {a, b: 100, p: true, d: true, l: "lesson", s: 4294967295});
            longest = Math.max(longest, line.length);
          }
          return longest;
        }""",
        [data, 500],
    )
    assert 0 < longest <= max_state_length(quiz)


def test_a_format_1_state_of_packages_uploaded_before_resumes(runtime) -> None:
    quiz = example_quiz()
    data = quiz_data(quiz, "en")
    state = runtime.evaluate(
        "([quiz]) => window.CyberSafe.decodeState(quiz, `1~${quiz.version}~50~0~1~quiz~0:0,1:0.1,2:1,3:0.2`)", [data]
    )
    assert state["a"] == {
        "who-to-tell": ["tell-adult"],
        "good-things": ["learn", "play"],
        "your-fault": ["false"],
        "free-coins": ["accept", "tell"],
    }
    assert (state["b"], state["p"], state["d"]) == (50, False, True)
    # indices that do not fit are dropped, never shown as the learner's answer
    broken = runtime.evaluate(
        "([quiz]) => window.CyberSafe.decodeState(quiz, `1~${quiz.version}~~0~0~quiz~0:9,1:x`)", [data]
    )
    assert broken["a"] == {}
    other = runtime.evaluate(
        "([quiz]) => window.CyberSafe.usableState({quiz}, window.CyberSafe.decodeState(quiz, '1~old~80~1~1~quiz~0:1'))",
        [data],
    )
    assert other["a"] == {} and other["b"] == 80 and other["r"] is True
    garbage = runtime.evaluate(
        "([quiz]) => window.CyberSafe.usableState({quiz}, window.CyberSafe.decodeState(quiz, 'x~y'))", [data]
    )
    assert garbage["a"] == {} and garbage["r"] is True


def test_permutations_follow_the_seed_keep_pins_and_derange(runtime) -> None:
    result = runtime.evaluate(
        """() => {
          const CS = window.CyberSafe, out = {};
          out.same = JSON.stringify(CS.permutation(1, "q/options", 5, [], false)) ===
                     JSON.stringify(CS.permutation(1, "q/options", 5, [], false));
          out.differ = [2, 3, 4, 5, 6].some((s) => JSON.stringify(CS.permutation(s, "q/options", 5, [], false)) !==
                                                 JSON.stringify(CS.permutation(1, "q/options", 5, [], false)));
          out.pinned = Array.from({length: 50}, (_, s) => CS.permutation(s, "q", 4, [3], false)[3])
            .every((v) => v === 3);
          out.deranged = Array.from({length: 200}, (_, s) => CS.permutation(s, "q", 3, [], true).join())
            .every((v) => v !== "0,1,2");
          return out;
        }"""
    )
    assert result == {"same": True, "differ": True, "pinned": True, "deranged": True}
