"""The benchmark itself keeps working (its numbers are read by people, never asserted here)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT
from ioatlas.bench import _median, run


def test_bench_builds_synthetic_sites_and_writes_results(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    report = tmp_path / "benchmark.md"
    rows = run(ROOT, [40, 80], out, report=report)
    text = report.read_text()
    assert "full / floor" in text and f"\n| {rows[0]['records']} | " in text and f"\n| {rows[1]['records']} | " in text
    counts = [row["records"] for row in rows]
    assert abs(counts[0] - 40) <= 3 and abs(counts[1] - 80) <= 3, counts  # shares are rounded per collection
    assert all(row["pages"] > row["records"] for row in rows)  # a page per record plus indexes
    assert all(row["floor_s"] > 0 and row["mkdocs_alone_s"] > 0 and row["peak_mb"] > 0 for row in rows)
    assert all(row["largest_page_kb"] > 0 and row["search_index_mb"] > 0 for row in rows)
    assert all(0 < row["load_check_mb"] <= row["generate_mb"] and row["mkdocs_mb"] > 0 for row in rows)
    assert "## Targets at " in text and "| search index MB | " in text
    assert "serve: an edit served" in text and rows[0]["serve_edit_s"] > 0 and "Under `ioatlas serve` at " in text
    low, high = rows[-1]["full_vs_floor_range"]
    assert low <= rows[-1]["full_vs_floor"] <= high and f"| {low} – {high} |" in text
    assert json.loads(out.read_text()) == rows


def test_a_ratio_is_the_median_of_each_runs_own_ratio() -> None:
    """Paired: a run's builds share the machine's mood, so its ratio is taken before the median (the ratio of
    the medians here would be 20 / 20 = 1.0, pairing runs that never ran together)."""
    runs = [{"records": 10, "full_s": full, "mkdocs_alone_s": full, "floor_s": floor, "full_vs_alone": 1.0,
             "full_vs_floor": round(full / floor, 2)} for full, floor in ((10, 5), (30, 20), (20, 20))]
    merged = _median(runs)
    assert merged["full_vs_floor"] == 1.5 and merged["full_vs_floor_range"] == [1.0, 2.0]
    assert merged["full_s"] == 20 and merged["floor_s_range"] == [5, 20] and merged["repeats"] == 3
