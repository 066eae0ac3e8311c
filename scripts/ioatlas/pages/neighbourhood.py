"""The neighbourhood diagram of a record page: the records it links to on the left, the record in the middle,
the records that link to it on the right, drawn at build time as inline SVG (no script, no outside host).

Citations are left out on both sides (the page's numbered source list shows them), and so are source records,
whose page is mostly its list of citing records. Each side shows at most ``PER_SIDE`` records and says how
many more there are; the page's own lists ("Key facts", "Linked from") stay the complete, readable account.
Colours come from the stylesheet (``.ioa-hood`` in ioatlas.css), so the diagram follows light and dark mode.
"""

from __future__ import annotations

import html

from markupsafe import Markup

from ..graph import Graph
from ..models import COLLECTIONS, Record
from ..urls import page_href, record_page

PER_SIDE = 8
WIDTH = 400  # narrow, so that the text stays legible when a phone scales the drawing down to its width
ROW = 28  # height of one node's row
BOX_W, BOX_H = 140, 22
PADDING = 8  # room left between a label and its box's edges
LEFT_X, RIGHT_X = 0, WIDTH - BOX_W
CENTRE_W = 112  # the gap between the sides less room for the lines
CENTRE_X = (WIDTH - CENTRE_W) // 2
# Estimated advance widths at the drawing's 11 px: wide Latin capitals, the common narrow letters, Chinese
# characters a full em; measured against DejaVu Sans, the widest of the fonts the theme falls back to.
_WIDE, _NARROW, _FULL, _OTHER = 8.0, 3.6, 11.0, 6.6


def _advance(character: str) -> float:
    if "\u2e80" <= character <= "\u9fff" or "\uff00" <= character <= "\uffef":
        return _FULL
    if character in "MWmw@%" or character.isupper():
        return _WIDE
    if character in "iljtf.,;:'|!()[] ":
        return _NARROW
    return _OTHER


def fits(label: str, width: int) -> str:
    """``label`` as it fits in a box ``width`` wide: whole, or cut with "…" (the full name is the tooltip)."""
    room = width - 2 * PADDING
    if sum(map(_advance, label)) <= room:
        return label
    used, kept = _advance("…"), []
    for character in label:
        used += _advance(character)
        if used > room:
            break
        kept.append(character)
    return "".join(kept).rstrip() + "…"


def _url(from_record: Record, to: Record) -> str:
    return page_href(record_page(from_record.collection, from_record.id), record_page(to.collection, to.id))


def _node(x: int, y: int, width: int, record: Record, url: str | None, css: str) -> str:
    kind = COLLECTIONS[record.collection].singular
    label = html.escape(fits(record.name, width))
    title = html.escape(f"{record.name} ({kind})")
    box = (f'<rect x="{x}" y="{y}" width="{width}" height="{BOX_H}" rx="4"/>'
           f'<text x="{x + width // 2}" y="{y + 15}" text-anchor="middle">{label}</text>')
    if url is None:
        return f'<g class="{css}"><title>{title}</title>{box}</g>'
    return f'<a class="{css}" href="{html.escape(url)}"><title>{title}</title>{box}</a>'


def _more(x: int, y: int, count: int, anchor: str | None) -> str:
    """'+ N more': a link to the section of the page that lists them all, when there is one such section."""
    text = f'<text x="{x + BOX_W // 2}" y="{y + 15}" text-anchor="middle">+ {count} more</text>'
    if anchor is None:
        return f'<g class="ioa-hood-more">{text}</g>'
    return f'<a class="ioa-hood-more" href="#{anchor}"><title>All of them, listed below</title>{text}</a>'


def _side(record: Record, others: list[Record], x: int, top: int, edge_x: int, centre: tuple[int, int],
          anchor: str | None) -> list[str]:
    parts = []
    shown = others[:PER_SIDE]
    for row, other in enumerate(shown):
        y = top + row * ROW
        parts.append(f'<line x1="{edge_x}" y1="{y + BOX_H // 2}" x2="{centre[0]}" y2="{centre[1]}"/>')
        parts.append(_node(x, y, BOX_W, other, _url(record, other), f"ioa-hood-{other.collection}"))
    if len(others) > PER_SIDE:
        parts.append(_more(x, top + len(shown) * ROW, len(others) - PER_SIDE, anchor))
    return parts


def _rows(side: list[Record]) -> int:
    return min(len(side), PER_SIDE) + (len(side) > PER_SIDE)


def _top(side: list[Record], height: int) -> int:
    """Where a side's first row goes so that the side is centred on the record."""
    return (height - _rows(side) * ROW) // 2


def diagram(graph: Graph, record: Record) -> Markup:
    """The figure for ``record``'s page, or nothing when it has no neighbours to draw."""
    if record.collection == "sources":
        return Markup("")
    links, linked_from = graph.links_of(record), graph.linked_from(record)
    if not links and not linked_from:
        return Markup("")
    height = max(_rows(links), _rows(linked_from), 1) * ROW
    centre_y = (height - BOX_H) // 2
    lines_to = (WIDTH // 2, centre_y + BOX_H // 2)
    # the records it links to are spread over the page's sections; those linking to it are listed together
    # under "Linked from", unless the page shows them all in tables of its own (Collection.shown_in_body)
    in_body = COLLECTIONS[record.collection].shown_in_body
    listed = any(group not in in_body for group in graph.backlinks(record))
    parts = _side(record, links, LEFT_X, _top(links, height), LEFT_X + BOX_W, lines_to, None)
    parts += _side(record, linked_from, RIGHT_X, _top(linked_from, height), RIGHT_X, lines_to,
                   "linked-from" if listed else None)
    parts.append(_node(CENTRE_X, centre_y, CENTRE_W, record, None, "ioa-hood-self"))
    name = html.escape(record.name)
    label = (f"{name} links to {len(links)} record{'s' * (len(links) != 1)} and is linked from "
             f"{len(linked_from)}")
    svg = (f'<svg class="ioa-hood" viewBox="0 0 {WIDTH} {height}" role="group" aria-label="{label}">'
           + "".join(parts) + "</svg>")
    shown = {other.collection for other in [*links[:PER_SIDE], *linked_from[:PER_SIDE]]}
    legend = "".join(f'<span class="ioa-hood-key ioa-hood-{name}">{html.escape(declared.title)}</span>'
                     for name, declared in COLLECTIONS.items() if name in shown)
    caption = ("<figcaption>Links to (left) and linked from (right). Citations are listed under Sources."
               f'<span class="ioa-hood-legend">{legend}</span></figcaption>')
    return Markup(f'<figure class="ioa-hood-figure">{svg}{caption}</figure>')
