"""Driving the site's search box (builder/runtime/search.js) and reading its built index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# Words from the middle of the page's Thai text, cut by the browser's ICU segmenter, which the
# index (character pairs) does not use: so finding them is not circular.
MID_SENTENCE_WORDS = """() => {
  const cut = new Intl.Segmenter("th", {granularity: "word"});
  // the lesson's (or trainers' page's) own sentences: interface text the runtime writes later is
  // not the page's content; pages without one (homes, path pages) give no words
  const lesson = document.querySelector(".cs-lesson");
  const text = lesson ? lesson.textContent : "";
  const words = new Set();
  for (const run of text.match(/[\\u0e00-\\u0e7f]+/g) || []) {
    for (const piece of cut.segment(run)) {
      if (piece.isWordLike && piece.index > 0 && piece.segment.length >= 2) words.add(piece.segment);
    }
  }
  return [...words].sort();
}"""


def open_search(page: Any) -> None:
    if page.locator(".cs-search__panel").is_hidden():
        page.locator(".cs-search__open").click()


def search(page: Any, query: str) -> list[str]:
    """Type a query into the box; the result links, best first."""
    open_search(page)
    page.locator(".cs-search__input").fill(query)
    page.wait_for_function(
        "q => document.querySelector('[data-cs-search]').getAttribute('data-cs-shown') === q", arg=query
    )
    return page.eval_on_selector_all(".cs-search__results a", "els => els.map(e => e.getAttribute('href'))")  # type: ignore[no-any-return]


def manifest(section: Path) -> dict[str, Any]:
    """The index manifest of a built site section (e.g. site/th/kids)."""
    text = (section / "search" / "manifest.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])  # type: ignore[no-any-return]
