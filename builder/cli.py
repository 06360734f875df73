"""The ``cybersafe`` command: a thin layer over importable functions."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from builder import languages, noop

if TYPE_CHECKING:
    from builder.load import LoadResult

# The rest of the builder (mkdocs, the loader, the renderer) is imported when a command needs it:
# a rebuild with nothing to do answers before any of it is loaded (see builder.noop).


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; any exception that gets this far is a bug, reported as one, never as a traceback."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("cybersafe: interrupted; the previous output is unchanged", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: every expected problem has its own message
        frames = traceback.extract_tb(exc.__traceback__)
        ours = [f for f in frames if f"{Path(f.filename).parent.name}" in ("builder", "load", "render", "targets")]
        where = (ours or frames)[-1]
        print(
            f"cybersafe {_version()}: internal error, please report: {type(exc).__name__}: {exc}\n"
            f"    at {Path(where.filename).name}:{where.lineno}; the previous output is unchanged",
            file=sys.stderr,
        )
        return 70


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cybersafe-courses")
    except PackageNotFoundError:
        return "(version unknown)"


def _main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cybersafe", description="Build the CyberSafe curriculum.")
    parser.add_argument("--root", type=Path, default=Path("."), help="the repository (default: this folder)")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="report every problem in the curriculum")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=("text", "json"), default="text")

    cover = commands.add_parser("coverage", help="show which modules are translated and current")
    cover.add_argument("--format", choices=("text", "json"), default="text")

    mark = commands.add_parser("mark-current", help="record that translations match the current English")
    mark.add_argument("lang", help="the language code, e.g. th or pt_BR")
    mark.add_argument("ids", nargs="*", help="module or resource ids")
    mark.add_argument("--all", action="store_true", help="every module and resource of the language")

    build = commands.add_parser("build", help="check the curriculum, then build every output")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument(
        "--target", action="append", metavar="TARGET", help="build only this target (repeatable; see 'targets')"
    )
    build.add_argument("--out", type=Path, default=None, help="the output folder (default: site/ in the repository)")

    commands.add_parser("targets", help="list the registered output targets")

    serve = commands.add_parser("serve", help="live preview that rebuilds when a module is saved")
    serve.add_argument("--lang", default="en", choices=languages.CODES, help="the language to preview")
    serve.add_argument("--section", default="main", help="main (adults), kids (the children's home) or kids/8-12")
    serve.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on")

    args = parser.parse_args(argv)
    snapshot = None
    if args.command == "build":
        root = args.root.resolve()
        out = Path(os.path.abspath(args.out or root / "site"))
        snapshot = noop.take(root, out, {"command": "build", "strict": args.strict, "targets": args.target})
        if noop.replay(snapshot, out):
            return 0

    from builder import build as building
    from builder import coverage as coverage_table
    from builder.diagnostics import format_text
    from builder.load import load_course, memo, partner
    from builder.mark_current import MarkError, mark_current
    from builder.targets import BuildError, registered, site
    from builder.targets.output import OutputError

    for name in getattr(args, "target", None) or []:
        if name not in registered():
            choices = ", ".join(repr(n) for n in sorted(registered()))
            parser.error(f"argument --target: invalid choice: {name!r} (choose from {choices})")
    if args.command == "targets":
        for target in registered().values():
            print(f"{target.name:<10} {target.summary}")
        return 0
    if args.command == "serve":
        root = args.root.resolve()
        return site.serve(lambda: load_course(root), root, args.lang, args.section, args.addr)
    memo.enable_disk(args.root)  # check and build keep what they parsed, file by file (see memo)
    # and read the files in two processes, where there are two cores; a build warms up meanwhile
    partner.enable(partial(building.warm_up, args.root.resolve(), args.target) if args.command == "build" else None)
    result = load_course(args.root)
    if result.course is not None and result.ok and args.command in ("check", "build"):
        # what the targets would refuse, once the content is whole
        building.check(result.course, result.report, args.target if args.command == "build" else None)
    if args.command == "check":
        return _check(result, args.strict, args.format)
    if args.command == "build":
        status = _check(result, args.strict, "text")
        warnings = format_text(result.report.items, args.strict) if result.report.items else ""
        if status or result.course is None:
            print("cybersafe: build stopped; the previous output is unchanged", file=sys.stderr)
            return status or 1
        out = args.out or result.course.root / "site"
        noop.forget(Path(os.path.abspath(out)))
        try:
            lines = building.build(result.course, result.course.root, out, args.target)
        except OutputError as exc:
            print(f"cybersafe: {exc}", file=sys.stderr)
            print("cybersafe: build stopped; the previous output is unchanged", file=sys.stderr)
            return 1
        except BuildError as exc:
            print(f"cybersafe: internal error, please report: {exc}", file=sys.stderr)
            print("cybersafe: build stopped; the previous output is unchanged", file=sys.stderr)
            return 1
        for line in lines:
            print(line)
        if snapshot is not None:
            noop.record(snapshot, Path(os.path.abspath(out)), "\n".join(lines), warnings)
        return 0
    if result.course is None:
        print(format_text(result.report.items), file=sys.stderr)
        return 1
    if args.command == "coverage":
        print(
            coverage_table.as_json(result.course) if args.format == "json" else coverage_table.as_table(result.course)
        )
        return 0
    ids = [*result.course.modules, *result.course.guides, *result.course.resources] if args.all else args.ids
    if not ids:
        parser.error("name module or resource ids, or give --all")
    try:
        changed = mark_current(result.course, args.lang, ids)
    except MarkError as exc:
        print(f"cybersafe: {exc}", file=sys.stderr)
        return 1
    for path in changed:
        print(f"marked current: {path.relative_to(result.course.root)}")
    return 0


def _check(result: LoadResult, strict: bool, output: str) -> int:
    from builder.diagnostics import format_json, format_text

    items = result.report.items
    if output == "json":
        print(format_json(items, strict))
    elif items:
        print(format_text(items, strict), file=sys.stderr)
    failed = bool(result.report.errors(strict)) or result.course is None
    return 1 if failed else 0


def run() -> None:
    """The command's entry point: ``main``, then an immediate exit. Python's own teardown would
    free every object of the loaded course one by one (a quarter of a second after a build) in
    a process about to end; what it still holds for the terminal is flushed first."""
    code = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
