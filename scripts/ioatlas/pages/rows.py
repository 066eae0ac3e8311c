"""The table rows of record pages, written in Python: a record page has a dozen or more, and a Jinja macro call
cost more than the row itself (about a third of generating a record page went to macro calls).

The HTML is exactly what the macros wrote: ``tr`` a ``<tr>`` with one ``<td>`` per cell, each cell escaped as
``{{ }}`` escapes it (record_html.py), and ``row`` a labelled row of a record's field with the citation marks
of that field's sources, or nothing when the field has no value.
"""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

from ..markdown_text import escape_html


def _cell(value: object) -> str:
    return "" if value is None else escape_html(value)


def tr(*cells: object) -> Markup:
    """One table row, a cell for each argument."""
    return Markup("<tr>\n" + "".join(f"<td>{_cell(cell)}</td>\n" for cell in cells) + "</tr>\n")


@jinja2.pass_context
def row(context: jinja2.runtime.Context, label: str, value: Any, field: str = "") -> Markup:
    """The row of one field of the page's record, its value followed by the marks of the field's sources (the
    record's, when no field is named); nothing when the value is empty."""
    if not value:
        return Markup("")
    page, record = context["page"], context["record"]
    marks = page.cite_field(record, field) if field else page.cite(record.sources)
    cell = Markup(_cell(value)) + (Markup(" ") + marks if marks else "")
    return Markup(tr(label, cell) + "\n")
