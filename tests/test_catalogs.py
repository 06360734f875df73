"""Every interface string is in the catalogs and translated, with its placeholders intact."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from builder.render.i18n import catalog_path
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
        wanted = {m.id for m in read_po(fresh) if m.id}
    # Strings the templates and the code are known to use: an extraction that finds none of them
    # (a pattern that matches no file) must fail, not pass with nothing to compare.
    assert len(wanted) >= 50, f"only {len(wanted)} strings extracted: do babel.cfg's patterns match the files?"
    assert {"Content warning", "Check my answers", "Thailand"} <= wanted, sorted(wanted)[:10]
    for lang in ("th", "pt_BR"):
        with catalog_path(lang).open("rb") as po:
            have = {m.id for m in read_po(po) if m.id}
        assert wanted <= have, f"{lang} lacks {sorted(wanted - have)}: run pybabel extract and update (babel.cfg)"
