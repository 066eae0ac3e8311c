"""Targets: the molecules therapies are aimed at, named by their HGNC gene symbols."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .base import Record
from .collection import Collection, Column, Facet, Synthetic, SyntheticIds
from .types import Ref, Text

UNIPROT_ACCESSION = r"^(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})$"


class Target(Record):
    """A molecule therapies are aimed at: a tumour antigen, an immune checkpoint, a lineage marker."""

    collection = "targets"

    hgnc_symbol: Text | None = Field(None, pattern=r"^[A-Z0-9-]+$", description="the HGNC gene symbol, e.g. GPC3")
    full_name: Text | None = Field(None, description="the full name of the protein")
    category: Literal["immune-checkpoint", "tumour-antigen", "lineage-marker"] | None = Field(
        None, description="what sort of target it is")
    uniprot: Text | None = Field(None, pattern=UNIPROT_ACCESSION, description="the UniProt accession")
    diseases: list[Ref("diseases")] = Field(default_factory=list, description="diseases the sources name it as a "
                                            "target in")


def _synthetic(number: int, record_id: str, ids: SyntheticIds) -> dict[str, Any]:
    return {"id": record_id, "name": f"SYN{number}", "hgnc_symbol": f"SYN{number}", "category": "tumour-antigen",
            "sources": ids.cite()}


COLLECTION = Collection(
    model=Target,
    title="Targets",
    singular="Target",
    intro="Molecules that therapies are aimed at, with their HGNC gene symbols.",
    position=50,
    columns=(Column("Name", "name", show="record"), Column("HGNC symbol", "hgnc_symbol"),
             Column("Category", "category")),
    facets=(Facet("Category", "category"),),
    search_boost=3,
    search_fields=("hgnc_symbol",),
    synthetic=Synthetic(0.06, _synthetic),
)
