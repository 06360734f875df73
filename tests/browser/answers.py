"""The fixture quiz's ordering and matching questions, answered right or wrong with locators
(the LMS tests) — the keyboard-only path is in test_quiz_arrange.py."""

from __future__ import annotations

from typing import Any

ORDER = ["stop-replying", "save-proof", "tell-adult"]
WRONG_ORDER = ["tell-adult", "save-proof", "stop-replying"]
PAIRS = ["sad-at-night", "mean-messages", "lost-password"]
WRONG_PAIRS = ["mean-messages", "lost-password", "sad-at-night"]  # every item with the next one's partner


def arrange(frame: Any, order: list[str], question: str = "tell-steps") -> None:
    items = frame.locator(f"#cs-q-{question} .cs-order-item")
    frame.locator(f"#cs-q-{question} .cs-order-item .cs-down").first.click()  # a move, so it counts as answered
    for target, item in enumerate(order):
        while (at := items.evaluate_all("els => els.map(e => e.dataset.item)").index(item)) > target:
            frame.locator(f'#cs-q-{question} .cs-order-item[data-item="{item}"] .cs-up').click()
        assert at == target


def match(frame: Any, partners: list[str], question: str = "match-help") -> None:
    for item, partner in zip(PAIRS, partners, strict=True):
        frame.locator(f"#cs-{question}-{item}").select_option(partner)


def answer_arranged(frame: Any, good: bool) -> None:
    arrange(frame, ORDER if good else WRONG_ORDER)
    match(frame, PAIRS if good else WRONG_PAIRS)
