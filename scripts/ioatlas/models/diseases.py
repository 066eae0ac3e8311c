"""Diseases: cancers and disease groups, arranged as a tree through 'Kind of'."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .base import Record
from .collection import Collection, Column, Facet, Synthetic, SyntheticIds
from .types import Ref


class Disease(Record):
    """A cancer, or a group of cancers."""

    collection = "diseases"

    parent: Ref("diseases") | None = Field(None, description="the broader disease it is a kind of")
    category: Literal["solid-tumour", "haematological-malignancy", "disease-group"] | None = Field(
        None, description="solid tumour, haematological malignancy, or a group of diseases")


def _synthetic(number: int, record_id: str, ids: SyntheticIds) -> dict[str, Any]:
    parent = {"parent": ids.ids["diseases"][0]} if number else {}
    return {"id": record_id, "name": f"Synthetic carcinoma {number}", "name_zh": f"合成癌{number}型",
            "category": "solid-tumour", **parent, "sources": ids.cite()}


COLLECTION = Collection(
    model=Disease,
    title="Diseases",
    singular="Disease",
    intro="Cancers and disease groups, arranged through 'Kind of'.",
    position=60,
    columns=(Column("Name", "name", show="record"), Column("Kind of", "parent"), Column("Category", "category")),
    facets=(Facet("Category", "category"), Facet("Kind of", "parent")),
    backlinks={"parent": "Subtypes"},
    search_boost=2,
    synthetic=Synthetic(0.06, _synthetic),
)
