"""Facts derived from the records, never typed twice: a therapy's highest stage in China, and the broader
records a record belongs to through ``parent`` (a product's modalities, a disease's broader diseases).

Index columns, facets, target pages, the landscape and the exports read them through ``Graph.values`` by name
("stage", "ancestors", "lineage"), as if they were fields, so a declaration can name them like any field.

A product's or regimen's stage in China is "Approved" when a Chinese regulator (an agency whose country is
China: NMPA, or its forerunner SFDA) approved it; otherwise the highest phase of the trials that give it,
counting a trial unless every organization it names (sponsors, sites) is outside China; otherwise "Not
given". Phases are grouped as analysts read them: 2/3 counts as phase 3, 1/2 as phase 2, early phase 1 as
phase 1; phase 4 is post-marketing, so it counts as phase 3 unless an approval is recorded. A modality or a
technique has no stage.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from .models import Record


class Graph(Protocol):
    """What the derivations read of ``graph.Graph`` (which reads them in turn, so this module does not import it)."""

    def get(self, collection: str, record_id: str) -> Record: ...
    def records(self, collection: str) -> list[Record]: ...
    def referrers(self, record: Record, collection: str, relation: str) -> list[Record]: ...


CHINA = "China"
APPROVED = "Approved"
NOT_GIVEN = "Not given"
# from the furthest to the earliest stage; the order of the stage filter and of sorting by stage
STAGES = (APPROVED, "Phase 3", "Phase 2", "Phase 1", "Preclinical", NOT_GIVEN)
STAGELESS = frozenset({"modality", "technique"})
PHASE_STAGE = {"4": "Phase 3", "3": "Phase 3", "2/3": "Phase 3", "2": "Phase 2", "1/2": "Phase 2", "1": "Phase 1",
               "early-1": "Phase 1", "preclinical": "Preclinical"}


def _in_china(graph: Graph, organization_ids: list[str]) -> bool | None:
    """True when an organization named is in China, False when all are elsewhere, None when none is named or
    none has a country."""
    countries = {graph.get("organizations", i).country for i in organization_ids} - {None}
    return None if not countries else CHINA in countries


def approved_in_china(graph: Graph, therapy: Record) -> list[Any]:
    """The therapy's approvals by a Chinese regulator, oldest first."""
    approvals = [a for a in getattr(therapy, "approvals", []) if _in_china(graph, [a.agency])]
    return sorted(approvals, key=lambda approval: approval.date)


def trials_in_china(graph: Graph, therapy: Record) -> list[Record]:
    """The trials that give the therapy and are not wholly outside China."""
    return [trial for trial in graph.referrers(therapy, "trials", "interventions")
            if _in_china(graph, [*trial.sponsors, *trial.sites]) is not False]


def stage(graph: Graph, therapy: Record) -> str | None:
    """The therapy's highest stage in China (one of ``STAGES``); None for a modality or a technique, which are
    kinds of treatment, not things a regulator approves or a trial tests as such."""
    if getattr(therapy, "kind", None) in STAGELESS:
        return None
    if approved_in_china(graph, therapy):
        return APPROVED
    reached = {PHASE_STAGE[t.phase] for t in trials_in_china(graph, therapy) if t.phase in PHASE_STAGE}
    return next((s for s in STAGES if s in reached), NOT_GIVEN)


def ancestors(graph: Graph, record: Record) -> list[Record]:
    """The records above ``record`` through ``parent``, nearest first (a cycle stops at the first repeat)."""
    found: list[Record] = []
    parent = getattr(record, "parent", None)
    while parent and all(r.id != parent for r in found) and parent != record.id:
        above = graph.get(record.collection, parent)
        found.append(above)
        parent = getattr(above, "parent", None)
    return found


def descendants(graph: Graph, record: Record) -> list[Record]:
    """The records below ``record`` through ``parent``, breadth first, each once."""
    found: dict[str, Record] = {}
    level = [record]
    while level:
        below = [child for item in level for child in graph.referrers(item, record.collection, "parent")
                 if child.id not in found and child.id != record.id]
        found.update((child.id, child) for child in below)
        level = below
    return list(found.values())


def trials_of(graph: Graph, therapy_ids: list[str]) -> list[Record]:
    """The trials that give any of these therapies or a therapy below one of them, by name (read from the
    graph's backlinks, not by walking every trial)."""
    therapies = [graph.get("therapies", i) for i in therapy_ids]
    wanted = [t for therapy in therapies for t in [therapy, *descendants(graph, therapy)]]
    found = {trial.id: trial for t in wanted for trial in graph.referrers(t, "trials", "interventions")}
    return sorted(found.values(), key=lambda trial: trial.name.casefold())


def known_stage(graph: Graph, therapy: Record) -> str:
    """The therapy's stage in China where one is known ("Approved", "Phase 2" …), '' otherwise (no stage for
    its kind, or none given): what pages write beside a therapy's name."""
    reached = stage(graph, therapy)
    return "" if reached in (None, NOT_GIVEN) else reached


# collection -> name -> how to read it; Graph.values steps through these like fields
DERIVED: dict[str, dict[str, Callable[[Graph, Record], list[Any]]]] = {
    "therapies": {"stage": lambda graph, r: [reached] if (reached := stage(graph, r)) else [], "ancestors": ancestors,
                  "lineage": lambda graph, r: [r, *ancestors(graph, r)]},
    "diseases": {"ancestors": ancestors, "lineage": lambda graph, r: [r, *ancestors(graph, r)]},
}


# collection -> derived facts the data exports carry beside the fields: key -> (description, value)
EXPORTED: dict[str, dict[str, tuple[str, Callable[[Graph, Record], str]]]] = {
    "therapies": {"stage_in_china": (
        "derived, never typed: the highest stage in China of a product or regimen, one of " + ", ".join(STAGES)
        + " (from the approvals by a Chinese regulator, else the phases of the trials that give it); empty for a "
        "modality or a technique", lambda graph, r: stage(graph, r) or "")},
}
