"""Build units: what each output unit depends on, a cache of their keys, and a process pool.

An output unit is a thing a target writes as a whole: one package, one site section. Its key is
a hash of everything it is made from: the builder itself (its code, templates, runtime files and
catalogs), the course-wide model (tracks, paths, resources, help boxes, every module's title),
the modules and guides it shows, and whatever else the target adds. A unit whose key is the one
recorded for the file already in the output is kept as it is; since the same inputs give the
same bytes, the output stays byte-identical to a clean build.

The keys live in the build's cache folder, beside the output (``.site-cache/`` for ``site/``),
never in the output, so they are neither published nor packed in the site zip.

Units are built in worker processes when there is more than one core. The workers are forked, so
they share the loaded course without pickling it; results come back in the order of the inputs,
so the output never depends on which worker finished first.
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import json
import multiprocessing
import os
import pickle
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar

from builder.model import Course, Module
from builder.progress import counted
from builder.render.views import ModuleView

BUILDER = Path(__file__).parent.parent
CACHE_VERSION = "1"

T = TypeVar("T")
R = TypeVar("R")


def digest(*parts: object) -> str:
    """A stable hash of strings, bytes and reprs of frozen model objects."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


@cache
def builder_id() -> str:
    """The builder's own version: every file of the package (code, templates, runtime, catalogs),
    and the versions of the libraries whose output we ship."""
    from importlib import metadata

    parts: list[object] = [CACHE_VERSION]
    for path in sorted(BUILDER.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(BUILDER).as_posix(), path.read_bytes()]
    for library in ("mkdocs", "mkdocs-material", "jinja2", "markdown-it-py", "pythainlp", "babel"):
        try:
            parts += [library, metadata.version(library)]
        except metadata.PackageNotFoundError:
            parts += [library, "-"]
    parts.append(os.environ.get("SOURCE_DATE_EPOCH", ""))  # the zips' timestamps
    return digest(*parts)


_MODULE_KEYS: dict[int, tuple[Module, str]] = {}  # id -> (the module, kept alive so the id stays its own; key)
_COURSE_KEYS: dict[int, tuple[Course, str]] = {}  # id -> (the course, kept alive so the id stays its own; key)


def course_key(course: Course) -> str:
    """Everything of the course that any page may show, except the modules' and guides' bodies:
    every field of the model (so a field added later is in the key too) but those and the folder."""
    known = _COURSE_KEYS.get(id(course))
    if known is None or known[0] is not course:
        titles = {m.id: {lang: page.title for lang, page in m.pages.items()} for m in course.modules.values()}
        fields = [
            (field.name, repr(getattr(course, field.name)))
            for field in dataclasses.fields(course)
            if field.name not in ("modules", "guides", "root")
        ]
        found = digest(
            builder_id(),
            repr(fields),
            json.dumps(titles, sort_keys=True, ensure_ascii=False),
            sorted(course.guides),
        )
        _COURSE_KEYS.clear()  # one course per build: forget the last one and its modules
        _MODULE_KEYS.clear()
        known = _COURSE_KEYS[id(course)] = (course, found)
    return known[1]


def module_key(module: Module) -> str:
    """A module's pages in every language, their images and its quiz (computed once per module)."""
    known = _MODULE_KEYS.get(id(module))
    if known is not None and known[0] is module:
        return known[1]
    images = [
        (lang, src, image.path, digest(image.data))
        for lang, page in sorted(module.pages.items())
        for src, image in sorted(page.images.items())
    ]
    key = digest(repr(module), images)
    _MODULE_KEYS[id(module)] = (module, key)
    return key


class KeyStore:
    """The key each unit of one target was built from, as the output now holds it.

    A build reads the keys of the output it starts from (``<cache>/previous/``) and writes those
    of the output it makes (``<cache>/pending/``); builder.build makes them current only once the
    new output is in place."""

    def __init__(self, cache: Path | None, name: str) -> None:
        self.path = cache / PENDING / f"{name}.json" if cache is not None else None
        self.keys: dict[str, str] = {}
        previous = cache / PREVIOUS / f"{name}.json" if cache is not None else None
        if previous is not None and previous.is_file():
            try:
                loaded = json.loads(previous.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    self.keys = {str(k): str(v) for k, v in loaded.items()}
            except (ValueError, OSError):
                self.keys = {}  # a damaged cache is only a slower build

    def fresh(self, unit: str, key: str, output: Path) -> bool:
        """Whether ``output`` was built from ``key`` and is still there."""
        return self.keys.get(unit) == key and output.exists()

    def save(self, keys: dict[str, str]) -> None:
        """Record the keys of the units in the new output (and forget every other)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(dict(sorted(keys.items())), indent=0), encoding="utf-8")


PREVIOUS, PENDING, CURRENT = "previous", "pending", "current"
FRAGMENTS = "fragments"


def fragment(cache: Path | None, key: str, make: Callable[[], str]) -> str:
    """A rendered piece of a page, kept in the build's cache under its key (a digest of all it is
    made from): made once for every unit, target and later build that asks with the same key, e.g.
    a module's body, which is the same in its SCORM 1.2, SCORM 2004 and cmi5 packages. Workers
    may make one at the same time: each writes a file of its own and renames it into place."""
    if cache is None:
        return make()
    path = cache / FRAGMENTS / key[:2] / f"{key}.html"
    try:
        text = path.read_text(encoding="utf-8")
        os.utime(path)  # used by this build: kept by prune_fragments
        return text
    except FileNotFoundError:
        pass
    text = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{key}.{os.getpid()}.part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return text


def module_body(cache: Path | None, view: ModuleView, audience: str | None) -> str:
    """A module's body in one language and voice (see ModuleView.body): rendered once per build,
    and again only when what it is made from changes, for the site and every package."""
    key = digest(course_key(view.course), module_key(view.module), view.lang, audience or "")
    return fragment(cache, key, partial(view.body, audience))


def prune_fragments(cache: Path, since: float) -> None:
    """Forget the fragments that no unit of a whole build used (made or read since ``since``)."""
    for path in (cache / FRAGMENTS).glob("*/*"):
        if path.stat().st_mtime < since:
            path.unlink(missing_ok=True)


@contextmanager
def key_rotation(folder: Path) -> Iterator[Path]:
    """The cache of one build: the current keys become ``previous`` while it runs; if it
    succeeds, what it wrote (``pending``, plus the previous keys of targets it did not build)
    becomes current; if it fails, the previous keys are current again, as the output is unchanged.
    An interrupted build leaves no current keys: the next build starts afresh."""
    current, previous, pending = folder / CURRENT, folder / PREVIOUS, folder / PENDING
    for leftover in (previous, pending):
        shutil.rmtree(leftover, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    if current.is_dir():
        current.rename(previous)
    try:
        yield folder
    except BaseException:
        shutil.rmtree(pending, ignore_errors=True)
        if previous.is_dir():
            previous.rename(current)
        raise
    pending.mkdir(exist_ok=True)
    if previous.is_dir():
        for kept in previous.iterdir():
            if not (pending / kept.name).exists():
                kept.rename(pending / kept.name)
    pending.rename(current)
    shutil.rmtree(previous, ignore_errors=True)


def jobs() -> int:
    """How many worker processes (or threads) to use: CYBERSAFE_JOBS if set, else one per core
    available; one inside a worker, which has a core of its own already (threads there would only
    take turns with it for the interpreter)."""
    if _IN_WORKER:
        return 1
    wanted = os.environ.get("CYBERSAFE_JOBS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_TASK: Callable[[Any], Any] | None = None
_IN_WORKER = False  # set in the processes of a pool
_POOL: Any = None  # the build's pool of workers, while `workers` runs
_SHARED: dict[int, Course] = {}  # the course the workers were forked with, by its id


@contextmanager
def workers(course: Course) -> Iterator[None]:
    """One pool of worker processes for a whole build, forked once the course is loaded: workers
    keep what they learnt from one target to the next (imports, compiled templates, segmented
    Thai), where a pool per target would learn it all again. A task crosses to them pickled,
    naming the course by reference: they have it already, since they were forked with it."""
    global _POOL
    count = jobs()
    if count <= 1 or "fork" not in multiprocessing.get_all_start_methods() or _POOL is not None:
        yield
        return
    _SHARED[id(course)] = course
    copyreg.pickle(Course, _course_by_reference)
    try:
        with multiprocessing.get_context("fork").Pool(count, _become_worker) as pool:
            _POOL = pool
            yield
    finally:
        _POOL = None
        copyreg.dispatch_table.pop(Course, None)
        _SHARED.pop(id(course), None)


def _become_worker() -> None:
    global _IN_WORKER
    _IN_WORKER = True


def _stop_pool() -> None:
    """End the build's pool now, its running tasks with it; later calls fork pools of their own."""
    global _POOL
    if _POOL is not None:
        _POOL.terminate()
        _POOL.join()
        _POOL = None


def _course_by_reference(course: Course) -> tuple[Callable[[int], Course], tuple[int]]:
    if _SHARED.get(id(course)) is not course:
        raise pickle.PicklingError("only the course the workers were forked with can be sent to them")
    return _shared_course, (id(course),)


def _shared_course(token: int) -> Course:
    return _SHARED[token]


def _run_task(item: Any) -> Any:
    assert _TASK is not None
    return _TASK(item)


def in_parallel(task: Callable[[T], R], items: Sequence[T], label: str = "", workers: int | None = None) -> Iterator[R]:
    """``task`` over ``items``, results in the order of ``items``; in worker processes when there
    is more than one item and core (the build's pool, see ``workers``, or one forked for this
    call: either way they share the parent's loaded course), else here.
    With a ``label``, a terminal shows a progress bar with counts."""
    yield from counted(_in_parallel(task, items, workers), label, len(items) if label else 0)


def _in_parallel(task: Callable[[T], R], items: Sequence[T], workers: int | None) -> Iterator[R]:
    global _TASK
    count = min(workers or jobs(), len(items))
    if count <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(task, items)
        return
    if _POOL is not None and workers is None:
        finished = False
        try:
            yield from _POOL.imap(task, items, chunksize=1)
            finished = True
        finally:
            if not finished:  # a task failed, or the caller stopped: none may outlive its folders
                _stop_pool()
        return
    _TASK = task
    try:
        with multiprocessing.get_context("fork").Pool(count, _become_worker, maxtasksperchild=64) as pool:
            yield from pool.imap(_run_task, items, chunksize=1)
    finally:
        _TASK = None
