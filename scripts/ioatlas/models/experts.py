from __future__ import annotations

from pydantic import Field

from .base import Record, SourceRef, Strict
from .types import Orcid, PartialDate, Ref, Text


class Affiliation(Strict):
    organization: Ref("organizations")
    role: Text | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    former: bool = Field(False, description="true when the source says the role is a former one")
    sources: list[SourceRef] = Field(default_factory=list, description="defaults to the record's sources")


class Expert(Record):
    collection = "experts"
    title_singular = "Expert"

    credentials: list[Text] = Field(default_factory=list, description="titles such as 'Chief physician'")
    affiliations: list[Affiliation] = Field(default_factory=list)
    country: Text | None = None
    orcid: Orcid | None = None
    topics: list[Ref("topics")] = Field(default_factory=list)
    targets: list[Ref("targets")] = Field(default_factory=list, description="targets the expert works on")
