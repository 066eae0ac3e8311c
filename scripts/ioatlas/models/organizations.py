from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Record
from .types import Ref, Ror, Text, Url

OrganizationKind = Literal[
    "hospital", "university", "company", "society", "committee", "agency", "media", "research-institute",
    "laboratory", "programme", "journal", "department",
]


class Organization(Record):
    collection = "organizations"
    title_singular = "Organization"

    kind: OrganizationKind
    parent: Ref("organizations") | None = Field(None, description="e.g. the society a committee belongs to")
    city: Text | None = None
    country: Text | None = None
    ror: Ror | None = None
    url: Url | None = None
