"""Shared fixtures: the real repository, and throw-away copies of it with test data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ioatlas.dataset import Dataset
from ioatlas.docs_sync import copy_site_sources
from ioatlas.pipeline import assemble
from ioatlas.problems import Report

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def copy_site_config(destination: Path) -> None:
    """Copy what `mkdocs build` needs besides data: config, theme overrides, hand-written docs."""
    copy_site_sources(ROOT, destination)


def validate(root: Path) -> tuple[Dataset, Report]:
    """The dataset and the problems of one load-and-check run over root/data."""
    atlas = assemble(root)
    return atlas.dataset, atlas.report


@pytest.fixture
def base_repo(tmp_path: Path) -> Path:
    """A buildable repository holding the small fixture dataset of tests/fixtures/base."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(FIXTURES / "base" / "data", repo / "data")
    copy_site_config(repo)
    use_fixture_home_page(repo)
    return repo


def use_fixture_home_page(repo: Path) -> None:
    """The real home page links to real records; the fixture dataset has other ones."""
    (repo / "docs" / "index.md").write_text("# IO Atlas (test data)\n\n- [Experts](experts/index.md)\n"
                                           "- [Example target](targets/example-target.md)\n")


def built_real_copy(folder: Path) -> Path:
    """A copy of the real data and site config under ``folder``, built; returns the repository."""
    from ioatlas.pipeline import build

    repo = folder / "repo"
    repo.mkdir()
    shutil.copytree(ROOT / "data", repo / "data")
    copy_site_config(repo)
    generated, report = build(repo)
    assert generated is not None, report.format()
    return repo


@pytest.fixture
def real_repo(tmp_path: Path) -> Path:
    """A copy of the real repository's data and site config, safe to build and break."""
    repo = tmp_path / "real"
    repo.mkdir()
    shutil.copytree(ROOT / "data", repo / "data")
    copy_site_config(repo)
    return repo
