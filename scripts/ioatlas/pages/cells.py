"""The cells of a collection's index table as HTML, computed from its declared ``Column``s, and the table.

By default a cell shows its values by the type of the field: records it references as links, words of
a fixed vocabulary as labels, anything else as text; a column's ``show`` asks for another form.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal

from markupsafe import Markup

from ..graph import Graph
from ..markdown_text import escape_html
from ..models import Record
from ..models.collection import Column
from ..models.refs import nested_model
from .record_html import RecordPage, label, period


def _literal_values(annotation: object) -> tuple[str, ...]:
    """The words of a Literal, possibly inside Optional, list or Annotated, in their declared order; () for any
    other annotation."""
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return tuple(str(value) for value in typing.get_args(annotation))
    if origin is typing.Annotated:
        return _literal_values(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        return tuple(word for arg in typing.get_args(annotation) for word in _literal_values(arg))
    return ()


def vocabulary(model: type[Record], path: str) -> tuple[str, ...]:
    """The words of the fixed vocabulary of the field at a dotted path, in declared order; () when it has none."""
    names = tuple(path.split("."))
    holder = nested_model(model, names[:-1])
    info = holder.model_fields.get(names[-1]) if holder else None
    return _literal_values(info.annotation) if info is not None else ()


def is_vocabulary(model: type[Record], path: str) -> bool:
    """True when the field at a dotted path holds words of a fixed vocabulary (shown as labels)."""
    return bool(vocabulary(model, path))


def _show(values: list[Any], vocabulary: bool, page: RecordPage) -> Markup:
    if all(isinstance(v, Record) for v in values):
        return Markup(", ").join(page.link(v) for v in values)
    shown = (label(v) if vocabulary else escape_html(v) for v in values)
    return Markup(", ").join(shown)


def cell(column: Column, record: Record, graph: Graph, page: RecordPage) -> Markup:
    """One cell, its links relative to where ``page`` is published (an index page, or the rows file beside it)."""
    if column.show == "record":
        return page.link(record)
    if column.show == "period":
        return period(record.start, record.end) if record.start else Markup("")  # type: ignore[attr-defined]
    if column.show == "count":
        return escape_html(len(getattr(record, column.path)))
    path = column.path
    values = graph.values(record, path)
    if not values and column.fallback:
        path, values = column.fallback, graph.values(record, column.fallback)
    if not values:
        return escape_html(column.empty) if column.empty else Markup("")
    if column.show in ("text", "raw"):
        return Markup(", ").join(escape_html(v) for v in values)
    return _show(values, is_vocabulary(type(record), path), page)


def cells_html(columns: tuple[Column, ...], record: Record, graph: Graph, page: RecordPage) -> list[str]:
    return [cell(column, record, graph, page) for column in columns]


def table_html(headers: list[str], rows: list[list[str]]) -> Markup:
    """A table as Python-Markdown writes a Markdown table (headers are text, cells HTML already)."""
    head = "".join(f"<th>{escape_html(header)}</th>\n" for header in headers)
    body = "".join("<tr>\n" + "".join(f"<td>{cell}</td>\n" for cell in cells) + "</tr>\n" for cells in rows)
    return Markup(f"<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>")
