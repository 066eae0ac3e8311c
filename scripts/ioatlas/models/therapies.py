"""Therapies: modalities as a tree (cell therapy → CAR-T) and named products, with their approvals."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .base import CURATOR_NOTE, Record, SourceRef, Strict
from .collection import Collection, Column, Facet, Synthetic, SyntheticIds
from .types import Note, PartialDate, Ref, Text


class Approval(Strict):
    """A regulator's approval of a product for an indication."""

    agency: Ref("organizations") = Field(description="the regulator that approved it")
    date: PartialDate = Field(description="the date of approval")
    indication: Text | None = Field(None, description="the approved use, in English")
    pathway: Literal["full", "conditional"] | None = Field(None, description="a full approval, or a conditional "
                                                           "one that awaits confirmatory results")
    diseases: list[Ref("diseases")] = Field(default_factory=list, description="the diseases the approval covers")
    sources: list[SourceRef] = Field(min_length=1, description="the sources that report the approval")
    curator_note: Note | None = Field(None, description=CURATOR_NOTE)


class Therapy(Record):
    """A kind of treatment (a modality, such as CAR-T) or a named product, technique or regimen."""

    collection = "therapies"

    kind: Literal["modality", "product", "technique", "regimen"] = Field(
        description="a modality is a kind of therapy; a product has a name, a code or a brand")
    parent: Ref("therapies") | None = Field(None, description="the modality this belongs to")
    inn: Text | None = Field(None, description="international non-proprietary name of a product")
    codes: list[Text] = Field(default_factory=list, description="development codes, e.g. CT041")
    brand_names: list[Text] = Field(default_factory=list, description="trade names")
    targets: list[Ref("targets")] = Field(default_factory=list, description="the molecules it acts on")
    developers: list[Ref("organizations")] = Field(default_factory=list, description="who develops it")
    marketed_by: list[Ref("organizations")] = Field(default_factory=list, description="partners that market it "
                                                    "(in China, where the sources say so)")
    diseases: list[Ref("diseases")] = Field(default_factory=list, description="diseases it is used or studied for")
    approvals: list[Approval] = Field(default_factory=list, description="regulatory approvals")

    def all_names(self) -> list[str]:
        return [*super().all_names(), *self.codes, *self.brand_names]


def _synthetic(number: int, record_id: str, ids: SyntheticIds) -> dict[str, Any]:
    parent = {"parent": ids.ids["therapies"][0]} if number else {}
    return {"id": record_id, "name": f"Synthetic therapy {number}", "kind": "product" if number else "modality",
            **parent, "targets": [ids.next_id("targets")], "developers": ids.pick("organizations", 1),
            "sources": ids.cite()}


COLLECTION = Collection(
    model=Therapy,
    title="Therapies",
    singular="Therapy",
    intro="Modalities, arranged as a tree through 'Belongs to', and named products.",
    position=40,
    columns=(Column("Name", "name", show="record"), Column("Kind", "kind"), Column("Belongs to", "parent"),
             Column("Targets", "targets"), Column("Stage in China", "stage")),
    # "ancestors" and "stage" are derived (derived.py): a modality's filter keeps every therapy below it
    facets=(Facet("Kind", "kind"), Facet("Modality", "ancestors"), Facet("Target", "targets"),
            Facet("Stage in China", "stage"), Facet("Approved by", "approvals.agency")),
    backlinks={"parent": "Kinds and products", "developers": "Therapies developed", "approvals": "Approvals"},
    search_boost=2,
    search_fields=("inn",),
    synthetic=Synthetic(0.10, _synthetic),
)
