"""Records as plain data for the data exports: the fields readers see, references as ids with their
addresses, and the sources of every field and item as the pages cite them.

Every export writes its addresses through ``Exporter`` (absolute when the site's address is known, else
relative to the file), the JSON shapes records with ``Exporter.record``, and the CSV takes the same fields
(``shown_fields``), so the files cannot disagree about what a record holds. Notes for curators
(``NeverShown`` fields) never leave the build, as they never reach a page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel

from ..config import site_url
from ..derived import EXPORTED
from ..graph import Graph
from ..models import Record
from ..models.refs import field_kinds, is_shown
from ..models.types import date_key
from ..urls import published_url, record_copy, record_page

SCHEMA_VERSION = "1.1.0"  # of the files under api/v1/; docs/api-changelog.md says what each version changed
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/",
           "attribution": "IO Atlas contributors"}  # LICENSE-DATA
# Fields that are not statements of a source, so no source is given for them: bookkeeping, and the facts,
# which carry their own.
NOT_CITED = frozenset({"id", "sources", "field_sources", "last_reviewed", "facts", "corrections"})
ADDED_KEYS = ("collection", "page_url", "yaml_url")  # keys an exported record has beyond its model's fields


@cache
def shown_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that pages may show, in the model's order: everything but notes for curators."""
    clash = (set(ADDED_KEYS) | set(EXPORTED.get(getattr(model, "collection", ""), {}))) & set(model.model_fields)
    if clash:
        raise ValueError(f"{model.__name__} has a field named {sorted(clash)[0]}, a key the exports add")
    return tuple(name for name, info in model.model_fields.items() if is_shown(info))


def has_value(value: object) -> bool:
    return value is not None and value != [] and value != {}


def day_of(partial: str) -> dt.date:
    """The first day a partial date (YYYY, YYYY-MM, YYYY-MM-DD) can mean; for timestamps that must be full."""
    year, month, day = date_key(partial)
    return dt.date(year, month or 1, day or 1)


@dataclass(frozen=True)
class Exporter:
    """Shapes records for one published file: addresses are written relative to that file unless the site's
    address is known (``config.site_url``), then absolute."""

    graph: Graph
    file: PurePosixPath  # docs-relative path of the file being written
    site_url: str
    # address of each file already written into this one: a record is named from many others (about 20 times)
    _urls: dict[PurePosixPath, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def for_file(cls, graph: Graph, file: PurePosixPath, address: str | None = None) -> Exporter:
        """``address``: the site's, when the caller has read it already (reading it parses mkdocs.yml)."""
        return cls(graph, file, site_url(graph.dataset.root) if address is None else address)

    def url(self, to: PurePosixPath) -> str:
        known = self._urls.get(to)
        if known is None:
            known = self._urls[to] = published_url(to, self.file, self.site_url)
        return known

    def page_url(self, record: Record) -> str:
        return self.url(record_page(record.collection, record.id))

    def reference(self, collection: str, record_id: str) -> dict[str, str]:
        return {"collection": collection, "id": record_id, "page_url": self.url(record_page(collection, record_id))}

    def record(self, record: Record) -> dict[str, Any]:
        """Every field readers see, in the model's order, empty ones as null or []; then the record's addresses.
        ``field_sources`` names the sources of every field that holds a statement (the curators' choice where
        they made one, else the record's sources), and an item that names no sources of its own (an
        affiliation, a talk) carries those of its field, as the page cites them."""
        data: dict[str, Any] = {"collection": record.collection}
        for name in shown_fields(type(record)):
            if name == "field_sources":
                data[name] = {field: self._refs("sources", record.sources_of(field))
                              for field in shown_fields(type(record))
                              if field not in NOT_CITED and has_value(getattr(record, field))}
            else:
                data[name] = self._value(type(record), name, getattr(record, name), record.sources_of(name))
        for key, (_, derive) in EXPORTED.get(record.collection, {}).items():
            data[key] = derive(self.graph, record)
        data["page_url"] = self.page_url(record)
        data["yaml_url"] = self.url(record_copy(record.collection, record.id))
        return data

    def _refs(self, collection: str, ids: list[str]) -> list[dict[str, str]]:
        return [self.reference(collection, i) for i in ids]

    def _value(self, model: type[BaseModel], name: str, value: Any, field_sources: list[str]) -> Any:
        marker, nested = field_kinds(model)[name]
        if value is None:
            return None
        if marker is not None:
            return self._refs(marker.collection, value) if isinstance(value, list) else \
                self.reference(marker.collection, value)
        if nested is not None and isinstance(value, list):
            return [self._item(item, field_sources) for item in value]
        if isinstance(value, list):
            return [str(v) if isinstance(v, str) else v for v in value]
        return str(value) if isinstance(value, str) else value  # an Identifier is written as its text

    def _item(self, item: BaseModel, field_sources: list[str]) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name in shown_fields(type(item)):
            value = getattr(item, name)
            if name == "sources":
                value = value or field_sources
            data[name] = self._value(type(item), name, value, field_sources)
        return data
