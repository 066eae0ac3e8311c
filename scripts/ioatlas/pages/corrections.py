"""The Corrections page: how to report an error, what happens to a report, how to cite a page, and every
correction the records carry (``Record.corrections``), newest first, each linked to its record and source.

The page was hand-written; it is generated now so that the list cannot fall behind the records. Its words
are in templates/corrections.md.j2.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import jinja2
from markupsafe import Markup

from ..graph import Graph
from ..markdown_text import escape_inline
from .context import PageContext

PAGE = PurePosixPath("corrections.md")


def corrections(graph: Graph) -> list[tuple[str, Markup, Markup, Markup]]:
    """(date, record link, what changed, source links) of every correction, newest first, then by record."""
    page = PageContext(graph, PAGE)
    rows = []
    for record in graph.dataset.all():
        for correction in record.corrections:
            sources = Markup(", ").join(page.link(graph.get("sources", s)) for s in correction.sources)
            rows.append((correction.date, page.link(record), escape_inline(correction.text), sources))
    return sorted(rows, key=lambda row: row[0], reverse=True)


def plan(env: jinja2.Environment, graph: Graph) -> dict[PurePosixPath, str]:
    return {PAGE: env.get_template("corrections.md.j2").render(rows=corrections(graph))}


def nav() -> list[tuple[str, PurePosixPath]]:
    return []  # the page sits under About in mkdocs.yml's navigation, not in the Atlas section
