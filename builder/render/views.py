"""What a learner sees, computed once from the model for every target.

A target asks for a module, a path or the course in one language and gets plain values and
HTML fragments (rendered from Jinja templates with autoescape), the same for the site and for
every LMS package. Nothing here knows how the target lays out files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2

from builder import languages
from builder.model import Audience, Course, Image, LearningPath, Module, Page, Question, Quiz, Resource
from builder.quiz import kind as kinds
from builder.quiz.state import quiz_version
from builder.render import markdown, thai
from builder.render.compiled import CompiledTemplates
from builder.render.i18n import N_, translations
from builder.render.runtime_strings import runtime_strings
from builder.render.voices import voiced

COUNTRY_NAMES = {"TH": N_("Thailand"), "BR": N_("Brazil")}

#: How a target writes a link to another module (module id, anchor) -> href, or None for no link.
Linker = Callable[[str, str], str | None]
#: Where a target put an image, given its path in the repository (e.g. "curriculum/images/a.png").
ImagePlacer = Callable[[str], str]


_COMPILED = CompiledTemplates()  # every language and voice runs the same compiled templates


@cache
def environment(lang: str, audience: str | None = None) -> jinja2.Environment:
    """The Jinja environment of one language: autoescape on, gettext from our catalogs, in
    ``audience``'s voice (see voices.py) or the plain one."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("builder", "templates"),
        bytecode_cache=_COMPILED,
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(voiced(lang, audience), newstyle=True)  # type: ignore[attr-defined]
    env.globals["language"] = languages.get(lang)
    env.globals["worksheet_order"] = kinds.worksheet_order
    env.filters["short_text"] = thai.short_text
    return env


def compile_templates() -> None:
    """Compile every template now, once for every language and voice (see CompiledTemplates):
    before the build's workers are forked, which would each compile them for themselves."""
    env = environment("en")
    for name in env.list_templates(extensions=["html", "xml"]):
        if not name.startswith("material/"):  # the theme's overrides, compiled with the theme's
            env.get_template(name)


def render_template(lang: str, name: str, voice: str | None = None, **context: Any) -> str:
    """A template rendered in ``lang``, in the ``voice`` of an audience ("8-12", "13-17",
    "parents"; see voices.py) or the plain one; HTML gets Thai typography (see builder.render.thai)."""
    text = environment(lang, voice).get_template(name).render(**context)
    return thai.typeset_html(text) if name.endswith(".html") else text


@dataclass(frozen=True)
class HelpEntry:
    country: str
    country_name: str
    resources: tuple[Resource, ...]


def help_box(course: Course, lang: str) -> tuple[HelpEntry, ...]:
    """The help routes for the language's country; English pages show every country's."""
    country = languages.get(lang).country
    catalog = translations(lang)
    return tuple(
        HelpEntry(
            code,
            catalog.gettext(COUNTRY_NAMES.get(code, code)),
            tuple(course.resources[r] for r in ids if r in course.resources),
        )
        for code, ids in course.help_box.items()
        if country is None or code == country
    )


def quiz_data(quiz: Quiz, lang: str) -> dict[str, Any]:
    """What the runtime needs to score and give feedback; the texts are already in the page."""

    def question(q: Question) -> dict[str, Any]:
        data: dict[str, Any] = {"id": q.id, "kind": q.kind, "prompt": q.prompt.get(lang)}
        data.update(kinds.of(q).page_data(q, lang))
        return data

    return {
        "module": quiz.module_id,
        "passMark": quiz.pass_mark,
        "version": quiz_version(quiz),
        "questions": [question(q) for q in quiz.questions],
    }


@dataclass(frozen=True)
class ModuleView:
    """A module as shown in one language (falling back to English where untranslated)."""

    course: Course
    module: Module
    lang: str
    page: Page
    fallback: bool
    audiences: frozenset[Audience]

    @property
    def needs_help_box(self) -> bool:
        return bool(self.audiences & {Audience.CHILDREN, Audience.PARENTS})

    @property
    def title(self) -> str:
        return self.page.title

    def images(self) -> dict[str, Image]:
        """Each image of the lesson, as written, with the file the loader read."""
        return dict(self.page.images)

    def sections(self) -> list[tuple[str, str]]:
        """The lesson's level-2 headings and their anchors, for the in-page table of contents."""
        tokens = self.page.tokens
        return [
            (tokens[i + 1].content, str(t.attrGet("id")))
            for i, t in enumerate(tokens)
            if t.type == "heading_open" and t.tag == "h2" and t.attrGet("id")
        ]

    def lesson_html(self, link_module: Linker | None = None, place_image: ImagePlacer | None = None) -> str:
        return markdown.render(
            self.page.tokens, self.lang, self.course.resources, link_module, self._image_linker(place_image)
        )

    def _image_linker(self, place_image: ImagePlacer | None) -> markdown.ImageLinker | None:
        images = self.page.images
        return (lambda src: place_image(images[src].path) if src in images else src) if place_image else None

    def runtime_data(self, audience: str | None = None) -> dict[str, Any]:
        """The module's data for the runtime. The page around the module names the LMS adapter and
        where the browser keeps progress (a package's page does; the site's runtime defaults)."""
        return {
            "course": self.course.id,
            "version": self.course.version,
            "module": self.module.id,
            "lang": languages.get(self.lang).tag,
            "quiz": quiz_data(self.module.quiz, self.lang) if self.module.quiz else None,
            "strings": runtime_strings(self.lang, audience),
        }

    def body(self, audience: str | None = None) -> str:
        """The module's page body: lesson, key messages, help box and quiz, the same for the site
        and every package, so it is rendered once (see units.module_body); its links to other
        modules and its images are left for ``resolve``. For a children's or parents' ``audience``
        ("8-12", "13-17", "parents"), a gentle content note instead of the professionals' gate,
        and headings in that audience's words."""
        from builder.render.kids import audience_strings  # kids renders templates through this module

        return render_template(
            self.lang,
            "fragments/module.html",
            voice=audience,
            view=self,
            page=self.page,
            quiz=self.module.quiz,
            lesson=markdown.render(
                self.page.tokens, self.lang, self.course.resources, markdown.DEFER, markdown.DEFER_IMAGE
            ),
            help=help_box(self.course, self.lang) if self.needs_help_box else (),
            data=self.runtime_data(audience),
            text_lang=languages.get(self.page.lang).tag,
            kid=audience_strings(self.lang, audience) if audience else None,
        )

    def resolve(self, body: str, link_module: Linker | None = None, place_image: ImagePlacer | None = None) -> str:
        """A ``body`` with its links and images written as a target writes them."""
        return markdown.resolve(body, link_module, self._image_linker(place_image))


def module_view(course: Course, module_id: str, lang: str) -> ModuleView:
    module = course.modules[module_id]
    page = module.page(lang)
    return ModuleView(
        course, module, lang, page, page.lang != lang, frozenset(p.audience for p in course.paths_of(module_id))
    )


def path_modules(course: Course, path: LearningPath, lang: str) -> list[ModuleView]:
    return [module_view(course, m, lang) for m in path.module_ids if m in course.modules]


def facts_checked(course: Course) -> str:
    checked = course.facts_checked()
    return checked.isoformat() if checked else ""
