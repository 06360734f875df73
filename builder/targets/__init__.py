"""Output targets, registered by name, as Sphinx registers its builders.

A target is one module of this package that calls ``register`` when imported: the site, each
LMS standard, the printable handbook, the site zip. Adding a target is adding a module; nothing
here or in ``builder.build`` lists them. A target declares what it provides to later targets and
what it needs from earlier ones, and the build orders them from that.

Every target works from the loaded model alone and writes only below the staging folder it is
given. The rules a target enforces at build time are its ``check``, which ``cybersafe check``
runs too, so that check and build never disagree.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from builder.diagnostics import Report
from builder.model import Course, Pos


class BuildError(Exception):
    """A target could not build what the checks passed: a bug of ours, reported with its place."""


@dataclass(frozen=True)
class Output:
    """One file or page a target writes, with the source that makes it (for collision reports)."""

    name: str  # its path in the output folder, e.g. "en/index.html"
    what: str  # what makes it, in words, e.g. "module 'index'"
    pos: Pos


@dataclass(frozen=True)
class BuildContext:
    """What a target is given: the course, the staging folder to write in, the repository
    (whose mkdocs.yml the site target inherits), and the build's cache folder (beside the output,
    never in it; None: build everything afresh)."""

    course: Course
    staging: Path
    repo: Path
    cache: Path | None = None


def _no_outputs(course: Course) -> Iterable[Output]:
    return ()


@dataclass(frozen=True)
class Target:
    name: str
    summary: str  # one line for `cybersafe targets`
    build: Callable[[BuildContext], Iterable[str]]  # writes its part of the staging folder; lines to print
    outputs: Callable[[Course], Iterable[Output]] = _no_outputs  # every name it writes, to find collisions
    check: Callable[[Course, Report], None] | None = None  # what its build would refuse, as diagnostics
    provides: tuple[str, ...] = ()  # what later targets may read from staging, e.g. "packages"
    needs: tuple[str, ...] = ()  # run after every selected target that provides one of these ("*": after all)
    always: bool = False  # built whenever anything is built (the site zip packs the whole output)
    warm_up: Callable[[Path], None] | None = None  # given the repository: work its workers share (see build.warm_up)


_REGISTRY: dict[str, Target] = {}


def register(target: Target) -> Target:
    if target.name in _REGISTRY and _REGISTRY[target.name] != target:
        raise ValueError(f"two targets are named {target.name!r}")
    _REGISTRY[target.name] = target
    return target


@cache
def _discover() -> None:
    """Import every module of this package once, so that each target registers itself."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        importlib.import_module(f"{__name__}.{info.name}")


def registered() -> dict[str, Target]:
    """Every target by name, in alphabetical order."""
    _discover()
    return dict(sorted(_REGISTRY.items()))


def in_build_order(names: Sequence[str] | None = None) -> list[Target]:
    """The chosen targets (all by default) plus those always built, providers before their users.

    Raises KeyError for an unknown name and ValueError for a cycle of needs.
    """
    targets = registered()
    chosen = set(targets) if names is None else {targets[name].name for name in names}
    chosen |= {name for name, target in targets.items() if target.always}
    ordered: list[Target] = []
    visiting: set[str] = set()

    def visit(target: Target) -> None:
        if target in ordered:
            return
        if target.name in visiting:
            raise ValueError(f"targets need each other in a cycle through {target.name!r}")
        visiting.add(target.name)
        for other in sorted(chosen):
            provider = targets[other]
            if provider is not target and ("*" in target.needs or set(provider.provides) & set(target.needs)):
                visit(provider)
        visiting.discard(target.name)
        ordered.append(target)

    for name in sorted(chosen):
        visit(targets[name])
    return ordered
