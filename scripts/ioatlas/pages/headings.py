"""Headings of pages written as HTML: the ids and permalinks Python-Markdown's toc extension would give them,
and the table of contents read back from them.

A record page is HTML from top to bottom (record_html.py), so no Markdown parser sees its headings. The
generator writes them bare (``<h2>Key facts</h2>``) and ``anchored`` gives each the id and permalink the toc
extension gives a Markdown heading: the same slug, made unique in document order. Our MkDocs plugin
(engine/plugin.py) reads the table of contents back with ``toc_tokens``, as the toc extension hands it to
MkDocs, so the theme's contents sidebar is the one Markdown headings made.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique

PERMALINK = '<a class="headerlink" href="#{id}" title="Permanent link">&para;</a>'
_BARE_HEADING = re.compile(r'<h([1-6])((?: (?!id=)[a-z-]+="[^"]*")*)>(.*?)</h\1>', re.DOTALL)  # no id yet
_ANCHORED_HEADING = re.compile(r'<h([1-6])(?: [a-z-]+="[^"]*")* id="([^"]+)">(.*?)<a class="headerlink" href="#\2" '
                               r'title="Permanent link">&para;</a></h\1>', re.DOTALL)


def anchored(body: str) -> str:
    """``body`` with every heading that has no id given one and a permalink, as the toc extension (``permalink:
    true``) writes them after its other attributes: the slug of the heading's text, with ``_1``, ``_2``… after
    a repeat."""
    used: set[str] = set()

    def anchor(heading: re.Match[str]) -> str:
        level, attributes, inner = heading.groups()
        ident = unique(slugify(html.unescape(strip_tags(inner)), "-"), used)
        return f'<h{level}{attributes} id="{ident}">{inner}{PERMALINK.format(id=ident)}</h{level}>'

    return _BARE_HEADING.sub(anchor, body)


def toc_tokens(body: str) -> list[dict[str, Any]]:
    """The table of contents of an ``anchored`` body, nested, in the form the toc extension gives MkDocs."""
    return nest_toc_tokens([{"level": int(level), "id": ident, "name": strip_tags(inner), "html": inner,
                             "data-toc-label": ""} for level, ident, inner in _ANCHORED_HEADING.findall(body)])
