"""The review queue lists records oldest review first, flags stale reviews and secondary-only sourcing, counts
ages from the data's own date (reproducible) or --today, and is published as a page for curators."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import ROOT, validate
from ioatlas.cli import main
from ioatlas.graph import Graph
from ioatlas.pages import not_in_nav
from ioatlas.pages.review_queue import REVIEW_PAGE, review_page
from ioatlas.review import queue, reference_day

EXPERT = "data/experts/example-expert.yaml"


def _reviewed(repo: Path, rel: str, day: str) -> None:
    path = repo / rel
    text = path.read_text()
    old = next(line for line in text.splitlines() if line.startswith("last_reviewed:"))
    path.write_text(text.replace(old, f"last_reviewed: {day}"))


def test_oldest_first_and_flags_relative_to_the_data_date(base_repo: Path) -> None:
    _reviewed(base_repo, EXPERT, "2022-01-15")
    dataset, report = validate(base_repo)
    assert not report, report.format()
    assert reference_day(dataset) == dt.date(2024, 8, 1)  # the newest source or review date, not the clock
    entries = queue(dataset, max_age_days=365)
    assert [e.reviewed for e in entries] == sorted(e.reviewed for e in entries)
    first = entries[0]
    assert (first.file, first.stale, first.age_days) == (EXPERT, True, 929)
    assert first.secondary_only  # it cites example-news only, a secondary source
    assert not any(e.stale for e in entries[1:])
    assert not any(e.secondary_only for e in entries if e.record.collection == "sources")
    assert not queue(dataset, max_age_days=1000)[0].stale
    assert queue(dataset, today=dt.date(2030, 1, 1))[-1].stale


def test_the_command_is_reproducible_and_takes_today(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _reviewed(base_repo, EXPERT, "2022-01-15")
    assert main(["--root", str(base_repo), "review", "--flagged"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2022-01-15    929d  stale (929 days), secondary sources only  " + EXPERT)
    assert out[-1].endswith("(ages counted from 2024-08-01)")
    assert main(["--root", str(base_repo), "review", "--today", "2024-09-01", "--max-age-days", "30"]) == 0
    out = capsys.readouterr().out
    assert "2024-08-01     31d  stale (31 days)" in out
    with pytest.raises(SystemExit):
        main(["--root", str(base_repo), "review", "--today", "2024-13-01"])


def test_the_page_lists_the_queue_with_links_and_stays_out_of_nav_and_search(base_repo: Path) -> None:
    _reviewed(base_repo, EXPERT, "2022-01-15")
    dataset, _report = validate(base_repo)
    page = review_page(Graph.build(dataset))
    assert page.startswith("---\ngenerated_by: ioatlas\n") and "search:\n  exclude: true\n" in page
    assert ('<tr>\n<td>2022-01-15</td>\n<td><a href="../../experts/example-expert/">Example Expert</a></td>\n'
            "<td>Expert</td>\n<td>stale (929 days), secondary sources only</td>\n</tr>") in page
    assert f"/{REVIEW_PAGE.as_posix()}" in not_in_nav()


def test_the_contributing_guide_links_the_review_queue() -> None:
    assert "(review-queue.md)" in (ROOT / "docs" / "contributing" / "index.md").read_text()
