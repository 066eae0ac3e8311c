"""The one pipeline every command runs: dataset → checks → graph → pages and outputs → docs sync → site.

``assemble`` loads and checks the records and, only when nothing is wrong, builds the graph;
``plan`` renders every generated file from the graph in memory; ``generate`` writes them under docs/;
``build`` then builds site/. Build, serve, diff, bench, link checks and every output call these
functions rather than composing the stages again. Each result keeps the seconds each stage took, which
the benchmark reports (tests never time anything).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import plan_share
from .checks import run_checks
from .dataset import Dataset, LoadCache, load_dataset
from .docs_sync import WriteSummary
from .engine.process import MkDocsProcess
from .engine.site import build_into, source_date_epoch, write_site_config
from .graph import Graph
from .plan_share import plan_and_write
from .problems import Report


@dataclass
class Atlas:
    """The records of one run: the dataset, the problems found, and the graph when there are none."""

    dataset: Dataset
    report: Report
    graph: Graph | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> seconds it took

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start


@dataclass
class Generated:
    atlas: Atlas
    graph: Graph
    summary: WriteSummary

    @property
    def dataset(self) -> Dataset:
        return self.atlas.dataset


@contextmanager
def collector_paused(one_shot: bool = False) -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, then back as it was.

    Loading, checking and planning make millions of objects that live until the run ends and almost no
    cycles (a few thousand objects at 10,000 records). Each full collection scans every live object, and they
    come more often as objects are made, so at 10,000 records the collector made loading and planning take
    2.3 times as long as at 5,000; paused, they grow in proportion (load and check 6.5 s to 4.8 s at 10,000).

    ``one_shot``: the process ends after this run (``ioatlas build``), so what the block made is then frozen
    (gc.freeze): the collector's first pass after the pause would otherwise scan all of it once more, about a
    second at 10,000 records. Never in ``ioatlas serve`` or tests, which go on: a cycle frozen after it became
    garbage (an earlier MkDocs build's pages) would never be freed.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if one_shot:
            gc.freeze()
        if enabled:
            gc.enable()


def assemble(root: Path, cache: LoadCache | None = None, *, one_shot: bool = False) -> Atlas:
    """Load and check every record under root/data; build the graph only when no problem was found. ``cache``
    keeps the records read, for a later run in the same process (``ioatlas serve``); ``one_shot``: see
    ``collector_paused``."""
    report = Report()
    start = time.perf_counter()
    with collector_paused(one_shot):
        dataset = load_dataset(root, report, cache)
        run_checks(dataset, report)
        atlas = Atlas(dataset, report, seconds={"load+check": time.perf_counter() - start})
        if not report:
            with atlas.timed("graph"):
                atlas.graph = Graph.build(dataset)
    return atlas


def plan(graph: Graph, *, one_shot: bool = False) -> dict[PurePosixPath, bytes]:
    """Every generated file (docs-relative path -> content): pages, then outputs. With a second core a forked
    process plans the outputs and some page sets (plan_share.py); the files, and their order, are the same."""
    with collector_paused(one_shot):
        return plan_share.plan(graph)


def generate_from(root: Path, atlas: Atlas, *, one_shot: bool = False) -> Generated:
    """Write the generated files of an assembled atlas whose records are all valid, and the site config."""
    if atlas.graph is None:
        raise ValueError("the atlas has problems; nothing may be generated from it")
    with atlas.timed("generate"):
        with collector_paused(one_shot):  # each process writes the files it planned (plan_share.py)
            summary = plan_and_write(root / "docs", atlas.graph)
        write_site_config(root)
    return Generated(atlas, atlas.graph, summary)


def generate(root: Path, cache: LoadCache | None = None, *, one_shot: bool = False
             ) -> tuple[Generated | None, Report]:
    """Assemble, then, only if the records are all valid, write the generated files and the site config."""
    atlas = assemble(root, cache, one_shot=one_shot)
    if atlas.graph is None:
        return None, atlas.report
    return generate_from(root, atlas, one_shot=one_shot), atlas.report


def build_site(root: Path, generated: Generated, site_dir: Path | None = None,
               mkdocs: MkDocsProcess | None = None) -> None:
    """Build site/ from the generated docs atomically: a failure leaves the previous site/ as it was. ``mkdocs``
    is the MkDocs process started ahead, if any."""
    with generated.atlas.timed("mkdocs"):
        build_into(root, site_dir or root / "site", source_date_epoch(generated.dataset), mkdocs)


def build(root: Path, site_dir: Path | None = None, *, one_shot: bool = False) -> tuple[Generated | None, Report]:
    """Generate, then build site/ atomically: a failure leaves the previous site/ as it was. MkDocs' process
    starts first, so that it gets ready on another core while the records are loaded and checked. ``one_shot``
    (``ioatlas build``): see ``collector_paused``."""
    with MkDocsProcess(root) as mkdocs:
        generated, report = generate(root, one_shot=one_shot)
        if generated is None:
            return None, report
        build_site(root, generated, site_dir, mkdocs)
    return generated, report
