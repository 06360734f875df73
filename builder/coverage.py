"""``cybersafe coverage``: the translation table, module by language: ok, missing or stale."""

from __future__ import annotations

import json

from builder.model import Course
from builder.translation import module_status

SYMBOLS = {"source": "source", "ok": "ok", "missing": "MISSING", "stale": "STALE"}


def coverage(course: Course) -> list[dict[str, object]]:
    """One row per module, in the order learners meet them, then modules on no path."""
    ordered = list(dict.fromkeys([m for path in course.paths for m in path.module_ids if m in course.modules]))
    ordered += sorted(set(course.modules) - set(ordered))
    rows = []
    for module_id in ordered:
        row: dict[str, object] = {"module": module_id}
        reasons: dict[str, list[str]] = {}
        for lang in course.languages:
            status, why = module_status(course, module_id, lang)
            row[lang] = status
            if why:
                reasons[lang] = list(why)
        row["reasons"] = reasons
        rows.append(row)
    return rows


def as_json(course: Course) -> str:
    rows = coverage(course)
    totals = {
        lang: {s: sum(1 for r in rows if r[lang] == s) for s in ("ok", "missing", "stale")}
        for lang in course.languages[1:]
    }
    return json.dumps(
        {"languages": list(course.languages), "modules": rows, "totals": totals}, ensure_ascii=False, indent=2
    )


def as_table(course: Course) -> str:
    rows = coverage(course)
    width = max([len("module")] + [len(str(r["module"])) for r in rows])
    header = "module".ljust(width) + "".join(f"  {lang:<8}" for lang in course.languages)
    lines = [header, "-" * len(header)]
    for row in rows:
        lines.append(
            str(row["module"]).ljust(width) + "".join(f"  {SYMBOLS[str(row[lang])]:<8}" for lang in course.languages)
        )
    for lang in course.languages[1:]:
        done = sum(1 for r in rows if r[lang] == "ok")
        lines.append(f"{lang}: {done}/{len(rows)} current")
    return "\n".join(lines)
