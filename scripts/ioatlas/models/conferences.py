"""Conferences: congresses, symposia and the sessions within them, with who spoke about what."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .base import CURATOR_NOTE, Record, SourceRef, Strict
from .collection import Collection, Column, Facet, Synthetic, SyntheticIds
from .types import Note, PartialDate, Ref, Text

ParticipationRole = Literal["speaker", "interviewee", "chair", "panelist", "organizer", "announcer"]


class Participation(Strict):
    """An expert's part in a conference: a talk, an interview, chairing a session."""

    expert: Ref("experts") = Field(description="who took part")
    role: ParticipationRole = Field(description="what part they took")
    title: Text | None = Field(None, description="talk or interview title, in English")
    topics: list[Ref("topics")] = Field(default_factory=list, description="topics the talk or interview was about")
    sources: list[SourceRef] = Field(default_factory=list, description="defaults to the conference's sources")
    curator_note: Note | None = Field(None, description=CURATOR_NOTE)


class Conference(Record):
    """A congress, conference or symposium, or a session within one."""

    collection = "conferences"

    kind: Literal["congress", "conference", "symposium", "session", "programme"] = Field(
        description="what sort of meeting; a session is part of a congress")
    parent: Ref("conferences") | None = Field(None, description="the congress a session belongs to")
    series: Text | None = Field(None, description="the recurring series this edition belongs to")
    edition: int | None = Field(None, ge=1, description="the number of this edition in its series")
    start: PartialDate | None = Field(None, description="the first day")
    end: PartialDate | None = Field(None, description="the last day")
    city: Text | None = Field(None, description="where it took place, in English")
    country: Text | None = Field(None, description="the country it took place in")
    theme: Text | None = Field(None, description="its official theme, in English")
    organizers: list[Ref("organizations")] = Field(default_factory=list, description="who organized it")
    hosts: list[Ref("organizations")] = Field(default_factory=list, description="who hosted it")
    participants: list[Participation] = Field(default_factory=list, description="speakers, interviewees, chairs")
    topics: list[Ref("topics")] = Field(default_factory=list, description="topics on its programme")


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
    search_boost=1.5,
    synthetic=Synthetic(0.06, _synthetic),
)
