"""The timeline page: every dated event the records hold, oldest first, each linked to its record and cited.

Events are approvals, conferences, trial starts and ends, publications (journal articles, letters,
reviews, guidelines), viewpoints with a date, and dated statements. The table reads without JavaScript;
the index script adds filters by kind and year and sorting, as on the collection indexes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

import jinja2
from markupsafe import Markup

from ..graph import Graph
from ..markdown_text import escape_inline
from ..models.types import date_key
from ..urls import TIMELINE_DIR
from .context import PageContext

PAGE = PurePosixPath(TIMELINE_DIR, "index.md")
PUBLICATION_KINDS = frozenset({"journal-article", "letter", "review", "guideline"})
FACETS = ("Kind", "Year")


@dataclass(frozen=True)
class Event:
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    kind: str
    text: Markup  # Markdown: what happened, with links
    sources: tuple[str, ...] = ()  # cited when the row is written, after sorting, so numbers run from the top

    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        return date_key(self.date), self.kind


def _approvals(graph: Graph, page: PageContext) -> Iterator[Event]:
    for therapy in graph.records("therapies"):
        for approval in therapy.approvals:  # type: ignore[attr-defined]
            text = page.link(therapy) + Markup(" approved by ") + page.link(graph.get("organizations",
                                                                                      approval.agency))
            if approval.indication:
                text += Markup(" — ") + escape_inline(approval.indication)
            yield Event(approval.date, "Approval", text, tuple(approval.sources))


def _conferences(graph: Graph, page: PageContext) -> Iterator[Event]:
    for conference in graph.records("conferences"):
        if conference.start:  # type: ignore[attr-defined]
            where = f", {conference.city}" if conference.city else ""  # type: ignore[attr-defined]
            yield Event(conference.start, "Conference", page.link(conference) + escape_inline(where),  # type: ignore[attr-defined]
                        tuple(conference.sources_of("start")))


def _trials(graph: Graph, page: PageContext) -> Iterator[Event]:
    for trial in graph.records("trials"):
        for field, kind in (("start", "Trial start"), ("end", "Trial end")):
            date = getattr(trial, field)
            if date:
                yield Event(date, kind, page.link(trial), tuple(trial.sources_of(field)))


def _publications(graph: Graph, page: PageContext) -> Iterator[Event]:
    for source in graph.records("sources"):
        if source.kind in PUBLICATION_KINDS and source.published:  # type: ignore[attr-defined]
            yield Event(source.published, "Publication", page.link(source))  # type: ignore[attr-defined]


def _viewpoints(graph: Graph, page: PageContext) -> Iterator[Event]:
    for topic in graph.records("topics"):
        for viewpoint in topic.viewpoints:  # type: ignore[attr-defined]
            if viewpoint.date:
                text = page.link(graph.get("experts", viewpoint.expert)) + Markup(" on ") + page.link(topic)
                yield Event(viewpoint.date, "Viewpoint", text, tuple(viewpoint.sources))


def _statements(graph: Graph, page: PageContext) -> Iterator[Event]:
    for record in graph.dataset.all():
        for fact in record.facts:
            if fact.as_of:
                yield Event(fact.as_of, "Dated statement",
                            page.link(record) + Markup(": ") + escape_inline(fact.text), tuple(fact.sources))


KINDS = (_approvals, _conferences, _trials, _publications, _viewpoints, _statements)


def events(graph: Graph, page: PageContext) -> list[Event]:
    """Every dated event, oldest first (a date without a day sorts before the days of its month)."""
    found = [event for kind in KINDS for event in kind(graph, page)]
    return sorted(found, key=Event.sort_key)  # stable: records keep their order within a date and kind


def _cited(page: PageContext, event: Event) -> Markup:
    return event.text + Markup(" ") + page.cite(list(event.sources)) if event.sources else event.text


def _facet_data(found: list[Event]) -> Markup:
    rows = [[[event.kind], [event.date[:4]]] for event in found]
    text = json.dumps({"facets": list(FACETS), "rows": rows, "noun": ["event", "events"]},
                      ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return Markup(f'<script type="application/json" id="ioa-index-data">{text}</script>')


def plan(env: jinja2.Environment, graph: Graph) -> dict[PurePosixPath, str]:
    page = PageContext(graph, PAGE)
    found = events(graph, page)
    rows = [Markup("| ") + Markup(" | ").join([escape_inline(e.date), escape_inline(e.kind), _cited(page, e)])
            + Markup(" |") for e in found]  # cited in row order: the sources are numbered from the top
    kinds = sorted({e.kind for e in found})
    return {PAGE: env.get_template("timeline.md.j2").render(
        page=page, rows=rows, facet_data=_facet_data(found), kinds=kinds, count=len(found))}


def nav() -> list[tuple[str, PurePosixPath]]:
    return [("Timeline", PAGE)]
