"""The mkdocs plugin that feeds our pages to mkdocs-material.

This is the one place that knows mkdocs and Material: it hands mkdocs generated page files,
replaces their content with HTML from our renderer, adds the runtime's JavaScript and CSS,
writes the section's search index (builder/search) from the pages it rendered, and, under
``cybersafe serve``, reloads the course when an author saves a file. Moving to another theme
should touch this module and site.py only.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from builder.diagnostics import format_text
from builder.model import Course
from builder.render.runtime_strings import runtime_strings
from builder.search import IndexPage, write_index
from builder.targets.site import SECTIONS, SiteSection

if TYPE_CHECKING:  # a type only: targets never call the loader
    from builder.load import LoadResult

RUNTIME = Path(__file__).parent.parent / "runtime"
ASSETS = {
    "assets/cybersafe/cybersafe.js": "cybersafe.js",
    "assets/cybersafe/search.js": "search.js",
}
# The site's own styles, served as one file: each stylesheet holds the first paint back by a
# request, which costs most on a slow phone connection.
STYLESHEET = "assets/cybersafe/site.css"
STYLES = ("cybersafe.css", "site-material.css", "search.css")


class CyberSafeConfig(base.Config):  # type: ignore[no-untyped-call]
    language = c.Type(str, default="en")
    section = c.Choice(SECTIONS, default="main")
    root = c.Type(str, default=".")


class CyberSafePlugin(BasePlugin[CyberSafeConfig]):  # type: ignore[no-untyped-call]
    """Set ``course`` (and ``staging``) before building; when serving, ``reload`` (the loader, set by
    site.serve) gives the course again for every rebuild. The plugin itself never reads sources."""

    course: Course | None = None
    staging: Path | None = None
    serving = False
    reload: Callable[[], LoadResult] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.course is None or self.serving:
            if self.reload is None:
                raise PluginError("no course: cybersafe build or cybersafe serve runs this plugin")
            result = self.reload()
            if not result.ok:
                raise PluginError("the curriculum has errors:\n" + format_text(result.report.errors()))
            self.course = result.course
        assert self.course is not None
        self.site = SiteSection(self.course, self.config.language, self.config.section, self.staging)
        config.nav = self.site.nav()
        config.copyright = self.site.copyright()
        # Material shows the switcher only when this is set; a list would also write <link rel=alternate>
        # tags, for each of which its script fetches a sitemap.xml on every first visit.
        config.extra["alternate"] = True
        config.extra["cs_search_failed"] = runtime_strings(self.config.language)["searchFailed"]
        config.extra_css.append(STYLESHEET)
        for script in ("assets/cybersafe/cybersafe.js", "assets/cybersafe/search.js"):
            value = ExtraScriptValue(script)
            value.defer = True  # run after parsing: they never hold up the first paint
            config.extra_javascript.append(value)
        self.indexed: dict[str, IndexPage] = {}
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for page in self.site.pages.values():
            files.append(File.generated(config, page.src, content=f"# {page.title}\n"))
        for uri, name in ASSETS.items():
            files.append(File.generated(config, uri, content=(RUNTIME / name).read_bytes()))
        styles = "\n".join(f"/* {name} */\n" + (RUNTIME / name).read_text(encoding="utf-8") for name in STYLES)
        files.append(File.generated(config, STYLESHEET, content=styles))
        for uri, data in sorted(self.site.images.items()):
            files.append(File.generated(config, uri, content=data))
        return files

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        page.meta["cs_alternates"] = self.site.alternates(page.file.src_uri)
        return ""  # the content comes from our renderer, in on_page_content

    def on_page_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        site_page = self.site.pages[page.file.src_uri]
        content = site_page.render()
        self.indexed[site_page.src] = IndexPage(page.file.dest_uri, site_page.title, content)
        return content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The section's search index, from its pages in navigation order."""
        pages = [self.indexed[p.src] for p in self.site.page_list if p.src in self.indexed]
        write_index(Path(config.site_dir) / "search", pages, self.config.language)
        # Material copies its search worker and lunr's language files although nothing loads them now.
        for unused in ("assets/javascripts/lunr", "assets/javascripts/workers"):
            shutil.rmtree(Path(config.site_dir) / unused, ignore_errors=True)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        root = Path(self.config.root)
        for folder in ("curriculum", "quizzes"):
            server.watch(str(root / folder))
        return server
