"""The MkDocs plugin ``ioatlas`` (mkdocs.yml, ``plugins``): record pages skip Python-Markdown.

A generated page whose front matter says ``body: html`` holds the finished HTML of its content: a record page,
whose headings already carry their ids and permalinks (pages/headings.py). Python-Markdown would only parse
that HTML to hand it back, at a cost that grew with every tag: about two thirds of a build's time. The plugin
gives MkDocs an empty document for such a page, then puts the HTML back as the page's content, with the table
of contents and the anchor ids MkDocs would have read from it (other pages' links to an anchor on it are
still checked). Every other page is Markdown and goes through MkDocs as usual.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .pages.headings import toc_tokens

HTML_BODY = ("body", "html")  # the front-matter key and value of a page written in HTML
_ID = re.compile(r'\sid="([^"]+)"')


class AtlasPlugin(BasePlugin):  # type: ignore[type-arg]
    def __init__(self) -> None:
        self.bodies: dict[str, str] = {}  # page source -> its HTML, between on_page_markdown and on_page_content

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
