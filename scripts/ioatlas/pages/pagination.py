"""Long tables split into numbered static pages, so that no page grows past what a browser reads quickly.

A table of more rows than ``ROWS_PER_PAGE`` is split: page 1 stays at the table's own address, page n is
published under it at ``page_n/`` (docs ``trials/page_2.md`` beside ``trials/index.md``, or
``contributing/review-queue/page_2.md`` under ``contributing/review-queue.md``). A record id never holds an
underscore (``models.types.ID_PATTERN``), so no page of a table can take a record's address. Every page says
which rows it holds ("Records 501–1,000 of 10,000") and links to the first, previous, next and last pages, so
every row is reachable without JavaScript. With JavaScript, ``docs/assets/ioatlas-index.js`` filters and
sorts all the rows of the table, which it reads from the rows file beside page 1 (``outputs/table_rows.py``).

``ROWS_PER_PAGE`` was measured on 2,000 synthetic records (``ioatlas bench`` data): a built page weighs about
25 KB of theme plus 320–330 bytes per index row (trials, experts), 155 per review-queue row and 600 per
timeline event with its share of the source list; 500 rows keep the heaviest page near 330 KB, and leave
room for real rows that are twice as heavy, well under 1 MB.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePosixPath

from markupsafe import Markup

from ..markdown_text import escape_html
from ..urls import page_href, published_url

ROWS_PER_PAGE = 500
ROWS_FILE = "rows.json"  # the rows of a split table, beside its first page, for the filters script


@dataclass(frozen=True)
class Slice:
    """One page of a table: its number (from 1), its rows ``start:end`` of ``total``, and where it lives."""

    number: int
    pages: int
    start: int
    end: int
    total: int
    path: PurePosixPath  # docs-relative


def page_path(first: PurePosixPath, number: int) -> PurePosixPath:
    """Where page ``number`` of the table whose first page is ``first`` lives (docs-relative)."""
    if number == 1:
        return first
    folder = first.parent if first.name == "index.md" else first.with_suffix("")
    return folder / f"page_{number}.md"


def split(first: PurePosixPath, total: int, per_page: int | None = None) -> list[Slice]:
    """The pages of a table of ``total`` rows, at most ``per_page`` (default ``ROWS_PER_PAGE``) each; a table
    that fits, an empty one included, is one page at its own address."""
    size = per_page or ROWS_PER_PAGE
    pages = max(1, -(-total // size))
    return [Slice(n, pages, (n - 1) * size, min(n * size, total), total, page_path(first, n))
            for n in range(1, pages + 1)]


def rows_path(first: PurePosixPath) -> PurePosixPath:
    """The rows file of the table whose first page is ``first``: beside it (``trials/rows.json``)."""
    return first.parent / ROWS_FILE


def _number(value: int) -> str:
    return f"{value:,}"


def span(part: Slice, noun: str) -> str:
    """'Records 501–1,000 of 10,000' (``noun`` plural, capitalised by this function)."""
    if not part.total:
        return f"No {noun}"
    return f"{noun.capitalize()} {_number(part.start + 1)}–{_number(part.end)} of {_number(part.total)}"


def pagers(part: Slice, parts: list[Slice], noun: str, detail: str = "") -> tuple[Markup, Markup]:
    """The page links shown above and below the table (each its own landmark, named apart); none when the
    table is one page."""
    if len(parts) == 1:
        return Markup(""), Markup("")
    return pager(part, parts, noun, detail, "above"), pager(part, parts, noun, detail, "below")


def pager(part: Slice, parts: list[Slice], noun: str, detail: str = "", where: str = "above") -> Markup:
    """The links between the pages of a split table, as HTML (a raw block on a Markdown page too, whose links
    MkDocs would not rewrite: they are published addresses); the links a page cannot follow (page 1 has no
    previous page) are shown as plain words. ``detail`` is shown after the span ('2019-03 to 2022-01');
    ``where`` names the links' place in their landmark's label."""
    targets = (("First", parts[0]), ("Previous", parts[max(part.number - 2, 0)]),
               ("Next", parts[min(part.number, len(parts) - 1)]), ("Last", parts[-1]))
    links = [Markup(f'<a href="{page_href(part.path, target.path)}">{word}</a>') if target.number != part.number
             else Markup(f'<span class="ioa-pager-off">{word}</span>') for word, target in targets]
    said = escape_html(span(part, noun) + (f", {detail}" if detail else "") + f" (page {part.number} of {part.pages}):")
    opening = f'<nav class="ioa-pager" aria-label="Pages of this table, {where} it">'
    return (Markup(opening) + said
            + Markup(" ") + Markup(" · ").join(links) + Markup("</nav>"))


def json_block(value: dict[str, object], element_id: str = "ioa-index-data") -> Markup:
    """A JSON data block for the filters script (``type="application/json"``, never run); ``</`` is escaped so
    no value can close it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return Markup(f'<script type="application/json" id="{element_id}">{text}</script>')


def paged_data(part: Slice, parts: list[Slice], facets: list[str], noun: tuple[str, str] | None = None,
               optional: dict[str, str] | None = None) -> Markup:
    """The data block of one page of a split table: its facets and where the script finds the rows of the whole
    table and the other pages, as addresses relative to this page."""
    first = parts[0].path
    paged = {"rows": published_url(rows_path(first), part.path, ""), "page": part.number,
             "pages": [published_url(other.path, part.path, "") for other in parts],
             "size": parts[0].end, "total": part.total}
    spec: dict[str, object] = {"facets": facets, "paged": paged}
    if noun:
        spec["noun"] = list(noun)
    if optional:
        spec["optional"] = optional
    return json_block(spec)
