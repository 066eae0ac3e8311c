"""The review-queue page for curators (docs/contributing/review-queue.md): the list ``ioatlas review`` prints,
with links to the record pages. Generated, so it is always the queue of the data being built; linked from
the contributing guide, kept out of the navigation and out of search (readers do not need it). A queue longer
than a page holds is split into numbered pages (pagination.py) under the page's address.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import jinja2

from ..curator.review import DEFAULT_MAX_AGE_DAYS, Entry, queue, reference_day, summary
from ..graph import Graph
from ..markdown_text import escape_inline
from ..models import COLLECTIONS
from ..urls import href, record_page
from .environment import MARKER
from .pagination import Slice, pagers, split

REVIEW_PAGE = PurePosixPath("contributing", "review-queue.md")


def review_pages(graph: Graph, per_page: int | None = None) -> dict[PurePosixPath, str]:
    """The queue's pages: one while it fits, else numbered pages of ``per_page`` (default ROWS_PER_PAGE) rows."""
    dataset = graph.dataset
    day = reference_day(dataset)
    entries = queue(dataset, DEFAULT_MAX_AGE_DAYS, day)
    parts = split(REVIEW_PAGE, len(entries), per_page)
    said = summary(entries, DEFAULT_MAX_AGE_DAYS, day)
    return {part.path: _page(part, parts, entries[part.start:part.end], said, day.isoformat()) for part in parts}


def review_page(graph: Graph) -> str:
    """The queue's first page (the whole queue while it fits on one)."""
    return review_pages(graph)[REVIEW_PAGE]


def _page(part: Slice, parts: list[Slice], entries: list[Entry], said: str, day: str) -> str:
    title = "Review queue" if part.number == 1 else f"Review queue, page {part.number} of {part.pages}"
    above, below = pagers(part, parts, "records")
    links = [str(above), ""] if above else []
    out = ["---", MARKER, f'title: "{title}"', "search:", "  exclude: true", "---", "", "# Review queue", "",
           "Every record by the day a curator last checked it against its sources (`last_reviewed`), oldest",
           f"first. A record is flagged when that day is more than {DEFAULT_MAX_AGE_DAYS} days before the data's "
           f"date ({day}, the",
           "newest source or review date), or when none of the sources it cites is first-hand. Run",
           "`ioatlas review` for the same list in the terminal (`--max-age-days`, `--today`, `--flagged`).", "",
           f"{said}.", "", *links,
           "| Last reviewed | Record | Collection | Flags |", "|---|---|---|---|"]
    for entry in entries:
        record = entry.record
        link = f"[{escape_inline(record.name)}]({href(part.path, record_page(record.collection, record.id))})"
        out.append(f"| {entry.reviewed.isoformat()} | {link} | {COLLECTIONS[record.collection].singular} | "
                   f"{escape_inline(', '.join(entry.flags))} |")
    if below:
        out += ["", str(below)]
    return "\n".join(out) + "\n"


def plan(_env: jinja2.Environment, graph: Graph) -> dict[PurePosixPath, str]:
    return review_pages(graph)


def nav() -> list[tuple[str, PurePosixPath]]:
    return []  # linked from the contributing guide only


def not_in_nav() -> list[str]:
    return [f"/{REVIEW_PAGE.as_posix()}", f"/{REVIEW_PAGE.with_suffix('').as_posix()}/"]  # and its later pages
