"""The landscape page: one row per molecular target, with the therapies aimed at it (and their modality),
the trials and studies that name it (and their phase), and the diseases those trials study."""

from __future__ import annotations

from pathlib import PurePosixPath

import jinja2
from markupsafe import Markup

from ..graph import Graph
from ..markdown_text import escape_inline
from ..models import Record
from ..urls import LANDSCAPE_DIR
from .context import PageContext

PAGE = PurePosixPath(LANDSCAPE_DIR, "index.md")


def _therapy(page: PageContext, therapy: Record) -> Markup:
    parent = therapy.parent  # type: ignore[attr-defined]
    return page.link(therapy) + (Markup(f" ({escape_inline(page.record('therapies', parent).name)})") if parent
                                 else Markup(""))


def _trial(page: PageContext, trial: Record) -> Markup:
    phase = trial.phase  # type: ignore[attr-defined]
    return page.link(trial) + Markup(f" ({escape_inline(f'phase {phase}' if phase else 'phase not given')})")


def _row(page: PageContext, graph: Graph, target: Record) -> list[Markup]:
    therapies = graph.referrers(target, "therapies", "targets")
    trials = graph.referrers(target, "trials", "targets")
    diseases = list(dict.fromkeys(d for trial in trials for d in trial.conditions))  # type: ignore[attr-defined]
    return [page.link(target), Markup("; ").join(_therapy(page, t) for t in therapies),
            Markup("; ").join(_trial(page, t) for t in trials), page.links("diseases", diseases)]


def plan(env: jinja2.Environment, graph: Graph) -> dict[PurePosixPath, str]:
    page = PageContext(graph, PAGE)
    rows = [Markup("| ") + Markup(" | ").join(_row(page, graph, t)) + Markup(" |") for t in graph.records("targets")]
    return {PAGE: env.get_template("landscape.md.j2").render(rows=rows)}


def nav() -> list[tuple[str, PurePosixPath]]:
    return [("Landscape", PAGE)]
