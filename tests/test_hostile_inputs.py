"""No input hangs or crashes the tool: the hang cases of benchmarks/hostile_inputs.py, under a watchdog.

Each case must finish well inside the 60 s limit the issue sets (the suite allows 60 s, the
benchmark prints the real times), without a traceback, with exit status 1 and the expected
code where the input is refused, or 0/1 where it is legitimate but slow to parse.
"""

from __future__ import annotations

import json
import sys

import pytest

sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent.parent / "benchmarks"))

from hostile_inputs import WATCHDOG_SECONDS, HostileCase, cases, run  # noqa: E402

CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_no_hostile_input_hangs_or_crashes(case: HostileCase) -> None:
    outcome = run(case, timeout=WATCHDOG_SECONDS, python=sys.executable)
    assert outcome.returncode is not None, f"{case.name}: still busy after {WATCHDOG_SECONDS} s"
    assert "Traceback" not in outcome.stderr and "internal error" not in outcome.stderr, outcome.stderr
    assert outcome.returncode in (0, 1), outcome.stderr
    if case.code:
        assert outcome.returncode == 1
        assert case.code in {item["code"] for item in json.loads(outcome.stdout)}, outcome.stdout[:500]
