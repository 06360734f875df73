"""The children's and parents' interface: the help control, the quick exit and their strings.

Their strings are said in each audience's voice (builder/render/voices.py). The help texts
themselves are curriculum data (curriculum/help.yml), the numbers resources.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from builder import languages
from builder.model import Course, Resource
from builder.render import csp
from builder.render.i18n import N_, translations
from builder.render.views import COUNTRY_NAMES, render_template
from builder.render.voices import voiced

#: The quick exit's default page, per language slug: harmless, built into the site, works offline.
NEUTRAL_PAGE = "recipes/{slug}.html"


#: The children's and parents' interface strings, said in each audience's voice (see voices.py).
AUDIENCE_STRINGS = {
    "help": N_("Get help"),
    "exit": N_("Exit this page"),
    "exit_hint": N_("To leave fast, press Shift three times, or use the exit button."),
    "call": N_("Call %(number)s"),
    "report": N_("Report it online"),
    "choose_country": N_("Where do you live?"),
    "objectives": N_("In this lesson you will…"),
    "trail": N_("%(done)s of %(total)s done"),
    "note": N_("Before you start"),
    "note_stop": N_("You can stop at any time. Help is always here."),
    "note_help": N_("Go to help now"),
    "cert_title": N_("Certificate of completion"),
    "cert_ready": N_("You passed every lesson. Type your name to print your certificate."),
    "cert_locked": N_("Pass every lesson to get a certificate."),
    "cert_name": N_("Your name"),
    "cert_print": N_("Print my certificate"),
    "cert_done": N_("has finished every lesson of"),
    "cert_version": N_("Course version %(version)s"),
    "cert_local": N_("Recorded in this browser only."),
    "trail_label": N_("Your progress"),
    "start_here": N_("Children and teens: start here"),
    "blocked": N_("To leave, close this tab or window now."),
}


def audience_strings(lang: str, audience: str) -> dict[str, str]:
    """The interface strings of one audience ("8-12", "13-17" or "parents") in ``lang``."""
    catalog = voiced(lang, audience)
    return {key: catalog.gettext(message) for key, message in AUDIENCE_STRINGS.items()}


@dataclass(frozen=True)
class HelpRoutes:
    country: str
    name: str
    call: tuple[Resource, ...]
    report: tuple[Resource, ...]


def help_routes(course: Course, lang: str) -> list[HelpRoutes]:
    """The page language's country; English pages get every country, and the reader picks one."""
    if course.help is None:
        return []
    country = languages.get(lang).country
    catalog = translations(lang)
    return [
        HelpRoutes(
            code,
            catalog.gettext(COUNTRY_NAMES.get(code, code)),
            tuple(course.resources[r] for r in routes.call),
            tuple(course.resources[r] for r in routes.report),
        )
        for code, routes in course.help.countries.items()
        if country is None or code == country
    ]


def safety_bar(course: Course, lang: str, audience: str, exit_href: str, place: str) -> str:
    """The help control and the quick exit, as every children's and parents' page shows them."""
    texts = course.help.audiences.get(audience) if course.help else None
    data: dict[str, Any] = {
        "course": course.id,
        "version": course.version,
        "lang": languages.get(lang).tag,
        "place": place,
    }
    return render_template(
        lang,
        "fragments/kids_safety.html",
        voice=audience,
        audience=audience,
        texts=texts,
        routes=help_routes(course, lang),
        s=audience_strings(lang, audience),
        exit_href=exit_href,
        data=data,
    )


def neutral_page(lang: str) -> str:
    """The page the quick exit goes to: a plain recipe, nothing about the course."""
    return render_template(lang, "kids_neutral.html", content_policy=csp.policy())
