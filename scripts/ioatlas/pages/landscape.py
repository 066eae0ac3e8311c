"""The landscape page: a matrix of molecular targets (rows) by modalities (columns). Each cell links to the
therapies aimed at that target in that modality and to the trials and studies of them, with their phase; a
second table counts trials per phase for each target.

A therapy's column is its nearest modality that is not itself specific to one target: Keytruda and
anti-PD-1 fall under "Immune checkpoint inhibitor", CD7 CAR-T and its products under "CAR-T cell therapy".
A trial sits in the columns of its interventions, on the rows of the targets it names.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath
from urllib.parse import urlencode

import jinja2
from markupsafe import Markup

from ..derived import NOT_GIVEN, known_stage
from ..graph import Graph
from ..markdown_text import escape_inline
from ..models import Record
from ..urls import LANDSCAPE_DIR, index_page
from .context import PageContext
from .environment import label, label_text

PAGE = PurePosixPath(LANDSCAPE_DIR, "index.md")
PHASES = ("preclinical", "early-1", "1", "1/2", "2", "2/3", "3", "4", "not-applicable", None)


def modality_of(graph: Graph, therapy: Record) -> Record | None:
    """The nearest modality at or above ``therapy`` that names no target of its own."""
    current: Record | None = therapy
    seen: set[str] = set()
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if current.kind == "modality" and not current.targets:  # type: ignore[attr-defined]
            return current
        parent = current.parent  # type: ignore[attr-defined]
        current = graph.get("therapies", parent) if parent else None
    return None


def _phase(trial: Record) -> str:
    phase = trial.phase  # type: ignore[attr-defined]
    if not phase:
        return "phase not given"
    return f"phase {phase}" if phase[0].isdigit() else phase.replace("-", " ")


def _trial_label(trial: Record) -> str:
    return trial.acronym or next(iter(trial.registry_ids), None) or trial.name  # type: ignore[attr-defined]


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _cell(graph: Graph, page: PageContext, therapies: list[Record], trials: list[Record]) -> Markup:
    """How many therapies and trials, then each therapy with its stage in China and each trial with its phase."""
    parts = []
    for therapy in therapies:
        reached = known_stage(graph, therapy)
        parts.append(page.link(therapy) + (Markup(f" ({escape_inline(reached)})") if reached else ""))
    parts += [Markup(f"[{escape_inline(_trial_label(t))}]({page.href(_page_of(t))}) ({escape_inline(_phase(t))})")
              for t in trials]
    if not parts:
        return Markup("")
    counts = [_count(len(therapies), "therapy", "therapies")] if therapies else []
    counts += [_count(len(trials), "trial", "trials")] if trials else []
    return Markup(f"**{escape_inline(', '.join(counts))}:** ") + Markup("; ").join(parts)


def _page_of(record: Record) -> PurePosixPath:
    return PurePosixPath(record.collection, f"{record.id}.md")


def _known(page: PageContext, target: Record) -> Markup:
    """What is known of a target that no therapy or trial of the atlas aims at yet."""
    facts = [label(target.category)] if target.category else []  # type: ignore[attr-defined]
    if target.diseases:  # type: ignore[attr-defined]
        facts.append(Markup("targeted in ") + page.links("diseases", target.diseases))  # type: ignore[attr-defined]
    return Markup("No therapy or trial in the atlas yet") + (Markup(": ") + Markup("; ").join(facts) if facts else "")


def _matrix(graph: Graph, page: PageContext) -> tuple[list[Record], list[Markup]]:
    aimed: dict[tuple[str, str], list[Record]] = defaultdict(list)
    columns: dict[str, Record] = {}
    for therapy in graph.records("therapies"):
        modality = modality_of(graph, therapy)
        if modality is None or not therapy.targets:  # type: ignore[attr-defined]
            continue
        columns[modality.id] = modality
        for target_id in therapy.targets:  # type: ignore[attr-defined]
            aimed[(target_id, modality.id)].append(therapy)
    studied: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for trial in graph.records("trials"):
        kinds = {m.id for i in trial.interventions  # type: ignore[attr-defined]
                 if (m := modality_of(graph, graph.get("therapies", i))) is not None and m.id in columns}
        for target_id in trial.targets:  # type: ignore[attr-defined]
            for kind in sorted(kinds):
                studied[(target_id, kind)].append(trial)
    order = sorted(columns.values(), key=lambda m: m.name.casefold())
    rows = []
    for target in graph.records("targets"):
        cells = [_cell(graph, page, aimed[(target.id, m.id)], studied[(target.id, m.id)]) for m in order]
        note = _known(page, target) if not any(cells) else Markup("")
        rows.append(Markup("| ") + Markup(" | ").join([page.link(target), *cells, note]) + Markup(" |"))
    return order, rows


def _phase_label(phase: str | None) -> str:
    """A phase as the trials index's Phase filter names it."""
    return (("Phase " + phase if phase[0].isdigit() else label_text(phase)) if phase else NOT_GIVEN)


def _phase_rows(graph: Graph, page: PageContext) -> tuple[list[str], list[Markup]]:
    """Trials per target and phase; each count links to the trials index filtered to that target and phase."""
    counts: dict[str, dict[str | None, int]] = defaultdict(lambda: defaultdict(int))
    for trial in graph.records("trials"):
        for target_id in trial.targets:  # type: ignore[attr-defined]
            counts[target_id][trial.phase] += 1  # type: ignore[attr-defined]
    present = [p for p in PHASES if any(p in by_phase for by_phase in counts.values())]
    trials = page.href(index_page("trials"))
    rows = []
    for target in graph.records("targets"):
        if target.id in counts:
            cells = []
            for phase in present:
                number = counts[target.id].get(phase, 0)
                value = label_text(phase) if phase else NOT_GIVEN  # the trials index's facet value
                query = urlencode({"Target": target.name, "Phase": value})
                cells.append(Markup(f"[{number}]({trials}?{query})") if number else Markup(""))  # urlencoded: safe
            rows.append(Markup("| ") + Markup(" | ").join([page.link(target), *cells]) + Markup(" |"))
    return [_phase_label(p) for p in present], rows


def plan(env: jinja2.Environment, graph: Graph) -> dict[PurePosixPath, str]:
    page = PageContext(graph, PAGE)
    modalities, rows = _matrix(graph, page)
    phases, phase_rows = _phase_rows(graph, page)
    return {PAGE: env.get_template("landscape.md.j2").render(
        modality_links=Markup(", ").join(page.link(m) for m in modalities), rows=rows, phase_rows=phase_rows,
        header=_header(["Target", *(m.name for m in modalities), "Notes"]), phase_header=_header(["Target", *phases]))}


def _header(names: list[str]) -> Markup:
    """A table's header and rule lines."""
    return (Markup("| ") + Markup(" | ").join(escape_inline(n) for n in names) + Markup(" |\n|")
            + Markup("---|" * len(names)))


def nav() -> list[tuple[str, PurePosixPath]]:
    return [("Landscape", PAGE)]
