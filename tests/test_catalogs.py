"""Every interface string is in the catalogs and translated, with its placeholders intact."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from builder.render.i18n import catalog_path
from builder.render.voices import CONTEXTS, voiced
from tests.conftest import REPO

PLACEHOLDER = re.compile(r"%\(\w+\)s|%%")


@pytest.mark.parametrize("lang", ["th", "pt_BR"])
def test_catalog_is_complete_and_keeps_placeholders(lang: str) -> None:
    with catalog_path(lang).open("rb") as po:
        catalog = read_po(po, locale=lang)
    messages = [m for m in catalog if m.id]
    assert messages
    for message in messages:
        assert message.string, f"{lang}: untranslated {message.id!r}"
        assert not message.fuzzy, f"{lang}: fuzzy {message.id!r}"
        assert sorted(PLACEHOLDER.findall(message.id)) == sorted(PLACEHOLDER.findall(message.string)), message.id


def extraction_command() -> list[str]:
    """The extraction command exactly as babel.cfg's header and the README write it."""
    header = (REPO / "babel.cfg").read_text(encoding="utf-8")
    line = next(line for line in header.splitlines() if "pybabel extract" in line)
    command = line.lstrip("# ").split()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert " ".join(command) in readme, "the README's extraction command differs from babel.cfg's"
    return command


def test_catalogs_hold_every_string_the_code_uses(tmp_path: Path) -> None:
    """Extract afresh with the documented command and compare: a string added to a template or to
    the code but not to the catalogs fails here."""
    command = extraction_command()
    pot = tmp_path / "messages.pot"
    command[command.index("-o") + 1] = str(pot)
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *command[1:]], cwd=REPO, check=True)
    with pot.open("rb") as fresh:
        wanted = {(m.id, m.context) for m in read_po(fresh) if m.id}
    # Strings the templates and the code are known to use: an extraction that finds none of them
    # (a pattern that matches no file) must fail, not pass with nothing to compare.
    assert len(wanted) >= 50, f"only {len(wanted)} strings extracted: do babel.cfg's patterns match the files?"
    # ... and each audience's voice of what children, teens and parents read (babel.cfg's voices)
    assert {("Content warning", None), ("Check my answers", None), ("Thailand", None)} <= wanted, sorted(wanted)[:10]
    assert {("Check my answers", context) for context in CONTEXTS.values()} <= wanted
    assert ("Get help", None) not in wanted  # said only in a voice (voices_only)
    for lang in ("th", "pt_BR"):
        with catalog_path(lang).open("rb") as po:
            have = {(m.id, m.context) for m in read_po(po) if m.id}
        assert wanted <= have, f"{lang} lacks {sorted(wanted - have)}: run pybabel extract and update (babel.cfg)"


def test_children_and_teens_are_never_called_khun_in_thai() -> None:
    """Thai speaks to a child as หนู (8-12) and to a teen as เรา: the formal คุณ is for adults."""
    with catalog_path("th").open("rb") as po:
        catalog = read_po(po, locale="th")
    said = [m for m in catalog if m.context in (CONTEXTS["8-12"], CONTEXTS["13-17"])]
    assert len(said) > 100
    assert [(m.context, m.string) for m in said if "คุณ" in m.string] == []


def test_a_voice_is_asked_first_and_falls_back_to_the_plain_translation() -> None:
    plain, child, teen = voiced("th", None), voiced("th", "8-12"), voiced("th", "13-17")
    assert child.gettext("Your progress") == plain.pgettext(CONTEXTS["8-12"], "Your progress") != "Your progress"
    assert child.gettext("Thailand") == plain.gettext("Thailand") != "Thailand"  # no voice of its own
    differs = [
        m
        for m in ("Check my answers", "Try again", "Your score: %(score)s%%. You need %(mark)s%% to pass.")
        if child.gettext(m) != plain.gettext(m) or teen.gettext(m) != plain.gettext(m)
    ]
    assert differs, "the children's and teens' voices say nothing differently from the plain one"
    assert voiced("en", "8-12").gettext("Try again") == "Try again"
