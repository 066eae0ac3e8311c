"""Experts: people the sources name (clinicians, researchers, executives), with their roles over time."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .base import CURATOR_NOTE, Record, SourceRef, Strict
from .collection import Collection, Column, Facet, Rule, Synthetic, SyntheticIds
from .types import Note, Orcid, PartialDate, Ref, Text


class Affiliation(Strict):
    """A post an expert holds or held at an organization, as a source reports it."""

    organization: Ref("organizations") = Field(description="where the post is")
    role: Text | None = Field(None, description="the post, as the source words it (in English)")
    start: PartialDate | None = Field(None, description="when the post began, as precise as the source")
    end: PartialDate | None = Field(None, description="when the post ended, as precise as the source")
    former: bool = Field(False, description="true when the source says the role is a former one")
    as_of: PartialDate | None = Field(None, description="when a source last reports the post as held (no end)")
    sources: list[SourceRef] = Field(default_factory=list, description="defaults to the record's sources")
    curator_note: Note | None = Field(None, description=CURATOR_NOTE)


class Expert(Record):
    """A person the sources name: a clinician, researcher or executive."""

    collection = "experts"

    credentials: list[Text] = Field(default_factory=list, description="titles such as 'Chief physician'")
    affiliations: list[Affiliation] = Field(default_factory=list, description="posts at organizations, current "
                                            "and former; at least one")
    country: Text | None = Field(None, description="the country the expert works in")
    orcid: Orcid | None = Field(None, description="ORCID iD, only when a source or orcid.org confirms it")
    topics: list[Ref("topics")] = Field(default_factory=list, description="topics the expert speaks about")
    targets: list[Ref("targets")] = Field(default_factory=list, description="targets the expert works on")


def _synthetic(number: int, record_id: str, ids: SyntheticIds) -> dict[str, Any]:
    return {"id": record_id, "name": f"Synthetic Expert {number}", "aliases": [f"Expert Synthetic {number}"],
            "affiliations": [{"organization": o, "role": "Professor"} for o in ids.pick("organizations", 2)],
            "targets": ids.pick("targets", 1), "sources": ids.cite(), "summary": "A synthetic expert. " * 20}


COLLECTION = Collection(
    model=Expert,
    title="Experts",
    singular="Expert",
    intro="A person the sources name: clinicians, researchers, executives.",
    position=10,
    columns=(Column("Name", "name", show="record"), Column("Chinese name", "name_zh"),
             Column("Affiliations", "affiliations.organization")),
    facets=(Facet("Organization", "affiliations.organization"), Facet("City", "affiliations.organization.city"),
            Facet("Topic", "topics"), Facet("Target", "targets")),
    backlinks={"affiliations": "People", "targets": "Experts working on this target"},
    shown_in_body=frozenset({("conferences", "participants"), ("topics", "viewpoints")}),
    rules=(Rule("E051", "expert has no affiliation", lambda expert: not expert.affiliations,
                "add 'affiliations:' with at least one organization"),),
    search_boost=3,
    synthetic=Synthetic(0.25, _synthetic),
)
