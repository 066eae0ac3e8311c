"""The JSON Schema of each file of the JSON API, made from the pydantic models so that the published
schema, the field descriptions and the exported records cannot drift apart.

The models describe the YAML records; an exported record differs in known ways, applied here: notes for
curators are left out, every field is always present (empty ones as null or []), a reference is an object
``{collection, id, url}`` rather than an id, every item names its sources, and the record carries its
collection and addresses (``exported.Exporter.record``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..derived import EXPORTED
from ..models import COLLECTIONS, MODELS
from ..models.refs import field_kinds
from ..models.types import ID_PATTERN
from .exported import SCHEMA_VERSION, shown_fields

DIALECT = "https://json-schema.org/draft/2020-12/schema"
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
REFERENCE: dict[str, Any] = {
    "type": "object",
    "description": "a reference to another record: its collection, its id, and the address of its page",
    "additionalProperties": False,
    "required": ["collection", "id", "page_url"],
    "properties": {
        "collection": {"type": "string", "enum": list(MODELS), "description": "the collection of the record"},
        "id": {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$", "description": "the record's id"},
        "page_url": {"type": "string", "format": "uri-reference",
                     "description": "the record's page: absolute when the site's address is configured, else "
                     "relative to this file"},
    },
}
ADDED: dict[str, Any] = {
    "page_url": {"type": "string", "format": "uri-reference", "description": "the record's page on the site"},
    "yaml_url": {"type": "string", "format": "uri-reference",
                 "description": "the record's YAML file, exactly as the curators keep it"},
}
FIELD_SOURCES = ("the sources of each field that holds a statement, as the page cites them: the sources the "
                 "curators named for that field, else the record's sources")
ITEM_SOURCES = "the sources of this item, as the page cites them: its own, else those of its field"
LICENCE_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["name", "url", "attribution"],
    "properties": {key: {"type": "string"} for key in ("name", "url", "attribution")},
    "description": "the licence of the data, and whom to credit",
}


def _with_references(node: Any) -> Any:
    """A pydantic schema with each reference id (marked ``x-ref``) replaced by a reference object."""
    if isinstance(node, list):
        return [_with_references(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "x-ref" in node:
        made: dict[str, Any] = {"$ref": "#/$defs/Reference",
                                "properties": {"collection": {"const": node["x-ref"]}}}
        if "description" in node:
            made["description"] = node["description"]
        return made
    return {key: _with_references(value) for key, value in node.items() if key not in ("default", "title")}


def _nested_models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model nested in ``model`` (at any depth), by the name pydantic gives its schema."""
    found: dict[str, type[BaseModel]] = {}
    for name in shown_fields(model):
        nested = field_kinds(model)[name][1]
        if nested is not None:
            found[nested.__name__] = nested
            found.update(_nested_models(nested))
    return found


def _exported(model: type[BaseModel], schema: dict[str, Any], *, record: bool) -> dict[str, Any]:
    """The schema of an exported record (``record``) or item, from the model's own."""
    shown = shown_fields(model)
    properties = {name: _with_references(schema["properties"][name]) for name in shown}
    if "sources" in properties and not record:
        properties["sources"]["description"] = ITEM_SOURCES
    if record:
        properties["field_sources"] = {
            "type": "object", "description": FIELD_SOURCES,
            "propertyNames": {"enum": [n for n in shown if n not in ("id", "sources", "field_sources")]},
            "additionalProperties": {"type": "array", "items": _with_references(
                {"x-ref": "sources"})}}
        collection = {"const": model.collection, "description": "the collection the record belongs to"}  # type: ignore[attr-defined]
        derived = {key: {"type": "string", "description": description}
                   for key, (description, _) in EXPORTED.get(model.collection, {}).items()}  # type: ignore[attr-defined]
        properties = {"collection": collection, **properties, **derived, **ADDED}
    described = {key: value for key, value in schema.items() if key not in ("properties", "required", "$defs", "title")}
    return {**described, "title": model.__name__, "type": "object", "additionalProperties": False,
            "required": list(properties), "properties": properties}


def record_defs(collection: str) -> dict[str, Any]:
    """$defs of one collection's exported record (named after its model) and of the items nested in it."""
    model = MODELS[collection]
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    made = {model.__name__: _exported(model, schema, record=True)}
    for name, nested in _nested_models(model).items():
        made[name] = _exported(nested, defs[name], record=False)
    return made


def _file_schema(title: str, properties: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    header = {
        "schema_version": {"const": SCHEMA_VERSION, "description": "the version of this file's layout; a "
                           "change that adds keeps v1 (1.x), one that removes or renames moves to api/v2/"},
        "data_date": {"anyOf": [{"type": "string", "pattern": PARTIAL_DATE}, {"type": "null"}],
                      "description": "the date of the data: the newest source or review date (YYYY, YYYY-MM or "
                      "YYYY-MM-DD); two builds of the same records give the same file"},
        "licence": LICENCE_SCHEMA,
    }
    properties = {**header, **properties}
    return {"$schema": DIALECT, "title": title, "type": "object", "additionalProperties": False,
            "required": list(properties), "properties": properties, "$defs": {**defs, "Reference": REFERENCE}}


def collection_schema(collection: str) -> dict[str, Any]:
    """The schema of api/v1/<collection>.json."""
    declared = COLLECTIONS[collection]
    return _file_schema(f"IO Atlas API v1: {declared.title}", {
        "collection": {"const": collection},
        "title": {"type": "string", "description": "the collection's title on the site"},
        "count": {"type": "integer", "minimum": 0, "description": "the number of records"},
        "records": {"type": "array", "description": "every record of the collection, by id",
                    "items": {"$ref": f"#/$defs/{declared.model.__name__}"}},
    }, record_defs(collection))


def all_schema() -> dict[str, Any]:
    """The schema of api/v1/all.json: every collection's records in one list."""
    defs: dict[str, Any] = {}
    for collection in MODELS:
        for name, definition in record_defs(collection).items():
            if defs.setdefault(name, definition) != definition:
                raise ValueError(f"two collections define '{name}' differently")
    collections = {"type": "object", "description": "each collection's title and number of records",
                   "propertyNames": {"enum": list(MODELS)},
                   "additionalProperties": {"type": "object", "additionalProperties": False,
                                            "required": ["title", "count"],
                                            "properties": {"title": {"type": "string"},
                                                           "count": {"type": "integer", "minimum": 0}}}}
    return _file_schema("IO Atlas API v1: every record", {
        "collections": collections,
        "records": {"type": "array", "description": "every record, collection by collection, by id within one",
                    "items": {"oneOf": [{"$ref": f"#/$defs/{model.__name__}"} for model in MODELS.values()]}},
    }, defs)
