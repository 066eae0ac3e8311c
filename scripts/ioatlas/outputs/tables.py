"""CSV tables for spreadsheets and network tools: api/v1/<collection>.csv (one row per record),
api/v1/facts.csv (one row per dated statement) and api/v1/relations.csv (one row per link between records:
from, relation, to, sources).

Columns are made from the models, and each column's description from its field's, so the Data page that
lists them cannot drift from the data. Files are UTF-8 with a byte-order mark, which Excel needs to read
Chinese names correctly (pandas and the csv module read it with encoding "utf-8-sig", and pandas by
default); rows end in CRLF (RFC 4180); lists are joined with "; ".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel

from ..config import site_url
from ..derived import EXPORTED
from ..graph import Graph
from ..models import MODELS, Fact, Record
from ..models.refs import field_kinds
from ..urls import csv_path
from .exported import Exporter, shown_fields

SEPARATOR = "; "
FACTS = "facts"
RELATIONS = "relations"
# In the JSON only: the facts have a table of their own, and per-field sources do not fit in one cell (nor does
# any other list of items that name no record, ``_fits``).
JSON_ONLY = frozenset({"facts", "field_sources"})


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: Callable[[Exporter, Any], str]
    holds: str = "text"


def _description(model: type[BaseModel], name: str) -> str:
    return model.model_fields[name].description or ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return SEPARATOR.join(_text(item) for item in value)
    return str(value)


def _key_of(nested: type[BaseModel]) -> str | None:
    """The field naming what an item is about (an affiliation's organization), or None."""
    return next((name for name, (marker, _) in field_kinds(nested).items() if marker and not marker.cites), None)


def _holds(prop: dict[str, Any]) -> str:
    """What a cell holds, from the field's JSON Schema: 'ids of records in targets', 'one of: 1, 2, 3'."""
    options = [option for option in prop.get("anyOf", [prop]) if option.get("type") != "null"]
    prop = options[0] if len(options) == 1 else prop
    if prop.get("type") == "array":
        return _holds(prop.get("items", {})).replace("id of a record", "ids of records") + ", joined with '; '"
    if "x-ref" in prop:
        return f"id of a record in {prop['x-ref']}"
    if "enum" in prop:
        return "one of: " + ", ".join(str(value) for value in prop["enum"])
    return str(prop.get("x-kind") or prop.get("type") or "text")


def _fits(model: type[BaseModel], name: str) -> bool:
    """False for a list of items that name no record (the facts): they have no one-cell form, only the JSON."""
    nested = field_kinds(model)[name][1]
    return nested is None or _key_of(nested) is not None


@cache
def _schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()


def _column(model: type[BaseModel], name: str) -> Column:
    nested = field_kinds(model)[name][1]
    description = _description(model, name)
    schema = _schema(model)
    if nested is not None:
        key = _key_of(nested)
        assert key is not None, "columns() keeps only items that name a record"
        holds = _holds(_schema(nested)["properties"][key]).replace("id of a record", "ids of records")
        return Column(name, f"{description}; here the {key} of each ({_description(nested, key)})",
                      lambda _e, record: _text([getattr(item, key) for item in getattr(record, name)]),
                      f"{holds}, joined with '; '")
    return Column(name, description, lambda _e, record: _text(getattr(record, name)),
                  _holds(schema["properties"][name]))


def columns(collection: str) -> list[Column]:
    """The columns of api/v1/<collection>.csv: every field readers see (references as ids), then the page."""
    model = MODELS[collection]
    made = [_column(model, name) for name in shown_fields(model) if name not in JSON_ONLY and _fits(model, name)]
    derived = [Column(key, description, lambda e, record, derive=derive: derive(e.graph, record), "text")
               for key, (description, derive) in EXPORTED.get(collection, {}).items()]
    page = Column("page_url", "the record's page on the site", lambda e, record: e.page_url(record), "address")
    return [*made, *derived, page]


FACT_COLUMNS = (
    Column("record", "the record that states it", lambda _e, item: item[0], "collection/id"),
    Column("text", _description(Fact, "text"), lambda _e, item: item[1].text, "one line of text"),
    Column("as_of", _description(Fact, "as_of"), lambda _e, item: _text(item[1].as_of),
           "date: YYYY, YYYY-MM or YYYY-MM-DD; empty when not dated"),
    Column("sources", _description(Fact, "sources"), lambda _e, item: _text(item[1].sources),
           "ids of records in sources, joined with '; '"),
)
RELATION_COLUMNS = (
    Column("from", "the record that states the link", lambda _e, row: row[0], "collection/id"),
    Column("relation", "the field that holds the link; in an item, its dotted path: 'affiliations.organization' "
           "is the organization of one of an expert's affiliations", lambda _e, row: row[1], "field name"),
    Column("to", "the record the link points at", lambda _e, row: row[2], "collection/id"),
    Column("sources", "the sources the link is cited to, as on the page: the item's own, else those of its field; "
           "empty for a source's own links (its publisher), which the source itself shows",
           lambda _e, row: _text(row[3]), "ids of records in sources, joined with '; '"),
)


def relations(graph: Graph) -> list[tuple[str, str, str, list[str]]]:
    """(from, relation, to, sources) for every reference between records that is not a citation, once each."""
    rows: dict[tuple[str, str, str], list[str]] = {}
    for record in graph.dataset.all():
        for ref in graph.dataset.refs(record):
            if ref.to.cites:
                continue
            relation = ".".join(str(step) for step in ref.loc if not isinstance(step, int))
            key = (f"{record.collection}/{record.id}", relation, f"{ref.to.collection}/{ref.id}")
            cited = rows.setdefault(key, [])
            cited += [s for s in _sources_of(record, ref.loc) if s not in cited]
    return sorted((*key, cited) for key, cited in rows.items())


def _sources_of(record: Record, loc: tuple[str | int, ...]) -> list[str]:
    """The sources of the part of ``record`` at ``loc``: an item's own when it names any, else its field's."""
    field_name = str(loc[0])
    if len(loc) > 2 and isinstance(loc[1], int):
        item = getattr(record, field_name)[loc[1]]
        if getattr(item, "sources", None):
            return list(item.sources)
    return record.sources_of(field_name)


def facts(graph: Graph) -> Iterator[tuple[str, Any]]:
    for record in graph.dataset.all():
        for fact in record.facts:
            yield f"{record.collection}/{record.id}", fact


def encode(table_columns: list[Column] | tuple[Column, ...], rows: list[Any], exporter: Exporter) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in table_columns])
    writer.writerows([column.value(exporter, row) for column in table_columns] for row in rows)
    return "\ufeff".encode() + buffer.getvalue().encode()


def write(graph: Graph) -> dict[PurePosixPath, bytes]:
    address = site_url(graph.dataset.root)
    files: dict[PurePosixPath, bytes] = {}
    for collection in MODELS:
        records = sorted(graph.dataset.records[collection].values(), key=lambda r: r.id)
        files[csv_path(collection)] = encode(columns(collection), records,
                                             Exporter.for_file(graph, csv_path(collection), address))
    files[csv_path(FACTS)] = encode(FACT_COLUMNS, list(facts(graph)),
                                    Exporter.for_file(graph, csv_path(FACTS), address))
    files[csv_path(RELATIONS)] = encode(RELATION_COLUMNS, relations(graph),
                                        Exporter.for_file(graph, csv_path(RELATIONS), address))
    return files
