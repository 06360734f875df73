"""A learner completes a quiz with the keyboard alone, passes and fails, reloads, and resets."""

from __future__ import annotations

from tests.browser.answers import ORDER, PAIRS, WRONG_ORDER, WRONG_PAIRS
from tests.browser.keyboard import (
    choose_radio,
    match_by_keyboard,
    open_gate,
    order_by_keyboard,
    press_button,
    tab_to,
    tick,
)

MODULE = "/en/kids/8-12/first-steps.html"
TRACK = "/en/kids/8-12/index.html"


def open_module(page, server) -> None:
    page.goto(server + MODULE)
    if page.locator(".cs-gate > summary").is_visible():  # accepted once, the warning is not shown again
        tab_to(page, ".cs-gate > summary")
        page.keyboard.press("Enter")  # open the content-warning gate


def answer_all_well(page) -> None:
    choose_radio(page, "cs-who-to-tell", "tell-adult")
    tick(page, "cs-good-things", "learn")
    tick(page, "cs-good-things", "play")
    choose_radio(page, "cs-your-fault", "false")
    choose_radio(page, "cs-free-coins-offer", "refuse")
    press_button(page, '.cs-step[data-step="offer"] .cs-choose')
    arrange_by_keyboard(page, good=True)


def arrange_by_keyboard(page, good: bool) -> None:
    order_by_keyboard(page, "tell-steps", ORDER if good else WRONG_ORDER)
    for item, partner in zip(PAIRS, PAIRS if good else WRONG_PAIRS, strict=True):
        match_by_keyboard(page, f"cs-match-help-{item}", partner)


def answer_all_badly(page) -> None:
    choose_radio(page, "cs-who-to-tell", "keep-it")
    tick(page, "cs-good-things", "share-password")
    choose_radio(page, "cs-your-fault", "true")
    choose_radio(page, "cs-free-coins-offer", "accept")
    press_button(page, '.cs-step[data-step="offer"] .cs-choose')
    choose_radio(page, "cs-free-coins-secret", "hide")
    press_button(page, '.cs-step[data-step="secret"] .cs-choose')
    arrange_by_keyboard(page, good=False)


def test_fail_then_pass_by_keyboard_and_progress_is_kept(page, server) -> None:
    open_module(page, server)
    answer_all_badly(page)
    assert "They ask you to keep a secret." in page.locator('.cs-step[data-step="offer"] .cs-consequence').inner_text()
    press_button(page, ".cs-check")
    result = page.locator(".cs-result")
    assert "Your score: 0%. You need 75% to pass." in result.inner_text()
    assert "Not passed yet" in result.inner_text()
    assert page.evaluate("() => document.activeElement.classList.contains('cs-result')")
    feedback = page.locator('#cs-q-who-to-tell .cs-feedback[data-option="keep-it"]')
    assert feedback.is_visible() and "Not the best choice." in feedback.inner_text()
    assert "Right answer" in page.locator('#cs-q-who-to-tell .cs-feedback[data-option="tell-adult"]').inner_text()

    press_button(page, ".cs-retry")
    assert page.locator('.cs-step[data-step="secret"]').is_hidden()
    answer_all_well(page)
    press_button(page, ".cs-check")
    assert "Your score: 100%" in result.inner_text() and "you passed" in result.inner_text()

    page.reload()
    assert "best score 100%" in page.locator(".cs-result").text_content()
    page.goto(server + TRACK)
    progress = page.locator('.cs-progress[data-module="first-steps"]')
    assert progress.inner_text() == "✓ Passed · best score 100%"

    page.once("dialog", lambda dialog: dialog.accept())
    press_button(page, ".cs-reset")
    assert progress.inner_text() == "Not started"
    assert page.locator(".cs-reset-status").inner_text() != ""
    page.reload()
    assert page.locator('.cs-progress[data-module="first-steps"]').inner_text() == "Not started"


def test_scenario_recovery_scores_half_and_unanswered_questions_are_named(page, server) -> None:
    open_module(page, server)
    press_button(page, ".cs-check")
    assert "Unanswered: 1, 2, 3, 4, 5, 6" in page.locator(".cs-result").inner_text()
    choose_radio(page, "cs-who-to-tell", "tell-adult")
    tick(page, "cs-good-things", "learn")
    tick(page, "cs-good-things", "play")
    choose_radio(page, "cs-your-fault", "false")
    choose_radio(page, "cs-free-coins-offer", "accept")
    press_button(page, '.cs-step[data-step="offer"] .cs-choose')
    assert page.evaluate("() => document.activeElement.classList.contains('cs-step-prompt')")
    choose_radio(page, "cs-free-coins-secret", "tell")
    press_button(page, '.cs-step[data-step="secret"] .cs-choose')
    arrange_by_keyboard(page, good=True)
    press_button(page, ".cs-check")
    # five right questions and a scenario path with one of two good decisions: (5 + 0.5) / 6
    assert "Your score: 91%" in page.locator(".cs-result").inner_text()


def test_answers_in_progress_survive_a_reload(page, server) -> None:
    open_module(page, server)
    choose_radio(page, "cs-who-to-tell", "tell-adult")
    choose_radio(page, "cs-free-coins-offer", "accept")
    press_button(page, '.cs-step[data-step="offer"] .cs-choose')
    open_module(page, server)  # a fresh visit: the module opens at once, with the saved answers
    assert page.locator('input[name="cs-who-to-tell"][value="tell-adult"]').is_checked()
    assert page.locator('.cs-step[data-step="secret"]').is_visible()
    assert page.locator('input[name="cs-free-coins-offer"][value="accept"]').is_disabled()


def test_without_javascript_the_lesson_reads_and_the_quiz_says_it_needs_it(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + MODULE)
    open_gate(page)
    assert page.locator(".cs-lesson").is_visible()
    assert "needs JavaScript" in page.locator(".cs-quiz noscript").inner_text() or "needs JavaScript" in page.content()
    context.close()
