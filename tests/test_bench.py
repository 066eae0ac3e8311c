"""The benchmark itself keeps working (its numbers are read by people, never asserted here)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT
from ioatlas.bench import run


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
    assert json.loads(out.read_text()) == rows
