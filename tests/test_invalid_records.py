"""Every error code has at least one invalid fixture; each is refused with its code, file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, validate
from ioatlas.checks import ALL_CODES as CODES
from ioatlas.cli import main

MANIFEST = yaml.safe_load((FIXTURES / "invalid" / "manifest.yaml").read_text())


def test_every_code_has_a_fixture() -> None:
    assert {case["code"] for case in MANIFEST} == set(CODES)


def test_every_fixture_is_in_the_manifest() -> None:
    listed = {case["file"] for case in MANIFEST}
    present = {p.name for p in (FIXTURES / "invalid").iterdir() if p.name != "manifest.yaml"}
    assert listed == present


def test_base_dataset_is_valid(base_repo: Path) -> None:
    _dataset, report = validate(base_repo)
    assert not report, report.format()


@pytest.mark.parametrize("case", MANIFEST, ids=[c["file"] for c in MANIFEST])
def test_invalid_record_is_refused(case: dict, base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FIXTURES / "invalid" / case["file"], base_repo / case["target"])
    _dataset, report = validate(base_repo)
    where = case.get("at", case["target"])
    matching = [p for p in report.problems if p.code == case["code"] and p.path == where]
    assert matching, f"expected {case['code']} at {where}, got:\n{report.format()}"
    assert any(p.line == case["line"] for p in matching), [p.format() for p in matching]
    if "hint" in case:
        assert any(case["hint"] in p.hint for p in matching), [p.hint for p in matching]
    if "message" in case:
        assert any(case["message"] in p.message for p in matching), [p.message for p in matching]

    warning = case["code"].startswith("W")  # printed the same way, but validate succeeds
    assert main(["--root", str(base_repo), "validate"]) == (0 if warning else 1)
    err = capsys.readouterr().err
    assert f"{where}:{case['line']}:" in err and f"{'warning' if warning else 'error'}[{case['code']}]" in err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].endswith("file(s)")


def test_all_errors_of_a_run_are_reported_together(base_repo: Path) -> None:
    for case in ("E010-unknown-field.yaml", "E030-dangling.yaml", "E040-duplicate-alias.yaml"):
        entry = next(c for c in MANIFEST if c["file"] == case)
        shutil.copy(FIXTURES / "invalid" / case, base_repo / entry["target"])
    _dataset, report = validate(base_repo)
    assert {"E010", "E030", "E040"} <= {p.code for p in report.problems}
