"""Extending the atlas touches one place: a new collection is one model module plus one template, and a new
field is one line in a model plus, at most, one row in its template.

Each test copies the package, makes only that change to the copy, and builds the fixture data with it in a
separate process, then looks at everything the registry should derive: pages, index, navigation, backlinks,
field reference, JSON Schema, checks, link collection and synthetic data.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

GRANT_MODEL = '''"""Grants: money given for research, by a funder, to the trials it pays for."""

from __future__ import annotations

from typing import Any

from .base import Record
from .collection import Collection, Column, Facet, Synthetic, SyntheticIds
from .types import Ref, Text


class Grant(Record):
    """A research grant."""

    collection = "grants"

    funder: Ref("organizations")
    programme: Text | None = None
    trials: list[Ref("trials")] = []


def _synthetic(number: int, record_id: str, ids: SyntheticIds) -> dict[str, Any]:
    return {"id": record_id, "name": f"Synthetic grant {number}", "funder": ids.pick("organizations", 1)[0],
            "sources": ids.cite()}


COLLECTION = Collection(
    model=Grant, title="Grants", singular="Grant", intro="Research grants and what they pay for.", position=75,
    columns=(Column("Name", "name", show="record"), Column("Funder", "funder"), Column("Trials", "trials")),
    facets=(Facet("Funder", "funder"),),
    backlinks={"funder": "Grants funded", "trials": "Funded by"},
    synthetic=Synthetic(0.05, _synthetic),
)
'''

GRANT_TEMPLATE = '''{% extends "record.md.j2" %}
{% block facts %}
{{ tr("Funder", page.link(page.record("organizations", record.funder))) }}
{{ row("Programme", record.programme) }}
{% endblock %}
'''

GRANT_RECORD = """id: example-grant
name: Example Society research grant
funder: example-society
programme: Cell therapy
trials: [example-trial]
sources: [example-news]
last_reviewed: 2024-08-01
"""

# Runs a snippet with the copied package and proves that the package imported is the copy.
_PRELUDE = ("import sys, ioatlas; from pathlib import Path; "
            "assert Path(ioatlas.__file__).is_relative_to(sys.argv[1]), ioatlas.__file__\n")


def copy_package(tmp_path: Path) -> Path:
    package = tmp_path / "scripts" / "ioatlas"
    shutil.copytree(ROOT / "scripts" / "ioatlas", package, ignore=shutil.ignore_patterns("__pycache__"))
    return package


def run_with(package: Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    scripts = package.parent
    env = {**os.environ, "PYTHONPATH": str(scripts)}
    return subprocess.run([sys.executable, "-c", _PRELUDE + code, str(scripts), *args],
                          capture_output=True, text=True, env=env, check=False)


def build_with(package: Path, repo: Path) -> subprocess.CompletedProcess[str]:
    return run_with(package, "from ioatlas.cli import main; sys.exit(main(sys.argv[2:]))", "--root", str(repo),
                    "build")


def add_grants(tmp_path: Path, repo: Path, record: str) -> Path:
    """A copy of the package with the grants collection (its module and template), and one grant record."""
    package = copy_package(tmp_path)
    (package / "models" / "grants.py").write_text(GRANT_MODEL)
    (package / "templates" / "grants.md.j2").write_text(GRANT_TEMPLATE)
    (repo / "data" / "grants").mkdir()
    (repo / "data" / "grants" / "example-grant.yaml").write_text(record)
    return package


def insert_after(path: Path, line_start: str, new_line: str) -> None:
    """Insert ``new_line`` after the one line of ``path`` that starts with ``line_start``."""
    lines = path.read_text().splitlines(keepends=True)
    found = [n for n, line in enumerate(lines) if line.startswith(line_start)]
    assert len(found) == 1, f"{path.name}: {len(found)} lines start with {line_start!r}"
    lines.insert(found[0] + 1, new_line)
    path.write_text("".join(lines))


def page(repo: Path, path: str) -> str:
    return (repo / "site" / path).read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_new_collection_is_one_model_module_and_one_template(tmp_path: Path, base_repo: Path) -> None:
    package = add_grants(tmp_path, base_repo, GRANT_RECORD)
    result = build_with(package, base_repo)
    assert result.returncode == 0, result.stderr

    record = page(base_repo, "grants/example-grant/index.html")
    assert "Example Society research grant" in record and "Cell therapy" in record
    assert re.search(r'<tr>\s*<td>Funder</td>\s*<td><a href="../../organizations/example-society/">', record)
    index = page(base_repo, "grants/index.html")
    assert "Research grants and what they pay for." in index and 'href="example-grant/"' in index
    assert "Funder" in index and "Example Society of Oncology" in index
    home = page(base_repo, "index.html")
    assert 'href="grants/"' in home  # the navigation's Atlas section
    society = page(base_repo, "organizations/example-society/index.html")
    assert "Grants funded" in society and "example-grant" in society  # backlink heading from the declaration
    assert "Funded by" in page(base_repo, "trials/example-trial/index.html")
    assert "/grants/*" in (base_repo / "mkdocs.site.yml").read_text()  # record pages stay out of the nav
    fields = page(base_repo, "schema/index.html")
    assert "grants" in fields and "funder" in fields
    schema = json.loads((base_repo / "site/schema/grants.schema.json").read_text())
    assert schema["properties"]["funder"]["x-ref"] == "organizations"
    assert (base_repo / "site/records/grants/example-grant.yaml").read_text() == GRANT_RECORD


@pytest.mark.slow
def test_a_new_collection_is_checked_and_benchmarked(tmp_path: Path, base_repo: Path) -> None:
    package = add_grants(tmp_path, base_repo, GRANT_RECORD.replace("example-society", "example-socety"))
    result = run_with(package, "from ioatlas.cli import main; sys.exit(main(sys.argv[2:]))", "--root",
                      str(base_repo), "validate")
    assert result.returncode == 1
    assert "data/grants/example-grant.yaml:3:1: error[E030]: no organizations record 'example-socety'" in result.stderr
    assert "did you mean 'example-society'?" in result.stderr

    synthetic = tmp_path / "synthetic"
    made = run_with(package, "from ioatlas.synthetic import write_dataset; write_dataset(Path(sys.argv[2]), 200)",
                    str(synthetic))
    assert made.returncode == 0, made.stderr
    assert len(list((synthetic / "data" / "grants").glob("*.yaml"))) == 10  # its declared share of 200


@pytest.mark.slow
def test_a_new_url_field_is_the_model_line_plus_a_template_row(tmp_path: Path, base_repo: Path) -> None:
    package = copy_package(tmp_path)
    insert_after(package / "models" / "experts.py", "    country: ",
                 '    homepage: Url | None = Field(None, description="a page of the expert")\n')
    insert_after(package / "models" / "experts.py", "from .types import ", "from .types import Url  # noqa\n")
    insert_after(package / "templates" / "experts.md.j2", '{{ row("Country"',
                 '{{ row("Homepage", record.homepage | identifier if record.homepage else "") }}\n')
    expert = base_repo / "data/experts/example-expert.yaml"
    expert.write_text(expert.read_text() + "homepage: https://example.org/people/expert\n")

    result = build_with(package, base_repo)
    assert result.returncode == 0, result.stderr
    assert 'href="https://example.org/people/expert"' in page(base_repo, "experts/example-expert/index.html")
    assert "a page of the expert" in page(base_repo, "schema/index.html")
    collected = run_with(package, "from ioatlas.links.collect import collect\n"
                                  "links, _ = collect(Path(sys.argv[2]))\n"
                                  "print('\\n'.join(f'{l.file} {l.field} {l.line} {l.probe}' for l in links))",
                         str(base_repo))
    assert collected.returncode == 0, collected.stderr
    assert "data/experts/example-expert.yaml homepage 14 https://example.org/people/expert" in collected.stdout
