"""Thai typography for the rendered pages.

Thai writes no spaces between words, and browsers break its lines with a dictionary of their own
that does not know every word of the course (ผู้เสีย|หาย, คน|เดียว). Two rules, applied to the
text of rendered HTML (never to tags, attributes or scripts):

- the repetition mark ๆ (mai yamok) belongs to the word before it: authors write a plain space
  before it, which would let a line start with ๆ, so that space becomes a no-break space;
- in headings and other short texts (titles, objectives, key messages), a word joiner (U+2060)
  goes between the syllables of each Thai word, as segmented by pythainlp's dictionary, so a
  line may break between words but never inside one.

Text that leaves the page (the search index, what an LMS stores) goes through ``plain`` first:
the invisible characters are removed and the no-break spaces become spaces again.
"""

from __future__ import annotations

import re
from functools import cache

WORD_JOINER = "\u2060"
ZERO_WIDTH_SPACE = "\u200b"
NO_BREAK_SPACE = "\u00a0"
MAI_YAMOK = "\u0e46"

THAI_RUN = re.compile(r"[\u0e01-\u0e4f]+")
#: Where a Thai syllable can start: a consonant or a leading vowel. A joiner never goes before a
#: combining mark or a following vowel, so it never splits a character cluster (and its shaping).
SYLLABLE_START = re.compile(r"(?<=.)(?=[\u0e01-\u0e2e\u0e40-\u0e44])")
SPACE_BEFORE_MAI_YAMOK = re.compile(r"[ \t]+(?=\u0e46)")
#: The text between tags of an HTML fragment; script and style contents are left alone.
HTML_TEXT = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>|<[^>]*>)|([^<]+)", re.S | re.I)
INVISIBLE = re.compile(f"[{WORD_JOINER}{ZERO_WIDTH_SPACE}\u00ad]")


def bind_repetition_mark(text: str) -> str:
    """The space before ๆ becomes a no-break space, so no line starts with ๆ."""
    return SPACE_BEFORE_MAI_YAMOK.sub(NO_BREAK_SPACE, text)


@cache
def _join_word(word: str) -> str:
    return SYLLABLE_START.sub(WORD_JOINER, word)


class _Dictionary:
    """pythainlp's Thai word list as its newmm segmenter reads it: the words that start at a
    position of a text. pythainlp's own trie of the same list costs 70 MB and half a second to
    build, in every process of a build; this keeps the set the library already holds."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words if all(w == w.strip() for w in words) else frozenset(w.strip() for w in words)
        self.longest: dict[str, int] = {}  # by a word's first two characters: how far to look
        for word in self.words:
            if len(word) > self.longest.get(word[:2], 0):
                self.longest[word[:2]] = len(word)

    def __len__(self) -> int:
        return len(self.words)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The dictionary's words that ``text`` has at ``start``, shortest first (as pythainlp's trie)."""
        words = self.words
        found = [text[start : start + 1]] if text[start : start + 1] in words else []
        end = min(len(text), start + self.longest.get(text[start : start + 2], 0))
        found += [text[start:i] for i in range(start + 2, end + 1) if text[start:i] in words]
        return found


@cache
def _dictionary() -> _Dictionary:
    from pythainlp.corpus import thai_words

    return _Dictionary(thai_words())


@cache
def _join_run(run: str) -> str:
    from pythainlp.tokenize import word_tokenize

    words = word_tokenize(run, engine="newmm", keep_whitespace=True, custom_dict=_dictionary())  # type: ignore[arg-type]
    return "".join(_join_word(w) for w in words)


def prepare() -> None:
    """Load the word dictionary and the segmenter now. Worker processes forked afterwards share
    them; otherwise each would load them again, in every pool of the build."""
    _join_run("ไทย")


def join_words(text: str) -> str:
    """Word joiners inside each Thai word, so a line never breaks inside a word."""
    return THAI_RUN.sub(lambda m: _join_run(m.group(0)), text)


def short_text(text: str) -> str:
    """A heading or another short text, typeset: words kept whole, ๆ bound to its word."""
    return join_words(bind_repetition_mark(text)) if THAI_RUN.search(text) else text


def _each_text(html: str, change: object) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1)
        return change(match.group(2))  # type: ignore[operator, no-any-return]

    return HTML_TEXT.sub(one, html)


def typeset_html(html: str) -> str:
    """Page HTML: ๆ bound to its word in every text, whole words in headings and short texts."""
    if MAI_YAMOK in html:
        html = _each_text(html, bind_repetition_mark)
    elif not THAI_RUN.search(html):
        return html
    return HEADING.sub(lambda m: m.group(1) + _each_text(m.group(3), join_words) + m.group(4), html)


#: Short texts whose words are kept whole: headings, summaries, legends, labels, table cells.
HEADING = re.compile(r"(<(h[1-6]|summary|legend|label|th|td)\b[^>]*>)(.*?)(</\2>)", re.S | re.I)


def plain(text: str) -> str:
    """Text for a search index or an LMS: no invisible characters, ordinary spaces."""
    return INVISIBLE.sub("", text).replace(NO_BREAK_SPACE, " ")
