"""Synthetic but schema-valid datasets of any size, for the benchmark (never published).

Every collection grows in proportion, and every record links to a few others, so the
generator and MkDocs see the same shape of work as with real data, only more of it.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

# share of each collection in a dataset (sums to 1)
MIX = {"sources": 0.12, "organizations": 0.12, "experts": 0.25, "conferences": 0.06, "therapies": 0.1,
       "targets": 0.06, "diseases": 0.06, "trials": 0.17, "topics": 0.06}


def _ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{n:05d}" for n in range(max(count, 1))]


def write_dataset(root: Path, total: int, seed: int = 7) -> int:
    """Write about ``total`` records under root/data; return the number written."""
    rng = random.Random(seed)
    ids = {c: _ids(c[:-1] if c.endswith("s") else c, round(total * share)) for c, share in MIX.items()}

    def pick(collection: str, k: int) -> list[str]:
        return rng.sample(ids[collection], min(k, len(ids[collection])))

    cursor = {c: 0 for c in MIX}

    def next_id(collection: str) -> str:
        """Round-robin, so every record is linked from somewhere (no orphans, no uncited sources)."""
        cursor[collection] += 1
        return ids[collection][cursor[collection] % len(ids[collection])]

    def cite() -> list[str]:
        return sorted({next_id("sources"), *pick("sources", 1)})

    records: dict[str, list[dict]] = {c: [] for c in MIX}
    for i, sid in enumerate(ids["sources"]):
        records["sources"].append({"id": sid, "name": f"Synthetic article {i}", "kind": "news", "language": "en",
                                   "reliability": "secondary", "published": f"20{10 + i % 15}-0{1 + i % 9}"})
    for i, oid in enumerate(ids["organizations"]):
        parent = {"parent": ids["organizations"][0]} if i else {}
        records["organizations"].append({"id": oid, "name": f"Synthetic Hospital {i}", "kind": "hospital",
                                         "city": "Synthetic City", **parent, "sources": cite()})
    for i, tid in enumerate(ids["targets"]):
        records["targets"].append({"id": tid, "name": f"SYN{i}", "hgnc_symbol": f"SYN{i}",
                                   "category": "tumour-antigen", "sources": cite()})
    for i, did in enumerate(ids["diseases"]):
        parent = {"parent": ids["diseases"][0]} if i else {}
        records["diseases"].append({"id": did, "name": f"Synthetic carcinoma {i}", "category": "solid-tumour",
                                    **parent, "sources": cite()})
    for i, tid in enumerate(ids["therapies"]):
        parent = {"parent": ids["therapies"][0]} if i else {}
        records["therapies"].append({"id": tid, "name": f"Synthetic therapy {i}", "kind": "product" if i else
                                     "modality", **parent, "targets": [next_id("targets")],
                                     "developers": pick("organizations", 1), "sources": cite()})
    for i, eid in enumerate(ids["experts"]):
        records["experts"].append({
            "id": eid, "name": f"Synthetic Expert {i}", "aliases": [f"Expert Synthetic {i}"],
            "affiliations": [{"organization": o, "role": "Professor"} for o in pick("organizations", 2)],
            "targets": pick("targets", 1), "sources": cite(),
            "summary": "A synthetic expert. " * 20})
    for i, cid in enumerate(ids["conferences"]):
        records["conferences"].append({
            "id": cid, "name": f"Synthetic Congress {i}", "kind": "congress", "start": "2024-07-26",
            "end": "2024-07-28", "organizers": pick("organizations", 1),
            "participants": [{"expert": e, "role": "speaker"} for e in pick("experts", 4)], "sources": cite()})
    for i, tid in enumerate(ids["trials"]):
        records["trials"].append({
            "id": tid, "name": f"Synthetic phase 1 study {i}", "phase": "1", "conditions": pick("diseases", 1),
            "interventions": pick("therapies", 1), "targets": pick("targets", 1),
            "investigators": pick("experts", 2), "sites": pick("organizations", 1), "enrollment": 10 + i % 90,
            "start": "2019-01", "end": "2022-12", "results": "Synthetic results. " * 10, "sources": cite()})
    for i, tid in enumerate(ids["topics"]):
        records["topics"].append({
            "id": tid, "name": f"Synthetic topic {i}", "therapies": pick("therapies", 1),
            "viewpoints": [{"expert": e, "summary": "A synthetic viewpoint. " * 8, "sources": cite()}
                           for e in pick("experts", 3)], "sources": cite()})
    written = 0
    for collection, items in records.items():
        folder = root / "data" / collection
        folder.mkdir(parents=True, exist_ok=True)
        for item in items:
            (folder / f"{item['id']}.yaml").write_text(yaml.safe_dump(item, sort_keys=False, allow_unicode=True))
            written += 1
    return written
