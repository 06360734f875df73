"""A module prints as a clean worksheet; the answer key prints separately (search: test_search.py)."""

from __future__ import annotations

from tests.browser.answers import answer_arranged
from tests.browser.keyboard import open_gate


def test_a_module_prints_as_a_worksheet_without_answers(page, server) -> None:
    response = page.goto(f"{server}/en/kids/8-12/first-steps.html")
    assert response is not None and response.ok
    page.emulate_media(media="print")
    assert page.locator(".cs-lesson").is_visible()  # the content-warning gate does not hide it on paper
    assert page.locator('.cs-step[data-step="secret"]').is_visible()  # every scenario step is on the sheet
    # Answer and check, so the screen shows the result and the right answers: the sheet must not.
    page.emulate_media(media="screen")
    open_gate(page)  # a professional module's gate; the children's pages have none
    page.locator('input[name="cs-who-to-tell"][value="keep-it"]').check()
    page.locator('input[name="cs-good-things"][value="share-password"]').check()
    page.locator('input[name="cs-your-fault"][value="true"]').check()
    page.locator('input[name="cs-free-coins-offer"][value="refuse"]').check()
    page.locator('.cs-step[data-step="offer"] .cs-choose').click()
    answer_arranged(page, good=False)
    page.locator(".cs-check").click()
    hidden_on_paper = (
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        ".cs-quiz-actions",
        ".cs-result",
        ".cs-feedback",
    )
    for selector in hidden_on_paper:
        assert page.locator(f"{selector}:visible").count() > 0, f"{selector} shows nothing on screen to hide"
    assert "Right answer" in page.locator("body").inner_text()
    page.emulate_media(media="print")
    for selector in hidden_on_paper:
        assert page.locator(f"{selector}:visible").count() == 0, selector
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    assert "Right answer" not in page.locator("body").inner_text()


def test_the_answer_key_prints_separately_for_the_trainer(page, server) -> None:
    page.goto(f"{server}/en/answer-key-children-8-12.html")
    text = page.locator(".cs-answer-key").inner_text()
    assert "Tell a trusted adult" in text and "Say no and tell an adult" in text and "False" in text
    assert "Keep it to yourself" not in text  # wrong options are not listed
    response = page.goto(f"{server}/en/kids/index.html")
    assert response is not None and response.ok  # a 404 page has no answer-key link either
    assert page.locator("a[href*=answer-key]").count() == 0
