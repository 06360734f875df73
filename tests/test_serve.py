"""`cybersafe serve` previews a language live: saving a module rebuilds it through the same renderer."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.load import load_course, memo
from builder.render import markdown


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, wanted: str, seconds: float = 30) -> str:
    """The page once it contains ``wanted``; bounded, so a broken server fails the test instead of hanging."""
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        try:
            text = urllib.request.urlopen(url, timeout=5).read().decode()
            if wanted in text:
                return text
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never contained {wanted!r}; last response: {text[:200]!r}")


def test_serve_rebuilds_when_a_module_is_saved(minimal: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "builder.cli",
            "--root",
            str(minimal),
            "serve",
            "--lang",
            "th",
            "--section",
            "kids/8-12",
            "--addr",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/first-steps.html"
        page = fetch(url, "มะลิเปิดแท็บเล็ต")
        assert 'class="cs-quiz"' in page  # our renderer, not mkdocs' Markdown
        module = minimal / "curriculum/th/first-steps.md"
        module.write_text(module.read_text().replace("เครื่องใหม่", "เครื่องใหม่สีฟ้า"), encoding="utf-8")
        fetch(url, "เครื่องใหม่สีฟ้า")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_shows_the_error_with_file_and_line_while_a_module_is_broken(minimal: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "--root", str(minimal), "serve", "--addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/first-steps.html"
        fetch(url, "Mali opens")
        module = minimal / "curriculum/en/first-steps.md"
        good = module.read_text(encoding="utf-8")
        module.write_text(good.replace("minutes: 20", "minutes: [20"), encoding="utf-8")
        page = fetch(url, "cs-build-errors")
        assert "curriculum/en/first-steps.md:" in page and "error[yaml.syntax]" in page, page[page.find("cs-build") :]
        module.write_text(good, encoding="utf-8")
        fetch(url, "Mali opens")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_with_a_broken_course_file_says_why_and_exits_1(minimal: Path) -> None:
    (minimal / "curriculum/course.yml").write_text("id: [\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "builder.cli", "--root", str(minimal), "serve", "--addr", "127.0.0.1:1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "curriculum/course.yml:" in result.stderr and "yaml.syntax" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_a_language_the_course_does_not_have(minimal: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "builder.cli", "--root", str(minimal), "serve", "--lang", "fr"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2 and "invalid choice: 'fr'" in result.stderr and "Traceback" not in result.stderr


@pytest.fixture
def remembering() -> Iterator[None]:
    """The preview's memory of parsed files (builder/load/memo.py), on for one test."""
    memo.enable()
    yield
    memo.disable()


def test_the_preview_parses_again_only_the_file_that_changed(minimal: Path, remembering: None) -> None:
    first = load_course(minimal)
    before = markdown.parse_count
    again = load_course(minimal)
    assert markdown.parse_count == before and again.course == first.course and again.report.items == []
    page = minimal / "curriculum" / "en" / "first-steps.md"
    page.write_text(page.read_text(encoding="utf-8").replace("\n## ", "\nA new line.\n\n## ", 1), encoding="utf-8")
    edited = load_course(minimal)
    assert markdown.parse_count == before + 1
    assert edited.course is not None and first.course is not None
    assert edited.course.modules["first-steps"].page("en") != first.course.modules["first-steps"].page("en")


def test_the_preview_sees_a_changed_image_and_a_fix_made_in_another_file(minimal: Path, remembering: None) -> None:
    image = minimal / "curriculum" / "images" / "robot.png"
    load_course(minimal)
    image.write_bytes(image.read_bytes() + b"\0")  # the Markdown is the same, the picture is not
    course = load_course(minimal).course
    assert course is not None
    assert course.modules["first-steps"].page("en").images["../images/robot.png"].data == image.read_bytes()
    image.unlink()  # a problem: the page is read afresh until it is fixed, here by the image coming back
    assert [d.code for d in load_course(minimal).report.errors()]
    assert [d.code for d in load_course(minimal).report.errors()]  # and again: still broken, still said
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    fixed = load_course(minimal)
    assert fixed.report.errors() == [] and fixed.course is not None
    assert fixed.course.modules["first-steps"].page("en").images["../images/robot.png"].data == image.read_bytes()
