"""Synthetic but schema-valid datasets of any size, for the benchmark (never published).

Each collection's share of a dataset and the fields of its records come from its declaration
(``Collection.synthetic``), so every collection grows in proportion and every record links to a few
others: the generator and MkDocs see the same shape of work as with real data, only more of it.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

from .models import COLLECTIONS
from .models.base import NOT_CITED_BY_FIELD
from .models.collection import SyntheticIds


def _ids(collection: str, count: int) -> list[str]:
    prefix = collection[:-1] if collection.endswith("s") else collection
    return [f"{prefix}-{n:05d}" for n in range(max(count, 1))]




def cite_each_field(record: dict[str, Any]) -> dict[str, Any]:
    """A record with two or more sources names the sources of each field it fills, as curators must (E059): here
    its first source for every field, and for every part (a participant) that cites none of its own."""
    sources = record.get("sources", [])
    if len(sources) < 2:
        return record
    cited = {**record, "field_sources": {}}
    for name, value in record.items():
        if name in NOT_CITED_BY_FIELD or value in (None, [], ""):
            continue
        if isinstance(value, list) and isinstance(value[0], dict):
            cited[name] = [part if part.get("sources") else {**part, "sources": sources[:1]} for part in value]
        else:
            cited["field_sources"][name] = sources[:1]
    return cited


def write_dataset(root: Path, total: int, seed: int = 7) -> int:
    """Write about ``total`` records under root/data; return the number written."""
    made = {name: c.synthetic for name, c in COLLECTIONS.items() if c.synthetic is not None}
    ids = SyntheticIds({name: _ids(name, round(total * spec.share)) for name, spec in made.items()},
                       random.Random(seed))
    written = 0
    for name, spec in made.items():
        folder = root / "data" / name
        folder.mkdir(parents=True, exist_ok=True)
        for number, record_id in enumerate(ids.ids[name]):
            record = {**cite_each_field(spec.make(number, record_id, ids)), "last_reviewed": "2024-01-01"}
            (folder / f"{record_id}.yaml").write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True))
            written += 1
    return written
