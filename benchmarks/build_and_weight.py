"""Speed and size figures of the shipped curriculum: how long a build takes, and what a learner
on a cheap phone over slow mobile data downloads. Prints figures and ratios; asserts nothing.

    .venv/bin/python benchmarks/build_and_weight.py
"""

from __future__ import annotations

import gzip
import re
import tempfile
import time
from pathlib import Path

from builder.build import build
from builder.load import load_course
from builder.targets.packages import max_state_length

REPO = Path(__file__).resolve().parent.parent
SLOW_3G_BYTES_PER_SECOND = 400_000 / 8  # 400 kbit/s, a congested 3G link


def timed(label: str, action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    print(f"{label:<38} {time.perf_counter() - start:8.2f} s")
    return result


def page_weight(site: Path, page: Path) -> tuple[int, int]:
    """Bytes of a page and everything it loads at once (HTML, CSS, JS), raw and gzipped."""
    html = page.read_text(encoding="utf-8")
    parts = [page.read_bytes()]
    for ref in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html):
        parts.append((page.parent / ref).resolve().read_bytes())
    return sum(map(len, parts)), sum(len(gzip.compress(p)) for p in parts)


def main() -> None:
    result = timed("load and check the curriculum", lambda: load_course(REPO))
    course = result.course
    assert course is not None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        timed("build packages (3 standards)", lambda: build(course, REPO, out, ("scorm12", "scorm2004", "cmi5")))
        timed("build the site (3 languages x 2)", lambda: build(course, REPO, out, ("site",)))
        total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        print(f"{'whole output':<38} {total / 1e6:8.1f} MB")
        print(f"{'site zip (USB copy)':<38} {(out / 'cybersafe-site.zip').stat().st_size / 1e6:8.1f} MB")
        for lang in ("en", "th", "pt-BR"):
            raw, packed = page_weight(out, out / lang / "kids" / "share-with-care.html")
            print(
                f"{'module page ' + lang + ' (raw / gzip)':<38} {raw / 1e3:8.0f} KB {packed / 1e3:6.0f} KB"
                f"   {packed / SLOW_3G_BYTES_PER_SECOND:5.1f} s on slow 3G"
            )
        for lang in ("en", "th", "pt-BR"):
            for section in ("", "kids/"):
                files = list((out / lang / section / "search").glob("*.js"))
                size = sum(f.stat().st_size for f in files)
                print(f"{'search index ' + lang + '/' + section:<38} {size / 1e3:8.0f} KB in {len(files)} files")
        packages = sorted((out / "packages").rglob("*.zip"), key=lambda p: p.stat().st_size)
        print(f"{'packages':<38} {len(packages):8d}")
        print(f"{'largest package':<38} {packages[-1].stat().st_size / 1e3:8.0f} KB  {packages[-1].name}")
    longest = max(max_state_length(m.quiz) for m in course.modules.values())
    print(f"{'longest saved state / SCORM 1.2 limit':<38} {longest:8d} / 4096 = {longest / 4096:.3f}")


if __name__ == "__main__":
    main()
