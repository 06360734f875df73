"""Build a section's search index: a manifest (pages, stemming rules, shard count) and shards.

Files, all plain JavaScript so that ``<script>`` tags load them over http and from file://:

- ``manifest.js``: ``CyberSafeSearch.manifest({...})`` with the pages (url, title, where the
  body starts), the language's stemming rules and the number of shards;
- ``shard-<n>.js``: ``CyberSafeSearch.shard(n, {term: postings})``; a term lives in the shard
  that its first two characters hash to, so the terms sharing a prefix sit together and a
  query loads one shard per term it needs.

Postings are flat integer lists: ``[page, count, first position, gap, gap, ..., page, ...]``.
Positions count Thai characters and other words in reading order (a gap between runs counts
one), so a query laid out the same way finds a phrase where all its parts sit at the right
distance from each other.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

THAI = "\u0e00-\u0e7f"
UNITS = re.compile(rf"([{THAI}]+)|([^\W_{THAI}]+)")
# Typesetting characters (word joiners, zero-width and no-break spaces) that the renderer may put
# into Thai text: invisible joiners go, no-break spaces become plain spaces.
DROP = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007"), " ")
SHARD_TARGET = 24_000  # bytes of postings per shard, before gzip
SKIPPED = {"script", "style", "template", "svg", "noscript"}

# Suffix rules, applied in steps: in each step the longest matching suffix is replaced, if at
# least ``keep`` characters remain. Deliberately light (plurals, common verb and adverb
# endings): the query side also matches the last word typed as a prefix.
Rule = tuple[str, str, int]
STEMS: dict[str, list[list[Rule]]] = {
    "en": [
        [
            ("sses", "ss", 1),
            ("ies", "y", 3),
            ("ied", "y", 3),
            ("ss", "ss", 0),
            ("ings", "", 3),
            ("ing", "", 3),
            ("edly", "", 3),
            ("ed", "", 3),
            ("ly", "", 3),
            ("ness", "", 3),
            ("ments", "", 3),
            ("ment", "", 3),
            ("es", "e", 3),
            ("s", "", 3),
        ],
        [("e", "", 3)],
    ],
    "pt": [
        [
            ("oes", "ao", 3),
            ("aes", "ao", 3),
            ("ais", "al", 3),
            ("eis", "el", 3),
            ("ois", "ol", 3),
            ("ns", "m", 3),
            ("res", "r", 3),
            ("zes", "z", 3),
            ("ses", "s", 3),
            ("s", "", 3),
        ],
        [
            ("mente", "", 3),
            ("ando", "", 3),
            ("endo", "", 3),
            ("indo", "", 3),
            ("ar", "", 3),
            ("er", "", 3),
            ("ir", "", 3),
        ],
        [("a", "", 3), ("o", "", 3), ("e", "", 3)],
    ],
}


@dataclass(frozen=True)
class IndexPage:
    url: str  # relative to the section's root, e.g. "share-with-care.html"
    title: str
    html: str  # the page's content


def rules_for(lang: str) -> list[list[Rule]]:
    """The stemming rules of a language code (en, th, pt_BR ...); Thai words are not stemmed."""
    steps = STEMS.get(lang.split("_")[0].split("-")[0], [])
    return [sorted(step, key=lambda rule: -len(rule[0])) for step in steps]  # longest suffix first


def stem(word: str, rules: list[list[Rule]]) -> str:
    """Apply each step's first matching rule (``rules_for`` lists the longest suffixes first)."""
    for step in rules:
        for suffix, replacement, keep in step:
            if word.endswith(suffix) and len(word) - len(suffix) >= keep:
                word = word[: len(word) - len(suffix)] + replacement
                break
    return word


def fold(word: str) -> str:
    """Lower case without accents: "Não" -> "nao", "Família" -> "familia"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))


def clean(text: str) -> str:
    return unicodedata.normalize("NFC", text.translate(DROP).translate(SPACES)).lower()


def units(text: str, rules: list[list[Rule]], start: int = 0) -> Iterator[tuple[str, int]]:
    """(term, position) for every search unit of a text: Thai character pairs and stemmed words.

    ``builder/runtime/search.js`` cuts queries with the same rule; keep the two in step."""
    pos = start
    for match in UNITS.finditer(clean(text)):
        thai, word = match.groups()
        if thai:
            if len(thai) == 1:
                yield thai, pos
            for i in range(len(thai) - 1):
                yield thai[i : i + 2], pos + i
            pos += len(thai) + 1
        else:
            yield stem(fold(word), rules), pos
            pos += 2


def end_position(text: str) -> int:
    """The position after a text's last unit (where the next text starts)."""
    pos = 0
    for match in UNITS.finditer(clean(text)):
        pos += len(match.group(1)) + 1 if match.group(1) else 2
    return pos


def shard_of(term: str, shards: int) -> int:
    """The shard holding a term: a hash of its first two characters (search.js has the same)."""
    value = 0
    for char in term[:2]:
        value = (value * 31 + ord(char)) & 0xFFFFFFFF
    return value % shards


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skip += 1
        self.parts.append(" ")  # an element boundary separates words

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED and self.skip:
            self.skip -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    """The text a reader sees in a page's HTML (scripts, styles and icons left out)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


#: Under ``cybersafe serve``, each page's units by its address, with the title and HTML they came
#: from, so that a saved module is the only page indexed again (``remember_pages``); a build
#: indexes every page once anyway and keeps nothing.
_remembered: dict[tuple[str, str], tuple[str, str, list[tuple[str, int]]]] | None = None


def remember_pages() -> None:
    global _remembered
    if _remembered is None:
        _remembered = {}


def _page_units(page: IndexPage, lang: str, rules: list[list[Rule]], body: int) -> list[tuple[str, int]]:
    if _remembered is not None:
        kept = _remembered.get((lang, page.url))
        if kept is not None and kept[:2] == (page.title, page.html):
            return kept[2]
    found = [*units(page.title, rules), *units(page_text(page.html), rules, body)]
    if _remembered is not None:
        _remembered[lang, page.url] = (page.title, page.html, found)
    return found


def build_index(pages: Sequence[IndexPage], lang: str) -> dict[str, str]:
    """The files of a section's index, by name; deterministic for the same pages."""
    rules = rules_for(lang)
    postings: dict[str, dict[int, list[int]]] = defaultdict(dict)
    docs = []
    for number, page in enumerate(pages):
        body = end_position(page.title)
        docs.append([page.url, page.title, body])
        found = _page_units(page, lang, rules, body)
        for term, pos in found:
            postings[term].setdefault(number, []).append(pos)
    encoded = {term: _encode(by_page) for term, by_page in postings.items()}
    total = sum(len(term) + len(json.dumps(value)) for term, value in encoded.items())
    count = max(1, math.ceil(total / SHARD_TARGET))
    shards: list[dict[str, list[int]]] = [{} for _ in range(count)]
    for term in sorted(encoded):
        shards[shard_of(term, count)][term] = encoded[term]
    manifest = {"lang": lang, "shards": count, "docs": docs, "stem": rules}
    files = {"manifest.js": f"CyberSafeSearch.manifest({_json(manifest)});\n"}
    for number, shard in enumerate(shards):
        files[f"shard-{number}.js"] = f"CyberSafeSearch.shard({number},{_json(shard)});\n"
    return files


def write_index(folder: Path, pages: Sequence[IndexPage], lang: str) -> None:
    """Write a section's index into ``folder`` (the section's ``search/``), replacing an older one."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.js"):
        old.unlink()
    for name, text in build_index(pages, lang).items():
        (folder / name).write_text(text, encoding="utf-8")


def _encode(by_page: dict[int, list[int]]) -> list[int]:
    flat: list[int] = []
    for number in sorted(by_page):
        positions = sorted(by_page[number])
        flat += [number, len(positions), positions[0]]
        flat += [b - a for a, b in zip(positions, positions[1:], strict=False)]
    return flat


def _json(value: object) -> str:
    # "</" cannot end a script here (these are files), but keep the output safe to inline anyway.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
