"""`ioatlas new` starts a record that cannot slip through half-filled: every placeholder is refused as E014
with what to write instead, filling them in gives a valid record, and an existing file is never replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import validate
from ioatlas.cli import main
from ioatlas.curator.fmt import format_file
from ioatlas.curator.scaffold import derive_id, skeleton
from ioatlas.models import MODELS
from ioatlas.problems import is_placeholder


def _placeholders(value: object) -> int:
    if isinstance(value, dict):
        return sum(_placeholders(v) for v in value.values())
    if isinstance(value, list):
        return sum(_placeholders(v) for v in value)
    return int(is_placeholder(value))


@pytest.mark.parametrize("collection", list(MODELS))
def test_every_placeholder_of_every_collection_is_refused_as_e014(base_repo: Path, collection: str) -> None:
    assert main(["--root", str(base_repo), "new", collection, "Brand New Record"]) == 0
    rel = f"data/{collection}/brand-new-record.yaml"
    text = (base_repo / rel).read_text()
    count = _placeholders(yaml.safe_load(text))
    assert count >= 2  # at least last_reviewed and sources, or a source's vocabularies
    _dataset, report = validate(base_repo)
    mine = [p for p in report.problems if p.path == rel]
    assert mine and all(p.code == "E014" and p.hint.startswith("replace it with") for p in mine), report.format()
    assert len(mine) == count
    assert not format_file(base_repo / rel, rel, collection).changed  # written in the canonical layout


def test_an_expert_from_a_news_article_step_by_step(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(base_repo), "new", "experts", "Zhang San", "--zh", "张三"]) == 0
    assert "wrote data/experts/zhang-san.yaml" in capsys.readouterr().out
    path = base_repo / "data" / "experts" / "zhang-san.yaml"
    assert yaml.safe_load(path.read_text()) == {
        "id": "zhang-san", "name": "Zhang San", "name_zh": "张三",
        "affiliations": [{"organization": "<TODO: id of a record in data/organizations/>"}],
        "sources": ["<TODO: id of a record in data/sources/>"],
        "last_reviewed": "<TODO: YYYY-MM-DD, the day you checked the record against its sources>"}
    assert main(["--root", str(base_repo), "validate"]) == 1
    err = capsys.readouterr().err
    assert ("data/experts/zhang-san.yaml:5:3: error[E014]: 'affiliations.0.organization' still holds the "
            "placeholder") in err
    assert "hint: replace it with the id (file name) of a record in data/organizations/" in err
    filled = (path.read_text().replace("'<TODO: id of a record in data/organizations/>'", "example-hospitl")
              .replace("'<TODO: id of a record in data/sources/>'", "example-news")
              .replace("'<TODO: YYYY-MM-DD, the day you checked the record against its sources>'", "2024-08-02"))
    path.write_text(filled)
    assert main(["--root", str(base_repo), "validate"]) == 1
    assert "hint: did you mean 'example-hospital'?" in capsys.readouterr().err
    path.write_text(filled.replace("example-hospitl", "example-hospital"))
    assert main(["--root", str(base_repo), "validate"]) == 0


def test_an_existing_record_is_never_overwritten(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = base_repo / "data" / "experts" / "example-expert.yaml"
    before = path.read_bytes()
    assert main(["--root", str(base_repo), "new", "experts", "Example Expert"]) == 1
    assert "data/experts/example-expert.yaml exists already" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_a_namesake_is_pointed_out(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(base_repo), "new", "experts", "Expert Example", "--id", "expert-example-2"]) == 0
    assert "note: data/experts/example-expert.yaml has the same name" in capsys.readouterr().out


def test_ids_come_from_the_name_or_the_pinyin_of_a_chinese_name() -> None:
    assert derive_id("Zhang San", "张三", "experts") == "zhang-san"
    assert derive_id("José Baselga", None, "experts") == "jose-baselga"
    assert derive_id("翟博", None, "experts") == "zhai-bo"
    assert derive_id("欧阳娜娜", None, "experts") == "ouyang-nana"
    assert derive_id("上海市胸科医院", None, "organizations") == "shanghaishi-xiongke-yiyuan"


def test_a_chinese_name_alone_makes_an_expert_whose_english_name_is_its_pinyin(base_repo: Path) -> None:
    assert main(["--root", str(base_repo), "new", "experts", "翟博"]) == 0
    data = yaml.safe_load((base_repo / "data" / "experts" / "zhai-bo.yaml").read_text())
    assert (data["name"], data["name_zh"]) == ("Zhai Bo", "翟博")


def test_rules_of_the_collection_get_placeholders_too() -> None:
    trial = skeleton("trials", "t", "T", None)
    assert {"phase", "conditions", "interventions", "sources", "last_reviewed"} <= set(trial)
    assert "targets" not in trial  # one of interventions or targets is enough (E056)
