"""Conferences: congresses, symposia and the sessions within them, with who spoke about what."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .base import Record, SourceRef, Strict
from .collection import Collection, Column, Facet, Synthetic, SyntheticIds
from .types import PartialDate, Ref, Text

ParticipationRole = Literal["speaker", "interviewee", "chair", "panelist", "organizer", "announcer"]


class Participation(Strict):
    expert: Ref("experts")
    role: ParticipationRole
    title: Text | None = Field(None, description="talk or interview title, in English")
    topics: list[Ref("topics")] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)


class Conference(Record):
    collection = "conferences"

    kind: Literal["congress", "conference", "symposium", "session", "programme"]
    parent: Ref("conferences") | None = Field(None, description="the congress a session belongs to")
    series: Text | None = None
    edition: int | None = Field(None, ge=1)
    start: PartialDate | None = None
    end: PartialDate | None = None
    city: Text | None = None
    country: Text | None = None
    theme: Text | None = None
    organizers: list[Ref("organizations")] = Field(default_factory=list)
    hosts: list[Ref("organizations")] = Field(default_factory=list)
    participants: list[Participation] = Field(default_factory=list)
    topics: list[Ref("topics")] = Field(default_factory=list)


def _synthetic(number: int, record_id: str, ids: SyntheticIds) -> dict[str, Any]:
    return {"id": record_id, "name": f"Synthetic Congress {number}", "kind": "congress", "start": "2024-07-26",
            "end": "2024-07-28", "organizers": ids.pick("organizations", 1),
            "participants": [{"expert": e, "role": "speaker"} for e in ids.pick("experts", 4)], "sources": ids.cite()}


COLLECTION = Collection(
    model=Conference,
    title="Conferences",
    singular="Conference",
    intro="Congresses, symposia and the sessions within them.",
    position=30,
    columns=(Column("Name", "name", show="record"), Column("Kind", "kind"), Column("Dates", "start", show="period"),
             Column("City", "city")),
    facets=(Facet("Year", "start", year=True), Facet("City", "city"), Facet("Organizer", "organizers"),
            Facet("Kind", "kind")),
    backlinks={"parent": "Sessions", "participants": "Conferences and talks", "organizers": "Conferences organized",
               "hosts": "Conferences hosted"},
    synthetic=Synthetic(0.06, _synthetic),
)
