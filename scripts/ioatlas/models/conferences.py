from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Record, SourceRef, Strict
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
    title_singular = "Conference"

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
