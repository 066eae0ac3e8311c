from __future__ import annotations

from typing import Literal

from .base import Record
from .types import Ref


class Disease(Record):
    collection = "diseases"
    title_singular = "Disease"

    parent: Ref("diseases") | None = None
    category: Literal["solid-tumour", "haematological-malignancy", "disease-group"] | None = None
