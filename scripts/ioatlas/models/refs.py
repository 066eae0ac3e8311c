"""Find what a record points at by the types of its fields: references (``RefTo`` markers) to other
records, and outside identifiers (``Identifier`` values), at any depth.

References are stored once, on the record that states them; the graph derives backlinks from the
``Reference`` tuples this module yields, and link checks and structured data read identifiers by their
scheme, so neither needs to know a field's name.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .types import Identifier, NeverShown, RefTo

Loc = tuple[str | int, ...]


class Reference(NamedTuple):
    loc: Loc  # where in the record, e.g. ("affiliations", 0, "organization")
    to: RefTo  # the referenced collection, and whether this is a citation
    id: str  # the referenced record's id


def _unwrap(annotation: object) -> tuple[RefTo | None, type[BaseModel] | None]:
    """(reference marker, nested model) found inside an annotation, either may be None."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        for meta in annotation.__metadata__:  # type: ignore[attr-defined]
            if isinstance(meta, RefTo):
                return meta, None
        return _unwrap(typing.get_args(annotation)[0])
    if origin is dict:
        return _unwrap(typing.get_args(annotation)[1])
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
def field_kinds(model: type[BaseModel]) -> dict[str, tuple[RefTo | None, type[BaseModel] | None]]:
    """Field name -> (reference marker, nested model) for every field of ``model``."""
    kinds = {}
    for name, info in model.model_fields.items():
        marker = next((m for m in info.metadata if isinstance(m, RefTo)), None)
        kinds[name] = (marker, None) if marker else _unwrap(info.annotation)
    return kinds


def _items(value: Any) -> list[tuple[tuple[str | int, ...], Any]]:
    """(steps below the field, item) for a single value, a list, or a mapping of lists."""
    if isinstance(value, dict):
        return [((key, index), item) for key, items in value.items() for index, item in enumerate(items)]
    if isinstance(value, list):
        return [((index,), item) for index, item in enumerate(value)]
    return [((), value)]


def iter_refs(obj: BaseModel, loc: Loc = ()) -> Iterator[Reference]:
    """Every reference in ``obj``, nested models included, in field order."""
    for name, (marker, nested) in field_kinds(type(obj)).items():
        value = getattr(obj, name)
        if value is None or (marker is None and nested is None):
            continue
        for steps, item in _items(value):
            item_loc = (*loc, name, *steps)
            if marker is not None:
                yield Reference(item_loc, marker, item)
            elif isinstance(item, BaseModel):
                yield from iter_refs(item, item_loc)


def iter_identifiers(obj: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Identifier]]:
    """Every outside identifier and web address in ``obj``, nested models included, in field order."""
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        for steps, item in _items(value):
            item_loc = (*loc, name, *steps)
            if isinstance(item, Identifier):
                yield item_loc, item
            elif isinstance(item, BaseModel):
                yield from iter_identifiers(item, item_loc)


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


def marker_at(model: type[BaseModel], path: tuple[str, ...]) -> RefTo | None:
    """The reference marker of the field at a dotted ``path`` of field names, or None if it holds no reference."""
    holder = nested_model(model, path[:-1])
    if holder is None or path[-1] not in holder.model_fields:
        raise KeyError(".".join(path))
    return field_kinds(holder)[path[-1]][0]


def _never_shown(annotation: object) -> bool:
    if typing.get_origin(annotation) is typing.Annotated:
        if any(isinstance(meta, NeverShown) for meta in annotation.__metadata__):  # type: ignore[attr-defined]
            return True
        return _never_shown(typing.get_args(annotation)[0])
    return any(_never_shown(arg) for arg in typing.get_args(annotation))


def is_shown(info: FieldInfo) -> bool:
    """Whether readers may see a field: not marked ``NeverShown`` (a note for curators) at any depth of its type."""
    return not (_never_shown(info.annotation) or any(isinstance(meta, NeverShown) for meta in info.metadata))


@cache
def shown_field_names(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(name for name, info in model.model_fields.items() if is_shown(info))


def iter_texts(obj: BaseModel, loc: Loc = (), *, shown_only: bool = False) -> Iterator[tuple[Loc, str]]:
    """Every text value of ``obj``, notes for curators included (the repository and each record's published
    YAML show them); with ``shown_only``, only what readers may see on a page (fields marked ``NeverShown``
    are left out, with everything inside them)."""
    names = shown_field_names(type(obj)) if shown_only else tuple(type(obj).model_fields)
    for name in names:
        for steps, item in _items(getattr(obj, name)):
            item_loc = (*loc, name, *steps)
            if isinstance(item, BaseModel):
                yield from iter_texts(item, item_loc, shown_only=shown_only)
            elif isinstance(item, str):
                yield item_loc, item


def iter_shown_texts(obj: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every text value readers may see on a page."""
    return iter_texts(obj, loc, shown_only=True)
