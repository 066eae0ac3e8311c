"""Find every reference a record makes, by reading the ``RefTo`` markers on model fields.

References are stored once, on the record that states them; the graph derives backlinks from
the tuples this module yields, so no template or check needs to know field names.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel

from .types import RefTo

Loc = tuple[str | int, ...]


def _unwrap(annotation: object) -> tuple[str | None, type[BaseModel] | None]:
    """(referenced collection, nested model) found inside an annotation, either may be None."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        for meta in annotation.__metadata__:  # type: ignore[attr-defined]
            if isinstance(meta, RefTo):
                return meta.collection, None
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if found != (None, None):
                return found
        return None, None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return None, annotation
    return None, None


@cache
def field_kinds(model: type[BaseModel]) -> dict[str, tuple[str | None, type[BaseModel] | None]]:
    kinds = {}
    for name, info in model.model_fields.items():
        target = next((m.collection for m in info.metadata if isinstance(m, RefTo)), None)
        kinds[name] = (target, None) if target else _unwrap(info.annotation)
    return kinds


def iter_refs(obj: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str, str]]:
    """Yield (location of the field, target collection, target id) for every reference in ``obj``."""
    for name, (target, nested) in field_kinds(type(obj)).items():
        value = getattr(obj, name)
        if value is None or (target is None and nested is None):
            continue
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            item_loc = (*loc, name) if index is None else (*loc, name, index)
            if target is not None:
                yield item_loc, target, item
            elif isinstance(item, BaseModel):
                yield from iter_refs(item, item_loc)


def nested_model(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that holds the fields at ``loc`` (list indexes skipped)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        if part not in current.model_fields:
            return None
        current = field_kinds(current)[part][1]
    return current
