"""Options shuffled per learner, with injected seeds (window.CyberSafeSeeds), so nothing here is
left to chance: two seeds give two orders, one learner keeps the order across a reload and an
LMS resume, and what is scored and recorded does not depend on the order. Ordering and matching
are done by keyboard alone on a 360 px phone."""

from __future__ import annotations

import json

from tests.browser import test_lms_scorm
from tests.browser.answers import ORDER, PAIRS, WRONG_ORDER, WRONG_PAIRS, answer_arranged
from tests.browser.keyboard import match_by_keyboard, open_gate, order_by_keyboard, press_button
from tests.browser.test_lms_scorm import answer, leave, sco, value

lms = test_lms_scorm.lms  # the fake-LMS fixture, shared
MODULE = "/en/kids/8-12/first-steps.html"
ORDERS = """() => Object.fromEntries([...document.querySelectorAll('[data-shuffle]')].map(
  (c, n) => [c.closest('.cs-question').dataset.question + '/' + c.dataset.shuffle + '/' + n,
             [...c.querySelectorAll(':scope > [data-index]')].map(e => e.dataset.index).join()]))"""


def learner(browser, seeds: list[int], **options):
    context = browser.new_context(locale="en-US", **options)
    context.add_init_script(f"window.CyberSafeSeeds = {json.dumps(seeds)};")
    return context, context.new_page()


def test_two_seeds_show_two_orders_and_one_learner_keeps_hers_after_a_reload(browser, server) -> None:
    first, page = learner(browser, [1])
    second, other = learner(browser, [2])
    page.goto(server + MODULE)
    other.goto(server + MODULE)
    mine, theirs = page.evaluate(ORDERS), other.evaluate(ORDERS)
    assert mine.keys() == theirs.keys() and mine != theirs
    assert not any(key.startswith("your-fault/") for key in mine)  # true/false is never shuffled
    open_gate(page)
    page.locator('input[name="cs-who-to-tell"][value="tell-adult"]').check()  # the state (and seed) is saved
    page.reload()
    assert page.evaluate(ORDERS) == mine  # no seed is injected any more: the order comes from the saved state
    ordering = [k for k in mine if k.startswith("tell-steps/")][0]
    assert mine[ordering] != "0,1,2"  # never the right order first
    first.close()
    second.close()


def test_printing_shows_the_authored_order_then_the_learners_again(browser, server) -> None:
    context, page = learner(browser, [5])
    page.goto(server + MODULE)
    shuffled = page.evaluate(ORDERS)
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    printed = page.evaluate(ORDERS)
    assert printed["who-to-tell/options/0"] == "0,1" and printed["good-things/options/1"] == "0,1,2"
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate(ORDERS) == shuffled
    context.close()


def test_a_retry_may_reshuffle(browser, server) -> None:
    context, page = learner(browser, [11, 12])
    page.goto(server + MODULE)
    before = page.evaluate(ORDERS)
    answer(page, good=True)
    page.locator(".cs-retry").click()
    assert page.evaluate(ORDERS) != before
    context.close()


def _interactions(page) -> list:
    return value(
        page,
        "Object.values(JSON.parse(JSON.stringify(API_1484_11.cmi)).interactions)"
        ".map(i => [i.id, i.type, i.learner_response, i.result, JSON.stringify(i.correct_responses)])",
    )


def test_scores_and_records_do_not_depend_on_the_order_and_an_lms_resume_keeps_it(browser, lms) -> None:
    seen = []
    for seed in (3, 4):
        context, page = learner(browser, [seed])
        page.goto(lms("mini-module-first-steps-en-scorm2004.zip", "first-steps/index.html", "scorm2004"))
        frame, _ = sco(page)
        seen.append(frame.evaluate(ORDERS))
        answer(frame, good=False)
        assert value(page, "API_1484_11.cmi.score.raw") == "0"
        frame.locator(".cs-retry").click()
        answer(frame, good=True)
        assert value(page, "API_1484_11.cmi.score.raw") == "100"
        seen.append(_interactions(page))
        context.close()
    assert seen[0] != seen[2]  # two orders ...
    assert seen[1] == [[r[0], r[1], r[2], r[3], r[4]] for r in seen[3]]  # ... the same records
    assert seen[1][-1][:2] == ["first-steps.match-help", "matching"]

    # one learner leaves mid-quiz and comes back through the LMS: same order, same answers
    context, page = learner(browser, [9])
    page.goto(lms("mini-module-first-steps-en-scorm12.zip", "first-steps/index.html", "scorm12"))
    frame, _ = sco(page)
    order = frame.evaluate(ORDERS)
    open_gate(frame)
    answer_arranged(frame, good=False)
    arranged = frame.evaluate(ORDERS)
    leave(page)
    saved = value(page, "({location: API.cmi.core.lesson_location, data: API.cmi.suspend_data})")
    context.close()
    context, page = learner(browser, [77])  # a different seed would give a different order
    seed = {
        "core": {"lesson_status": "incomplete", "lesson_location": saved["location"], "entry": "resume"},
        "suspend_data": saved["data"],
    }
    page.goto(lms("mini-module-first-steps-en-scorm12.zip", "first-steps/index.html", "scorm12", seed, name="back"))
    frame, _ = sco(page)
    again = frame.evaluate(ORDERS)
    assert {k: v for k, v in again.items() if not k.startswith("tell-steps/")} == {
        k: v for k, v in order.items() if not k.startswith("tell-steps/")
    }
    assert again == arranged  # the ordering question shows the learner's own arrangement
    assert frame.locator("#cs-match-help-sad-at-night").input_value() == WRONG_PAIRS[0]
    context.close()


def _open_on_a_phone(browser, server):
    context, page = learner(browser, [21], viewport={"width": 360, "height": 740})
    page.goto(server + MODULE)
    return context, page


def test_ordering_and_matching_by_keyboard_on_a_phone_pass(browser, server) -> None:
    context, page = _open_on_a_phone(browser, server)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    order_by_keyboard(page, "tell-steps", ORDER)
    for item in PAIRS:
        match_by_keyboard(page, f"cs-match-help-{item}", item)
    press_button(page, ".cs-check")
    assert "Unanswered: 1, 2, 3, 4." in page.locator(".cs-result").inner_text()  # the two others are answered
    assert page.locator('#cs-q-tell-steps .cs-order-item[data-item="stop-replying"] .cs-feedback').is_hidden()
    status = page.locator("#cs-q-tell-steps .cs-order-status").inner_text()
    assert "now in place" in status
    context.close()


def test_ordering_and_matching_by_keyboard_on_a_phone_fail_then_pass(browser, server) -> None:
    from tests.browser.test_quiz import answer_all_badly, answer_all_well

    context, page = _open_on_a_phone(browser, server)
    answer_all_badly(page)
    press_button(page, ".cs-check")
    assert "Your score: 0%" in page.locator(".cs-result").inner_text()
    feedback = page.locator("#cs-q-tell-steps .cs-question-feedback").inner_text()
    assert "Stop first, keep the proof" in feedback
    assert (
        "This belongs in place 3."
        in page.locator('#cs-q-tell-steps .cs-order-item[data-item="tell-adult"] .cs-feedback').inner_text()
        or WRONG_ORDER[0] != "tell-adult"
    )
    assert "Right answer: A helpline" in page.locator('.cs-pair[data-pair="sad-at-night"] .cs-feedback').inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    press_button(page, ".cs-retry")
    answer_all_well(page)
    press_button(page, ".cs-check")
    assert "Your score: 100%" in page.locator(".cs-result").inner_text()
    assert "✓" in page.locator('.cs-pair[data-pair="lost-password"] .cs-feedback').inner_text()
    context.close()
