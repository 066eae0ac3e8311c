"""The review-queue page for curators (docs/contributing/review-queue.md): the list ``ioatlas review`` prints,
with links to the record pages. Generated, so it is always the queue of the data being built; linked from
the contributing guide, kept out of the navigation and out of search (readers do not need it).
"""

from __future__ import annotations

from pathlib import PurePosixPath

import jinja2

from ..curator.review import DEFAULT_MAX_AGE_DAYS, queue, reference_day, summary
from ..graph import Graph
from ..markdown_text import escape_inline
from ..models import COLLECTIONS
from ..urls import href, record_page
from .environment import MARKER

REVIEW_PAGE = PurePosixPath("contributing", "review-queue.md")


def review_page(graph: Graph) -> str:
    dataset = graph.dataset
    day = reference_day(dataset)
    entries = queue(dataset, DEFAULT_MAX_AGE_DAYS, day)
    out = ["---", MARKER, 'title: "Review queue"', "search:", "  exclude: true", "---", "", "# Review queue", "",
           "Every record by the day a curator last checked it against its sources (`last_reviewed`), oldest",
           f"first. A record is flagged when that day is more than {DEFAULT_MAX_AGE_DAYS} days before the data's "
           f"date ({day.isoformat()}, the",
           "newest source or review date), or when none of the sources it cites is first-hand. Run",
           "`ioatlas review` for the same list in the terminal (`--max-age-days`, `--today`, `--flagged`).", "",
           f"{summary(entries, DEFAULT_MAX_AGE_DAYS, day)}.", "",
           "| Last reviewed | Record | Collection | Flags |", "|---|---|---|---|"]
    for entry in entries:
        record = entry.record
        link = f"[{escape_inline(record.name)}]({href(REVIEW_PAGE, record_page(record.collection, record.id))})"
        out.append(f"| {entry.reviewed.isoformat()} | {link} | {COLLECTIONS[record.collection].singular} | "
                   f"{escape_inline(', '.join(entry.flags))} |")
    return "\n".join(out) + "\n"


def plan(_env: jinja2.Environment, graph: Graph) -> dict[PurePosixPath, str]:
    return {REVIEW_PAGE: review_page(graph)}


def nav() -> list[tuple[str, PurePosixPath]]:
    return []  # linked from the contributing guide only


def not_in_nav() -> list[str]:
    return [f"/{REVIEW_PAGE.as_posix()}"]
