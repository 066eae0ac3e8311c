"""The Compare page: two to four therapies side by side (targets, modality, developers, stage in China,
approvals with indications, trials, sources), chosen by the reader and kept in the address (?ids=a,b).

The page carries the facts of every product and regimen as a JSON data block (never run) and a table of all of
them that reads without JavaScript; docs/assets/ioatlas-compare.js turns the choice into columns. Everything
is derived from the records, as on their pages, each approval with its sources' titles.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import jinja2

from ..derived import STAGELESS, stage, trials_of
from ..graph import Graph
from ..markdown_text import escape_inline
from ..models import Record
from ..urls import href, page_href, record_page
from .landscape import modality_of
from .pagination import json_block

PAGE = PurePosixPath("compare", "index.md")
MOST = 4  # therapies side by side


def _link(record: Record) -> dict[str, str]:
    return {"name": record.name, "url": page_href(PAGE, record_page(record.collection, record.id))}


def therapy_facts(graph: Graph, therapy: Record) -> dict[str, object]:
    modality = modality_of(graph, therapy)
    return {
        "id": therapy.id, "name": therapy.name, "name_zh": therapy.name_zh or "",
        "url": _link(therapy)["url"],
        "brands": list(therapy.brand_names),  # type: ignore[attr-defined]
        "targets": [_link(graph.get("targets", t)) for t in therapy.targets],  # type: ignore[attr-defined]
        "modality": [_link(modality)] if modality else [],
        "developers": [_link(graph.get("organizations", o)) for o in therapy.developers],  # type: ignore[attr-defined]
        "stage": stage(graph, therapy) or "",
        "approvals": [{"date": a.date, "agency": graph.get("organizations", a.agency).name,
                       "indication": a.indication or "",
                       "sources": [_link(graph.get("sources", s)) for s in a.sources]}
                      for a in sorted(therapy.approvals, key=lambda a: a.date)],  # type: ignore[attr-defined]
        "trials": [{**_link(t), "phase": t.phase or ""} for t in trials_of(graph, [therapy.id])],  # type: ignore[attr-defined]
        "sources": len(therapy.sources),
    }


def plan(env: jinja2.Environment, graph: Graph) -> dict[PurePosixPath, str]:
    therapies = [t for t in graph.records("therapies") if t.kind not in STAGELESS]  # type: ignore[attr-defined]
    facts = [therapy_facts(graph, t) for t in therapies]
    return {PAGE: env.get_template("compare.md.j2").render(
        count=len(facts), most=MOST, data=json_block({"therapies": facts, "most": MOST}, "ioa-compare-data"),
        rows=[(escape_inline(t.name), href(PAGE, record_page("therapies", t.id)), f["stage"])
              for t, f in zip(therapies, facts, strict=True)])}


def nav() -> list[tuple[str, PurePosixPath]]:
    return [("Compare therapies", PAGE)]
