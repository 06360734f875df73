"""Reading a course in two processes (builder.load.partner) loads the same course, with the same
diagnostics, as reading it in one; the copy really reads its half; and if it fails, the loading
process reads everything itself."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.load import course as course_loader
from builder.load import load_course, memo, partner
from builder.model import Course

REPO = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def two_cores(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("CYBERSAFE_JOBS", "2")  # whatever this machine has: the pair needs two
    # threads other tests left idle (a browser's, a server's) would keep the course read alone
    monkeypatch.setattr(partner, "_other_threads", lambda: False)
    memo.disable()
    yield
    partner.disable()
    memo.disable()


def load(root: Path, in_two: bool) -> course_loader.LoadResult:
    (partner.enable if in_two else partner.disable)()
    return load_course(root)


def pages_of(course: Course) -> list[tuple[object, ...]]:
    """What equality of the model leaves out: each page's tokens and images."""
    return [
        (page.module_id, page.lang, [t.as_dict() for t in page.tokens], dict(page.images))
        for module in [*course.modules.values(), *course.guides.values()]
        for page in module.pages.values()
    ]


def counting_pages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every page this process parses, by file name (a forked copy counts its own)."""
    parsed: list[str] = []
    real = course_loader.load_page

    def counted(path: Path, *args: object, **kwargs: object) -> object:
        parsed.append(path.name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(course_loader, "load_page", counted)
    return parsed


def test_the_shipped_course_is_the_same_read_in_two(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = counting_pages(monkeypatch)
    alone = load(REPO, in_two=False)
    everything = len(parsed)
    parsed.clear()
    paired = load(REPO, in_two=True)
    assert alone.course is not None and paired.course is not None
    assert paired.course == alone.course
    assert pages_of(paired.course) == pages_of(alone.course)
    assert paired.report.items == alone.report.items
    # this process parsed about half of the pages; the copy the others
    assert everything > 100
    assert everything // 3 < len(parsed) < everything * 2 // 3


def test_diagnostics_from_either_process_are_all_reported(minimal: Path) -> None:
    # a problem in every page and quiz, so each process finds some
    for page in sorted((minimal / "curriculum").rglob("*.md")):
        page.write_text(page.read_text(encoding="utf-8") + "\n![lost](images/nowhere.png)\n", encoding="utf-8")
    for quiz in sorted((minimal / "quizzes").glob("*.yml")):
        quiz.write_text(quiz.read_text(encoding="utf-8").replace("pass_mark:", "pass_marc:"), encoding="utf-8")
    alone = load(minimal, in_two=False)
    paired = load(minimal, in_two=True)
    files = {d.file for d in alone.report.items}
    assert len(files) >= 4, files  # pages and quizzes of both halves
    assert paired.report.items == alone.report.items
    assert paired.course == alone.course


def test_a_copy_that_fails_leaves_the_reading_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    real = course_loader.load_page

    def failing_in_the_copy(path: Path, *args: object, **kwargs: object) -> object:
        pair = partner.current()
        if pair is not None and pair.copy:
            os._exit(3)  # the copy dies at its first file
        parsed.append(path.name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(course_loader, "load_page", failing_in_the_copy)
    paired = load(REPO, in_two=True)
    everything = len(parsed)
    parsed.clear()
    alone = load(REPO, in_two=False)
    assert everything == len(parsed)  # this process read every page
    assert paired.course == alone.course
    assert paired.report.items == alone.report.items


def test_what_an_earlier_command_kept_is_taken_from_disk_not_sent_across(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    parsed = counting_pages(monkeypatch)
    sent: list[int] = []
    receive = partner.Partner.receive

    def counted(pair: partner.Partner, turn: int, *args: object) -> object:
        got = receive(pair, turn, *args)  # type: ignore[arg-type]
        sent.extend([turn] if got is not None else [])
        return got

    monkeypatch.setattr(partner.Partner, "receive", counted)
    memo.enable_disk(minimal)
    first = load(minimal, in_two=True)
    assert sent and parsed  # each process parsed its half; the copy sent its half across
    sent.clear()
    parsed.clear()
    memo.enable_disk(minimal)
    again = load(minimal, in_two=True)
    assert (sent, parsed) == ([], [])  # unpickled from disk here, rather than parsed and sent
    assert again.course == first.course and again.report.items == first.report.items


def test_with_another_thread_running_the_course_is_read_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    parsed = counting_pages(monkeypatch)
    load(REPO, in_two=False)
    everything = len(parsed)
    parsed.clear()
    monkeypatch.setattr(partner, "_other_threads", lambda: threading.active_count() > 1)
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # as a preview's server would be
    server.start()
    try:
        load(REPO, in_two=True)
    finally:
        stop.set()
        server.join()
    assert len(parsed) == everything  # no copy was forked: a lock held there would never be let go


def test_the_loading_process_does_its_other_work_while_the_copy_reads_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    parsed = counting_pages(monkeypatch)
    alone = load(REPO, in_two=False)
    everything = len(parsed)
    parsed.clear()
    done_in: list[int] = []

    def meanwhile() -> None:
        time.sleep(0.5)  # long enough for the copy to read many pages alone
        done_in.append(os.getpid())

    partner.enable(meanwhile)
    paired = load_course(REPO)
    assert done_in == [os.getpid()]  # once, here
    assert 0 < len(parsed) < everything // 2  # this process read fewer: the copy started alone
    assert paired.course == alone.course and paired.report.items == alone.report.items
