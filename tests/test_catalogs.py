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


def test_catalogs_hold_every_string_the_code_uses(tmp_path: Path) -> None:
    """Extract afresh and compare: a string added to a template but not to the catalogs fails here."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "N_",
            "--no-location",
            "-o",
            str(pot),
            "builder",
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as fresh:
        wanted = {m.id for m in read_po(fresh) if m.id}
    for lang in ("th", "pt_BR"):
        with catalog_path(lang).open("rb") as po:
            have = {m.id for m in read_po(po) if m.id}
        assert wanted <= have, f"{lang} lacks {sorted(wanted - have)}: run pybabel extract and update (babel.cfg)"
