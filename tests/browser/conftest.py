"""Browser tests: a real Chromium (Debian's) driven by Playwright, against real built output.

The site is built once per session from the tiny fixture course, served on 127.0.0.1 by a
thread of this process, and also opened from file:// as a USB copy would be.
"""

from __future__ import annotations

import functools
import http.server
import socketserver
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--allow-file-access-from-files",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def unpack(site: Path, package: str, into: Path) -> Path:
    """Unzip a built package (``<standard>/<file>.zip`` under site/packages) into ``into``/pkg."""
    with zipfile.ZipFile(site / "packages" / package) as archive:
        archive.extractall(into / "pkg")
    return into / "pkg"


@contextmanager
def serve(folder: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """A folder over HTTP on a free loopback port, for as long as the block runs."""
    handler = functools.partial(handler_class, directory=str(folder))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}"
        finally:
            httpd.shutdown()


@pytest.fixture(scope="session")
def server(site_dir: Path) -> Iterator[str]:
    """The site over HTTP on a free loopback port."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/test.sh, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(locale="en-US")  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


class RequestLog:
    """Every request a page makes, and which of them left this machine."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        self.urls.append(url)
        if url.startswith(("http://127.0.0.1", "file://", "data:", "blob:", "about:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            route.abort()  # type: ignore[attr-defined]

    @property
    def foreign(self) -> list[str]:
        return [u for u in self.urls if not u.startswith(("http://127.0.0.1", "file://", "data:", "blob:", "about:"))]
