"""The children's and parents' interface: the help control, the quick exit and their strings.

Each audience has its own gettext context ("children 8-12", "teens 13-17", "parents"), so a
translator can speak to a child (Thai หนู for 8-12, เรา for teens, never คุณ; a simple "você")
and to a parent in their own register. The calls are written out so that extraction sees them.
The help texts themselves are curriculum data (curriculum/help.yml), the numbers resources.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from typing import Any

from builder import languages
from builder.model import Course, Resource
from builder.render import csp
from builder.render.i18n import translations
from builder.render.views import COUNTRY_NAMES, render_template

#: The quick exit's default page, per language slug: harmless, built into the site, works offline.
NEUTRAL_PAGE = "recipes/{slug}.html"


def _children(t: gettext.NullTranslations) -> dict[str, str]:
    return {
        "help": t.pgettext("children 8-12", "Get help"),
        "exit": t.pgettext("children 8-12", "Exit this page"),
        "exit_hint": t.pgettext("children 8-12", "To leave fast, press Shift three times, or use the exit button."),
        "call": t.pgettext("children 8-12", "Call %(number)s"),
        "report": t.pgettext("children 8-12", "Report it online"),
        "choose_country": t.pgettext("children 8-12", "Where do you live?"),
        "objectives": t.pgettext("children 8-12", "In this lesson you will…"),
        "trail": t.pgettext("children 8-12", "%(done)s of %(total)s done"),
        "note": t.pgettext("children 8-12", "Before you start"),
        "note_stop": t.pgettext("children 8-12", "You can stop at any time. Help is always here."),
        "note_help": t.pgettext("children 8-12", "Go to help now"),
        "cert_title": t.pgettext("children 8-12", "Certificate of completion"),
        "cert_ready": t.pgettext("children 8-12", "You passed every lesson. Type your name to print your certificate."),
        "cert_locked": t.pgettext("children 8-12", "Pass every lesson to get a certificate."),
        "cert_name": t.pgettext("children 8-12", "Your name"),
        "cert_print": t.pgettext("children 8-12", "Print my certificate"),
        "cert_done": t.pgettext("children 8-12", "has finished every lesson of"),
        "cert_version": t.pgettext("children 8-12", "Course version %(version)s"),
        "cert_local": t.pgettext("children 8-12", "Recorded in this browser only."),
        "trail_label": t.pgettext("children 8-12", "Your progress"),
        "start_here": t.pgettext("children 8-12", "Children and teens: start here"),
        "blocked": t.pgettext("children 8-12", "To leave, close this tab or window now."),
    }


def _teens(t: gettext.NullTranslations) -> dict[str, str]:
    return {
        "help": t.pgettext("teens 13-17", "Get help"),
        "exit": t.pgettext("teens 13-17", "Exit this page"),
        "exit_hint": t.pgettext("teens 13-17", "To leave fast, press Shift three times, or use the exit button."),
        "call": t.pgettext("teens 13-17", "Call %(number)s"),
        "report": t.pgettext("teens 13-17", "Report it online"),
        "choose_country": t.pgettext("teens 13-17", "Where do you live?"),
        "objectives": t.pgettext("teens 13-17", "In this lesson you will…"),
        "trail": t.pgettext("teens 13-17", "%(done)s of %(total)s done"),
        "note": t.pgettext("teens 13-17", "Before you start"),
        "note_stop": t.pgettext("teens 13-17", "You can stop at any time. Help is always here."),
        "note_help": t.pgettext("teens 13-17", "Go to help now"),
        "cert_title": t.pgettext("teens 13-17", "Certificate of completion"),
        "cert_ready": t.pgettext("teens 13-17", "You passed every lesson. Type your name to print your certificate."),
        "cert_locked": t.pgettext("teens 13-17", "Pass every lesson to get a certificate."),
        "cert_name": t.pgettext("teens 13-17", "Your name"),
        "cert_print": t.pgettext("teens 13-17", "Print my certificate"),
        "cert_done": t.pgettext("teens 13-17", "has finished every lesson of"),
        "cert_version": t.pgettext("teens 13-17", "Course version %(version)s"),
        "cert_local": t.pgettext("teens 13-17", "Recorded in this browser only."),
        "trail_label": t.pgettext("teens 13-17", "Your progress"),
        "start_here": t.pgettext("teens 13-17", "Children and teens: start here"),
        "blocked": t.pgettext("teens 13-17", "To leave, close this tab or window now."),
    }


def _parents(t: gettext.NullTranslations) -> dict[str, str]:
    return {
        "help": t.pgettext("parents", "Get help"),
        "exit": t.pgettext("parents", "Exit this page"),
        "exit_hint": t.pgettext("parents", "To leave fast, press Shift three times, or use the exit button."),
        "call": t.pgettext("parents", "Call %(number)s"),
        "report": t.pgettext("parents", "Report it online"),
        "choose_country": t.pgettext("parents", "Where do you live?"),
        "objectives": t.pgettext("parents", "In this lesson you will…"),
        "trail": t.pgettext("parents", "%(done)s of %(total)s done"),
        "note": t.pgettext("parents", "Before you start"),
        "note_stop": t.pgettext("parents", "You can stop at any time. Help is always here."),
        "note_help": t.pgettext("parents", "Go to help now"),
        "cert_title": t.pgettext("parents", "Certificate of completion"),
        "cert_ready": t.pgettext("parents", "You passed every lesson. Type your name to print your certificate."),
        "cert_locked": t.pgettext("parents", "Pass every lesson to get a certificate."),
        "cert_name": t.pgettext("parents", "Your name"),
        "cert_print": t.pgettext("parents", "Print my certificate"),
        "cert_done": t.pgettext("parents", "has finished every lesson of"),
        "cert_version": t.pgettext("parents", "Course version %(version)s"),
        "cert_local": t.pgettext("parents", "Recorded in this browser only."),
        "trail_label": t.pgettext("parents", "Your progress"),
        "start_here": t.pgettext("parents", "Children and teens: start here"),
        "blocked": t.pgettext("parents", "To leave, close this tab or window now."),
    }


def audience_strings(lang: str, audience: str) -> dict[str, str]:
    """The interface strings of one audience ("8-12", "13-17" or "parents") in ``lang``."""
    make = {"8-12": _children, "13-17": _teens, "parents": _parents}[audience]
    return make(translations(lang))


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
