"""Record pages and collection index pages: one Markdown page per record, one index per collection."""

from __future__ import annotations

from pathlib import PurePosixPath

import jinja2
from markupsafe import Markup

from ..graph import Graph
from ..markdown_text import escape_inline
from ..models import COLLECTIONS, Record
from ..urls import href, index_page, record_copy, record_page
from .cells import row
from .context import PageContext

CORRECTIONS = PurePosixPath("corrections.md")  # the hand-written page on reporting errors


def render_record(env: jinja2.Environment, graph: Graph, record: Record, data_date: str) -> str:
    path = record_page(record.collection, record.id)
    page = PageContext(graph, path)
    return env.get_template(f"{record.collection}.md.j2").render(
        record=record, page=page, graph=graph, singular=page.singular(record),
        copy_path=href(path, record_copy(record.collection, record.id)),
        record_file=graph.dataset.file_of(record).rel, data_date=data_date, corrections=CORRECTIONS)


def render_index(env: jinja2.Environment, graph: Graph, collection: str) -> str:
    declared = COLLECTIONS[collection]
    page = PageContext(graph, index_page(collection))
    records = graph.records(collection)
    return env.get_template("index.md.j2").render(
        title=declared.title, intro=Markup(declared.intro), count=len(records),
        header=Markup("| ") + Markup(" | ").join(escape_inline(c.header) for c in declared.columns) + Markup(" |"),
        rule=Markup("|" + "---|" * len(declared.columns)),
        rows=[row(declared.columns, record, graph, page) for record in records])


def plan(env: jinja2.Environment, graph: Graph) -> dict[PurePosixPath, str]:
    pages: dict[PurePosixPath, str] = {}
    data_date = graph.dataset.data_date() or "unknown"
    for collection in COLLECTIONS:
        pages[index_page(collection)] = render_index(env, graph, collection)
        for record in graph.records(collection):
            pages[record_page(collection, record.id)] = render_record(env, graph, record, data_date)
    return pages


def nav() -> list[tuple[str, PurePosixPath]]:
    return [(declared.title, index_page(name)) for name, declared in COLLECTIONS.items()]


def not_in_nav() -> list[str]:
    """Record pages are reached through indexes, links and search, never the navigation (page size)."""
    return [f"/{name}/*" for name in COLLECTIONS]
