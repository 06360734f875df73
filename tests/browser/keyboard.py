"""Driving a page with the keyboard alone, as a learner who cannot use a mouse would."""

from __future__ import annotations

from typing import Any


def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def choose_radio(page: Any, name: str, value: str) -> None:
    """Tab into a radio group, then move with the arrow keys to ``value`` (which selects it)."""
    tab_to(page, f'input[type=radio][name="{name}"]')
    for _ in range(10):
        if page.evaluate("() => document.activeElement.value") == value:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no radio {value} in {name}")


def tick(page: Any, name: str, value: str) -> None:
    tab_to(page, f'input[type=checkbox][name="{name}"][value="{value}"]')
    page.keyboard.press("Space")


def press_button(page: Any, selector: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Enter")


def reach(page: Any, selector: str) -> None:
    """Move the focus to ``selector`` with Shift+Tab, or else Tab: the keyboard only."""
    for _ in range(30):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Shift+Tab")
    tab_to(page, selector)


def order_by_keyboard(page: Any, question: str, order: list[str]) -> None:
    """Put an ordering question's items in ``order`` with the Move buttons, by keyboard alone.
    The first item is moved down once first, so the question counts as answered whatever the order."""
    items = f"#cs-q-{question} .cs-order-item"
    first = page.evaluate("s => document.querySelector(s).dataset.item", items)
    press_button(page, f'{items}[data-item="{first}"] .cs-down')
    for target, item in enumerate(order):
        while (
            page.evaluate("s => [...document.querySelectorAll(s)].map(e => e.dataset.item)", items).index(item) > target
        ):
            reach(page, f'{items}[data-item="{item}"] .cs-up')
            page.keyboard.press("Enter")


def match_by_keyboard(page: Any, select_id: str, value: str) -> None:
    """Choose ``value`` in a matching question's list box with the arrow keys."""
    tab_to(page, f"#{select_id}")
    page.keyboard.press("Home")
    for _ in range(10):
        if page.evaluate("() => document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {value} in {select_id}")


def open_gate(page: Any) -> None:
    """Open a professional module's content-warning gate; children's and parents' modules have
    a gentle note instead, and nothing to open."""
    gate = page.locator(".cs-gate")
    if gate.count() and not gate.evaluate("g => g.open"):
        page.locator(".cs-gate > summary").click()
