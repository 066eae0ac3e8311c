"""The facet values of a collection's records: what readers filter its index by (``Collection.facets``), as the
filter menus show them (a record by its name, a vocabulary word as its label, a date by its year)."""

from __future__ import annotations

from ..derived import NOT_GIVEN
from ..graph import Graph
from ..models import COLLECTIONS, Record
from ..models.collection import Facet
from .cells import is_vocabulary
from .environment import label_text


def facet_rows(graph: Graph, collection: str, records: list[Record]) -> list[list[list[str]]]:
    """For each record, in order, the sorted values of each facet of its collection; a record with no value for a
    facet has "Not given", so readers can choose the records that lack it too."""
    declared = COLLECTIONS[collection]
    shown_as = [(facet, is_vocabulary(declared.model, facet.path)) for facet in declared.facets]
    return [[sorted({facet_text(value, facet, vocabulary) for value in graph.values(record, facet.path)})
             or [NOT_GIVEN] for facet, vocabulary in shown_as] for record in records]


def facet_text(value: object, facet: Facet, vocabulary: bool) -> str:
    if isinstance(value, Record):
        return value.name
    text = str(value)
    if facet.year:
        return text[:4]
    return label_text(text) if vocabulary else text
