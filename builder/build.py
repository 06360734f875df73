"""``cybersafe build`` and the build's half of ``cybersafe check``.

The targets are found in the registry (builder.targets); this module only orders them, checks
what every target would refuse, and runs them into a staging folder that is swapped in at the
end, so a failed build leaves the previous output untouched.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from builder.diagnostics import Code, Report
from builder.model import Course
from builder.noop import cache_folder
from builder.render import thai, views
from builder.targets import BuildContext, Output, in_build_order, registered
from builder.targets.output import disk_error, locked, prepare_output, staged
from builder.targets.units import key_rotation, prune_fragments, workers


def check(course: Course, report: Report, targets: Sequence[str] | None = None) -> None:
    """Report what the build of ``targets`` (all by default) would refuse: each target's own rules,
    and two sources that would write the same output file."""
    chosen = in_build_order(targets)
    for target in chosen:
        if target.check is not None:
            target.check(course, report)
    writers: dict[str, list[Output]] = defaultdict(list)
    for target in registered().values():  # every target, so a later build of another one cannot collide
        for output in target.outputs(course):
            writers[output.name].append(output)
    for name, outputs in writers.items():
        first = outputs[0]
        for other in outputs[1:]:
            report.add(
                Code.OUTPUT_COLLISION,
                f"{other.what} would be written to '{name}', where {first.what} ({first.pos}) goes",
                other.pos,
            )


def warm_up(repo: Path, targets: Sequence[str] | None = None) -> None:
    """What each worker of a build would otherwise do first, for itself: load the Thai dictionary,
    compile our templates and the targets' own (the theme's). Done once, while the course is
    read (see load.partner), it is shared by every worker forked afterwards."""
    if (repo / "curriculum" / "th").is_dir():
        thai.prepare()
    views.compile_templates()
    for target in in_build_order(targets):
        if target.warm_up is not None:
            target.warm_up(repo)


def build(course: Course, repo: Path, out: Path, targets: Sequence[str] | None = None) -> list[str]:
    """Build ``targets`` (all by default) of ``course`` into ``out``; returns a line per thing built."""
    built: list[str] = []
    out = prepare_output(out, repo)  # refuses a folder over the sources or one a build did not make
    # The keys of the new output become current only once it is swapped in, and under the lock.
    try:
        with locked(out), key_rotation(cache_folder(out)) as cache, staged(out, lock=False) as staging:
            context = BuildContext(course, staging, repo, cache)
            if "th" in course.languages:  # before the targets fork their workers, which share it
                thai.prepare()
            started = time.time()
            with workers(course):  # forked once, after the dictionary: they share it
                for target in in_build_order(targets):
                    built += target.build(context)
            if targets is None:  # a whole build: what it did not use, no build will
                prune_fragments(cache, started - 1)  # a file's time may lag the clock by a tick
    except OSError as exc:  # the cache's folder: staged() reports its own
        raise disk_error(exc, out) from exc
    return [*built, f"written to {out}"]
