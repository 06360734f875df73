"""Translation freshness: which version of the English each translation was made from.

A translation records short hashes of the English it was made from: per module, one hash of
the front matter texts and one per body section; per quiz question and per resource, one hash
of all its English texts. When the English changes, the hashes differ and the translation is
stale, down to the section or question that changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from builder import languages
from builder.model import Course, Page, Question, Resource, TranslationStamp
from builder.render.markdown import heading_titles, split_sections


def digest(texts: Iterable[str]) -> str:
    """8 hex digits of SHA-256 over the texts, ignoring trailing spaces and blank edges."""
    normal = ["\n".join(line.rstrip() for line in text.strip().split("\n")) for text in texts]
    return hashlib.sha256(json.dumps(normal, ensure_ascii=False).encode()).hexdigest()[:8]


def meta_hash(page: Page) -> str:
    return digest([page.title, *page.objectives, "", *page.key_messages, "", page.content_warning or ""])


def stamp_of(source: Page) -> TranslationStamp:
    """The stamp a translation of ``source`` (an English page) should carry to be current."""
    sections = split_sections(source.body, source.tokens)
    return TranslationStamp(meta=meta_hash(source), sections=tuple(digest([s]) for s in sections))


def question_hash(question: Question) -> str:
    return digest(text.source for text in question.texts())


def resource_hash(resource: Resource) -> str:
    return digest([resource.name.source, resource.summary.source])


@dataclass(frozen=True)
class Staleness:
    """Why a translation no longer matches the English; empty reasons mean it is current."""

    reasons: tuple[str, ...]

    @property
    def current(self) -> bool:
        return not self.reasons


def page_staleness(page: Page, source: Page) -> Staleness:
    stamp = page.translated_from
    if stamp is None:
        return Staleness(("it records no 'translated_from' stamp",))
    expected = stamp_of(source)
    reasons = []
    if stamp.meta != expected.meta:
        reasons.append("the English title, objectives, key messages or content warning changed")
    if len(stamp.sections) != len(expected.sections):
        reasons.append(
            f"the English now has {len(expected.sections)} sections; it was translated from {len(stamp.sections)}"
        )
    else:
        titles = ["(introduction)", *heading_titles(source.tokens)]
        changed = [
            f"'{titles[i]}'" for i, (a, b) in enumerate(zip(stamp.sections, expected.sections, strict=True)) if a != b
        ]
        if changed:
            reasons.append("the English changed in section " + ", ".join(changed))
    return Staleness(tuple(reasons))


def item_staleness(stamps: Mapping[str, str], lang: str, current_hash: str) -> Staleness:
    """Whether a quiz question's or resource's ``lang`` stamp matches its current English."""
    if lang not in stamps:
        return Staleness(("it was never marked current",))
    if stamps[lang] != current_hash:
        return Staleness(("its English text changed",))
    return Staleness(())


def module_status(course: Course, module_id: str, lang: str) -> tuple[str, tuple[str, ...]]:
    """'source', 'ok', 'missing' or 'stale' for one module in one language, with reasons."""
    module = course.modules[module_id]
    if lang == languages.SOURCE.code:
        return "source", ()
    page = module.pages.get(lang)
    if page is None:
        return "missing", ()
    reasons = list(page_staleness(page, module.source).reasons)
    if module.quiz:
        for question in module.quiz.questions:
            if not item_staleness(question.translated, lang, question_hash(question)).current:
                reasons.append(f"quiz question '{question.id}' changed or was never marked current")
    return ("stale" if reasons else "ok"), tuple(reasons)
