"""Stage 5, outputs: files other than pages that the site publishes from the graph (JSON Schemas, the data
exports: JSON API, CSV, Atom feed, calendar, and the Data page that documents them), written into docs/ with
the pages so that ``mkdocs build`` and ``mkdocs serve`` publish them as they are. (The record YAML files are
published by MkDocs straight from data/: engine/record_copies.py.)

To add an output: write a module here with a ``write(graph) -> {docs-relative path: bytes}`` function and
add an ``Output`` for it to ``OUTPUTS``. Paths must not clash with pages or other outputs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..engine import search_worker
from ..graph import Graph
from . import api, data_page, feed, ical, json_schemas, search_records, table_rows, tables


@dataclass(frozen=True)
class Output:
    name: str
    description: str
    write: Callable[[Graph], dict[PurePosixPath, bytes]]
    # slow set-up made once in the parent process, which every process forked to plan later inherits
    prepare: Callable[[], None] | None = None


OUTPUTS: tuple[Output, ...] = (
    Output("json-schemas", "a JSON Schema per collection, for editors and data users", json_schemas.write),
    Output("search-worker", "Material's search worker, wrapped to keep hyphenated words and rank exact names first",
           search_worker.write),
    Output("search-records", "search/records.json: each record's names, identifiers and summary opening, which the "
           "search worker adds to Material's index", search_records.write, search_records.prepare),
    Output("table-rows", "rows.json beside the first page of each table split into pages: every row, for the filters",
           table_rows.write),
    Output("json-api", "api/v1/: a JSON file per collection and one of every record, each with its JSON Schema",
           api.write),
    Output("csv", "api/v1/: a CSV table per collection, of dated statements and of relations", tables.write),
    Output("feed", "an Atom feed of added and changed records", feed.write),
    Output("calendar", "an iCalendar file of the conferences", ical.write),
    Output("data-page", "the Data and API page: the files above, their columns, licence and examples",
           data_page.write),
)


def prepare_outputs() -> None:
    for output in OUTPUTS:
        if output.prepare:
            output.prepare()


def plan_outputs(graph: Graph) -> dict[PurePosixPath, bytes]:
    files: dict[PurePosixPath, bytes] = {}
    for output in OUTPUTS:
        written = output.write(graph)
        clash = files.keys() & written.keys()
        if clash:
            raise ValueError(f"output '{output.name}' writes {sorted(clash)[0]}, which another output writes")
        files.update(written)
    return files
