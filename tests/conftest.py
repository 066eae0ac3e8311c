"""Shared fixtures: the real repository, and throw-away copies of it with test data."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ioatlas.dataset import Dataset
from ioatlas.docs_sync import copy_site_sources
from ioatlas.pipeline import assemble
from ioatlas.problems import Report

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# the flags that keep Debian's chromium quiet on a machine with no outside network
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def loopback_server(folder: Path) -> http.server.ThreadingHTTPServer:
    """A static server for ``folder`` bound to a free port on 127.0.0.1, not yet serving (its address is known
    before a build that must carry it)."""
    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))


@contextmanager
def serving(server: http.server.ThreadingHTTPServer) -> Iterator[str]:
    """Serve in a background thread while the block runs; yields the base address (no trailing slash)."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def real_built_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the real repository, built once for every test that only reads it (site/ and docs/)."""
    return built_real_copy(tmp_path_factory.mktemp("real-built"))


@pytest.fixture(scope="session")
def real_site(real_built_repo: Path) -> Iterator[str]:
    """The real data, built and served on loopback."""
    with serving(loopback_server(real_built_repo / "site")) as address:
        yield address


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium, driven by Playwright, shared by every browser test of the run."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is required for browser tests: apt-get install chromium")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
