"""Stage in China, derived and never typed: from approvals by a Chinese regulator and the phases of the trials
that give a therapy; shown on the therapies index, target pages, the landscape and the 'Approved in China'
page, exported in CSV and JSON; and the filters that follow the hierarchy."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from ioatlas.derived import NOT_GIVEN, STAGES, stage
from ioatlas.graph import Graph
from ioatlas.pages.facets import facet_rows
from ioatlas.pipeline import assemble

CHINESE_REGULATORS = {"nmpa", "sfda"}  # the organizations of data/ whose kind is agency and country China
RANK = {"3": 1, "2/3": 1, "4": 1, "2": 2, "1/2": 2, "1": 3, "early-1": 3, "preclinical": 4}


@pytest.fixture(scope="module")
def graph() -> Graph:
    atlas = assemble(ROOT)
    assert atlas.graph is not None, atlas.report.format()
    return atlas.graph


def _expected(therapy_file: Path, trials: list[dict]) -> str | None:
    """The stage worked out from the YAML alone, as a reader of the files would."""
    therapy = yaml.safe_load(therapy_file.read_text())
    if therapy["kind"] in ("modality", "technique"):
        return None
    if any(a["agency"] in CHINESE_REGULATORS for a in therapy.get("approvals", [])):
        return "Approved"
    ranks = [RANK[t["phase"]] for t in trials if therapy["id"] in t.get("interventions", []) and t.get("phase") in RANK]
    return STAGES[min(ranks)] if ranks else NOT_GIVEN


def test_the_stage_of_every_therapy_follows_from_its_approvals_and_trials(graph: Graph) -> None:
    approving = {a.agency for t in graph.records("therapies") for a in t.approvals}
    assert {a for a in approving if graph.get("organizations", a).country == "China"} == CHINESE_REGULATORS
    trials = [yaml.safe_load(p.read_text()) for p in sorted((ROOT / "data/trials").glob("*.yaml"))]
    foreign = {t["id"] for t in trials if t.get("sites") or t.get("sponsors")
               if all(graph.get("organizations", o).country not in (None, "China")
                      for o in [*t.get("sites", []), *t.get("sponsors", [])])}
    trials = [t for t in trials if t["id"] not in foreign]
    stages = {}
    for path in sorted((ROOT / "data/therapies").glob("*.yaml")):
        therapy = graph.get("therapies", path.stem)
        stages[path.stem] = stage(graph, therapy)
        assert stages[path.stem] == _expected(path, trials), path.stem
    assert stages["pembrolizumab"] == "Approved" and stages["inaticabtagene-autoleucel"] == "Approved"
    assert {"Approved", NOT_GIVEN} <= set(stages.values()) and len(set(stages.values())) >= 3


def test_a_trial_wholly_outside_china_does_not_count(base_repo: Path) -> None:
    hospital = base_repo / "data/organizations/example-hospital.yaml"
    atlas = assemble(base_repo)
    assert atlas.graph is not None
    product = atlas.graph.get("therapies", "example-product")
    assert stage(atlas.graph, product) == "Phase 1"  # the example trial, at a hospital with no country
    hospital.write_text(hospital.read_text() + "country: Japan\n")
    atlas = assemble(base_repo)
    assert atlas.graph is not None
    assert stage(atlas.graph, atlas.graph.get("therapies", "example-product")) == NOT_GIVEN


def test_the_modality_filter_keeps_every_therapy_below_it_and_not_given_is_a_choice(graph: Graph) -> None:
    therapies = graph.records("therapies")
    labels = ["Kind", "Modality", "Target", "Stage in China", "Approved by"]
    rows = dict(zip((t.id for t in therapies), facet_rows(graph, "therapies", therapies), strict=True))
    modality = labels.index("Modality")
    assert "CAR-T cell therapy" in rows["satricabtagene-autoleucel"][modality]  # under Claudin18.2 CAR-T
    assert all(row[labels.index("Stage in China")] for row in rows.values())  # "Not given" at least
    assert rows["car-t"][labels.index("Stage in China")] == [NOT_GIVEN]  # a modality has no stage
    assert rows["immunotherapy"][modality] == [NOT_GIVEN]  # the top of the tree belongs to nothing
    trials = graph.records("trials")
    disease = 4  # Target, Intervention, Phase, Status, Disease, Sponsor
    for trial, row in zip(trials, facet_rows(graph, "trials", trials), strict=True):
        assert all(row), trial.id  # every facet has a value, "Not given" at least
        for condition in trial.conditions:
            parent = graph.get("diseases", condition).parent
            if parent:
                assert graph.get("diseases", parent).name in row[disease], trial.id


@pytest.mark.slow
def test_stage_shows_on_the_index_target_pages_landscape_and_exports(real_built_repo: Path, graph: Graph) -> None:
    site = real_built_repo / "site"
    index = html.unescape((site / "therapies/index.html").read_text(encoding="utf-8"))
    assert "<th>Stage in China</th>" in index and '"Stage in China"' in index
    pd1 = html.unescape((site / "targets/pd-1/index.html").read_text(encoding="utf-8"))
    assert re.search(r'therapies/pembrolizumab/">Pembrolizumab</a>.*?Approved in China', pd1)
    own = html.unescape((site / "therapies/sintilimab/index.html").read_text(encoding="utf-8"))
    assert re.search(r'<p><span class="ioa-kind">Therapy</span>.*<span class="ioa-stage">Approved in China</span></p>',
                     own)  # on the record's own page, beside its kind
    modality = (site / "therapies/car-t/index.html").read_text(encoding="utf-8")
    assert 'class="ioa-stage"' not in modality.split('id="linked-from"')[0]  # a modality has no stage
    landscape = html.unescape((site / "landscape/index.html").read_text(encoding="utf-8"))
    assert re.search(r"Pembrolizumab</a> \(Approved\)", landscape)
    assert re.search(r'href="../trials/\?Target=GPC3&Phase=1">\d+</a>', landscape)
    exported = json.loads((site / "api/v1/therapies.json").read_text(encoding="utf-8"))["records"]
    table = list(csv.DictReader(io.StringIO((site / "api/v1/therapies.csv").read_text(encoding="utf-8-sig"))))
    for record, row in zip(exported, table, strict=True):
        expected = stage(graph, graph.get("therapies", record["id"])) or ""
        assert record["stage_in_china"] == expected and row["stage_in_china"] == expected


@pytest.mark.slow
def test_every_product_on_the_approved_page_has_a_structured_approval_in_china(real_built_repo: Path,
                                                                              graph: Graph) -> None:
    page = html.unescape((real_built_repo / "site/approved/index.html").read_text(encoding="utf-8"))
    table = page[page.index("<table>", page.index('id="products"')):]
    table = table[:table.index("</table>")]
    listed = re.findall(r'<tr>\s*<td><a href="../therapies/([a-z0-9-]+)/">', table)
    approved = {t.id for t in graph.records("therapies")
                if any(a.agency in CHINESE_REGULATORS for a in t.approvals)}
    assert listed and set(listed) == approved and len(listed) == len(approved)
    for therapy_id in listed:
        record = yaml.safe_load((ROOT / f"data/therapies/{therapy_id}.yaml").read_text())
        first = min((a for a in record["approvals"] if a["agency"] in CHINESE_REGULATORS), key=lambda a: str(a["date"]))
        assert len(str(first["date"])) >= 7 and first["sources"], therapy_id  # a month at least, cited
    assert '<svg viewBox="0 0' in page and 'aria-labelledby="approvals-by-year-title' in page
