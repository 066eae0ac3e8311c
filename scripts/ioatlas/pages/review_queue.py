"""The review-queue page for curators (docs/contributing/review-queue.md): the list ``ioatlas review`` prints,
with links to the record pages. Generated, so it is always the queue of the data being built; linked from
the contributing guide, kept out of the navigation and out of search (readers do not need it). A queue longer
than a page holds is split into numbered pages (pagination.py) under the page's address.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import jinja2

from ..graph import Graph
from ..markdown_text import escape_html
from ..models import COLLECTIONS
from ..review import DEFAULT_MAX_AGE_DAYS, Entry, queue, reference_day, summary
from ..urls import page_href, record_page
from .cells import table_html
from .environment import MARKER
from .headings import anchored
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
    """One page of the queue, in HTML (``body: html``: MkDocs takes it as it is) as Python-Markdown wrote it."""
    title = "Review queue" if part.number == 1 else f"Review queue, page {part.number} of {part.pages}"
    above, below = pagers(part, parts, "records")
    rows = [[entry.reviewed.isoformat(),
             f'<a href="{page_href(part.path, record_page(entry.record.collection, entry.record.id))}">'
             f"{escape_html(entry.record.name)}</a>",
             escape_html(COLLECTIONS[entry.record.collection].singular), escape_html(", ".join(entry.flags))]
            for entry in entries]
    out = ["---", MARKER, f'title: "{title}"', "search:", "  exclude: true", "body: html", "---", "",
           "<h1>Review queue</h1>",
           "<p>Every record by the day a curator last checked it against its sources (<code>last_reviewed</code>), "
           "oldest",
           f"first. A record is flagged when that day is more than {DEFAULT_MAX_AGE_DAYS} days before the data's "
           f"date ({day}, the",
           "newest source or review date), or when none of the sources it cites is first-hand. Run",
           "<code>ioatlas review</code> for the same list in the terminal (<code>--max-age-days</code>, "
           "<code>--today</code>, <code>--flagged</code>).</p>",
           f"<p>{escape_html(said)}.</p>", *([str(above)] if above else []),
           table_html(["Last reviewed", "Record", "Collection", "Flags"], rows), *([str(below)] if below else [])]
    return anchored("\n".join(out) + "\n")


def plan(_env: jinja2.Environment, graph: Graph) -> dict[PurePosixPath, str]:
    return review_pages(graph)


def nav() -> list[tuple[str, PurePosixPath]]:
    return []  # linked from the contributing guide only


def not_in_nav() -> list[str]:
    return [f"/{REVIEW_PAGE.as_posix()}", f"/{REVIEW_PAGE.with_suffix('').as_posix()}/"]  # and its later pages
