"""W001 warns when an expert's English name is spelt in pinyin but is not the pinyin of name_zh, and only then:
order, hyphens, polyphonic family names, ü, Cantonese and Wade–Giles spellings, Western given names and
matching aliases never warn. A warning is printed by validate and build; it fails neither."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, validate
from ioatlas.cli import main
from ioatlas.pinyin import looks_like_pinyin_of, matches, shown_reading, slug

EXPERT = "data/experts/example-expert.yaml"


@pytest.mark.parametrize(("english", "hanzi"), [
    ("He Huang", "黄河"), ("Huang He", "黄河"), ("Lizonghai", "李宗海"), ("Zonghai Li", "李宗海"),
    ("Qin Shu-kui", "秦叔逵"), ("Zeng Zhi", "曾志"), ("Ceng Zhi", "曾志"), ("Shan Tianfang", "单田芳"),
    ("Lü Bu", "吕布"), ("Lyu Bu", "吕布"), ("Lv Bu", "吕布"), ("Ouyang Nana", "欧阳娜娜"), ("Nana Ouyang", "欧阳娜娜"),
    ("ZHAI Bo", "翟博"), ("Zhái Bó", "翟博"),
])
def test_pinyin_spellings_match_in_any_order_and_reading(english: str, hanzi: str) -> None:
    assert matches(english, hanzi)


@pytest.mark.parametrize(("english", "hanzi"), [
    ("Andrew Zhu", "朱雁"), ("Wang Po Shing", "王宝成"), ("Chien-Shing Chen", "陈建成"), ("Lee Teng-hui", "李登辉"),
    ("Wong Ka Kit", "黄家杰"), ("Li Z", "李宗海"),
])
def test_spellings_that_are_not_pinyin_are_not_judged(english: str, hanzi: str) -> None:
    assert not matches(english, hanzi) and not looks_like_pinyin_of(english, hanzi)


def test_a_pinyin_spelling_of_other_characters_is_caught() -> None:
    assert looks_like_pinyin_of("Qin Shukui", "秦叔达") and not matches("Qin Shukui", "秦叔达")


def test_readings_for_new_records_use_family_name_readings() -> None:
    assert [shown_reading(h) for h in ("翟博", "曾志", "吕布", "欧阳娜娜")] == ["Zhai Bo", "Zeng Zhi", "Lyu Bu",
                                                                         "Ouyang Nana"]
    assert slug("李宗海") == "li-zonghai"


def _expert(repo: Path, name: str, name_zh: str, aliases: str = "[]") -> None:
    (repo / EXPERT).write_text(f"id: example-expert\nname: {name}\nname_zh: {name_zh}\naliases: {aliases}\n"
                               "affiliations:\n- organization: example-hospital\nsources: [example-news]\n"
                               "last_reviewed: 2024-08-01\n")


def test_a_wrong_character_is_a_warning_that_validate_prints_and_passes(
        base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _expert(base_repo, "Zhang San", "张山")
    _dataset, report = validate(base_repo)
    assert not report  # a warning is not an error
    assert [(p.code, p.path, p.line) for p in report.problems] == [("W001", EXPERT, 3)]
    assert main(["--root", str(base_repo), "validate"]) == 0
    captured = capsys.readouterr()
    assert f"{EXPERT}:3:1: warning[W001]: 'Zhang San' is spelt in pinyin but is not the pinyin of name_zh " \
           "'张山' (read as 'Zhang Shan')" in captured.err
    assert captured.err.strip().endswith("1 warning(s) in 1 file(s)")
    assert captured.out.startswith("ok:")


def test_a_matching_alias_silences_the_warning(base_repo: Path) -> None:
    _expert(base_repo, "Cheung Ka Man", "张嘉文", "[Zhang Jiawen]")
    assert validate(base_repo)[1].problems == []
    _expert(base_repo, "Cheung Ka Man", "张嘉文")  # Cantonese only: not pinyin, nothing to compare
    assert validate(base_repo)[1].problems == []


def test_errors_and_warnings_are_counted_apart(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _expert(base_repo, "Zhang San", "张山")
    target = base_repo / "data" / "targets" / "example-target.yaml"
    target.write_text(target.read_text() + "summary: Taken from article 003.\n")
    assert main(["--root", str(base_repo), "validate"]) == 1
    assert "1 error(s) and 1 warning(s) in 2 file(s)" in capsys.readouterr().err


def test_the_real_data_has_no_pinyin_warning() -> None:
    assert [p.format() for p in validate(ROOT)[1].warnings()] == []
