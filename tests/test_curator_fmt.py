"""`ioatlas fmt` writes one canonical layout and never changes data.

Property-based (Hypothesis): any real record written in any layout PyYAML can produce, and records of
arbitrary text, read back the same after formatting (same data, same validated record), and formatting twice
changes nothing. Example-based: a comment makes fmt refuse the file and leave it untouched; `--check` lists
what it would change and exits 1; the real data are already canonical.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from ioatlas.cli import main
from ioatlas.curator.fmt import FormatRefused, _same, format_file
from ioatlas.loader import _FORBIDDEN_CHARS, load_file
from ioatlas.models import MODELS
from ioatlas.problems import Report

REAL = sorted((ROOT / "data").rglob("*.yaml"))
PROPERTY = settings(max_examples=80, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

LAYOUTS = st.fixed_dictionaries({
    "default_flow_style": st.sampled_from([False, True, None]),
    "width": st.integers(10, 300),
    "indent": st.sampled_from([2, 3, 4]),
    "allow_unicode": st.booleans(),
    "explicit_start": st.booleans(),
    "default_style": st.sampled_from([None, None, '"', "'"]),
})


def _load(path: Path) -> Any:
    loaded = load_file(path, path.name, Report())
    return None if loaded is None else loaded.data


def _shuffled(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        keys = list(value)
        rng.shuffle(keys)
        return {k: _shuffled(value[k], rng) for k in keys}
    if isinstance(value, list):
        return [_shuffled(v, rng) for v in value]
    return value


def _format_round_trip(text: str, collection: str) -> tuple[Any, Any, bytes]:
    """(data before, data after, formatted bytes) of ``text`` formatted as a record of ``collection``;
    asserts that formatting the result again changes nothing."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "record.yaml")
        path.write_text(text, encoding="utf-8")
        before = _load(path)
        assume(before is not None)  # a layout the loader refuses (e.g. a raw tab) is not fmt's to judge
        formatted = format_file(path, "record.yaml", collection)
        path.write_bytes(formatted.after)
        after = _load(path)
        assert not format_file(path, "record.yaml", collection).changed, "fmt is not idempotent"
    return before, after, formatted.after


@PROPERTY
@given(path=st.sampled_from(REAL), layout=LAYOUTS, seed=st.integers(0, 2**32))
def test_any_layout_of_a_real_record_formats_to_the_same_record(path: Path, layout: dict, seed: int) -> None:
    collection = path.parent.name
    data = _load(path)
    text = yaml.safe_dump(_shuffled(data, random.Random(seed)), sort_keys=False, **layout)
    before, after, formatted = _format_round_trip(text, collection)
    assert _same(before, after)
    model = MODELS[collection]
    assert model.model_validate(after) == model.model_validate(before)
    if layout["default_style"] is None:  # the same data, however laid out, give the same text
        assert formatted == format_file(path, path.name, collection).after


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60).filter(
    lambda s: not _FORBIDDEN_CHARS.search(s))
SCALARS = st.one_of(TEXT, st.integers(-10**6, 10**6), st.booleans(), st.none(),
                    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(TEXT.filter(bool), inner, max_size=4)),
                      max_leaves=12)


@PROPERTY
@given(fields=st.dictionaries(st.sampled_from([*MODELS["experts"].model_fields, "unknown", "x y", "1"]), VALUES,
                              max_size=8),
       layout=LAYOUTS)
def test_any_data_survives_formatting(fields: dict, layout: dict) -> None:
    text = yaml.safe_dump({"id": "some-expert", **fields}, sort_keys=False, **layout)
    before, after, _formatted = _format_round_trip(text, "experts")
    assert _same(before, after)


@pytest.mark.parametrize("text", [
    "# a note\nid: example-target\nname: EXT1\n",
    "id: example-target  # the symbol\nname: EXT1\n",
    "id: example-target\nsummary: |\n  text\n# trailing note\n",
])
def test_a_comment_makes_fmt_refuse_and_leave_the_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "example-target.yaml"
    path.write_text(text)
    with pytest.raises(FormatRefused, match="comment"):
        format_file(path, "data/targets/example-target.yaml", "targets")
    assert path.read_text() == text


def test_a_hash_inside_text_is_not_a_comment(tmp_path: Path) -> None:
    path = tmp_path / "example-target.yaml"
    path.write_text("id: example-target\nname: 'C# #1'\nsummary: |\n  line one\n  # not a comment\n")
    formatted = format_file(path, "x.yaml", "targets")
    assert not formatted.changed, formatted.after.decode()


def test_canonical_layout_is_the_models_key_order_in_block_style(tmp_path: Path) -> None:
    path = tmp_path / "example-target.yaml"
    path.write_text("last_reviewed: 2024-08-01\nsources: [example-paper]\nname: EXT1\nid: example-target\n"
                    "summary: \"First paragraph.\\n\\nSecond paragraph.\\n\"\nfull_name: Example target 1\n")
    assert format_file(path, "x.yaml", "targets").after.decode() == (
        "id: example-target\nname: EXT1\nfull_name: Example target 1\nsummary: |\n  First paragraph.\n\n"
        "  Second paragraph.\nsources:\n- example-paper\nlast_reviewed: 2024-08-01\n")


def test_check_lists_files_and_exits_1_then_fmt_fixes_them(base_repo: Path, capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    shutil.copytree(ROOT / "schema", base_repo / "schema")
    assert main(["--root", str(base_repo), "fmt", "--check"]) == 1
    captured = capsys.readouterr()
    assert "would reformat data/targets/example-target.yaml" in captured.out  # written with flow lists
    assert "data/sources/example-news.yaml:1:1: fmt refused: the file holds a YAML comment" in captured.err
    news = base_repo / "data" / "sources" / "example-news.yaml"
    news.write_text(news.read_text().split("\n", 1)[1])
    before = {p: p.read_bytes() for p in (base_repo / "data").rglob("*.yaml")}
    assert main(["--root", str(base_repo), "fmt"]) == 0
    assert main(["--root", str(base_repo), "fmt", "--check"]) == 0
    for path, content in before.items():
        collection = path.parent.name
        old, new = yaml.safe_load(content), _load(path)
        assert MODELS[collection].model_validate(old) == MODELS[collection].model_validate(new)


def test_check_refuses_a_file_with_a_comment(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = base_repo / "data" / "targets" / "example-target.yaml"
    target.write_text(target.read_text() + "# reviewed by hand\n")
    assert main(["--root", str(base_repo), "fmt", str(target)]) == 1
    err = capsys.readouterr().err
    assert "data/targets/example-target.yaml:8:1: fmt refused: the file holds a YAML comment" in err
    assert target.read_text().endswith("# reviewed by hand\n")


def test_the_real_data_and_schemas_are_canonical(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "fmt", "--check"]) == 0, capsys.readouterr().out
