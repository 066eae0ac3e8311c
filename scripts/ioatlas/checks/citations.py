"""Checks that tie the records to their sources and to each other: every record cites a source, every
source is cited, and no record stands alone."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from ..dataset import Dataset
from ..models.base import NOT_CITED_BY_FIELD
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


_NOT_CITABLE = frozenset({"id", "sources", "field_sources", "last_reviewed", "curator_note", "corrections"})


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


def _parts_without_sources(value: list[BaseModel]) -> list[int]:
    """The indexes of the parts of a list field (affiliations, participants) that cite no source of their own
    (a kind of part that has no ``sources`` field is left alone)."""
    return [i for i, part in enumerate(value) if "sources" in type(part).model_fields and not part.sources]


def field_cited_to_every_source(dataset: Dataset) -> Iterator[Finding]:
    """E059: a record with two or more sources names, for each field it fills, the sources that state it; no
    fact falls back on all of them (a mark is a claim that its source states the fact)."""
    for record in dataset.all():
        if record.collection == "sources" or len(record.sources) < 2:
            continue
        for name in type(record).model_fields:
            if name in NOT_CITED_BY_FIELD or name not in record.model_fields_set or name in record.field_sources:
                continue
            value = getattr(record, name)
            if value in (None, [], ""):
                continue
            if isinstance(value, list) and isinstance(value[0], BaseModel):
                for index in _parts_without_sources(value):
                    yield Finding(record, (name, index), f"this entry of '{name}' cites no source, and the record "
                                  f"has {len(record.sources)}", "add 'sources: [<id>]' to the entry, naming only "
                                  "the sources that state it")
                continue
            yield Finding(record, (name,), f"'{name}' does not say which of the record's {len(record.sources)} "
                          "sources state it", f"add 'field_sources: {{{name}: [<source id>]}}' naming only the "
                          "sources that state it, or remove the value if none does")
