"""The rows files of the tables split into pages (pages/pagination.py): a collection index or the timeline
with more rows than a page holds gets ``rows.json`` beside its first page, every row of the table with its
cells as HTML and its facet values, which the filters script reads to filter, count and sort all of them.
Tables that fit on one page have none (their page carries its facet values).

An offline copy cannot fetch() a file: ``offline.py`` turns each into a script that sets ``window.__ioaRows``.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from ..graph import Graph
from ..models import COLLECTIONS
from ..pages import collection_rows, timeline
from ..pages.pagination import ROWS_FILE, rows_path
from ..urls import index_page

__all__ = ["ROWS_FILE", "write"]


def write(graph: Graph) -> dict[PurePosixPath, bytes]:
    tables = [(index_page(name), collection_rows.rows_file(graph, name)) for name in COLLECTIONS]
    tables.append((timeline.PAGE, timeline.rows_file(graph)))
    return {rows_path(first): json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode()
            for first, rows in tables if rows is not None}
