"""The timeline page: every dated event the records hold, oldest first, each linked to its record and cited.

Events are approvals, conferences, trial starts and ends, publications (journal articles, letters,
reviews, guidelines), viewpoints with a date, and dated statements. The table reads without JavaScript;
the index script adds filters by kind and year and sorting, as on the collection indexes. More events than
a page holds are split into numbered pages (pagination.py), each citing its own rows; the script then reads
every event from the rows file (``rows_file``), where each row names its sources for the marks it shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

import jinja2
from markupsafe import Markup

from ..graph import Graph
from ..markdown_text import escape_html, escape_inline
from ..models.types import date_key
from ..urls import TIMELINE_DIR, published_url, record_page, site_path
from .cells import table_html
from .context import PageContext
from .inline_html import to_html
from .pagination import Slice, json_block, paged_data, pagers, rows_path, split
from .record_html import RecordPage, finish, record_environment

PAGE = PurePosixPath(TIMELINE_DIR, "index.md")
PUBLICATION_KINDS = frozenset({"journal-article", "letter", "review", "guideline"})
FACETS = ("Kind", "Year")
NOUN = ("event", "events")
COLUMNS = ("Date", "Kind", "Event")


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


# Publication dates (the papers the records cite) outnumber the events themselves: the script hides them until a
# reader asks for them, or picks them as the kind to see; without the script every row shows.
OPTIONAL = {"facet": "Kind", "value": "Publication", "label": "Show publication dates", "param": "publications"}


def _facet_data(found: list[Event]) -> Markup:
    rows = [[[event.kind], [event.date[:4]]] for event in found]
    return json_block({"facets": list(FACETS), "rows": rows, "noun": list(NOUN), "optional": OPTIONAL})


def _cells(event: Event, page: PurePosixPath, into: PurePosixPath) -> list[str]:
    """An event's date, kind and text as HTML for the published file ``into``, its marks apart."""
    return [escape_html(event.date), escape_html(event.kind), to_html(event.text, page, into)]


def _cited(page: RecordPage, event: Event) -> list[str]:
    """An event's row on a page of the timeline, its marks after its text (cited in row order: numbered from
    the top of the page)."""
    date, kind, text = _cells(event, page.path, PurePosixPath(site_path(page.path)))
    return [date, kind, f"{text} {page.cite(list(event.sources))}" if event.sources else text]


def plan(env: jinja2.Environment, graph: Graph, per_page: int | None = None) -> dict[PurePosixPath, str]:
    """The timeline: one page, or numbered pages when its events outgrow one (each cites its own rows). Like a
    record page, each is HTML (``body: html``) with the marks and source list Python-Markdown's footnotes made."""
    found = events(graph, PageContext(graph, PAGE))  # Markdown links, relative to the timeline's docs folder
    parts = split(PAGE, len(found), per_page)
    kinds = sorted({e.kind for e in found})
    pages: dict[PurePosixPath, str] = {}
    for part in parts:
        page = RecordPage(graph, part.path)
        rows = [_cited(page, e) for e in found[part.start:part.end]]
        data = _facet_data(found) if len(parts) == 1 else paged_data(part, parts, list(FACETS), NOUN, OPTIONAL)
        pages[part.path] = finish(record_environment(env).get_template("timeline.md.j2").render(
            page=page, table=table_html(list(COLUMNS), rows), facet_data=data, kinds=kinds, count=len(found),
            first_page=part.number == 1, page_title=f"Timeline, page {part.number} of {part.pages}",
            pagers=pagers(part, parts, NOUN[1], _dates(found, part))))
    return pages


def _dates(found: list[Event], part: Slice) -> str:
    return f"{found[part.start].date} to {found[part.end - 1].date}" if part.total else ""


def rows_file(graph: Graph, per_page: int | None = None) -> dict[str, object] | None:
    """Every event, for the script of a split timeline: the cells as HTML, the facet values, the ids of the
    sources it cites, and each source's title and address. None when the timeline fits on one page."""
    found = events(graph, PageContext(graph, PAGE))
    if len(split(PAGE, len(found), per_page)) == 1:
        return None
    into = rows_path(PAGE)
    cells = [_cells(e, PAGE, into) for e in found]
    cited = dict.fromkeys(source for e in found for source in e.sources)
    sources = {source: [graph.get("sources", source).name, published_url(record_page("sources", source), into, "")]
               for source in cited}
    return {"columns": list(COLUMNS), "facets": list(FACETS), "noun": list(NOUN),
            "rows": [[row, [[e.kind], [e.date[:4]]], list(e.sources)] for row, e in zip(cells, found, strict=True)],
            "sources": sources}


def nav() -> list[tuple[str, PurePosixPath]]:
    return [("Timeline", PAGE)]
