"""Whole-site build: validate → generate docs/ → ``mkdocs build --strict`` into a temporary folder →
swap it into site/ only when everything succeeded.

A failed validation touches nothing; a failed MkDocs build leaves the previous site/ in place.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .graph import Graph
from .problems import Report
from .render import WriteSummary, write_docs
from .validate import Dataset, validate


class BuildError(Exception):
    pass


@dataclass
class Generated:
    dataset: Dataset
    graph: Graph
    summary: WriteSummary


def generate(root: Path) -> tuple[Generated | None, Report]:
    """Validate the records and, only if they are all valid, write the generated pages."""
    dataset, report = validate(root)
    if report:
        return None, report
    graph = Graph.build(dataset)
    summary = write_docs(graph, root / "docs")
    return Generated(dataset, graph, summary), report


_SOURCE_DATE = re.compile(r"^(?:published|updated):[ ]*['\"]?(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?['\"]?[ ]*$", re.M)


def source_date_epoch(root: Path) -> int:
    """The build's date, taken from the data so that the same data build the same site on any day.

    It is the newest 'published' or 'updated' date of the source records (midnight UTC; a missing month or
    day counts as the first), or 0 when there is none. MkDocs writes it as every page's <lastmod> in
    sitemap.xml and as the timestamp inside sitemap.xml.gz. SOURCE_DATE_EPOCH in the environment wins.
    """
    newest = (1970, 1, 1)
    for path in sorted((root / "data" / "sources").glob("*.yaml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for year, month, day in _SOURCE_DATE.findall(text):
            newest = max(newest, (int(year), int(month or 1), int(day or 1)))
    try:
        return int(dt.datetime(*newest, tzinfo=dt.UTC).timestamp())
    except ValueError:
        return 0


def mkdocs_build(root: Path, site_dir: Path, config: str = "mkdocs.yml") -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict",
               "--config-file", str(root / config), "--site-dir", str(site_dir)]
    env = {"SOURCE_DATE_EPOCH": str(source_date_epoch(root)),
           **os.environ, "PYTHONHASHSEED": "0", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        output = f"{result.stdout}\n{result.stderr}"
        problems = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR", "Aborted", "Error"))]
        raise BuildError("mkdocs build --strict failed:\n" + "\n".join(problems or output.splitlines()[-20:]))


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Replace site_dir with new_site; the old one is removed only after the new one is in place."""
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site_dir.parent))
        os.replace(site_dir, old / "site")
    os.replace(new_site, site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(root: Path, site_dir: Path | None = None) -> tuple[Generated | None, Report]:
    generated, report = generate(root)
    if generated is None:
        return None, report
    site_dir = site_dir or root / "site"
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        mkdocs_build(root, staging / "site")
        swap_in(staging / "site", site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return generated, report
