"""Stage 4, pages: the generated Markdown pages, from the graph.

Each page set renders a group of pages and names the ones that belong in the navigation's Atlas
section. To add a kind of page (a timeline, a matrix), write a module with ``plan`` and ``nav`` and add
it to ``PAGE_SETS``; its template goes in ``templates/``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath

import jinja2

from ..graph import Graph
from ..models import COLLECTIONS
from . import approved, compare, corrections, landscape, records, reference, review_queue, timeline
from .environment import MARKER, make_environment
from .record_html import record_environment

__all__ = ["MARKER", "PAGE_SETS", "atlas_nav", "not_in_nav", "plan_page_sets", "plan_pages", "prepare_pages"]


@dataclass(frozen=True)
class PageSet:
    name: str
    plan: Callable[[jinja2.Environment, Graph], dict[PurePosixPath, str]]
    nav: Callable[[], list[tuple[str, PurePosixPath]]]
    size: Callable[[Graph], int] = lambda graph: 0  # the records it renders a page for: its rough cost


def _collection(name: str) -> PageSet:
    """The index and record pages of one collection: a set of its own, so that sets can be planned apart."""
    return PageSet(f"records:{name}", partial(records.plan, collections=(name,)), partial(records.nav, (name,)),
                   lambda graph: len(graph.records(name)))


PAGE_SETS: tuple[PageSet, ...] = (
    *(_collection(name) for name in COLLECTIONS),
    PageSet("approved", approved.plan, approved.nav),
    PageSet("compare", compare.plan, compare.nav),
    PageSet("landscape", landscape.plan, landscape.nav),
    PageSet("timeline", timeline.plan, timeline.nav),
    PageSet("reference", reference.plan, reference.nav),
    PageSet("review-queue", review_queue.plan, review_queue.nav),
    PageSet("corrections", corrections.plan, corrections.nav),
)


HTML_TEMPLATES = (*(f"{name}.md.j2" for name in COLLECTIONS), "index.md.j2", "timeline.md.j2", "approved.md.j2")
MARKDOWN_TEMPLATES = ("landscape.md.j2", "data.md.j2", "corrections.md.j2", "compare.md.j2")


def prepare_pages() -> None:
    """Compile every page template in this process, so that the processes it forks later to plan pages
    (``ioatlas serve``'s regenerations) inherit them compiled instead of compiling them each time."""
    env = make_environment()
    html = record_environment(env)
    for name in HTML_TEMPLATES:
        html.get_template(name)
    for name in MARKDOWN_TEMPLATES:
        env.get_template(name)


def plan_page_sets(graph: Graph, names: Collection[str]) -> dict[str, dict[PurePosixPath, bytes]]:
    """The pages of the sets named (docs-relative path -> text), by set."""
    env = make_environment()
    return {page_set.name: {path: text.encode() for path, text in page_set.plan(env, graph).items()}
            for page_set in PAGE_SETS if page_set.name in names}


def plan_pages(graph: Graph) -> dict[PurePosixPath, bytes]:
    """Every generated page (docs-relative path) and its text, set by set."""
    by_set = plan_page_sets(graph, [page_set.name for page_set in PAGE_SETS])
    return {path: text for page_set in PAGE_SETS for path, text in by_set[page_set.name].items()}


def atlas_nav() -> list[tuple[str, PurePosixPath]]:
    """The entries of the navigation's Atlas section: the collection indexes, then the views."""
    return [entry for page_set in PAGE_SETS for entry in page_set.nav()]


def not_in_nav() -> list[str]:
    return records.not_in_nav() + review_queue.not_in_nav()
