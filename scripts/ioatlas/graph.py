"""The validated records as a graph: every reference stored once, backlinks derived.

Templates ask the graph for records by id and for the records that point at a record, grouped
by the collection and field they come from (grouped and sorted once, when the graph is built).
Nothing here reads YAML or writes Markdown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .models import MODELS, Record
from .models.refs import iter_refs
from .validate import Dataset

Key = tuple[str, str]  # (collection, id)


@dataclass
class Graph:
    dataset: Dataset
    # target -> (referring collection, relation) -> referring records sorted by name; computed once
    incoming: dict[Key, dict[Key, list[Record]]] = field(default_factory=dict)

    @classmethod
    def build(cls, dataset: Dataset) -> Graph:
        graph = cls(dataset)
        groups: dict[Key, dict[Key, list[Record]]] = defaultdict(lambda: defaultdict(list))
        for record in dataset.all():
            seen: set[tuple[str, str, str]] = set()
            for loc, target, ref_id in iter_refs(record):
                # a citation anywhere in a record (affiliation, viewpoint, fact) counts as "sources"
                innermost = loc[-2] if isinstance(loc[-1], int) else loc[-1]
                relation = "sources" if innermost == "sources" else str(loc[0])
                key = (target, ref_id, relation)
                if key in seen or (target, ref_id) == (record.collection, record.id):
                    continue
                seen.add(key)
                groups[(target, ref_id)][(record.collection, relation)].append(record)
        order = list(MODELS)
        for target, by_relation in groups.items():
            graph.incoming[target] = {
                relation: sorted(by_relation[relation], key=lambda r: r.name.casefold())
                for relation in sorted(by_relation, key=lambda k: (order.index(k[0]), k[1]))
            }
        return graph

    def get(self, collection: str, record_id: str) -> Record:
        record = self.dataset.get(collection, record_id)
        assert record is not None, (collection, record_id)
        return record

    def records(self, collection: str) -> list[Record]:
        return sorted(self.dataset.records[collection].values(), key=lambda r: r.name.casefold())

    def backlinks(self, record: Record) -> dict[Key, list[Record]]:
        """(source collection, field) -> records pointing at ``record``, sorted by name."""
        return self.incoming.get((record.collection, record.id), {})

    def referrers(self, record: Record, collection: str, relation: str) -> list[Record]:
        """Records of ``collection`` whose field ``relation`` points at ``record``."""
        return self.backlinks(record).get((collection, relation), [])
