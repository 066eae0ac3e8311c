"""Checks that tie the records to their sources and to each other: every record cites a source, every
source is cited, and no record stands alone."""

from __future__ import annotations

from collections.abc import Iterator

from ..dataset import Dataset
from ..models.refs import iter_refs
from .base import Finding


def cites_no_source(dataset: Dataset) -> Iterator[Finding]:
    """E050: every record other than a source names at least one source."""
    for record in dataset.all():
        if record.collection != "sources" and not record.sources:
            yield Finding(record, ("id",), "record cites no source",
                          "add 'sources: [<source id>]' naming a record in data/sources/")


def orphan(dataset: Dataset) -> Iterator[Finding]:
    """E052: every record other than a source links to another record or is linked from one."""
    linked: set[tuple[str, str]] = set()
    for record in dataset.all():
        for ref in iter_refs(record):
            if ref.to.collection != "sources" and (ref.to.collection, ref.id) != (record.collection, record.id):
                linked.update({(ref.to.collection, ref.id), (record.collection, record.id)})
    for record in dataset.all():
        if record.collection != "sources" and (record.collection, record.id) not in linked:
            yield Finding(record, ("id",), "record is an orphan: it links to no other record and none links to it",
                          "relate it to the records the source connects it with")


def uncited_source(dataset: Dataset) -> Iterator[Finding]:
    """E053: every source is named by some record (as a citation, a publication or a document)."""
    cited = {ref.id for record in dataset.all() for ref in iter_refs(record) if ref.to.collection == "sources"}
    for record in dataset.all():
        if record.collection == "sources" and record.id not in cited:
            yield Finding(record, ("id",), f"source '{record.id}' is cited by no record",
                          "cite it from the records it supports, or remove it")

