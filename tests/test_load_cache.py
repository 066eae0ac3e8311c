"""``ioatlas serve`` keeps the records it read (dataset.LoadCache): the next regeneration reads again only the
files that changed, and finds every problem again."""

from __future__ import annotations

import os
from pathlib import Path

from ioatlas.dataset import LoadCache, load_dataset
from ioatlas.problems import Report

EXPERT = "data/experts/example-expert.yaml"


def _load(repo: Path, cache: LoadCache) -> tuple[dict[str, object], Report]:
    report = Report()
    dataset = load_dataset(repo, report, cache)
    return {f"{collection}/{record_id}": record for collection, records in dataset.records.items()
            for record_id, record in records.items()}, report


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(base_repo: Path) -> None:
    cache = LoadCache()
    first, report = _load(base_repo, cache)
    assert not report and first
    again, _ = _load(base_repo, cache)
    assert all(again[key] is first[key] for key in first)  # the same objects: nothing parsed again
    path = base_repo / EXPERT
    path.write_text(path.read_text().replace("name: ", "name: Changed ", 1))
    changed, report = _load(base_repo, cache)
    assert not report
    assert changed["experts/example-expert"] is not first["experts/example-expert"]
    assert changed["experts/example-expert"].name.startswith("Changed ")  # type: ignore[attr-defined]
    assert all(changed[key] is first[key] for key in first if key != "experts/example-expert")


def test_a_problem_is_found_on_every_run(base_repo: Path) -> None:
    cache = LoadCache()
    _load(base_repo, cache)
    path = base_repo / EXPERT
    path.write_text(path.read_text() + "bogus: 1\n")
    for _ in range(2):
        records, report = _load(base_repo, cache)
        assert "experts/example-expert" not in records
        assert [problem.code for problem in report.problems] == ["E010"]


def test_a_file_replaced_by_a_link_to_the_same_bytes_is_refused(base_repo: Path, tmp_path: Path) -> None:
    cache = LoadCache()
    _load(base_repo, cache)
    path = base_repo / EXPERT
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_bytes(path.read_bytes())
    path.unlink()
    os.symlink(elsewhere, path)
    records, report = _load(base_repo, cache)
    assert "experts/example-expert" not in records
    assert any(problem.code == "E001" and "symbolic link" in problem.message for problem in report.problems)
