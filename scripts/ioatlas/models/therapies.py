from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Record, SourceRef, Strict
from .types import PartialDate, Ref, Text


class Approval(Strict):
    agency: Ref("organizations")
    date: PartialDate
    indication: Text | None = None
    diseases: list[Ref("diseases")] = Field(default_factory=list)
    sources: list[SourceRef] = Field(min_length=1)


class Therapy(Record):
    collection = "therapies"
    title_singular = "Therapy"

    kind: Literal["modality", "product", "technique", "regimen"]
    parent: Ref("therapies") | None = Field(None, description="the modality this belongs to")
    inn: Text | None = Field(None, description="international non-proprietary name of a product")
    codes: list[Text] = Field(default_factory=list, description="development codes, e.g. CT041")
    brand_names: list[Text] = Field(default_factory=list)
    targets: list[Ref("targets")] = Field(default_factory=list)
    developers: list[Ref("organizations")] = Field(default_factory=list)
    diseases: list[Ref("diseases")] = Field(default_factory=list)
    approvals: list[Approval] = Field(default_factory=list)

    def all_names(self) -> list[str]:
        return [*super().all_names(), *self.codes, *self.brand_names]
