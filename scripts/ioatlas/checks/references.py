"""Checks that every reference names an existing record of the collection its field takes."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from ..dataset import Dataset
from ..models import MODELS
from ..models.refs import Reference
from .base import Finding


def _unresolved(dataset: Dataset) -> Iterator[tuple[Finding, Reference, list[str]]]:
    """Each reference that resolves to nothing, with the collections that do hold its id."""
    for record in dataset.all():
        for ref in dataset.refs(record):
            if dataset.get(ref.to.collection, ref.id) is None:
                elsewhere = [c for c in MODELS if dataset.get(c, ref.id)]
                yield Finding(record, ref.loc, ""), ref, elsewhere


def missing_record(dataset: Dataset) -> Iterator[Finding]:
    """E030: the id names no record at all."""
    for finding, ref, elsewhere in _unresolved(dataset):
        if not elsewhere:
            target = ref.to.collection
            hint = _suggestion(dataset, target, ref.id) + f"create data/{target}/{ref.id}.yaml or fix the id"
            yield Finding(finding.record, ref.loc, f"no {target} record '{ref.id}'", hint)


MAX_IDS_LISTED = 15  # a collection this small has its ids listed when nothing is close
ID_CUTOFF, NAME_CUTOFF = 0.6, 0.8  # a name must be closer than an id: names are many and long, ids few


def _suggestion(dataset: Dataset, target: str, word: str) -> str:
    """The start of a hint: the id of the record whose id, name or alias is closest to ``word`` (so 'huang-he'
    finds he-huang through its alias 'Huang He'), else the collection's ids when there are few."""
    records = dataset.records[target]
    scored: list[tuple[float, str]] = []
    for record in records.values():
        spelt = {"-".join(re.findall(r"[a-z0-9]+", name.lower())) for name in record.all_names()} - {""}
        scores = [difflib.SequenceMatcher(None, word, record.id).ratio() - ID_CUTOFF,
                  *(difflib.SequenceMatcher(None, word, s).ratio() - NAME_CUTOFF for s in spelt)]
        scored.append((max(scores), record.id))
    best = min(scored, default=(-1.0, ""), key=lambda pair: (-pair[0], pair[1]))  # closest, then first by id
    if best[0] >= 0:
        return f"did you mean '{best[1]}'? "
    if 0 < len(records) <= MAX_IDS_LISTED:
        return f"the {target} are: {', '.join(sorted(records))}; "
    return ""


def wrong_collection(dataset: Dataset) -> Iterator[Finding]:
    """E031: the id names a record, but of another collection than the field takes."""
    for finding, ref, elsewhere in _unresolved(dataset):
        if elsewhere:
            yield Finding(finding.record, ref.loc,
                          f"'{ref.id}' is a record of {elsewhere[0]}, but this field takes {ref.to.collection}",
                          f"point to a record in data/{ref.to.collection}/")
