"""Charts drawn at build time as inline SVG: no chart library in the browser, no outside request.

A chart is an image with a title and a description for screen readers, its numbers written on it and, for
readers who want them as data, in a table after it (collapsed in a details element). Its colours are the
theme's, through CSS classes (assets/ioatlas.css), so it follows light and dark.
"""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from ..derived import NOT_GIVEN
from ..graph import Graph
from ..markdown_text import escape_html
from ..models import COLLECTIONS, Record
from .cells import vocabulary
from .environment import label_text

BAR_WIDTH, GAP, HEIGHT, LABEL_ROOM, TOP_ROOM = 34, 10, 140, 22, 18


def bar_chart(chart_id: str, title: str, bars: list[tuple[str, int]], axis: str, unit: str) -> Markup:
    """A vertical bar chart of ``bars`` (label, count), in the order given, ``axis`` naming the labels ("Year") and
    ``unit`` what is counted ("approvals"); nothing when there are no bars."""
    if not bars:
        return Markup("")
    top = max(count for _, count in bars) or 1
    width = len(bars) * (BAR_WIDTH + GAP) + GAP
    total_height = HEIGHT + LABEL_ROOM + TOP_ROOM
    shapes = []
    for index, (label, count) in enumerate(bars):
        x = GAP + index * (BAR_WIDTH + GAP)
        height = round(HEIGHT * count / top)
        y = TOP_ROOM + HEIGHT - height
        middle = x + BAR_WIDTH / 2
        shapes.append(f'<rect class="ioa-chart-bar" x="{x}" y="{y}" width="{BAR_WIDTH}" height="{height}"/>'
                      f'<text class="ioa-chart-value" x="{middle:g}" y="{y - 4}" text-anchor="middle">{count}</text>'
                      f'<text class="ioa-chart-label" x="{middle:g}" y="{TOP_ROOM + HEIGHT + 15}" '
                      f'text-anchor="middle">{escape_html(label)}</text>')
    summary = ", ".join(f"{label}: {count}" for label, count in bars)
    rows = "".join(f"<tr><td>{escape_html(label)}</td><td>{count}</td></tr>" for label, count in bars)
    return Markup(
        f'<figure class="ioa-chart"><svg viewBox="0 0 {width} {total_height}" width="{width}" height="{total_height}"'
        f' role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape_html(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape_html(unit.capitalize())} by {escape_html(axis.lower())}: '
        f"{escape_html(summary)}</desc>"
        f'<line class="ioa-chart-axis" x1="0" y1="{TOP_ROOM + HEIGHT}" x2="{width}" y2="{TOP_ROOM + HEIGHT}"/>'
        + "".join(shapes) + "</svg>"
        f"<figcaption>{escape_html(title)}</figcaption>"
        f'<details class="ioa-chart-data"><summary>The numbers</summary><table><thead><tr><th>{escape_html(axis)}</th>'
        f"<th>{escape_html(unit.capitalize())}</th></tr></thead><tbody>{rows}</tbody></table></details></figure>")


def gaps_closed(bars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Year bars with each run of three or more empty years drawn as one empty bar labelled with the run
    ('2006–17'), so the years that hold something stay legible on a phone."""
    closed: list[tuple[str, int]] = []
    run: list[str] = []
    for label, count in [*bars, ("", 1)]:  # a last non-empty bar closes a trailing run
        if count == 0:
            run.append(label)
            continue
        if len(run) >= 3:
            closed.append((f"{run[0]}–{run[-1][2:]}", 0))
        else:
            closed += [(year, 0) for year in run]
        run = []
        if label:
            closed.append((label, count))
    return closed


def index_charts(graph: Graph, collection: str, records: list[Record]) -> Markup:
    """The charts a collection declares (``Collection.charts``), for its index: records counted by value, in the
    order of the field's vocabulary (phases) or of the years, gaps as 0; records without a value as "Not given"."""
    drawn = []
    for number, chart in enumerate(COLLECTIONS[collection].charts):
        counts: Counter[str] = Counter()
        for record in records:
            values = [str(v)[:4] if chart.year else str(v) for v in graph.values(record, chart.path)]
            counts.update(set(values) or {NOT_GIVEN})
        given = [key for key in counts if key != NOT_GIVEN]
        if chart.year and given:
            keys = [str(year) for year in range(int(min(given)), int(max(given)) + 1)]
        else:
            order = vocabulary(COLLECTIONS[collection].model, chart.path)
            keys = [key for key in order if key in counts] + sorted(k for k in given if k not in order)
        bars = [(label_text(key) if not chart.year else key, counts.get(key, 0)) for key in keys]
        if chart.year:
            bars = gaps_closed(bars)
        if counts.get(NOT_GIVEN):
            bars.append((NOT_GIVEN, counts[NOT_GIVEN]))
        drawn.append(bar_chart(f"{collection}-chart-{number + 1}", chart.title, bars, chart.axis, collection))
    return Markup("").join(drawn)

