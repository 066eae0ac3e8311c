"""Topics: clinical themes the experts speak about, with their attributed viewpoints."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .base import CURATOR_NOTE, Record, SourceRef, Strict
from .collection import Collection, Column, Facet, Synthetic, SyntheticIds
from .types import Markdown, Note, PartialDate, Ref


class Viewpoint(Strict):
    """What one expert said about the topic, in our own words, attributed and cited."""

    expert: Ref("experts") = Field(description="who said it")
    conference: Ref("conferences") | None = Field(None, description="where it was said")
    date: PartialDate | None = Field(None, description="when it was said")
    summary: Markdown = Field(description="what was said, in our own words")
    sources: list[SourceRef] = Field(min_length=1, description="the sources that report it")
    curator_note: Note | None = Field(None, description=CURATOR_NOTE)


class Topic(Record):
    """A clinical theme experts speak about, such as resistance to immunotherapy."""

    collection = "topics"

    parent: Ref("topics") | None = Field(None, description="the broader topic")
    viewpoints: list[Viewpoint] = Field(default_factory=list, description="what experts said about it")
    therapies: list[Ref("therapies")] = Field(default_factory=list, description="therapies the topic concerns")
    targets: list[Ref("targets")] = Field(default_factory=list, description="targets the topic concerns")
    documents: list[Ref("sources")] = Field(default_factory=list, description="guidelines and key papers")


def _synthetic(number: int, record_id: str, ids: SyntheticIds) -> dict[str, Any]:
    viewpoints = [{"expert": e, "summary": "A synthetic viewpoint. " * 8, "sources": ids.cite()}
                  for e in ids.pick("experts", 3)]
    cited = sorted({s for view in viewpoints for s in view["sources"]} | set(ids.cite()))
    return {"id": record_id, "name": f"Synthetic topic {number}", "therapies": ids.pick("therapies", 1),
            "viewpoints": viewpoints, "sources": cited}


COLLECTION = Collection(
    model=Topic,
    title="Topics",
    singular="Topic",
    intro="Clinical themes the experts speak about, with their attributed viewpoints.",
    position=80,
    columns=(Column("Name", "name", show="record"), Column("Viewpoints", "viewpoints", show="count"),
             Column("Part of", "parent")),
    facets=(Facet("Expert", "viewpoints.expert"), Facet("Therapy", "therapies"), Facet("Target", "targets")),
    backlinks={"parent": "Subtopics", "viewpoints": "Viewpoints on topics"},
    search_boost=1,
    synthetic=Synthetic(0.06, _synthetic),
)
