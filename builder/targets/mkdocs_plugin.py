"""The mkdocs plugin that feeds our pages to mkdocs-material.

This is the one place that knows mkdocs and Material: it hands mkdocs generated page files,
replaces their content with HTML from our renderer, adds the runtime's JavaScript and CSS,
segments Thai in the search index, and, under ``cybersafe serve``, reloads the course when an
author saves a file. Moving to another theme should touch this module and site.py only.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import AnchorLink, TableOfContents

from builder.diagnostics import format_text
from builder.model import Course
from builder.quiz.bundle import runtime_js
from builder.render import csp, thai
from builder.render.runtime_strings import runtime_strings
from builder.targets.site import MAIN, SiteSection

if TYPE_CHECKING:  # a type only: targets never call the loader
    from builder.load import LoadResult

RUNTIME = Path(__file__).parent.parent / "runtime"
ASSETS = {
    "assets/cybersafe/cybersafe.css": "cybersafe.css",
    "assets/cybersafe/site-material.css": "site-material.css",
    "assets/cybersafe/thai-search.js": "thai-search.js",
    "assets/cybersafe/site-material.js": "site-material.js",
    "assets/cybersafe/kids.css": "kids.css",
    "assets/cybersafe/help.js": "help.js",
}
SKIP_TARGET = "cs-content"
THAI_RUN = re.compile(r"[\u0E00-\u0E7F]+")


class CyberSafeConfig(base.Config):  # type: ignore[no-untyped-call]
    language = c.Type(str, default="en")
    section = c.Type(str, default=MAIN)  # main, kids or kids/<ages> (site.sections)
    root = c.Type(str, default=".")


class CyberSafePlugin(BasePlugin[CyberSafeConfig]):  # type: ignore[no-untyped-call]
    """Set ``course`` (and ``staging``) before building; when serving, ``reload`` (the loader, set by
    site.serve) gives the course again for every rebuild. The plugin itself never reads sources."""

    course: Course | None = None
    staging: Path | None = None
    serving = False
    reload: Callable[[], LoadResult] | None = None
    errors: str | None = None  # under serve: the diagnostics every page shows until they are fixed

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.course is None or self.serving:
            if self.reload is None:
                raise PluginError("no course: cybersafe build or cybersafe serve runs this plugin")
            result = self.reload()
            if not result.ok and not self.serving:
                raise PluginError("the curriculum has errors:\n" + format_text(result.report.errors()))
            self.errors = None if result.ok else format_text(result.report.errors())
            if self.errors is not None:  # the last good pages (or a home page) all show the errors
                site = getattr(self, "site", None)
                self.error_pages = list(site.pages) if site else ["index.md"]
                config.nav = site.nav() if site else ["index.md"]
                config.extra["cs_not_found"] = {"title": "404", "text": "", "home": "Home"}  # the theme's 404 page
                return config
            self.course = result.course
        assert self.course is not None
        self.site = SiteSection(self.course, self.config.language, self.config.section, self.staging)
        config.nav = escaped_nav(self.site.nav())
        config.copyright = html.escape(self.site.copyright())
        config.extra["cs_not_found"] = self.site.not_found()
        # Material shows the switcher when this is set; not a list, so its base template writes no
        # <link rel=alternate>, whose sitemap.xml its script would fetch (an error on file://).
        config.extra["alternate"] = True
        config.extra_css.extend(
            ["assets/cybersafe/cybersafe.css", "assets/cybersafe/site-material.css", "assets/cybersafe/kids.css"]
        )
        config.extra_javascript.extend(
            [
                "assets/cybersafe/thai-search.js",
                "assets/cybersafe/site-material.js",
                "assets/cybersafe/cybersafe.js",
                "assets/cybersafe/help.js",
            ]
        )
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.errors is not None:
            for src in self.error_pages:
                files.append(File.generated(config, src, content="# Errors\n"))
            return files
        for page in self.site.pages.values():
            files.append(File.generated(config, page.src, content=f"# {page.title}\n"))
        for uri, name in ASSETS.items():
            files.append(File.generated(config, uri, content=(RUNTIME / name).read_bytes()))
        files.append(File.generated(config, "assets/cybersafe/cybersafe.js", content=runtime_js()))
        for uri, data in sorted(self.site.images.items()):
            files.append(File.generated(config, uri, content=data))
        return files

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        if self.errors is not None:
            return ""
        page.meta["cs_alternates"] = self.site.alternates(page.file.src_uri)
        # Material prints the title unescaped (and unescapes it in <title> with striptags unless
        # meta.title is set): give it escaped text. Checks refuse markup in titles in the first place.
        page.meta["title"] = html.escape(self.site.pages[page.file.src_uri].title)
        return ""  # the content comes from our renderer, in on_page_content

    def on_page_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        if self.errors is not None:
            return error_page(self.errors)
        strings = json.dumps(
            {"searchOffline": runtime_strings(self.config.language)["searchOffline"]}, ensure_ascii=False
        ).replace("</", "<\\/")
        content = self.site.decorate(page.file.src_uri, self.site.pages[page.file.src_uri].render())
        # Material writes its skip link only when the page has a table of contents: one entry,
        # the start of our content, gives every page a skip link as its first focus stop.
        page.toc = TableOfContents([AnchorLink(page.title or "", SKIP_TARGET, 1)])
        return (
            f'<div id="{SKIP_TARGET}" tabindex="-1">{content}</div>\n'
            f'<script type="application/json" id="cs-search-strings">{strings}</script>'
        )

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        if template_name == "404.html":
            # mkdocs gives the 404 page root-absolute links ("/assets/..."), which break wherever a
            # host serves the site below its root; "." keeps them relative to the 404 page's folder.
            context["base_url"] = "."
            context["cs_home"] = "index.html"
        return context

    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        if self.serving:  # the preview's live-reload script is injected later, by mkdocs' server
            return output
        return csp.with_policy(output, page.content or "")

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if self.serving or not template_name.endswith(".html"):
            return output_content
        return csp.with_policy(output_content, "")

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        for source_map in Path(config.site_dir).glob("assets/**/*.map"):
            source_map.unlink()  # Material's source maps: megabytes that only a theme debugger needs
        index = Path(config.site_dir) / "search" / "search_index.json"
        if not index.exists():
            return
        data = json.loads(index.read_text(encoding="utf-8"))
        for doc in data.get("docs", []):  # no invisible typesetting characters in what is searched
            doc["title"], doc["text"] = thai.plain(doc.get("title", "")), thai.plain(doc.get("text", ""))
        if self.config.language == "th":
            for doc in data.get("docs", []):
                doc["title"] = segment_thai(doc.get("title", ""))
                doc["text"] = segment_thai(doc.get("text", ""))
        # Material escapes every non-ASCII character; plain UTF-8 makes the Thai index ~3x smaller.
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        root = Path(self.config.root)
        for folder in ("curriculum", "quizzes"):
            server.watch(str(root / folder))
        return server


def escaped_nav(nav: Any) -> Any:
    """The navigation with every title HTML-escaped: Material's templates print titles as they are."""
    if isinstance(nav, list):
        return [escaped_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {html.escape(str(title)): escaped_nav(value) for title, value in nav.items()}
    return nav


def error_page(errors: str) -> str:
    """What the preview shows while the curriculum has errors: each one with its file and line."""
    return (
        '<div class="cs-build-errors" role="alert"><h1>The curriculum has errors</h1>'
        "<p>Fix them and save: this page reloads.</p>"
        f"<pre>{html.escape(errors)}</pre></div>"
    )


def segment_thai(text: str) -> str:
    """Join the words of each Thai run with U+200B, which the search separator splits on."""
    from pythainlp.tokenize import word_tokenize

    return THAI_RUN.sub(
        lambda m: "\u200b".join(w for w in word_tokenize(m.group(0), engine="newmm") if w.strip()), text
    )
