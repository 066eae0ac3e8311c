"""The validated records as a graph: every reference stored once, backlinks derived.

Templates ask the graph for a record's outgoing links and for the records that point at it
(grouped by the collection and field they come from), and for the numbered list of sources a
page cites. Nothing here reads YAML or writes Markdown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .models import MODELS, Record
from .models.refs import iter_refs
from .validate import Dataset


@dataclass(frozen=True)
class Backlink:
    source: Record
    field: str  # the top-level field of ``source`` that holds the reference


@dataclass
class Graph:
    dataset: Dataset
    incoming: dict[tuple[str, str], list[Backlink]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, dataset: Dataset) -> Graph:
        graph = cls(dataset)
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
                graph.incoming[(target, ref_id)].append(Backlink(record, relation))
        return graph

    def get(self, collection: str, record_id: str) -> Record:
        record = self.dataset.get(collection, record_id)
        assert record is not None, (collection, record_id)
        return record

    def records(self, collection: str) -> list[Record]:
        return sorted(self.dataset.records[collection].values(), key=lambda r: r.name.casefold())

    def backlinks(self, record: Record) -> dict[tuple[str, str], list[Record]]:
        """(source collection, field) -> records pointing at ``record``, sorted by name."""
        groups: dict[tuple[str, str], list[Record]] = defaultdict(list)
        for link in self.incoming.get((record.collection, record.id), []):
            groups[(link.source.collection, link.field)].append(link.source)
        order = list(MODELS)
        return {
            key: sorted(groups[key], key=lambda r: r.name.casefold())
            for key in sorted(groups, key=lambda k: (order.index(k[0]), k[1]))
        }

    def referrers(self, record: Record, collection: str, relation: str) -> list[Record]:
        """Records of ``collection`` whose field ``relation`` points at ``record``."""
        return self.backlinks(record).get((collection, relation), [])

    def cited_sources(self, record: Record) -> list[str]:
        """Ids of every source the record cites anywhere (own list first), in order of first use."""
        ordered = list(dict.fromkeys(record.sources))
        for _loc, target, ref_id in iter_refs(record):
            if target == "sources" and ref_id not in ordered:
                ordered.append(ref_id)
        return ordered
