"""Thai typography: words kept whole in headings, with pythainlp's dictionary as our own set."""

from __future__ import annotations

import re
from pathlib import Path

from builder.render import thai

REPO = Path(__file__).parent.parent


def course_runs() -> list[str]:
    """Every distinct run of Thai letters in the shipped Thai lessons and the quizzes."""
    files = [*(REPO / "curriculum" / "th").rglob("*.md"), *(REPO / "quizzes").glob("*.yml")]
    runs = {run for f in files for run in re.findall(r"[\u0e01-\u0e4f]+", f.read_text(encoding="utf-8"))}
    return sorted(runs)


def test_our_dictionary_cuts_the_course_as_pythainlps_own_trie_does() -> None:
    from pythainlp.tokenize import newmm, word_dict_trie

    runs = course_runs()
    assert len(runs) > 1000  # the whole course, not an empty sample
    ours = thai._dictionary()
    differ = [r for r in runs if newmm.segment(r, custom_dict=ours) != newmm.segment(r, custom_dict=word_dict_trie())]
    assert differ == []


def words_kept_whole(joined: str) -> list[str]:
    """The pieces a line may break between: before a consonant or leading vowel with no joiner."""
    pieces = [""]
    for i, char in enumerate(joined):
        if char == thai.WORD_JOINER:
            continue
        if pieces[-1] and re.match("[\u0e01-\u0e2e\u0e40-\u0e44]", char) and joined[i - 1] != thai.WORD_JOINER:
            pieces.append("")
        pieces[-1] += char
    return pieces


def test_a_heading_breaks_between_words_never_inside_one() -> None:
    assert words_kept_whole(thai.short_text("ผู้เสียหายอยู่คนเดียว")) == ["ผู้เสียหาย", "อยู่", "คนเดียว"]
    assert words_kept_whole(thai.short_text("เด็ก ๆ")) == ["เด็ก\u00a0ๆ"]  # ๆ stays with its word


def test_package_pages_are_typeset_once(site_dir: Path) -> None:
    """A second pass over typeset text would join words too (their break opportunities lost)."""
    import zipfile

    headings = re.compile(r"<(h[1-6]|summary)\b[^>]*>([^<]*)</\1>")
    seen = 0
    for package in sorted((site_dir / "packages").rglob("*-th-*.zip")):
        with zipfile.ZipFile(package) as archive:
            for name in archive.namelist():
                if name.endswith("/index.html"):
                    for _, text in headings.findall(archive.read(name).decode("utf-8")):
                        if thai.THAI_RUN.search(text):
                            seen += 1
                            assert text == thai.short_text(thai.plain(text)), (package.name, text)
    assert seen > 10
