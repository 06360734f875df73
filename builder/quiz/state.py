"""The saved state of a module, as the runtime writes it (runtime/cybersafe.js, ``encodeState``).

One line, compact enough for SCORM 1.2's 4096 characters::

    2~<quiz version>~<best score>~<passed 0|1>~<done 0|1>~<location>~<seed>~<answers>

- ``seed``: the learner's shuffle seed in base 36 (at most 7 characters); every option order
  and item order of the quiz is derived from it and the question id, so a reload or an LMS
  resume shows the same order, and a retry draws a new seed.
- ``answers``: ``<question index>:<token>`` joined by ``,``; each kind writes its token with one
  base-36 character per AUTHORED index (never a shuffled position). The kind's ``state_bound``
  is the longest token it can write.

Format 1 (``1~version~best~passed~done~location~answers`` with decimal indices joined by ``.``)
is still read, so learners of packages uploaded before keep their answers.
"""

from __future__ import annotations

from builder.model import Quiz
from builder.quiz.kind import of
from builder.translation import digest

FORMAT = 2
LOCATIONS = ("lesson", "quiz")  # every location the runtime writes
SEED_LENGTH = 7  # base 36 of a 32-bit seed
SCORM12_LIMIT = 4096  # the strictest saved-state limit of the standards we build


def quiz_version(quiz: Quiz) -> str:
    """Changes only when the quiz's structure (ids, right answers, scenario links) changes, so
    a corrected text never invalidates a learner's saved answers."""
    parts = [f"{quiz.pass_mark}"]
    for question in quiz.questions:
        parts.append(f"{question.id}:{question.kind}")
        parts += of(question).structure(question)
    return digest(parts)


def max_state_length(quiz: Quiz | None) -> int:
    """The longest saved state the runtime can write for a module with this quiz (or none):
    every question answered with its longest token, the highest score, the longest location."""
    head = f"{FORMAT}~{quiz_version(quiz) if quiz else ''}~100~1~1~{max(LOCATIONS, key=len)}~{'z' * SEED_LENGTH}~"
    if quiz is None:
        return len(head)
    answers = [f"{index}:" + "z" * of(q).state_bound(q) for index, q in enumerate(quiz.questions)]
    return len(head + ",".join(answers))
