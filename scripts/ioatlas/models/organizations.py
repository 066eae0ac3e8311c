"""Organizations: hospitals, universities, companies, societies and their committees, agencies, media."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .base import Record
from .collection import Collection, Column, Facet, Synthetic, SyntheticIds
from .types import Ref, Ror, Text, Url

OrganizationKind = Literal[
    "hospital", "university", "company", "society", "committee", "agency", "media", "research-institute",
    "laboratory", "programme", "journal", "department",
]


class Organization(Record):
    """A hospital, university, company, society or committee, agency, journal or media outlet."""

    collection = "organizations"

    kind: OrganizationKind = Field(description="what sort of organization it is")
    parent: Ref("organizations") | None = Field(None, description="e.g. the society a committee belongs to")
    city: Text | None = Field(None, description="the city of its main site, in English")
    country: Text | None = Field(None, description="the country of its main site")
    ror: Ror | None = Field(None, description="Research Organization Registry id, only when confirmed")
    url: Url | None = Field(None, description="its official website")


def _synthetic(number: int, record_id: str, ids: SyntheticIds) -> dict[str, Any]:
    parent = {"parent": ids.ids["organizations"][0]} if number else {}
    return {"id": record_id, "name": f"Synthetic Hospital {number}", "name_zh": f"合成医院{number}号",
            "kind": "hospital", "city": "Synthetic City", **parent, "sources": ids.cite()}


COLLECTION = Collection(
    model=Organization,
    title="Organizations",
    singular="Organization",
    intro="Hospitals, universities, companies, societies and their committees, agencies and media.",
    position=20,
    columns=(Column("Name", "name", show="record"), Column("Kind", "kind"), Column("Part of", "parent"),
             Column("City", "city")),
    facets=(Facet("Kind", "kind"), Facet("City", "city"), Facet("Part of", "parent")),
    backlinks={"parent": "Part of this organization"},
    shown_in_body=frozenset({("experts", "affiliations")}),
    search_boost=2,
    synthetic=Synthetic(0.12, _synthetic),
)
