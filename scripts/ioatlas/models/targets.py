from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Record
from .types import Text

UNIPROT_ACCESSION = r"^(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})$"


class Target(Record):
    collection = "targets"
    title_singular = "Target"

    hgnc_symbol: Text | None = Field(None, pattern=r"^[A-Z0-9-]+$")
    full_name: Text | None = None
    category: Literal["immune-checkpoint", "tumour-antigen", "lineage-marker"] | None = None
    uniprot: Text | None = Field(None, pattern=UNIPROT_ACCESSION)
