from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Record
from .types import Doi, PartialDate, Pmid, Ref, Text, Url

SourceKind = Literal[
    "interview", "news", "press-release", "feature", "journal-article", "letter", "registry-record",
    "regulator-notice", "company-release", "guideline", "review",
]


class Source(Record):
    """A document facts are drawn from: an article, a paper, a registry record, a notice."""

    collection = "sources"
    title_singular = "Source"

    kind: SourceKind
    language: Literal["en", "zh", "en-translated-from-zh"]
    reliability: Literal["first-hand", "secondary", "aggregator"] = Field(
        description="first-hand: journal, registry, regulator, the organisation itself; secondary: "
        "edited media; aggregator: republished or machine-translated copies")
    authors: list[Text] = Field(default_factory=list)
    publisher: Ref("organizations") | None = Field(None, description="outlet or publisher, as an organization")
    republished_by: Ref("organizations") | None = None
    journal: Text | None = None
    citation: Text | None = Field(None, description="volume(issue):pages")
    published: PartialDate | None = None
    updated: PartialDate | None = None
    url: Url | None = None
    doi: Doi | None = None
    pmid: Pmid | None = None
    seed_file: Text | None = Field(None, description="file name under shared/seeds/ this record was read from")
