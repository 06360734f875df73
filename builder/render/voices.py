"""Audience voices: the same interface string said to a child of 8-12, to a teen, or to a parent.

Each audience has its own gettext context, so a translator can speak to a child in the words
the lessons use (Thai หนู for 8-12, เรา for teens, never the formal คุณ; a simple "você") and to a
parent in an adult register. Code and templates keep writing plain ``_()`` and ``N_()``: a page
rendered for an audience looks each message up in that audience's context first, and falls back
to the plain translation. The extraction method below adds every message of a voiced file to the
catalogs once per context, so translators see (and a test checks) each voice.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from functools import cache
from typing import IO, Any

from builder.render.i18n import translations

#: The audiences that have a voice of their own ("8-12", "13-17" are the children's age bands).
CONTEXTS = {"8-12": "children 8-12", "13-17": "teens 13-17", "parents": "parents"}


class Voiced(gettext.NullTranslations):
    """A catalog seen through one audience's context, falling back to the plain messages."""

    def __init__(self, catalog: gettext.NullTranslations, context: str) -> None:
        super().__init__()
        self.catalog, self.context = catalog, context

    def gettext(self, message: str) -> str:
        found = self.catalog.pgettext(self.context, message)
        return found if found != message else self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self.catalog.npgettext(self.context, singular, plural, n)
        return found if found not in (singular, plural) else self.catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.catalog.pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.catalog.npgettext(context, singular, plural, n)


@cache
def voiced(lang: str, audience: str | None) -> gettext.NullTranslations:
    """The catalog of ``lang`` in ``audience``'s voice; ``None`` is the plain, professional voice."""
    if audience is None:
        return translations(lang)
    return Voiced(translations(lang), CONTEXTS[audience])


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, str]) -> Iterator[Any]:
    """Babel extraction method (see babel.cfg) for files said in every voice.

    Each message is yielded as found and again once per audience context. With the option
    ``voices_only = true`` the plain message is left out: the file is only ever said in a voice.
    """
    from babel.messages.extract import extract_python
    from jinja2.ext import babel_extract

    method: Any = extract_python if str(getattr(fileobj, "name", "")).endswith(".py") else babel_extract
    voices_only = options.get("voices_only", "").lower() == "true"
    for lineno, funcname, messages, comments in method(fileobj, keywords, comment_tags, options):
        # Jinja gives a call's arguments as a tuple with None for each non-string one.
        strings = tuple(m for m in messages if m is not None) if isinstance(messages, tuple) else (messages,)
        plural = funcname in ("ngettext", "ungettext") and len(strings) == 2
        singular = funcname in ("_", "gettext", "ugettext", "N_") and len(strings) == 1
        if not voices_only or not (singular or plural):
            yield lineno, funcname, messages, comments
        if singular or plural:
            for context in CONTEXTS.values():
                yield lineno, "npgettext" if plural else "pgettext", (context, *strings), comments
