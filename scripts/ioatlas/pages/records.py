"""Record pages and collection index pages: one Markdown page per record, one index per collection."""

from __future__ import annotations

from pathlib import PurePosixPath

import jinja2
from markupsafe import Markup

from ..config import edit_url, repo_url, report_url, site_url
from ..graph import Graph
from ..models import COLLECTIONS, Record
from ..urls import csv_path, index_page, json_path, page_address, page_href, record_copy, record_page
from . import jsonld
from .cells import cells_html, table_html
from .charts import index_charts
from .facets import facet_rows
from .headings import anchored
from .neighbourhood import diagram
from .pagination import json_block, paged_data, pagers, split
from .prose import prose_html
from .record_html import RecordPage, finish, record_environment

CORRECTIONS = PurePosixPath("corrections.md")  # the hand-written page on reporting errors
INDEX_SEARCH_BOOST = 0.2  # an index page names every record of its collection; the records should come first
FIND_ANY = "Search (top of the page) finds any of them by name, Chinese name or alias."


def render_record(env: jinja2.Environment, graph: Graph, record: Record, data_date: str, address: str,
                  repository: str = "") -> str:
    """A record's page: Markdown headings around HTML blocks (record_html.py), from its collection's template.
    ``repository``: the repository's address, for the links that report an error and edit the record."""
    path = record_page(record.collection, record.id)
    page = RecordPage(graph, path, site_url=address)
    record_file = graph.dataset.file_of(record).rel
    shown_address = page.address if address else page_address(path)
    return finish(record_environment(env).get_template(f"{record.collection}.md.j2").render(
        record=record, page=page, graph=graph, singular=page.singular(record),
        copy_path=page.href(record_copy(record.collection, record.id)),
        report=report_url(repository, shown_address, record_file, record.name) if repository else "",
        edit=edit_url(repository, record_file) if repository else "",
        record_file=record_file, data_date=data_date, corrections=CORRECTIONS,
        neighbourhood=diagram(graph, record),
        jsonld=jsonld.front_matter(graph, record, address)))  # structured data: pages/jsonld.py


def facet_data(graph: Graph, collection: str, records: list[Record], page: PurePosixPath) -> Markup:
    """The facet values of each row of the index table, in row order, as JSON for the filters script (a data
    block, never run: ``pagination.json_block``), with each row's record id and the address of the collection's
    CSV, from which the script writes the rows a reader has filtered to. A split index carries
    ``pagination.paged_data`` instead."""
    labels = [facet.label for facet in COLLECTIONS[collection].facets]
    return json_block({"facets": labels, "rows": facet_rows(graph, collection, records),
                       "ids": [record.id for record in records], "csv": page_href(page, csv_path(collection))})


def render_index(env: jinja2.Environment, graph: Graph, collection: str,
                 per_page: int | None = None) -> dict[PurePosixPath, str]:
    """The index of a collection: one page, or, when its records outgrow a page, numbered pages
    (``pagination.split``) whose filters and sorting work over the rows file of the whole collection. Like a
    record page it is HTML (``body: html``), which MkDocs takes as it is: its table was most of the Markdown
    left to parse."""
    declared = COLLECTIONS[collection]
    records = graph.records(collection)
    parts = split(index_page(collection), len(records), per_page)
    facets = [facet.label for facet in declared.facets]
    headers = [column.header for column in declared.columns]
    pages: dict[PurePosixPath, str] = {}
    for part in parts:
        page = RecordPage(graph, part.path)
        if len(parts) == 1:
            data = facet_data(graph, collection, records, part.path) if declared.facets else Markup("")
        else:
            data = paged_data(part, parts, facets)
        title = declared.title if part.number == 1 else f"{declared.title}, page {part.number} of {part.pages}"
        intro = f"{declared.intro}\n{len(records)} records. {FIND_ANY}"
        rows = [cells_html(declared.columns, record, graph, page) for record in records[part.start:part.end]]
        pages[part.path] = anchored(record_environment(env).get_template("index.md.j2").render(
            facet_data=data, csv=page_href(part.path, csv_path(collection)),
            json=page_href(part.path, json_path(collection)), pagers=pagers(part, parts, "records"),
            page_title=title, first_page=part.number == 1,
            title=declared.title, intro=prose_html(intro, part.path), search_boost=INDEX_SEARCH_BOOST,
            table=table_html(headers, rows), total=len(records),
            charts=index_charts(graph, collection, records) if part.number == 1 else Markup("")))
    return pages


def plan(env: jinja2.Environment, graph: Graph, collections: tuple[str, ...] = ()) -> dict[PurePosixPath, str]:
    """The index and record pages of ``collections`` (all when none are named)."""
    pages: dict[PurePosixPath, str] = {}
    data_date = graph.dataset.data_date() or "unknown"
    address, repository = site_url(graph.dataset.root), repo_url(graph.dataset.root)
    for collection in collections or tuple(COLLECTIONS):
        pages.update(render_index(env, graph, collection))
        for record in graph.records(collection):
            pages[record_page(collection, record.id)] = render_record(env, graph, record, data_date, address,
                                                                      repository)
    return pages


def nav(collections: tuple[str, ...] = ()) -> list[tuple[str, PurePosixPath]]:
    return [(COLLECTIONS[name].title, index_page(name)) for name in collections or tuple(COLLECTIONS)]


def not_in_nav() -> list[str]:
    """Record pages are reached through indexes, links and search, never the navigation (page size)."""
    return [f"/{name}/*" for name in COLLECTIONS]
