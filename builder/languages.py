"""The languages of the course: one record per language, used everywhere.

Every spelling of a language (folder name, gettext catalog, BCP 47 tag, URL slug, search
language, country) comes from here, so nothing converts ``pt_BR`` to ``pt-BR`` ad hoc.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One language of the course and all the names it goes by."""

    code: str  # folder under curriculum/, key in quiz texts, gettext catalog
    tag: str  # BCP 47: <html lang>, hreflang, cmi5 langstring
    slug: str  # URL path segment of the site
    search: str  # lunr language of the search index
    country: str | None  # ISO 3166 country whose help routes the pages show; None: all
    name: str  # the language's own name, for the switcher


ENGLISH = Language(code="en", tag="en", slug="en", search="en", country=None, name="English")
THAI = Language(code="th", tag="th", slug="th", search="th", country="TH", name="ไทย")
PORTUGUESE_BR = Language(code="pt_BR", tag="pt-BR", slug="pt-BR", search="pt", country="BR", name="Português (Brasil)")

#: The source language: every other language is translated from it.
SOURCE = ENGLISH
ALL: tuple[Language, ...] = (ENGLISH, THAI, PORTUGUESE_BR)
BY_CODE: dict[str, Language] = {language.code: language for language in ALL}
CODES: tuple[str, ...] = tuple(BY_CODE)


def get(code: str) -> Language:
    """The language with this code (``en``, ``th``, ``pt_BR``); KeyError for any other."""
    return BY_CODE[code]
