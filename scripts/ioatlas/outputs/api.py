"""The JSON API, version 1: api/v1/<collection>.json for each collection and api/v1/all.json for the whole
atlas, each with its JSON Schema beside it (<name>.schema.json).

Every file carries ``schema_version`` and the date of the data (``Dataset.data_date``, never the clock), so
two builds of the same records write the same bytes. A change that only adds keys keeps v1 and raises the
minor version; one that removes or renames moves to api/v2/ (docs/api-changelog.md).
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

import orjson

from ..config import site_url
from ..graph import Graph
from ..models import COLLECTIONS
from ..urls import API_DIR, json_path
from .api_schema import all_schema, collection_schema
from .exported import LICENCE, SCHEMA_VERSION, Exporter

ALL = "all"


def schema_path(name: str) -> PurePosixPath:
    return PurePosixPath(API_DIR, f"{name}.schema.json")


def encode(data: Any) -> bytes:
    """JSON as UTF-8 with Chinese as it is, two-space indents, keys in the order they were built: the bytes of
    ``json.dumps(data, ensure_ascii=False, indent=2)``, written by orjson (the standard library's encoder falls
    back to pure Python whenever it indents)."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"


def _header(graph: Graph) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "data_date": graph.dataset.data_date(), "licence": LICENCE}


def exported_records(graph: Graph, address: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Each collection's records as exported, by id. All files of api/v1/ share one folder, so a record's
    relative addresses are the same in its collection's file and in all.json: it is shaped once."""
    exporter = Exporter.for_file(graph, json_path(ALL), address)
    return {name: [exporter.record(record) for record in sorted(records.values(), key=lambda r: r.id)]
            for name, records in graph.dataset.records.items()}


def collection_file(graph: Graph, collection: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    return {**_header(graph), "collection": collection, "title": COLLECTIONS[collection].title,
            "count": len(records), "records": records}


def all_file(graph: Graph, records: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Every record, collection by collection in the registry's order (``Dataset.all``)."""
    collections = {name: {"title": declared.title, "count": len(records[name])}
                   for name, declared in COLLECTIONS.items()}
    return {**_header(graph), "collections": collections,
            "records": [record for name in COLLECTIONS for record in records[name]]}


def write(graph: Graph) -> dict[PurePosixPath, bytes]:
    records = exported_records(graph, site_url(graph.dataset.root))
    files = {json_path(ALL): encode(all_file(graph, records)), schema_path(ALL): encode(all_schema())}
    for collection in COLLECTIONS:
        files[json_path(collection)] = encode(collection_file(graph, collection, records[collection]))
        files[schema_path(collection)] = encode(collection_schema(collection))
    return files
