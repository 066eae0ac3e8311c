"""Sources: the documents facts are drawn from (articles, papers, registry records, notices)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .base import Record
from .collection import Collection, Column, Facet, Synthetic, SyntheticIds
from .types import Doi, PartialDate, Pmid, Ref, Text, Url

SourceKind = Literal[
    "interview", "news", "press-release", "feature", "journal-article", "letter", "registry-record",
    "regulator-notice", "company-release", "guideline", "review",
]


class Source(Record):
    """A document facts are drawn from: an article, a paper, a registry record, a notice."""

    collection = "sources"

    kind: SourceKind = Field(description="what sort of document")
    language: Literal["en", "zh", "en-translated-from-zh"] = Field(description="the language of the text read")
    reliability: Literal["first-hand", "secondary", "aggregator"] = Field(
        description="first-hand: journal, registry, regulator, the organisation itself; secondary: "
        "edited media; aggregator: republished or machine-translated copies")
    authors: list[Text] = Field(default_factory=list, description="the authors, as printed")
    publisher: Ref("organizations") | None = Field(None, description="outlet or publisher, as an organization")
    republished_by: Ref("organizations") | None = Field(None, description="the outlet whose copy was read, when "
                                                        "that is not the original")
    journal: Text | None = Field(None, description="the journal, for a paper")
    citation: Text | None = Field(None, description="volume(issue):pages")
    published: PartialDate | None = Field(None, description="when it was published")
    updated: PartialDate | None = Field(None, description="when it was last updated")
    url: Url | None = Field(None, description="the address of the text read")
    doi: Doi | None = Field(None, description="the DOI, bare (10.xxxx/…)")
    pmid: Pmid | None = Field(None, description="the PubMed id")


def _synthetic(number: int, record_id: str, ids: SyntheticIds) -> dict[str, Any]:
    return {"id": record_id, "name": f"Synthetic article {number}", "kind": "news", "language": "en",
            "reliability": "secondary", "published": f"20{10 + number % 15}-0{1 + number % 9}"}


COLLECTION = Collection(
    model=Source,
    title="Sources",
    singular="Source",
    intro="Everything the atlas cites: articles, papers, registry records, notices.",
    position=90,
    columns=(Column("Title", "name", show="record"), Column("Kind", "kind"),
             Column("Published", "published", fallback="updated"), Column("Reliability", "reliability")),
    facets=(Facet("Kind", "kind"), Facet("Reliability", "reliability"), Facet("Language", "language"),
            Facet("Year", "published", year=True), Facet("Publisher", "publisher")),
    backlinks={"publisher": "Published", "republished_by": "Republished"},
    search_boost=0.2,
    synthetic=Synthetic(0.12, _synthetic),
)
