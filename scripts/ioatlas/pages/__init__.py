"""Stage 4, pages: the generated Markdown pages, from the graph.

Each page set renders a group of pages and names the ones that belong in the navigation's Atlas
section. To add a kind of page (a timeline, a matrix), write a module with ``plan`` and ``nav`` and add
it to ``PAGE_SETS``; its template goes in ``templates/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

import jinja2

from ..graph import Graph
from . import landscape, records, reference, review_queue, timeline
from .environment import MARKER, make_environment

__all__ = ["MARKER", "PAGE_SETS", "atlas_nav", "not_in_nav", "plan_pages"]


@dataclass(frozen=True)
class PageSet:
    name: str
    plan: Callable[[jinja2.Environment, Graph], dict[PurePosixPath, str]]
    nav: Callable[[], list[tuple[str, PurePosixPath]]]


PAGE_SETS: tuple[PageSet, ...] = (
    PageSet("records", records.plan, records.nav),
    PageSet("landscape", landscape.plan, landscape.nav),
    PageSet("timeline", timeline.plan, timeline.nav),
    PageSet("reference", reference.plan, reference.nav),
    PageSet("review-queue", review_queue.plan, review_queue.nav),
)


def plan_pages(graph: Graph) -> dict[PurePosixPath, bytes]:
    """Every generated page (docs-relative path) and its Markdown."""
    env = make_environment()
    pages: dict[PurePosixPath, bytes] = {}
    for page_set in PAGE_SETS:
        for path, text in page_set.plan(env, graph).items():
            pages[path] = text.encode()
    return pages


def atlas_nav() -> list[tuple[str, PurePosixPath]]:
    """The entries of the navigation's Atlas section: the collection indexes, then the views."""
    return [entry for page_set in PAGE_SETS for entry in page_set.nav()]


def not_in_nav() -> list[str]:
    return records.not_in_nav() + review_queue.not_in_nav()
