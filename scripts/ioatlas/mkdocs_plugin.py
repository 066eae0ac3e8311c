"""The MkDocs plugin ``ioatlas`` (mkdocs.yml, ``plugins``): record pages skip Python-Markdown, and built pages
are trimmed and given their security policy as MkDocs writes them.

A generated page whose front matter says ``body: html`` (a record page, a collection index, the timeline, the
review queue) holds the finished HTML of its content, whose headings already carry their ids and permalinks
(pages/headings.py). Python-Markdown would only parse that HTML to hand it back, at a cost that grew with every
tag: more than half of ``mkdocs build`` at 1,000 synthetic records (18.4 s, 8.4 s without it). The plugin
gives MkDocs an empty document for such a page, then puts the HTML back as the page's content, with the table
of contents and the anchor ids MkDocs would have read from it (other pages' links to an anchor on it are
still checked). Every other page is Markdown and goes through MkDocs as usual.

In ``mkdocs build`` (so in ``ioatlas build``), every page and the 404 page leave MkDocs trimmed (html_trim.py)
and with their Content-Security-Policy (csp.py), which is cheaper than reading every file back after the
build. ``mkdocs serve`` gets neither: its live-reload script is inline and no hash can allow it.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .csp import with_policy
from .html_trim import trimmed
from .pages.headings import toc_tokens

HTML_BODY = ("body", "html")  # the front-matter key and value of a page written in HTML
_ID = re.compile(r'\sid="([^"]+)"')


class AtlasPlugin(BasePlugin):  # type: ignore[type-arg]
    def __init__(self) -> None:
        self.bodies: dict[str, str] = {}  # page source -> its HTML, between on_page_markdown and on_page_content
        self.finish_pages = False  # trim and write the policy (in a build, not when serving)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.finish_pages = command != "serve"

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: Any, files: Files) -> str:
        key, value = HTML_BODY
        if page.meta.get(key) != value:
            return markdown
        self.bodies[page.file.src_uri] = markdown
        return ""

    def on_page_content(self, html: str, /, *, page: Page, config: Any, files: Files) -> str:
        body = self.bodies.pop(page.file.src_uri, None)
        if body is None:
            return html
        page.toc = get_toc(toc_tokens(body))
        page.present_anchor_ids = set(_ID.findall(body))
        return body

    def _finished(self, output: str) -> str:
        return with_policy(trimmed(output)) if self.finish_pages else output

    @event_priority(-100)  # last, after any plugin that still changes the page
    def on_post_page(self, output: str, /, *, page: Page, config: Any) -> str:
        return self._finished(output)

    @event_priority(-100)
    def on_post_template(self, output_content: str, /, *, template_name: str, config: Any) -> str:
        return self._finished(output_content) if template_name.endswith(".html") else output_content
