"""The mkdocs plugin that feeds our pages to mkdocs-material.

This is the one place that knows mkdocs and Material: it hands mkdocs generated page files,
replaces their content with HTML from our renderer, adds the runtime's JavaScript and CSS,
writes the section's search index (builder/search) from the pages it rendered, and, under
``cybersafe serve``, reloads the course when an author saves a file. Moving to another theme
should touch this module and site.py only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import AnchorLink, TableOfContents

from builder.diagnostics import format_text
from builder.model import Course
from builder.quiz.bundle import runtime_js
from builder.render import csp
from builder.render.compiled import CompiledTemplates
from builder.render.runtime_strings import runtime_strings
from builder.search import IndexPage, SectionIndex
from builder.targets.site import MAIN, SiteSection

if TYPE_CHECKING:  # a type only: targets never call the loader
    from builder.load import LoadResult

RUNTIME = Path(__file__).parent.parent / "runtime"
ASSETS = {  # cybersafe.js is built: builder.quiz.bundle
    "assets/cybersafe/search.js": "search.js",
    "assets/cybersafe/site-material.js": "site-material.js",
    "assets/cybersafe/help.js": "help.js",
}
# The site's own styles, served as one file: each stylesheet holds the first paint back by a
# request, which costs most on a slow phone connection.
STYLESHEET = "assets/cybersafe/site.css"
STYLES = ("cybersafe.css", "site-material.css", "search.css", "kids.css")
SKIP_TARGET = "cs-content"
CONTENT = "<!-- cs-content: <h1> -->"  # stands for a page's content until it is written
# Material's search worker and lunr's language files: nothing loads them, since search is ours.
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


class CyberSafeConfig(base.Config):  # type: ignore[no-untyped-call]
    language = c.Type(str, default="en")
    section = c.Type(str, default=MAIN)  # main, kids or kids/<ages> (site.sections)
    root = c.Type(str, default=".")


class CyberSafePlugin(BasePlugin[CyberSafeConfig]):  # type: ignore[no-untyped-call]
    """Set ``course`` (and ``staging`` and ``cache``) before building; when serving, ``reload`` (the loader, set by
    site.serve) gives the course again for every rebuild. The plugin itself never reads sources."""

    course: Course | None = None
    staging: Path | None = None
    cache: Path | None = None  # the build's cache folder (see units.module_body)
    serving = False
    reload: Callable[[], LoadResult] | None = None
    index: SectionIndex  # the section's search index, page by page as they are written
    numbers: dict[str, int]  # each page's place in the section's navigation (its number in the index)
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
                self.index = SectionIndex(self.config.language)
                config.extra["cs_not_found"] = {"title": "404", "text": "", "home": "Home"}  # the theme's 404 page
                return config
            self.course = result.course
        assert self.course is not None
        share_theme_work(config)
        self.site = SiteSection(self.course, self.config.language, self.config.section, self.staging, self.cache)
        config.nav = escaped_nav(self.site.nav())
        config.copyright = html.escape(self.site.copyright())
        config.extra["cs_not_found"] = self.site.not_found()
        # Material shows the switcher when this is set; not a list, so its base template writes no
        # <link rel=alternate>, whose sitemap.xml its script would fetch (an error on file://).
        config.extra["alternate"] = True
        config.extra["cs_search_failed"] = runtime_strings(self.config.language)["searchFailed"]
        config.extra_css.append(STYLESHEET)
        for script in ("cybersafe.js", "search.js", "site-material.js", "help.js"):
            value = ExtraScriptValue(f"assets/cybersafe/{script}")
            value.defer = True  # run after parsing: they never hold up the first paint
            config.extra_javascript.append(value)
        self.index = SectionIndex(self.config.language)
        self.numbers = {page.src: number for number, page in enumerate(self.site.page_list)}
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for unused in [f for f in files if f.src_uri.startswith(UNUSED_THEME_FILES)]:
            files.remove(unused)  # never copied, rather than copied and deleted
        if self.errors is not None:
            for src in self.error_pages:
                files.append(File.generated(config, src, content="# Errors\n"))
            return files
        for page in self.site.pages.values():
            files.append(File.generated(config, page.src, content=f"# {page.title}\n"))
        for uri, name in ASSETS.items():
            files.append(File.generated(config, uri, content=(RUNTIME / name).read_bytes()))
        files.append(File.generated(config, "assets/cybersafe/cybersafe.js", content=runtime_js()))
        styles = "\n".join(f"/* {name} */\n" + (RUNTIME / name).read_text(encoding="utf-8") for name in STYLES)
        files.append(File.generated(config, STYLESHEET, content=styles))
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

    def on_page_content(self, output: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        # mkdocs reads every page before it writes any, holding what this returns: a placeholder,
        # so that each page is rendered only when it is written (on_post_page) and then let go.
        # Material adds a title of its own where the content has no <h1>: ours always has one.
        # Material writes its skip link only when the page has a table of contents: one entry,
        # the start of our content, gives every page a skip link as its first focus stop.
        page.toc = TableOfContents([AnchorLink(page.title or "", SKIP_TARGET, 1)])
        return CONTENT

    def _content(self, page: MkPage) -> str:
        if self.errors is not None:
            return error_page(self.errors)
        site_page = self.site.pages[page.file.src_uri]
        rendered = site_page.render()
        if "<h1" not in rendered:
            raise PluginError(f"{site_page.what} has no <h1>: Material would add a second title")
        self.index.add(self.numbers[site_page.src], IndexPage(page.file.dest_uri, site_page.title, rendered))
        content = self.site.decorate(page.file.src_uri, rendered)
        return f'<div id="{SKIP_TARGET}" tabindex="-1">{content}</div>'

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        if template_name == "404.html":
            # mkdocs gives the 404 page root-absolute links ("/assets/..."), which break wherever a
            # host serves the site below its root; "." keeps them relative to the 404 page's folder.
            context["base_url"] = "."
            context["cs_home"] = "index.html"
        return context

    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        content = self._content(page)
        output = output.replace(CONTENT, content, 1)
        if self.serving:  # the preview's live-reload script is injected later, by mkdocs' server
            return output
        return csp.with_policy(output, content)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if self.serving or not template_name.endswith(".html"):
            return output_content
        return csp.with_policy(output_content, "")

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The section's search index, from its pages in navigation order."""
        for source_map in Path(config.site_dir).glob("assets/**/*.map"):
            source_map.unlink()  # Material's source maps: megabytes that only a theme debugger needs
        if self.errors is not None:
            return
        self.index.write(Path(config.site_dir) / "search")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        root = Path(self.config.root)
        for folder in ("curriculum", "quizzes"):
            server.watch(str(root / folder))
        return server


_THEME_COMPILED = CompiledTemplates()  # Material's templates, compiled once per process


class _ThemeLoader(jinja2.FileSystemLoader):
    """The theme's loader, listing its files once per process. mkdocs lists them in every build to
    find the theme's static files, walking and filtering Material's thousands of icons, which it
    then leaves out (a dot folder is never a static file, so they are left out here already)."""

    def list_templates(self) -> list[str]:
        return list(_theme_files(tuple(self.searchpath)))


@cache
def _theme_files(folders: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(n for n in jinja2.FileSystemLoader(list(folders)).list_templates() if not n.startswith("."))


def share_theme_work(config: MkDocsConfig) -> None:
    """Let the section builds of one process share the theme's compiled templates and file list."""
    theme = config.theme
    make_env: Callable[[], jinja2.Environment] = type(theme).get_env.__get__(theme)

    def get_env() -> jinja2.Environment:
        env = make_env()
        assert isinstance(env.loader, jinja2.FileSystemLoader)
        env.loader = _ThemeLoader(env.loader.searchpath)
        env.bytecode_cache = _THEME_COMPILED
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


#: The theme's templates that a section renders, whatever its pages: the others they include or
#: extend are found from these.
THEME_ROOTS = ("main.html", "404.html", "sitemap.xml")


#: A template named in another's extends, include, import or from tag (a name made at render
#: time is not found: that template is compiled when it is first rendered).
_REFERENCED = re.compile(r"""\{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")


def compile_theme(config: MkDocsConfig) -> None:
    """Compile the theme's templates that every section renders, and those they name, into this
    process's shared cache (see share_theme_work)."""
    share_theme_work(config)
    env = config.theme.get_env()
    waiting, seen = list(THEME_ROOTS), set(THEME_ROOTS)
    while waiting:
        name = waiting.pop()
        try:
            source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
            env.get_template(name)  # compiled once, kept in _THEME_COMPILED
        except jinja2.TemplateError:
            continue  # the section build reports it, where it is used
        for found in _REFERENCED.findall(source):
            if found not in seen and found.endswith((".html", ".xml")):
                seen.add(found)
                waiting.append(found)


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
