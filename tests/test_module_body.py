"""A module's body is rendered once for every target, with its links to other modules and its
images left as marks (markdown.DEFER); each target resolves them. Resolving must give exactly
what rendering with that target's linkers gives, for every page of the shipped course."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.load import load_course
from builder.model import Course
from builder.render import markdown
from builder.render.views import module_view

REPO = Path(__file__).parent.parent
MINIMAL = REPO / "tests" / "roots" / "minimal"  # it has an image; the shipped course has none


def loaded(root: Path) -> Course:
    result = load_course(root)
    assert result.course is not None
    return result.course


@pytest.fixture(scope="module")
def course() -> Course:
    return loaded(REPO)


def odd_linker(module_id: str, anchor: str) -> str | None:
    """Links some modules, with characters an attribute must escape, and leaves the others unlinked."""
    if len(module_id) % 2:
        return None
    return f'../{module_id}/index.html?a=1&b="2"' + (f"#{anchor}" if anchor else "")


LINKERS = {
    "none": (None, None),
    "site": (lambda m, a: f"{m}.html" + (f"#{a}" if a else ""), lambda path: "media/" + path),
    "some unlinked": (odd_linker, lambda path: f"../assets/{path}?v=<1>"),
    "all unlinked": (lambda m, a: None, lambda path: path),
}


@pytest.mark.parametrize("linkers", LINKERS.values(), ids=LINKERS.keys())
def test_a_resolved_body_is_the_body_rendered_with_the_targets_linkers(course: Course, linkers: tuple) -> None:
    link_module, place_image = linkers
    links = images = 0
    for each in (course, loaded(MINIMAL)):
        for module_id, lang in [(m, lang) for m in each.modules for lang in each.languages]:
            view = module_view(each, module_id, lang)
            deferred = markdown.render(view.page.tokens, lang, each.resources, markdown.DEFER, markdown.DEFER_IMAGE)
            links += deferred.count(markdown.LINK_END)
            images += deferred.count(markdown.IMAGE_MARK)
            assert view.resolve(deferred, link_module, place_image) == view.lesson_html(link_module, place_image)
    assert links > 20 and images > 0  # the course has links between modules and images to place


def test_a_whole_typeset_body_resolves_as_it_renders(course: Course) -> None:
    """Typesetting (Thai word joiners in headings and cells) before resolving gives the page that
    typesetting after rendering with the linkers gives."""
    from builder import languages
    from builder.render.kids import audience_strings
    from builder.render.views import help_box, render_template

    link_module, place_image = LINKERS["some unlinked"]
    for module_id in course.modules:
        view = module_view(course, module_id, "th")
        for audience in (None, "13-17"):
            direct = render_template(
                "th",
                "fragments/module.html",
                voice=audience,
                view=view,
                page=view.page,
                quiz=view.module.quiz,
                lesson=view.lesson_html(link_module, place_image),
                help=help_box(course, "th") if view.needs_help_box else (),
                data=view.runtime_data(audience),
                text_lang=languages.get(view.page.lang).tag,
                kid=audience_strings("th", audience) if audience else None,
            )
            assert view.resolve(view.body(audience), link_module, place_image) == direct, module_id
