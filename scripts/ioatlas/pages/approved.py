"""The "Approved in China" page: every therapy a Chinese regulator approved, in one sortable, filterable
table (product, Chinese name, brand names, targets, modality, developers, first approval and its indication,
later indications), with a chart of approvals by year. Everything is derived from the therapies' structured
approvals (``derived.approved_in_china``); each approval's cell cites the sources of that approval.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath

import jinja2
from markupsafe import Markup

from ..derived import NOT_GIVEN, approved_in_china
from ..graph import Graph
from ..markdown_text import escape_html
from ..models import Record
from .cells import table_html
from .charts import bar_chart, gaps_closed
from .landscape import modality_of
from .pagination import json_block
from .record_html import RecordPage, finish, record_environment

PAGE = PurePosixPath("approved", "index.md")
COLUMNS = ["Product", "Chinese name", "Brand names", "Targets", "Modality", "Developers", "First approval",
           "First indication", "Later indications"]
FACETS = ["Target", "Modality", "Developer", "Year of first approval"]
NOUN = ("product", "products")


def approved(graph: Graph) -> list[tuple[Record, list]]:
    """(therapy, its approvals in China oldest first) for every approved therapy, by first approval, then name."""
    found = [(therapy, approvals) for therapy in graph.records("therapies")
             if (approvals := approved_in_china(graph, therapy))]
    return sorted(found, key=lambda pair: (pair[1][0].date, pair[0].name.casefold()))


def _indication(page: RecordPage, approval: object) -> Markup:
    text = escape_html(approval.indication or "indication not given")  # type: ignore[attr-defined]
    diseases = page.links("diseases", approval.diseases)  # type: ignore[attr-defined]
    kind = f" ({approval.pathway} approval)" if approval.pathway else ""  # type: ignore[attr-defined]
    return text + (Markup(" (") + diseases + Markup(")") if diseases else "") + escape_html(kind) + Markup(" ") \
        + page.cite(approval.sources)  # type: ignore[attr-defined]


def _row(graph: Graph, page: RecordPage, therapy: Record, approvals: list) -> list[str]:
    modality = modality_of(graph, therapy)
    later = Markup("<br>").join(Markup(f"{escape_html(a.date)}: ") + _indication(page, a) for a in approvals[1:])
    return [page.link(therapy), escape_html(therapy.name_zh or ""),
            escape_html(", ".join(therapy.brand_names)),  # type: ignore[attr-defined]
            page.links("targets", therapy.targets), page.link(modality) if modality else "",  # type: ignore[attr-defined]
            page.links("organizations", therapy.developers),  # type: ignore[attr-defined]
            escape_html(approvals[0].date), _indication(page, approvals[0]), later or "—"]


def _facets(graph: Graph, therapy: Record, approvals: list) -> list[list[str]]:
    modality = modality_of(graph, therapy)
    return [sorted(graph.get("targets", t).name for t in therapy.targets) or [NOT_GIVEN],  # type: ignore[attr-defined]
            [modality.name] if modality else [NOT_GIVEN],
            sorted(graph.get("organizations", o).name for o in therapy.developers) or [NOT_GIVEN],  # type: ignore[attr-defined]
            [approvals[0].date[:4]]]


def by_year(found: list[tuple[Record, list]]) -> list[tuple[str, int]]:
    """Approvals in China per year (every indication counts), from the first year to the last, gaps as 0 (a run
    of empty years as one bar: ``charts.gaps_closed``)."""
    counts = Counter(approval.date[:4] for _, approvals in found for approval in approvals)
    if not counts:
        return []
    first, last = int(min(counts)), int(max(counts))
    return gaps_closed([(str(year), counts.get(str(year), 0)) for year in range(first, last + 1)])


def plan(env: jinja2.Environment, graph: Graph) -> dict[PurePosixPath, str]:
    page = RecordPage(graph, PAGE)
    found = approved(graph)
    rows = [_row(graph, page, therapy, approvals) for therapy, approvals in found]
    data = json_block({"facets": FACETS, "rows": [_facets(graph, t, a) for t, a in found], "noun": list(NOUN)})
    chart = bar_chart("approvals-by-year", "Approvals in China by year", by_year(found), "Year", "approvals")
    return {PAGE: finish(record_environment(env).get_template("approved.md.j2").render(
        page=page, table=table_html(COLUMNS, rows), facet_data=data, chart=chart, count=len(found),
        approvals=sum(len(a) for _, a in found), data_date=graph.dataset.data_date() or "unknown"))}


def nav() -> list[tuple[str, PurePosixPath]]:
    return [("Approved in China", PAGE)]
