"""The MkDocs plugin ``ioatlas`` (mkdocs.yml, ``plugins``): record pages skip Python-Markdown, and built pages
are trimmed and given their security policy as MkDocs writes them.

A generated page whose front matter says ``body: html`` (a record page, a collection index, the timeline, the
review queue) holds the finished HTML of its content, whose headings already carry their ids and permalinks
(pages/headings.py). Python-Markdown would only parse that HTML to hand it back, at a cost that grew with every
tag: more than half of ``mkdocs build`` at 1,000 synthetic records (18.4 s, 8.4 s without it). Each page is
made an ``HtmlPage``, whose ``render`` takes such a source as the page's content, with the table of contents
and the anchor ids MkDocs would have read from it (other pages' links to an anchor on it are still checked).
Every other page is Markdown and goes through MkDocs as usual.

In ``mkdocs build`` (so in ``ioatlas build``), every page and the 404 page leave MkDocs trimmed (html_trim.py)
and with their Content-Security-Policy (csp.py), which is cheaper than reading every file back after the
build. ``mkdocs serve`` gets neither: its live-reload script is inline and no hash can allow it. A build on
two or more cores renders a share of the pages in a second process (page_share.py). The theme's navigation is
rendered once for all the pages of a folder outside it (nav_memo.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as option
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta

from .. import front_matter
from ..pages.headings import toc_tokens
from .csp import with_policy
from .html_trim import trimmed
from .nav_memo import NavMemo
from .page_share import PageShare
from .record_copies import record_files

HTML_BODY = ("body", "html")  # the front-matter key and value of a page written in HTML
_ID = re.compile(r'\sid="([^"]+)"')


def written_in_html(page: Page) -> bool:
    """Whether the page's front matter says ``body: html``."""
    key, value = HTML_BODY
    return bool(page.meta.get(key) == value)


class HtmlPage(Page):
    """A page whose ``render`` takes the source as the finished HTML when the front matter says ``body: html``,
    with the table of contents and anchor ids MkDocs would have read from it; other pages render as usual.

    Skipping ``render`` rather than feeding Markdown an empty document also saves building a Markdown
    instance with every extension, which MkDocs does for each page (0.65 ms a page). A generated page's front
    matter is read without PyYAML where its shape allows (front_matter.py), to the same values."""

    def read_source(self, config: Any) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)
        if source is None:
            try:
                source = self.file.content_string
            except (OSError, ValueError):
                super().read_source(config)  # reads again, and logs and raises the failure as MkDocs does
                return
        self.markdown, self.meta = front_matter.read(source) or meta.get_data(source)

    def render(self, config: Any, files: Files) -> None:
        if not written_in_html(self) or self.markdown is None:
            super().render(config, files)
            return
        self.content = self.markdown
        self.toc = get_toc(toc_tokens(self.markdown))
        self.present_anchor_ids = set(_ID.findall(self.markdown))
        self.links_to_anchors = {}  # links in our HTML are checked by our own link checks, not MkDocs'


class AtlasPluginConfig(base.Config):
    # render a share of the pages in a second process (page_share.py) in `mkdocs build` on two or more cores
    parallel = option.Type(bool, default=True)
    # render the theme's navigation once per folder of pages outside it (nav_memo.py)
    nav_memo = option.Type(bool, default=True)


class AtlasPlugin(BasePlugin[AtlasPluginConfig]):
    def __init__(self) -> None:
        self.finish_pages = False  # trim and write the policy (in a build, not when serving)
        self.share_pages = False  # render a share of the pages in a second process
        self.nav: Navigation | None = None
        self.share = PageShare()
        self.nav_memo: NavMemo | None = None
        self.record_copies: list[File] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.finish_pages = command != "serve"
        self.share_pages = command == "build" and not dirty and (os.cpu_count() or 1) > 1 and hasattr(os, "fork")

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        """The record YAML files, published from data/ (record_copies.py)."""
        self.record_copies = record_files(Path(config.config_file_path).parent, config.site_dir)
        for file in self.record_copies:
            files.append(file)
        return files

    def on_nav(self, nav: Navigation, /, *, config: Any, files: Files) -> Navigation:
        self.nav = nav
        return nav

    @event_priority(-100)  # after every other plugin has changed the pages and the environment
    def on_env(self, env: jinja2.Environment, /, *, config: Any, files: Files) -> jinja2.Environment:
        self.nav_memo = NavMemo() if self.config.nav_memo else None
        if self.nav_memo is not None:
            self.nav_memo.install(env)
        if self.share_pages and self.config.parallel and self.nav is not None:
            self.share.start(config, files, self.nav, env, shared=written_in_html, copied=self.record_copies)
        return env

    @event_priority(100)  # first, so that every page is written before another plugin reads the site
    def on_post_build(self, *, config: Any) -> None:
        self.share.finish()

    def on_build_error(self, *, error: Exception) -> None:
        self.share.abandon()

    def on_pre_page(self, page: Page, /, *, config: Any, files: Files) -> Page:
        if type(page) is Page:  # a page of another plugin's own kind is left alone
            page.__class__ = HtmlPage  # renders Markdown as Page does unless its front matter says `body: html`
        return page

    def _finished(self, output: str) -> str:
        # an empty page stays empty, so that MkDocs skips it (the pages another process writes: page_share.py)
        return with_policy(trimmed(output)) if self.finish_pages and output.strip() else output

    @event_priority(-100)  # last, after any plugin that still changes the page
    def on_post_page(self, output: str, /, *, page: Page, config: Any) -> str:
        return self._finished(output)

    @event_priority(-100)
    def on_post_template(self, output_content: str, /, *, template_name: str, config: Any) -> str:
        return self._finished(output_content) if template_name.endswith(".html") else output_content
