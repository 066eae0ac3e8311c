"""Checks that tie the records to their sources and to each other: every record cites a source, every
source is cited, and no record stands alone."""

from __future__ import annotations

from collections.abc import Iterator

from ..dataset import Dataset
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
        for ref in dataset.refs(record):
            if ref.to.collection != "sources" and (ref.to.collection, ref.id) != (record.collection, record.id):
                linked.update({(ref.to.collection, ref.id), (record.collection, record.id)})
    for record in dataset.all():
        if record.collection != "sources" and (record.collection, record.id) not in linked:
            yield Finding(record, ("id",), "record is an orphan: it links to no other record and none links to it",
                          "relate it to the records the source connects it with")


def uncited_source(dataset: Dataset) -> Iterator[Finding]:
    """E053: every source is named by some record (as a citation, a publication or a document)."""
    cited = {ref.id for record in dataset.all() for ref in dataset.refs(record) if ref.to.collection == "sources"}
    for record in dataset.all():
        if record.collection == "sources" and record.id not in cited:
            yield Finding(record, ("id",), f"source '{record.id}' is cited by no record",
                          "cite it from the records it supports, or remove it")



def cites_outside_its_sources(dataset: Dataset) -> Iterator[Finding]:
    """E057: a source cited by a part of a record (a fact, an affiliation, a field) is one the record lists."""
    for record in dataset.all():
        listed = set(record.sources)
        for ref in dataset.refs(record):
            if ref.to.cites and ref.loc[0] != "sources" and ref.id not in listed:
                yield Finding(record, ref.loc, f"'{ref.id}' is cited here but is not in the record's sources",
                              f"add '{ref.id}' to 'sources:' (the record's sources list every source it cites)")


_NOT_CITABLE = frozenset({"id", "sources", "field_sources", "last_reviewed", "curator_note"})


def field_sources_name_set_fields(dataset: Dataset) -> Iterator[Finding]:
    """E058: each field named in ``field_sources`` is a field of the record that holds a value."""
    for record in dataset.all():
        fields = sorted(set(type(record).model_fields) - _NOT_CITABLE)
        for name, cited in record.field_sources.items():
            if name not in fields:
                yield Finding(record, ("field_sources", name), f"field_sources names '{name}', which is not a "
                              "field of this record that can be cited", "name one of: " + ", ".join(fields))
            elif getattr(record, name) in (None, [], ""):
                yield Finding(record, ("field_sources", name), f"field_sources cites '{name}', which is empty",
                              f"fill in '{name}:' or remove its entry from field_sources")
            elif not cited:
                yield Finding(record, ("field_sources", name), f"field_sources lists no source for '{name}'",
                              "name at least one source, or remove the entry")
