"""The give-away checks' building blocks; each check also has a case in tests/cases/bad/giveaway-*.case."""

from __future__ import annotations

from builder.load import load_course
from builder.load.checks import giveaway_findings
from builder.quiz.giveaways import BASELINE, baseline_line, length, read_baseline, verdict
from tests.conftest import REPO


def test_length_counts_what_a_reader_sees() -> None:
    assert length("ที่ไว้ใจ") == 5  # ท ี ่ ไ ว ้ ใ จ: the vowel and tone marks above do not count
    assert length("não") == 3 and length("na\u0303o") == 3
    assert length("Tell an adult") == 13


def test_verdicts_are_caught_in_every_language_and_reasons_are_not() -> None:
    for text, lang in [
        ("Correct. Stops remote wiping.", "en"),
        ("Not quite: anyone can copy it.", "en"),
        ("Not this one - it changes evidence.", "en"),
        ("ถูกต้อง เขาช่วยหนูได้", "th"),
        ("Certo! Ele pode ajudar.", "pt_BR"),
        ("Não. A culpa nunca é sua.", "pt_BR"),
    ]:
        assert verdict(text, lang), text
    for text, lang in [
        ("No one can see it after you delete it? They can.", "en"),
        ("Rightly, the court asks for the original.", "en"),
        ("ไม่ใช่ทุกคนจะรู้", "th"),
        ("Isolar protege a prova.", "pt_BR"),
    ]:
        assert not verdict(text, lang), text


def test_the_shipped_baseline_lists_exactly_todays_give_aways_by_stable_keys() -> None:
    course = load_course(REPO).course
    assert course is not None
    current = {baseline_line(f) for f in giveaway_findings(course)}
    listed = set(read_baseline(REPO))
    assert listed == current, (sorted(listed - current)[:5], sorted(current - listed)[:5])
    assert all(":" not in line.split(" ", 1)[1] for line in listed)  # ids, never line numbers
    assert (REPO / BASELINE).is_file()
