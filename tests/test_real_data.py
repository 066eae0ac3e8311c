"""The real records: valid as a whole, and each kind of breakage is refused with file, line and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, validate
from ioatlas.cli import main

TRIAL = "data/trials/nct02395250.yaml"


def test_real_data_is_valid() -> None:
    dataset, report = validate(ROOT)
    assert not report, report.format()
    assert all(dataset.records[c] for c in dataset.records), "every collection has records"


@pytest.mark.parametrize(("break_it", "code", "hint"), [
    (lambda t: t.replace("phase: '1'", "phase: [1", 1), "E002", "indentation"),
    (lambda t: t.replace("status: completed", "stauts: completed", 1), "E010", "did you mean 'status'"),
    (lambda t: t.replace("- gpc3", "- gcp3", 1), "E030", "did you mean 'gpc3'"),
    (lambda t: t.replace("- NCT02395250", "- NCT0239525", 1), "E020", "eight digits"),
])
def test_breaking_one_record_reports_that_record_only(real_repo: Path, capsys: pytest.CaptureFixture[str],
                                                      break_it, code: str, hint: str) -> None:
    path = real_repo / TRIAL
    original = path.read_text()
    broken = break_it(original)
    assert broken != original, "the fixture text no longer matches the record"
    path.write_text(broken)
    pairs = zip(original.splitlines(), broken.splitlines(), strict=True)
    changed_line = next(n for n, (a, b) in enumerate(pairs, 1) if a != b)
    assert main(["--root", str(real_repo), "validate"]) == 1
    err = capsys.readouterr().err
    problem_lines = [line for line in err.splitlines() if "error[" in line]
    assert problem_lines and all(line.startswith(TRIAL + ":") for line in problem_lines), err
    assert any(f"error[{code}]" in line for line in problem_lines), err
    reported_line = int(problem_lines[0].split(":")[1])
    assert abs(reported_line - changed_line) <= 1, (reported_line, changed_line, err)
    assert hint in err
