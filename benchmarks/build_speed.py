"""How fast the build is, compared with a bare mkdocs-material build of the same pages.

Prints figures and ratios; asserts nothing. Every command runs in its own process, so that its
CPU time and its peak memory (the largest process of its tree, pool workers included) can be
read from the operating system. On a busy machine wall-clock times are noisy: the CPU times
(user + system, all processes of the command) and medians are the figures to compare.

    .venv/bin/python benchmarks/build_speed.py               # the shipped course and a 10x course
    .venv/bin/python benchmarks/build_speed.py --scale 1 --runs 5

What it measures, for each course size:
- the baseline: mkdocs-material, nothing else, over the same module and guide pages, one build
  per language (the pages copied from the curriculum as they are);
- our whole build and the site alone, each from a clean output, run alternately with the
  baseline; the ratios are medians of the pairs;
- a rebuild with nothing changed, and a rebuild after one module was touched;
- ``cybersafe check``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # this checkout's builder, not whichever one the virtualenv installed

from builder.noop import cache_folder  # noqa: E402

# The user's cache folder of every command measured (what check and build keep of parsed files),
# so that "clean" measurements can start without it and the user's own is left alone.
USER_CACHE = Path(tempfile.gettempdir()) / "cybersafe-benchmark-cache"


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds of user + system time, the command and every process it waited for
    peak_mb: float  # the largest resident set of any one process of the command

    def __str__(self) -> str:
        return f"wall {self.wall:6.2f} s  cpu {self.cpu:6.2f} s  peak {self.peak_mb:5.0f} MB"


def run(args: list[str], cwd: Path) -> Run:
    """Run a command to its end; its time and memory as the kernel accounted them."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "1", "XDG_CACHE_HOME": str(USER_CACHE)}
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            sys.exit(f"failed: {' '.join(args)}\n{log.read().decode(errors='replace')[-3000:]}")
    # Linux reports ru_maxrss in kilobytes; for a waited-for child it is its largest descendant's.
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def cybersafe(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "builder.cli", "--root", str(root), *args]


def scaled_course(work: Path, factor: int) -> Path:
    """A copy of the shipped course with every module ``factor`` times, each copy in the same
    tracks and paths as its original (ids suffixed -x2, -x3 ...)."""
    root = work / f"course-x{factor}"
    shutil.rmtree(root, ignore_errors=True)
    for folder in ("curriculum", "quizzes"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    if factor == 1:
        return root
    course_file = root / "curriculum" / "course.yml"
    course = yaml.safe_load(course_file.read_text(encoding="utf-8"))
    modules = sorted({p.stem for p in (root / "curriculum" / "en").glob("*.md")})
    for copy in range(2, factor + 1):
        for module_id in modules:
            new_id = f"{module_id}-x{copy}"
            for lang_dir in (root / "curriculum").iterdir():
                source = lang_dir / f"{module_id}.md"
                if source.is_file():
                    text = source.read_text(encoding="utf-8").replace(f"\nid: {module_id}\n", f"\nid: {new_id}\n", 1)
                    (lang_dir / f"{new_id}.md").write_text(text, encoding="utf-8")
            quiz = root / "quizzes" / f"{module_id}.yml"
            if quiz.is_file():
                shutil.copy(quiz, root / "quizzes" / f"{new_id}.yml")

    def grow(ids: list[str]) -> list[str]:
        return ids + [f"{m}-x{copy}" for copy in range(2, factor + 1) for m in ids]

    for track in course["tracks"]:
        if "modules" in track:
            track["modules"] = grow(track["modules"])
        for path in track.get("paths", []):
            path["modules"] = grow(path["modules"])
    course_file.write_text(yaml.safe_dump(course, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def baseline_project(root: Path, work: Path) -> list[Path]:
    """One bare mkdocs-material project per language: the module and guide pages as they are."""
    course = yaml.safe_load((root / "curriculum" / "course.yml").read_text(encoding="utf-8"))
    configs = []
    for lang in course["languages"]:
        docs = work / f"baseline-{lang}" / "docs"
        shutil.rmtree(docs.parent, ignore_errors=True)
        shutil.copytree(root / "curriculum" / lang, docs)
        config = docs.parent / "mkdocs.yml"
        tag = lang.replace("_", "-")
        config.write_text(
            yaml.safe_dump(
                {
                    "site_name": "baseline",
                    "docs_dir": "docs",
                    "site_dir": "site",
                    "theme": {"name": "material", "language": tag if tag != "pt-BR" else "pt-BR"},
                    "plugins": ["search"],
                }
            ),
            encoding="utf-8",
        )
        configs.append(config)
    return configs


def baseline(configs: list[Path]) -> Run:
    """The bare builds one after another, their figures added (peak: the largest)."""
    runs = [run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(c)], c.parent) for c in configs]
    return Run(sum(r.wall for r in runs), sum(r.cpu for r in runs), max(r.peak_mb for r in runs))


def clean(out: Path, parsed: bool = True) -> None:
    """No output, no build cache; with ``parsed``, nor what check and build kept of the files."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache_folder(out), ignore_errors=True)
    if parsed:
        forget_parsed()


def forget_parsed() -> None:
    shutil.rmtree(USER_CACHE / "cybersafe" / "load", ignore_errors=True)


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.peak_mb for r in runs),
    )


def measure(root: Path, work: Path, runs: int, label: str) -> None:
    print(f"\n== {label} ==")
    out = work / "site"
    configs = baseline_project(root, work)
    ours: dict[str, list[Run]] = {"whole build": [], "site alone": []}
    bare: dict[str, list[Run]] = {"whole build": [], "site alone": []}
    for _ in range(runs):
        for what, extra in (("whole build", ()), ("site alone", ("--target", "site"))):
            clean(out)
            if what == "site alone":  # the downloads page lists the packages: build them first
                run(cybersafe(root, "build", "--out", str(out), "--target", "scorm12"), root)
                shutil.rmtree(cache_folder(out), ignore_errors=True)
                forget_parsed()
            ours[what].append(run(cybersafe(root, "build", "--out", str(out), *extra), root))
            bare[what].append(baseline(configs))
    for what in ours:
        mine, theirs = median_run(ours[what]), median_run(bare[what])
        wall = statistics.median(a.wall / b.wall for a, b in zip(ours[what], bare[what], strict=True))
        cpu = statistics.median(a.cpu / b.cpu for a, b in zip(ours[what], bare[what], strict=True))
        print(f"{what:<26} {mine}")
        print(f"{'  bare mkdocs-material':<26} {theirs}")
        print(f"{'  ratio (median of pairs)':<26} wall {wall:5.2f}x   cpu {cpu:5.2f}x")

    clean(out)
    run(cybersafe(root, "build", "--out", str(out)), root)
    noop = median_run([run(cybersafe(root, "build", "--out", str(out)), root) for _ in range(runs)])
    print(f"{'rebuild, nothing changed':<26} {noop}")
    module = sorted((root / "curriculum" / "en").glob("*.md"))[0]
    saved = []
    for _ in range(runs):
        os.utime(module)  # saved again unchanged: the stats differ (a full build), the keys do not
        saved.append(run(cybersafe(root, "build", "--out", str(out)), root))
    print(f"{'rebuild, a module re-saved':<26} {median_run(saved)}  (unchanged: every unit kept)")
    touched = []
    for index in range(runs):
        with module.open("a", encoding="utf-8") as handle:
            handle.write(f"\nTouched {index}.\n")
        touched.append(run(cybersafe(root, "build", "--out", str(out)), root))
    print(f"{'rebuild, one module edited':<26} {median_run(touched)}  ({module.stem})")
    check = median_run([run(cybersafe(root, "check"), root) for _ in range(runs)])
    print(f"{'check, files kept':<26} {check}")
    afresh = []
    for _ in range(runs):
        forget_parsed()
        afresh.append(run(cybersafe(root, "check"), root))
    print(f"{'check, afresh':<26} {median_run(afresh)}")
    packages = sorted((out / "packages").rglob("*.zip"))
    total = sum(p.stat().st_size for p in packages)
    print(f"{'packages':<26} {len(packages)} zips, {total / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, action="append", help="course sizes to measure (default: 1 and 10)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (default 3)")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; times are medians")
    with tempfile.TemporaryDirectory(prefix="cybersafe-bench-") as tmp:
        work = Path(tmp)
        for factor in args.scale or [1, 10]:
            root = scaled_course(work, factor)
            label = "the shipped course" if factor == 1 else f"a course {factor} times larger"
            measure(root, work, args.runs, label)


if __name__ == "__main__":
    main()
