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
import operator
import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import unescape
from pathlib import Path

THAI = "\u0e00-\u0e7f"
UNITS = re.compile(rf"([{THAI}]+)|([^\W_{THAI}]+)")
# Typesetting characters (word joiners, zero-width and no-break spaces) that the renderer may put
# into Thai text: invisible joiners go, no-break spaces become plain spaces.
DROP = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
SPACES = re.compile("[\u00a0\u202f\u2007]")
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
    return unicodedata.normalize("NFC", SPACES.sub(" ", DROP.sub("", text))).lower()


def units(text: str, rules: list[list[Rule]], start: int = 0) -> list[tuple[str, int]]:
    """(term, position) for every search unit of a text, in reading order: Thai character pairs
    and stemmed words (see ``cut``)."""
    positions: dict[str, list[int]] = defaultdict(list)
    cut(text, rules, start, positions)
    return sorted(((term, pos) for term, found in positions.items() for pos in found), key=lambda unit: unit[1])


def cut(text: str, rules: list[list[Rule]], start: int, positions: dict[str, list[int]]) -> int:
    """Add each search unit of ``text`` to ``positions`` (term -> its positions, ascending), the
    first at ``start``; returns the position after the text. Thai is cut into overlapping
    character pairs, other scripts into folded, stemmed words.

    ``builder/runtime/search.js`` cuts queries with the same rule; keep the two in step."""
    terms = _terms(rules)
    pos = start
    for thai, word in UNITS.findall(clean(text)):
        if thai:
            if len(thai) == 1:
                positions[thai].append(pos)
            for at, pair in enumerate(map(operator.add, thai, thai[1:]), pos):  # overlapping pairs
                positions[pair].append(at)
            pos += len(thai) + 1
        else:
            term = terms.get(word)
            if term is None:
                term = terms[word] = stem(fold(word), rules)
            positions[term].append(pos)
            pos += 2
    return pos


_TERMS: dict[str, dict[str, str]] = {}


def _terms(rules: list[list[Rule]]) -> dict[str, str]:
    """Each word's term under these rules, remembered: a page repeats its words many times."""
    return _TERMS.setdefault(repr(rules), {})


def shard_of(term: str, shards: int) -> int:
    """The shard holding a term: a hash of its first two characters (search.js has the same)."""
    value = 0
    for char in term[:2]:
        value = (value * 31 + ord(char)) & 0xFFFFFFFF
    return value % shards


#: What a reader never sees as text: comments, and elements whose content is code or drawing.
HIDDEN = re.compile(r"<!--.*?-->|<(script|style|template|svg|noscript)\b.*?</\1\s*>", re.S | re.I)
TAG = re.compile(r"<[^>]*>")


def page_text(html: str) -> str:
    """The text a reader sees in a page's HTML (scripts, styles and icons left out); an element's
    boundary separates words."""
    visible = HIDDEN.sub(lambda m: " " if m.group(1) else "", html)
    return unescape(TAG.sub(" ", visible))


#: Under ``cybersafe serve``, each page's units by its address, with the title and HTML they came
#: from, so that a saved module is the only page indexed again (``remember_pages``); a build
#: indexes every page once anyway and keeps nothing.
_remembered: dict[tuple[str, str], tuple[str, str, tuple[int, dict[str, list[int]]]]] | None = None


def remember_pages() -> None:
    global _remembered
    if _remembered is None:
        _remembered = {}


def _page_positions(page: IndexPage, lang: str, rules: list[list[Rule]]) -> tuple[int, dict[str, list[int]]]:
    """Where the page's body starts, and each of its terms' positions (title first, then body)."""
    if _remembered is not None:
        kept = _remembered.get((lang, page.url))
        if kept is not None and kept[:2] == (page.title, page.html):
            return kept[2]
    positions: dict[str, list[int]] = defaultdict(list)
    body = cut(page.title, rules, 0, positions)
    cut(page_text(page.html), rules, body, positions)
    if _remembered is not None:
        _remembered[lang, page.url] = (page.title, page.html, (body, positions))
    return body, positions


class SectionIndex:
    """A section's index, built page by page: each page's text is cut as it is given and only its
    postings are kept (as machine integers), so a section of any size never holds its pages.

    Pages are numbered by their place in the section's navigation; they may be given in any order."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.rules = rules_for(lang)
        self.postings: dict[str, array[int]] = {}  # term -> the flat postings, page by page
        self.docs: list[list[object]] = []
        self.waiting: dict[int, tuple[list[object], dict[str, list[int]]]] = {}  # given before their turn

    def add(self, number: int, page: IndexPage) -> None:
        body, here = _page_positions(page, self.lang, self.rules)
        self.waiting[number] = ([page.url, page.title, body], here)
        while len(self.docs) in self.waiting:  # every page before it is in: it can go in too
            doc, terms = self.waiting.pop(len(self.docs))
            self._append(len(self.docs), terms)
            self.docs.append(doc)

    def _append(self, number: int, terms: dict[str, list[int]]) -> None:
        for term, positions in terms.items():
            flat = self.postings.get(term)
            if flat is None:
                flat = self.postings[term] = array("i")
            flat.extend((number, len(positions), positions[0]))
            if len(positions) > 1:  # most terms are on a page once
                flat.extend(map(operator.sub, positions[1:], positions))

    def files(self) -> Iterator[tuple[str, str]]:
        """(file name, text) of the manifest and each shard, one at a time; deterministic."""
        for number in sorted(self.waiting):  # pages whose predecessors never came: in order, renumbered
            doc, terms = self.waiting.pop(number)
            self._append(len(self.docs), terms)
            self.docs.append(doc)
        total = sum(len(term) + len(repr(flat.tolist())) for term, flat in self.postings.items())  # as JSON
        count = max(1, math.ceil(total / SHARD_TARGET))
        manifest = {"lang": self.lang, "shards": count, "docs": self.docs, "stem": self.rules}
        yield "manifest.js", f"CyberSafeSearch.manifest({_json(manifest)});\n"
        by_shard: list[list[str]] = [[] for _ in range(count)]
        for term in sorted(self.postings):
            by_shard[shard_of(term, count)].append(term)
        for number, shard_terms in enumerate(by_shard):
            shard = {term: self.postings[term].tolist() for term in shard_terms}
            yield f"shard-{number}.js", f"CyberSafeSearch.shard({number},{_json(shard)});\n"

    def write(self, folder: Path) -> None:
        """Write the index into ``folder`` (the section's ``search/``), replacing an older one."""
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.js"):
            old.unlink()
        for name, text in self.files():
            (folder / name).write_text(text, encoding="utf-8")


def _index_of(pages: Sequence[IndexPage], lang: str) -> SectionIndex:
    index = SectionIndex(lang)
    for number, page in enumerate(pages):
        index.add(number, page)
    return index


def build_index(pages: Sequence[IndexPage], lang: str) -> dict[str, str]:
    """The files of a section's index, by name, from its pages in navigation order."""
    return dict(_index_of(pages, lang).files())


def write_index(folder: Path, pages: Sequence[IndexPage], lang: str) -> None:
    """Write a section's index from its pages into ``folder``, replacing an older one."""
    _index_of(pages, lang).write(folder)


def _json(value: object) -> str:
    # "</" cannot end a script here (these are files), but keep the output safe to inline anyway.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
