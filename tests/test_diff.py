"""`ioatlas diff <ref>` in a throw-away git repository: records and pages added, removed, changed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES
from ioatlas.cli import main
from ioatlas.diff import DiffError, diff


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The base fixture data committed once, then edited in the working tree."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base" / "data", repo / "data")
    _git(repo, "init", "-q")
    _git(repo, "add", "data")
    _git(repo, "commit", "-q", "-m", "base")
    target = repo / "data/targets/example-target.yaml"
    target.write_text(target.read_text().replace("Example target 1", "Example target one"))
    (repo / "data/targets/example-target-two.yaml").write_text(
        "id: example-target-two\nname: EXT2\ncategory: tumour-antigen\nsources: [example-paper]\n"
        "last_reviewed: 2024-08-01\n")
    trial = repo / "data/trials/example-trial.yaml"
    trial.write_text(trial.read_text().replace("targets: [example-target]",
                                               "targets: [example-target, example-target-two]"))
    return repo


def test_diff_lists_records_and_pages(repo: Path) -> None:
    lines = diff(repo, "HEAD")
    assert lines[0] == "data at HEAD → working tree"
    text = "\n".join(lines)
    assert "records: 1 added, 0 removed, 2 changed" in text
    assert "  + data/targets/example-target-two.yaml" in text
    assert "  ~ data/targets/example-target.yaml" in text and "  ~ data/trials/example-trial.yaml" in text
    assert "  + targets/example-target-two.md  →  site/targets/example-target-two/index.html" in text
    assert "  ~ targets/index.md  →  site/targets/index.html" in text
    assert "  ~ trials/example-trial.md" in text


def test_diff_against_a_ref_without_data_lists_everything_added(repo: Path, capsys: pytest.CaptureFixture) -> None:
    _git(repo, "rm", "-q", "-r", "--cached", "data")
    _git(repo, "commit", "-q", "-m", "no data")
    assert main(["--root", str(repo), "diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "records: 15 added, 0 removed, 0 changed" in out
    assert "  + targets/example-target-two.md" in out
    assert "  ~ targets/index.md" in out  # the collection indexes exist, empty, without data


def test_diff_of_an_unknown_ref_fails(repo: Path) -> None:
    with pytest.raises(DiffError, match="'no-such-ref' is not a commit"):
        diff(repo, "no-such-ref")


def test_diff_skips_pages_when_data_does_not_validate(repo: Path) -> None:
    (repo / "data/targets/example-target.yaml").write_text("id: example-target\nbogus: 1\n")
    lines = diff(repo, "HEAD")
    assert lines[-1].startswith("pages: not compared (working tree:")
