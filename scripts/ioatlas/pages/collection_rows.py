"""The rows file of a collection whose index is split into pages (pagination.py): every record's cells, as the
index table shows them (HTML, links relative to the file), and its facet values, for the filters script
(``docs/assets/ioatlas-index.js``), which filters, counts and sorts the whole collection from it."""

from __future__ import annotations

from ..graph import Graph
from ..models import COLLECTIONS
from ..urls import index_page
from .cells import cells_html
from .facets import facet_rows
from .pagination import rows_path, split
from .record_html import RecordPage


def rows_file(graph: Graph, collection: str, per_page: int | None = None) -> dict[str, object] | None:
    """The collection's rows (``[cells, facet values]`` each, in index order), or None when its index fits on
    one page, whose own data block then carries the facet values."""
    declared = COLLECTIONS[collection]
    first = index_page(collection)
    records = graph.records(collection)
    if len(split(first, len(records), per_page)) == 1:
        return None
    page = RecordPage(graph, rows_path(first))  # links relative to the rows file
    cells = [cells_html(declared.columns, record, graph, page) for record in records]
    return {"columns": [column.header for column in declared.columns],
            "facets": [facet.label for facet in declared.facets],
            "rows": [list(pair) for pair in zip(cells, facet_rows(graph, collection, records), strict=True)]}
