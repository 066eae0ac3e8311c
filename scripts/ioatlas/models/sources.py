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
    synthetic=Synthetic(0.12, _synthetic),
)
