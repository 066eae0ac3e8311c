"""Stage 3, graph: the checked records with every reference stored once and backlinks derived.

Pages ask the graph for records by id, for the records that point at a record (grouped by the
collection and top-level field they come from, sorted once when the graph is built), for the parts of
those records that hold the reference ("mentions": the affiliation that names an organization), and for
values along a field path that may pass through references (facets and index columns).
Nothing here reads YAML or writes Markdown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .dataset import Dataset
from .derived import DERIVED
from .models import MODELS, Record
from .models.refs import Reference, marker_at

Key = tuple[str, str]  # (collection, id), or (referring collection, relation)
CITATIONS = "sources"  # the relation every citation of a source is grouped under, at whatever depth


def relation_of(ref: Reference) -> str:
    """The backlink group of a reference: its record's top-level field, or CITATIONS for a citation."""
    return CITATIONS if ref.to.cites else str(ref.loc[0])


def _holder(record: Record, ref: Reference) -> BaseModel:
    """The part of ``record`` that holds ``ref``: an item of a list of nested models, or the record itself."""
    if len(ref.loc) > 2 and isinstance(ref.loc[1], int):
        item = getattr(record, str(ref.loc[0]))[ref.loc[1]]
        if isinstance(item, BaseModel):
            return item
    return record


@dataclass
class Graph:
    dataset: Dataset
    # target -> (referring collection, relation) -> referring records sorted by name; computed once
    incoming: dict[Key, dict[Key, list[Record]]] = field(default_factory=dict)
    # target -> (referring collection, relation) -> (referring record, part holding the reference)
    held: dict[Key, dict[Key, list[tuple[Record, BaseModel]]]] = field(default_factory=dict)

    @classmethod
    def build(cls, dataset: Dataset) -> Graph:
        graph = cls(dataset)
        groups: dict[Key, dict[Key, list[Record]]] = defaultdict(lambda: defaultdict(list))
        parts: dict[Key, dict[Key, list[tuple[Record, BaseModel]]]] = defaultdict(lambda: defaultdict(list))
        for record in dataset.all():
            seen: set[tuple[str, str, str]] = set()
            seen_parts: set[tuple[str, str, str, int]] = set()
            for ref in dataset.refs(record):
                target, relation = (ref.to.collection, ref.id), relation_of(ref)
                if target == (record.collection, record.id):
                    continue
                holder = _holder(record, ref)
                if (*target, relation, id(holder)) not in seen_parts:
                    seen_parts.add((*target, relation, id(holder)))
                    parts[target][(record.collection, relation)].append((record, holder))
                if (*target, relation) not in seen:
                    seen.add((*target, relation))
                    groups[target][(record.collection, relation)].append(record)
        graph.incoming = {target: _sorted_groups(by_relation) for target, by_relation in groups.items()}
        graph.held = {target: _sorted_groups(by_relation) for target, by_relation in parts.items()}
        return graph

    def get(self, collection: str, record_id: str) -> Record:
        record = self.dataset.get(collection, record_id)
        assert record is not None, (collection, record_id)
        return record

    def records(self, collection: str) -> list[Record]:
        """The records of ``collection``, sorted by name as readers look them up."""
        return sorted(self.dataset.records[collection].values(), key=lambda r: r.name.casefold())

    def backlinks(self, record: Record) -> dict[Key, list[Record]]:
        """(source collection, relation) -> records pointing at ``record``, sorted by name."""
        return self.incoming.get((record.collection, record.id), {})

    def links_of(self, record: Record) -> list[Record]:
        """The records ``record`` refers to other than by citing them, each once, in field order."""
        keys = dict.fromkeys((ref.to.collection, ref.id) for ref in self.dataset.refs(record) if not ref.to.cites)
        keys.pop((record.collection, record.id), None)
        return [self.get(*key) for key in keys]

    def linked_from(self, record: Record) -> list[Record]:
        """The records that refer to ``record`` other than by citing it, each once, grouped as on its page."""
        found: dict[Key, Record] = {}
        for (_, relation), referring in self.backlinks(record).items():
            if relation != CITATIONS:
                for other in referring:
                    found.setdefault((other.collection, other.id), other)
        return list(found.values())

    def referrers(self, record: Record, collection: str, relation: str) -> list[Record]:
        """Records of ``collection`` whose field ``relation`` points at ``record``."""
        return self.backlinks(record).get((collection, relation), [])

    def mentions(self, record: Record, collection: str, relation: str) -> list[tuple[Record, Any]]:
        """(referring record, the part of it that names ``record``), e.g. (expert, affiliation) for an
        organization; referring records by name, parts in the order the referring record lists them."""
        return self.held.get((record.collection, record.id), {}).get((collection, relation), [])

    def values(self, record: BaseModel, path: str) -> list[Any]:
        """The values at a dotted field path, following references: "affiliations.organization.city" reads
        the city of each organization an expert is affiliated with. Lists are flattened, None left out,
        repeated values kept once, in order."""
        current: list[Any] = [record]
        for name in path.split("."):
            current = [value for item in current for value in self._step(item, name)]
        unique: dict[object, Any] = {}
        for value in current:
            key = (value.collection, value.id) if isinstance(value, Record) else value
            unique.setdefault(id(value) if isinstance(value, BaseModel) and key is value else key, value)
        return list(unique.values())

    def _step(self, item: BaseModel, name: str) -> list[Any]:
        if isinstance(item, Record) and name not in type(item).model_fields:
            derive = DERIVED.get(item.collection, {}).get(name)
            if derive is not None:  # a derived fact (derived.py), read like a field
                return derive(self, item)
        value = getattr(item, name)
        values = value if isinstance(value, list) else [value]
        marker = marker_at(type(item), (name,))
        if marker is None:
            return [v for v in values if v is not None]
        return [self.get(marker.collection, v) for v in values if v is not None]


def _sorted_groups(by_relation: dict[Key, list[Any]]) -> dict[Key, list[Any]]:
    """Groups in registry order of the referring collection, then by relation; members by name."""
    order = list(MODELS)

    def name_of(member: Any) -> str:
        record = member[0] if isinstance(member, tuple) else member
        return record.name.casefold()

    return {relation: sorted(by_relation[relation], key=name_of)
            for relation in sorted(by_relation, key=lambda k: (order.index(k[0]), k[1]))}
