"""The same data build the same site, byte for byte; a failed build changes nothing.

Determinism: the only date MkDocs writes (sitemap <lastmod>, the gzip timestamp of sitemap.xml.gz) is taken
from the data (engine.site.source_date_epoch: the newest source or review date), not from the clock, so builds on
different days, in different folders, are identical. Atomicity: validation failures and MkDocs failures
leave site/ and every hand-written file of docs/ as they were, with no temporary folder left behind.
"""

from __future__ import annotations

import gzip
import itertools
import os
import re
import shutil
import struct
import threading
from pathlib import Path, PurePosixPath

import pytest

from conftest import validate
from ioatlas import docs_sync
from ioatlas.engine.site import BuildError, source_date_epoch
from ioatlas.graph import Graph
from ioatlas.pipeline import build as build_site
from ioatlas.pipeline import generate, plan


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def with_site_url(repo: Path) -> None:
    """Give the copy a site_url, so that MkDocs writes a sitemap with dates (it writes none without)."""
    config = repo / "mkdocs.yml"
    text, count = re.subn(r"(?m)^site_url:.*$", "site_url: https://example.org/atlas/", config.read_text())
    config.write_text(text if count else text + "\nsite_url: https://example.org/atlas/\n")


@pytest.mark.slow
def test_two_builds_in_two_folders_are_byte_identical(base_repo: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with_site_url(base_repo)
    other = tmp_path / "elsewhere" / "copy"
    shutil.copytree(base_repo, other)
    assert build_site(base_repo)[0] is not None
    assert build_site(other)[0] is not None
    first, second = snapshot(base_repo / "site"), snapshot(other / "site")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    # and a rebuild in place gives the same bytes again
    assert build_site(base_repo)[0] is not None
    assert snapshot(base_repo / "site") == first


@pytest.mark.slow
def test_sitemap_dates_come_from_the_data(base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with_site_url(base_repo)
    build_site(base_repo)
    sitemap = (base_repo / "site/sitemap.xml").read_text()
    dates = set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap))
    assert dates == {"2024-08-01"}  # the fixture data's review date, newer than its newest source (2024-07-30)
    packed = (base_repo / "site/sitemap.xml.gz").read_bytes()
    assert struct.unpack("<I", packed[4:8])[0] == source_date_epoch(validate(base_repo)[0])
    assert gzip.decompress(packed).decode() == sitemap


def test_source_date_epoch_reads_review_dates_and_partial_source_dates(base_repo: Path) -> None:
    assert source_date_epoch(validate(base_repo)[0]) == 1722470400  # 2024-08-01T00:00:00Z, the review date
    (base_repo / "data/sources/example-paper.yaml").write_text(
        "id: example-paper\nname: P\nkind: review\nlanguage: en\nreliability: secondary\nupdated: '2025-03'\n"
        "last_reviewed: 2024-08-01\n")
    assert source_date_epoch(validate(base_repo)[0]) == 1740787200  # 2025-03-01T00:00:00Z
    shutil.rmtree(base_repo / "data")
    (base_repo / "data").mkdir()
    assert source_date_epoch(validate(base_repo)[0]) == 0


def hand_written(repo: Path) -> dict[str, bytes]:
    docs = repo / "docs"
    manifest = docs_sync.read_manifest(docs)
    return {rel: data for rel, data in snapshot(docs).items()
            if rel != docs_sync.MANIFEST and not docs_sync.is_generated(docs, PurePosixPath(rel), manifest)}


@pytest.mark.slow
def test_failed_validation_touches_no_file(base_repo: Path) -> None:
    assert build_site(base_repo)[0] is not None
    before_site, before_docs = snapshot(base_repo / "site"), snapshot(base_repo / "docs")
    (base_repo / "data/diseases/example-cancer.yaml").write_text("id: example-cancer\nname: [broken\n")
    generated, report = build_site(base_repo)
    assert generated is None and report
    assert snapshot(base_repo / "site") == before_site
    assert snapshot(base_repo / "docs") == before_docs  # generated pages of the last good build included
    assert sorted(p.name for p in base_repo.iterdir() if p.name.startswith(".site")) == []


@pytest.mark.slow
def test_failed_mkdocs_build_keeps_site_and_hand_written_docs(base_repo: Path) -> None:
    assert build_site(base_repo)[0] is not None
    before_site = snapshot(base_repo / "site")
    (base_repo / "docs/methods.md").write_text("# Methods\n\n[broken](no-such-page.md)\n")
    written = hand_written(base_repo)
    with pytest.raises(BuildError):
        build_site(base_repo)
    assert snapshot(base_repo / "site") == before_site
    assert hand_written(base_repo) == written
    assert sorted(p.name for p in base_repo.iterdir() if p.name.startswith(".site")) == []


@pytest.mark.slow
def test_successful_builds_leave_no_temporary_folder(base_repo: Path) -> None:
    for _ in range(2):
        assert build_site(base_repo)[0] is not None
    assert sorted(p.name for p in base_repo.iterdir() if p.name.startswith(".")) == []
    assert list((base_repo / "docs").rglob(".tmp-*")) == []


def interrupt_render(base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Generate, change two records, generate again with the third rename failing: (before, after) of docs/."""
    generate(base_repo)
    before = snapshot(base_repo / "docs")
    (base_repo / "data/targets/example-target.yaml").write_text(
        "id: example-target\nname: EXT1 renamed\nsources: [example-paper]\nlast_reviewed: 2024-08-01\n")
    (base_repo / "data/diseases/example-cancer.yaml").write_text(
        "id: example-cancer\nname: Example carcinoma renamed\nsources: [example-news]\nlast_reviewed: 2024-08-01\n")
    real_replace = docs_sync.os.replace
    calls = {"n": 0}

    def failing_replace(src: str, dst: Path) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr(docs_sync.os, "replace", failing_replace)
        with pytest.raises(OSError):
            generate(base_repo)
    return before, snapshot(base_repo / "docs")


def test_interrupted_render_leaves_no_half_written_page(base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages are written to a temporary file and renamed: a crash mid-way leaves old or new pages, whole."""
    before, after = interrupt_render(base_repo, monkeypatch)
    planned = {rel.as_posix(): data for rel, data in plan(Graph.build(validate(base_repo)[0])).items()}
    changed = [rel for rel in after if not rel.split("/")[-1].startswith(".tmp-") and after[rel] != before.get(rel)]
    assert changed, "the interrupted run wrote nothing: the test did not interrupt anything"
    for rel in changed:
        assert after[rel] == planned[rel], f"{rel} is neither the old nor the new page"
    assert any(planned[rel] != after.get(rel) for rel in planned), "the run was not interrupted"


def test_interrupted_render_leaves_no_temporary_file(base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _before, after = interrupt_render(base_repo, monkeypatch)
    assert [rel for rel in after if rel.split("/")[-1].startswith(".tmp-")] == []


def test_two_processes_plan_the_same_files_in_the_same_order_as_one(real_repo: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """With a second core the outputs and some page sets are planned in a forked process (plan_share.plan)."""
    from ioatlas import plan_share

    graph = Graph.build(validate(real_repo)[0])
    assert plan_share.parallel(), "this machine has one core or cannot fork: the shared plan goes untested"
    forked = plan_share.forked_share(graph)
    assert forked and len(forked) < len(plan_share.PAGE_SETS)  # both processes plan pages
    shared = plan(graph)
    monkeypatch.setattr(plan_share, "parallel", lambda: False)
    alone = plan(graph)
    assert list(shared.items()) == list(alone.items())


def test_two_processes_write_what_one_writes(real_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each process writes the files it planned (plan_share.plan_and_write): docs/ and the summary are what one
    process writes, on a first run and on a run after a record changed and one was removed."""
    from ioatlas import plan_share

    alone_repo = tmp_path / "alone"
    shutil.copytree(real_repo, alone_repo)
    runs: list[tuple[object, object]] = []
    for step in range(2):
        if step:
            for repo in (real_repo, alone_repo):
                target = repo / "data/targets/gpc3.yaml"
                target.write_text(target.read_text().replace("name: GPC3", "name: GPC3 (glypican-3)"))
        shared = generate(real_repo)[0]
        with monkeypatch.context() as patch:
            patch.setattr(plan_share, "parallel", lambda: False)
            alone = generate(alone_repo)[0]
        assert shared is not None and alone is not None
        assert snapshot(real_repo / "docs") == snapshot(alone_repo / "docs")
        runs.append((shared.summary, alone.summary))
    (first_shared, first_alone), (second_shared, second_alone) = runs
    assert first_shared == first_alone and second_shared == second_alone
    assert 0 < len(second_shared.written) < len(first_shared.written)  # GPC3's page, and the pages that name it


def test_a_temporary_file_left_by_an_earlier_process_is_passed_over(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Temporary names are the process id and a counter: one a crashed run left is neither reused nor removed."""
    monkeypatch.setattr(docs_sync, "_TEMP_NUMBERS", itertools.count())
    left = tmp_path / "pages" / f".tmp-{os.getpid()}-0"
    left.parent.mkdir()
    left.write_bytes(b"half a page")
    docs_sync.write_atomic(tmp_path / "pages" / "page.md", b"whole page")
    assert (tmp_path / "pages" / "page.md").read_bytes() == b"whole page"
    assert left.read_bytes() == b"half a page"
    assert sorted(p.name for p in left.parent.iterdir()) == [left.name, "page.md"]


def test_a_missing_folder_is_made_and_a_fifo_is_replaced_not_waited_on(tmp_path: Path) -> None:
    """write_if_changed reads a file only when it is a plain one: a FIFO standing at the path would block a read."""
    fifo = tmp_path / "a" / "b" / "c.json"
    assert docs_sync.write_if_changed(fifo, b"{}")  # folders a/b made on the way
    fifo.unlink()
    os.mkfifo(fifo)
    done = threading.Thread(target=docs_sync.write_if_changed, args=(fifo, b"{}"), daemon=True)
    done.start()
    done.join(timeout=10)
    assert not done.is_alive(), "write_if_changed waited on a FIFO"
    assert fifo.is_file() and fifo.read_bytes() == b"{}"
    assert not docs_sync.write_if_changed(fifo, b"{}")  # same bytes: left alone
