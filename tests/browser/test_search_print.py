"""A module prints as a clean worksheet; the answer key prints separately (search: test_search.py)."""

from __future__ import annotations


def test_a_module_prints_as_a_worksheet_without_answers(page, server) -> None:
    page.goto(f"{server}/en/kids/first-steps.html")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".cs-quiz-actions"):
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.locator(".cs-lesson").is_visible()  # the content-warning gate does not hide it on paper
    assert page.locator('.cs-step[data-step="secret"]').is_visible()  # every scenario step is on the sheet
    assert page.locator(".cs-feedback").first.is_hidden()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    assert "Right answer" not in page.locator("body").inner_text()


def test_the_answer_key_prints_separately_for_the_trainer(page, server) -> None:
    page.goto(f"{server}/en/answer-key-children-8-12.html")
    text = page.locator(".cs-answer-key").inner_text()
    assert "Tell a trusted adult" in text and "Say no and tell an adult" in text and "False" in text
    assert "Keep it to yourself" not in text  # wrong options are not listed
    page.goto(f"{server}/en/kids/index.html")
    assert page.locator("a[href*=answer-key]").count() == 0
