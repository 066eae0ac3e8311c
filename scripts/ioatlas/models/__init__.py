"""Pydantic models, one module per collection: the single source of truth for the record schema.

The registry is found, not written: every module of this package that defines ``COLLECTION`` (a
``collection.Collection``) adds that collection, in the order of its ``position``. A new collection is
one new module here plus its page template, ``templates/<collection>.md.j2``.
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import Fact, Record
from .collection import Collection


def _discover() -> dict[str, Collection]:
    found: list[Collection] = []
    for module in pkgutil.iter_modules(__path__):
        declared = getattr(importlib.import_module(f"{__name__}.{module.name}"), "COLLECTION", None)
        if isinstance(declared, Collection):
            found.append(declared)
    found.sort(key=lambda collection: (collection.position, collection.name))
    return {collection.name: collection for collection in found}


COLLECTIONS: dict[str, Collection] = _discover()
MODELS: dict[str, type[Record]] = {name: collection.model for name, collection in COLLECTIONS.items()}

__all__ = ["COLLECTIONS", "MODELS", "Collection", "Fact", "Record"]
