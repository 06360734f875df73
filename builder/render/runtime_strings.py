"""The interface strings of the JavaScript runtime, translated at build time into JSON.

The runtime never holds text of its own: each page carries these strings, in its language,
from the same gettext catalogs as the templates.
"""

from __future__ import annotations

from builder.render.i18n import N_
from builder.render.voices import voiced

RUNTIME_STRINGS = {
    "correct": N_("Correct."),
    "incorrect": N_("Not the best choice."),
    "rightAnswer": N_("Right answer"),
    "chooseFirst": N_("Choose an answer first."),
    "unanswered": N_("Please answer every question before checking. Unanswered: %(list)s."),
    "score": N_("Your score: %(score)s%%. You need %(mark)s%% to pass."),
    "passed": N_("Well done: you passed this quiz."),
    "failed": N_("Not passed yet. Read the feedback, then try again."),
    "completed": N_("Completed"),
    "notStarted": N_("Not started"),
    "best": N_("best score %(score)s%%"),
    "passedShort": N_("Passed"),
    "resetDone": N_("Your progress on this device has been cleared."),
    "resetConfirm": N_("Clear all your progress on this device?"),
    "noLms": N_(
        "This module was opened outside a learning platform: your progress is not sent to one. "
        "It is kept in this browser only."
    ),
    "stateReset": N_(
        "This quiz has changed since your last visit, so your earlier answers were cleared. Your best score is kept."
    ),
    "movedTo": N_("%(item)s: now in place %(n)s of %(total)s."),
    "rightPlace": N_("In the right place."),
    "belongsAt": N_("This belongs in place %(n)s."),
    "exit": N_("Exit this module"),
    "stepEnd": N_("End of this scenario."),
    "searchFailed": N_("Search could not load in this browser; please use the menu."),
}


def runtime_strings(lang: str, audience: str | None = None) -> dict[str, str]:
    """The strings in ``lang``, in ``audience``'s voice (see voices.py) or the plain one."""
    catalog = voiced(lang, audience)
    return {key: catalog.gettext(message) for key, message in RUNTIME_STRINGS.items()}
