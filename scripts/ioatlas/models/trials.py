from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Record, SourceRef
from .types import Markdown, PartialDate, Ref, RegistryId, Text

Phase = Literal["preclinical", "early-1", "1", "1/2", "2", "2/3", "3", "4", "not-applicable"]
Status = Literal["planned", "recruiting", "active", "completed", "terminated", "withdrawn", "unknown"]


class Trial(Record):
    """A registered trial or an unregistered clinical study (then registry_ids stays empty)."""

    collection = "trials"
    title_singular = "Trial or study"

    registry_ids: list[RegistryId] = Field(default_factory=list)
    acronym: Text | None = None
    study_type: Literal["interventional", "observational", "case-series", "preclinical"] = "interventional"
    phase: Phase | None = None
    phase_note: Text | None = Field(None, description="why no phase is given")
    status: Status | None = None
    design: Text | None = None
    conditions: list[Ref("diseases")] = Field(default_factory=list)
    interventions: list[Ref("therapies")] = Field(default_factory=list)
    targets: list[Ref("targets")] = Field(default_factory=list)
    sponsors: list[Ref("organizations")] = Field(default_factory=list)
    sites: list[Ref("organizations")] = Field(default_factory=list)
    investigators: list[Ref("experts")] = Field(default_factory=list)
    enrollment: int | None = Field(None, ge=0)
    enrollment_as_of: PartialDate | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    results: Markdown | None = Field(None, description="what the study reported, in our own words")
    publications: list[SourceRef] = Field(default_factory=list, description="papers reporting the study")
