from __future__ import annotations

from pydantic import Field

from .base import Record, SourceRef, Strict
from .types import Markdown, PartialDate, Ref


class Viewpoint(Strict):
    """What one expert said about the topic, in our own words, attributed and cited."""

    expert: Ref("experts")
    conference: Ref("conferences") | None = None
    date: PartialDate | None = None
    summary: Markdown
    sources: list[SourceRef] = Field(min_length=1)


class Topic(Record):
    collection = "topics"
    title_singular = "Topic"

    parent: Ref("topics") | None = None
    viewpoints: list[Viewpoint] = Field(default_factory=list)
    therapies: list[Ref("therapies")] = Field(default_factory=list)
    targets: list[Ref("targets")] = Field(default_factory=list)
    documents: list[SourceRef] = Field(default_factory=list, description="guidelines and key papers")
