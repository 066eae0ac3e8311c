"""Checks that every reference names an existing record of the collection its field takes."""

from __future__ import annotations

from collections.abc import Iterator

from ..dataset import Dataset
from ..models import MODELS
from ..models.refs import Reference, iter_refs
from ..problems import did_you_mean
from .base import Finding


def _unresolved(dataset: Dataset) -> Iterator[tuple[Finding, Reference, list[str]]]:
    """Each reference that resolves to nothing, with the collections that do hold its id."""
    for record in dataset.all():
        for ref in iter_refs(record):
            if dataset.get(ref.to.collection, ref.id) is None:
                elsewhere = [c for c in MODELS if dataset.get(c, ref.id)]
                yield Finding(record, ref.loc, ""), ref, elsewhere


def missing_record(dataset: Dataset) -> Iterator[Finding]:
    """E030: the id names no record at all."""
    for finding, ref, elsewhere in _unresolved(dataset):
        if not elsewhere:
            target = ref.to.collection
            hint = did_you_mean(ref.id, list(dataset.records[target]))
            hint += f"create data/{target}/{ref.id}.yaml or fix the id"
            yield Finding(finding.record, ref.loc, f"no {target} record '{ref.id}'", hint)


def wrong_collection(dataset: Dataset) -> Iterator[Finding]:
    """E031: the id names a record, but of another collection than the field takes."""
    for finding, ref, elsewhere in _unresolved(dataset):
        if elsewhere:
            yield Finding(finding.record, ref.loc,
                          f"'{ref.id}' is a record of {elsewhere[0]}, but this field takes {ref.to.collection}",
                          f"point to a record in data/{ref.to.collection}/")
