"""The course model: immutable, and every node knows the file, line and column it came from.

Loaders build it, checks read it, targets render it. It knows nothing of mkdocs, SCORM or
cmi5: those words belong to the targets.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from types import MappingProxyType
from typing import Any

from builder import languages


@dataclass(frozen=True)
class Pos:
    """A place in a source file: repository-relative POSIX path, 1-based line and column."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Text:
    """One text in every language it was written in, e.g. ``{en: ..., th: ..., pt_BR: ...}``."""

    values: tuple[tuple[str, str], ...]
    pos: Pos

    def get(self, lang: str) -> str:
        """The text in ``lang``, or in English where that language is missing."""
        found = dict(self.values)
        return found.get(lang) or found.get(languages.SOURCE.code, "")

    def has(self, lang: str) -> bool:
        return bool(dict(self.values).get(lang))

    @property
    def source(self) -> str:
        return self.get(languages.SOURCE.code)


class Audience(enum.Enum):
    """Who a learning path is for; decides help boxes, search scope and content warnings."""

    CHILDREN = "children"
    PARENTS = "parents"
    PROFESSIONALS = "professionals"


@dataclass(frozen=True)
class Option:
    """A choice of a question or of a scenario step, with feedback that explains why."""

    id: str
    text: Text | None  # None for true/false, whose labels come from the interface catalog
    correct: bool
    feedback: Text
    next: str | None  # scenario only: the step this choice leads to; None ends the scenario
    pos: Pos
    pin: bool = False  # kept at its authored place when options are shuffled ("None of these")


@dataclass(frozen=True)
class Step:
    """One decision of a scenario: a situation and the choices the learner has."""

    id: str
    prompt: Text
    options: tuple[Option, ...]
    pos: Pos


@dataclass(frozen=True)
class Item:
    """A thing to arrange: a step to put in order (``text``), or a pair to match (``text`` and ``match``)."""

    id: str
    text: Text
    match: Text | None
    pos: Pos


@dataclass(frozen=True)
class Question:
    """A question of any kind; the kind (builder/quiz/kinds/<kind>.py) decides which parts it uses."""

    id: str
    kind: str  # the name of a registered question kind, e.g. "single"
    prompt: Text
    options: tuple[Option, ...]  # choice kinds
    steps: tuple[Step, ...]  # scenarios: the first step starts it
    tags: tuple[str, ...]
    translated: Mapping[str, str]  # language -> hash of the English texts it was translated from
    pos: Pos
    items: tuple[Item, ...] = ()  # ordering (in the right order) and matching (each with its partner)
    feedback: Text | None = None  # one explanation for the whole question (ordering, matching)

    def texts(self) -> Iterator[Text]:
        """Every text of the question, in a fixed order (used for the staleness hash)."""
        yield self.prompt
        for option in self.all_options():
            if option.text is not None:
                yield option.text
            yield option.feedback
        for step in self.steps:
            yield step.prompt
        for item in self.items:
            yield item.text
            if item.match is not None:
                yield item.match
        if self.feedback is not None:
            yield self.feedback

    def all_options(self) -> Iterator[Option]:
        yield from self.options
        for step in self.steps:
            yield from step.options


@dataclass(frozen=True)
class Quiz:
    module_id: str
    pass_mark: int  # percent, 0-100
    questions: tuple[Question, ...]
    pos: Pos


@dataclass(frozen=True)
class TranslationStamp:
    """Which version of the English a translated page was made from: hashes of its sections."""

    meta: str  # title, objectives, key messages, content warning
    sections: tuple[str, ...]  # the body split at level-2 headings, in order


@dataclass(frozen=True)
class Image:
    """An image a lesson shows: found, checked and read by the loader, so no target reads sources."""

    path: str  # its repository path, e.g. "curriculum/images/chat.png"
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Page:
    """One module in one language: the front matter and the Markdown body, parsed once by the loader."""

    lang: str
    module_id: str
    title: str
    minutes: int
    objectives: tuple[str, ...]
    key_messages: tuple[str, ...]
    sources: tuple[str, ...]
    content_warning: str | None
    reviewed_by: str | None
    reviewed_on: dt.date | None
    translated_from: TranslationStamp | None
    body: str  # Markdown after the front matter
    body_line: int  # the file line of the body's first line, so rendered errors point at the file
    pos: Pos
    #: The body's markdown-it tokens (line maps relative to the body). Renderers read, never change, them.
    tokens: tuple[Any, ...] = field(default=(), compare=False, repr=False)
    #: Each image of the body, as its ``src`` is written, with the file it resolved to.
    images: Mapping[str, Image] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Module:
    """A module: its page in each language it exists in, and its quiz."""

    id: str
    pages: Mapping[str, Page]
    quiz: Quiz | None

    @property
    def source(self) -> Page:
        return self.pages[languages.SOURCE.code]

    def page(self, lang: str) -> Page:
        """The page in ``lang``, or the English one where it is not translated."""
        return self.pages.get(lang) or self.source


@dataclass(frozen=True)
class LearningPath:
    """An ordered list of modules for one audience: a track, or one age band of a track."""

    id: str
    track_id: str
    audience: Audience
    ages: str | None  # e.g. "8-12" for an age band of the children's track
    title: Text
    description: Text
    module_ids: tuple[str, ...]
    module_positions: tuple[Pos, ...]  # where each module id is listed, for diagnostics
    required_tags: tuple[str, ...]  # each module's quiz must have a question with each tag
    pos: Pos


@dataclass(frozen=True)
class Track:
    id: str
    audience: Audience
    title: Text
    description: Text
    paths: tuple[LearningPath, ...]
    pos: Pos


@dataclass(frozen=True)
class Resource:
    """A checked fact that modules cite instead of repeating: a helpline, a reporting site, a law."""

    id: str
    kind: str  # helpline | hotline | emergency | reporting | law | instrument | data
    country: str | None  # ISO 3166 code; None for international
    name: Text
    summary: Text
    contact: str | None  # phone number or short code
    url: str | None
    checked: dt.date
    translated: Mapping[str, str]
    pos: Pos


@dataclass(frozen=True)
class HelpText:
    """What the help control says to one audience: a heading and a short text (reference 4.5)."""

    heading: Text
    text: Text
    pos: Pos


@dataclass(frozen=True)
class HelpCountry:
    """One country's help routes, by resource id: numbers to call, then places to report."""

    call: tuple[str, ...]
    report: tuple[str, ...]
    pos: Pos


@dataclass(frozen=True)
class Help:
    """curriculum/help.yml: the help control's texts per audience and its routes per country."""

    audiences: Mapping[str, HelpText]  # "8-12", "13-17" (a children's path's ages) or "parents"
    countries: Mapping[str, HelpCountry]  # ISO 3166 code -> routes
    exit_url: str | None  # course.yml's quick_exit_url; None: the neutral page built into the site


@dataclass(frozen=True)
class Course:
    id: str
    version: str
    title: Text
    languages: tuple[str, ...]
    tracks: tuple[Track, ...]
    modules: Mapping[str, Module]
    resources: Mapping[str, Resource]
    help_box: Mapping[str, tuple[str, ...]]  # country -> resource ids shown in the help box
    guides: Mapping[str, Module]  # pages for trainers (curriculum/<lang>/guides/), never with a quiz
    root: FsPath = field(compare=False)
    pos: Pos = field(compare=False)
    help: Help | None = field(default=None, compare=False)  # curriculum/help.yml, when the course has one

    @property
    def paths(self) -> tuple[LearningPath, ...]:
        return tuple(path for track in self.tracks for path in track.paths)

    def paths_of(self, module_id: str) -> tuple[LearningPath, ...]:
        return tuple(path for path in self.paths if module_id in path.module_ids)

    def facts_checked(self) -> dt.date | None:
        """The date the oldest fact was last checked: what every page states."""
        return min((r.checked for r in self.resources.values()), default=None)


def frozen_map(items: Mapping[str, object]) -> Mapping[str, object]:
    """A read-only view, so the model stays immutable."""
    return MappingProxyType(dict(items))
