"""A printable handbook: one self-contained HTML file per learning path and language.

For a trainer who prints, or who hands a path to a partner as a single file: every module of the
path in order (objectives, lesson, key messages and, for children and parents, the help box),
with its images inline, so the file needs nothing beside it and loads nothing from anywhere.
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from builder import languages
from builder.model import Course, LearningPath
from builder.render.views import facts_checked, help_box, path_modules, render_template
from builder.targets import BuildContext, Output, Target, register, units
from builder.targets.output import keep_only

FOLDER = "handbook"


def file_name(course: Course, path: LearningPath, lang: str) -> str:
    return f"{FOLDER}/{course.id}-{path.id}-{languages.get(lang).slug}.html"


def outputs(course: Course) -> Iterator[Output]:
    for lang in course.languages:
        for path in course.paths:
            yield Output(file_name(course, path, lang), f"the handbook of path '{path.id}' in {lang}", path.pos)


def handbook(course: Course, path: LearningPath, lang: str) -> str:
    views = path_modules(course, path, lang)
    in_path = {view.module.id for view in views}

    def link_module(module_id: str, anchor: str) -> str | None:
        return f"#module-{module_id}" if module_id in in_path else None

    modules = []
    for view in views:
        inline = {image.path: _data_uri(image.path, image.data) for image in view.images().values()}
        modules.append((view, view.lesson_html(link_module, inline.__getitem__)))
    return render_template(
        lang,
        "handbook.html",
        course=course,
        path=path,
        modules=modules,
        help=help_box(course, lang),
        checked=facts_checked(course),
    )


def _data_uri(path: str, data: bytes) -> str:
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _write(course: Course, staging: Path, job: tuple[LearningPath, str]) -> None:
    path, lang = job
    (staging / file_name(course, path, lang)).write_text(handbook(course, path, lang), encoding="utf-8")


def build(context: BuildContext) -> list[str]:
    """Write every handbook; one whose inputs are those of the file already in the output (see
    builder.targets.units) is kept as it is."""
    course = context.course
    store = units.KeyStore(context.cache, "handbook")
    keys: dict[str, str] = {}
    jobs: dict[str, tuple[LearningPath, str]] = {}
    for lang in course.languages:
        for path in course.paths:
            modules = [units.module_key(course.modules[m]) for m in path.module_ids if m in course.modules]
            name = file_name(course, path, lang)
            keys[name] = units.digest(units.course_key(course), lang, repr(path), *modules)
            jobs[name] = (path, lang)
    keep_only(context.staging / FOLDER, {name.removeprefix(f"{FOLDER}/") for name in keys})  # paths gone
    todo = [job for name, job in jobs.items() if not store.fresh(name, keys[name], context.staging / name)]
    write = partial(_write, course, context.staging)
    for _ in units.in_parallel(write, todo, "handbooks"):
        pass
    kept = len(keys) - len(todo)
    store.save(keys)
    return [f"handbook: {len(keys)} files ({kept} unchanged) -> {FOLDER}/"]


TARGET = register(
    Target(
        name="handbook",
        summary="a printable handbook per learning path and language, one self-contained HTML file each",
        build=build,
        outputs=outputs,
        provides=("handbook",),
    )
)
