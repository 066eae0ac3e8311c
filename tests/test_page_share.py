"""`mkdocs build` renders a share of the pages in a second process (ioatlas.engine.page_share): the site is the same as
one process builds, a failure there fails the build, and MkDocs' output stays as quiet as before."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ioatlas.engine.page_share import CHILD_SHARE, chosen
from ioatlas.engine.site import SITE_CONFIG, mkdocs_build

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2 or not hasattr(os, "fork"),
                                reason="pages are shared only on two or more cores where processes can fork")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_share_is_spread_through_the_pages() -> None:
    pages = list(range(100))
    share = chosen(pages, CHILD_SHARE)  # type: ignore[arg-type]
    assert len(share) == int(len(pages) * CHILD_SHARE)
    assert share[0] < 5 and share[-1] > 94  # from the first pages to the last, not one block
    assert chosen([], CHILD_SHARE) == []


@pytest.mark.slow
def test_two_processes_build_the_same_site_as_one(real_built_repo: Path, tmp_path: Path) -> None:
    """The real site (built with a share of its pages in a second process) against one built in one process."""
    hand = yaml.safe_load((real_built_repo / "mkdocs.yml").read_text())
    plugins = [{"ioatlas": {"parallel": False}} if plugin == "ioatlas" else plugin for plugin in hand["plugins"]]
    assert plugins != hand["plugins"]
    serial = real_built_repo / "mkdocs.serial.yml"
    serial.write_text(f"INHERIT: {SITE_CONFIG}\nplugins: {json.dumps(plugins)}\n")
    try:
        mkdocs_build(real_built_repo, tmp_path / "site", _epoch_of(real_built_repo), config=serial.name)
    finally:
        serial.unlink()
    shared, alone = snapshot(real_built_repo / "site"), snapshot(tmp_path / "site")
    assert shared.keys() == alone.keys()
    assert [name for name in shared if shared[name] != alone[name]] == []


def _epoch_of(repo: Path) -> int:
    from ioatlas.engine.site import source_date_epoch
    from ioatlas.pipeline import assemble

    return source_date_epoch(assemble(repo).dataset)


def _tiny_project(folder: Path, pages: int, broken: int | None = None) -> Path:
    """A MkDocs project of ``pages`` HTML pages (``body: html``, numbered so that MkDocs' order is theirs) with our
    plugin; page ``broken`` asks for a template that does not exist."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nA Markdown page.\n")
    for number in range(pages):
        template = "template: no-such-template.html\n" if number == broken else ""
        front_matter = f"---\ntitle: Page {number}\nbody: html\n{template}---\n\n"
        (docs / f"page-{number:02}.md").write_text(front_matter + f'<h1 id="page">Page {number}</h1>\n<p>Text.</p>\n')
    (folder / "mkdocs.yml").write_text("site_name: Tiny\nstrict: true\ntheme: {name: material, font: false}\n"
                                       "plugins: [ioatlas]\nnav: [index.md]\nnot_in_nav: /page-*.md\n")
    return folder


def _mkdocs(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)


@pytest.mark.slow
def test_every_page_is_written_once_and_mkdocs_says_nothing_of_the_share(tmp_path: Path) -> None:
    project = _tiny_project(tmp_path / "tiny", 40)
    result = _mkdocs(project)
    assert result.returncode == 0, result.stderr
    for number in range(40):
        page = (project / "site" / f"page-{number:02}" / "index.html").read_text()
        assert f"<h1 id=\"page\">Page {number}" in page and page.lstrip().startswith("<!doctype html>")
        assert "Content-Security-Policy" in page  # every plugin's page events ran, in whichever process
    assert "Page skipped" not in result.stdout + result.stderr  # MkDocs' note for the pages rendered elsewhere


@pytest.mark.slow
def test_a_failure_in_the_second_process_fails_the_build(tmp_path: Path) -> None:
    pages = 40
    shared = chosen(list(range(pages)), CHILD_SHARE)  # type: ignore[arg-type]
    project = _tiny_project(tmp_path / "tiny", pages, broken=shared[3])
    result = _mkdocs(project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "no-such-template.html" in output
    assert "rendering a share of the pages in a second process failed" in output


@pytest.mark.slow
def test_generated_static_files_are_linked_and_readable_by_all(real_built_repo: Path) -> None:
    """The child puts the JSON API and the record copies in the site as hard links to docs/ (page_share._place),
    and a generated file may be read by a web server running as another user (docs_sync.write_atomic)."""
    umask = os.umask(0o022)
    os.umask(umask)
    for name in ["api/v1/all.json", "api/v1/experts.csv"]:
        in_site, in_docs = real_built_repo / "site" / name, real_built_repo / "docs" / name
        assert in_site.stat().st_ino == in_docs.stat().st_ino
        assert stat.S_IMODE(in_site.stat().st_mode) == 0o666 & ~umask


@pytest.mark.slow
def test_record_files_are_copied_from_data_never_linked(real_built_repo: Path) -> None:
    """The record YAML files are published from data/ (record_copies.py) as copies: curators' editors write data
    files in place, and the site must keep what it was built from."""
    copies = sorted((real_built_repo / "site/records").rglob("*.yaml"))
    sources = sorted((real_built_repo / "data").rglob("*.yaml"))
    assert len(copies) == len(sources) > 200
    for copy in copies:
        source = real_built_repo / "data" / copy.relative_to(real_built_repo / "site/records")
        assert copy.read_bytes() == source.read_bytes()
        assert copy.stat().st_ino != source.stat().st_ino

