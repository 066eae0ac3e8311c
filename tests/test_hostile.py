"""Hostile and broken input never gets past the validator as a traceback, a hang or a half-read file.

Property-based (Hypothesis): any bytes, YAML-looking noise or mutation of a valid base record gives a
report of well-formed problems or a valid record, and a valid record renders. Example-based: alias bombs,
deep nesting, symbolic links, FIFOs, oversized files and hostile file names are refused, each by looking at
what the loader did (events pulled from the parser, files opened, bytes read), never at the clock.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, validate
from ioatlas import loader
from ioatlas.checks import ALL_CODES as CODES
from ioatlas.cli import main
from ioatlas.graph import Graph
from ioatlas.pipeline import plan
from ioatlas.problems import Report

BASE = FIXTURES / "base" / "data"
RECORDS = sorted(p.relative_to(BASE.parent).as_posix() for p in BASE.rglob("*.yaml"))
TARGET = "data/targets/example-target.yaml"

HOSTILE = settings(max_examples=200, deadline=None, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                          HealthCheck.filter_too_much, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the base data for a whole module; each example rewrites one file and restores it."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(BASE, root / "data")
    return root


def restore(repo: Path, rel: str) -> None:
    shutil.copy(BASE.parent / rel, repo / rel)


def check_outcome(repo: Path, rel: str, content: bytes) -> Report:
    """Write ``content`` to ``rel``, validate, and check the one allowed outcome: problems or a valid record."""
    (repo / rel).write_bytes(content)
    try:
        dataset, report = validate(repo)
        for problem in report.problems:
            assert problem.code in CODES, problem
            assert problem.line >= 0 and problem.column >= 0, problem
            assert problem.message, problem
        report.format()
        collection, name = Path(rel).parent.name, Path(rel).stem
        if not report:
            assert dataset.get(collection, name) is not None
            plan(Graph.build(dataset))  # a record the validator lets through must render
        elif dataset.get(collection, name) is None:
            assert any(p.path == rel for p in report.problems), report.format()
        return report
    finally:
        restore(repo, rel)


# -- arbitrary input ---------------------------------------------------------------------------------------

YAML_TOKENS = ["id", "name", "sources", "aliases", "summary", "example-target", "example-paper", ":", ": ", "-",
               "- ", "[", "]", "{", "}", ",", "&a", "*a", "!!str", "!x", "<<", "?", "? ", "|", ">", "'", '"', "#",
               "---", "...", "%YAML 1.2", "\n", "\n  ", "  ", " ", "\t", "\r\n", "\\u0000", "\\x85", "\u2028",
               "\ufeff", "\x00", "null", "~", "2020-02-30", "2020-01-01 10:00:00", "1e999", "0x1F", "9" * 30,
               "<script>", "[x](javascript:y)", "{onclick=x}", "\u202e", "日本語", "\U0001f600"]
yaml_noise = st.lists(st.sampled_from(YAML_TOKENS), max_size=60).map("".join)


@HOSTILE
@given(content=st.binary(max_size=2048))
def test_any_bytes_give_problems_or_a_record(repo: Path, content: bytes) -> None:
    check_outcome(repo, TARGET, content)


@HOSTILE
@given(content=yaml_noise)
def test_yaml_noise_gives_problems_or_a_record(repo: Path, content: str) -> None:
    check_outcome(repo, TARGET, content.encode("utf-8", "surrogatepass"))


@HOSTILE
@given(content=yaml_noise, data=st.data())
def test_noise_after_a_valid_head_gives_problems_or_a_record(repo: Path, content: str, data: st.DataObject) -> None:
    rel = data.draw(st.sampled_from(RECORDS))
    head = (BASE.parent / rel).read_text()
    check_outcome(repo, rel, (head + content).encode("utf-8", "surrogatepass"))


# -- mutations of valid records ----------------------------------------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40),
                    st.dates().map(str), st.sampled_from(["example-target", "example-news", "NCT00000001",
                                                          "https://example.org/", "javascript:alert(1)",
                                                          "<img src=x onerror=alert(1)>", "  ", "\u3000"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)


def mutate(record: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    record = dict(record)
    keys = sorted(record)
    kind = data.draw(st.sampled_from(["drop", "retype", "add", "unicode", "rename"]), label="mutation")
    key = data.draw(st.sampled_from(keys), label="field")
    if kind == "drop":
        del record[key]
    elif kind == "retype":
        record[key] = data.draw(values, label="value")
    elif kind == "add":
        record[data.draw(st.text(min_size=1, max_size=20), label="new field")] = data.draw(values, label="value")
    elif kind == "unicode":
        text = str(record[key])
        at = data.draw(st.integers(0, len(text)), label="at")
        record[key] = text[:at] + data.draw(st.text(min_size=1, max_size=8), label="inserted") + text[at:]
    else:
        record[data.draw(st.text(min_size=1, max_size=20), label="new name")] = record.pop(key)
    return record


@HOSTILE
@given(data=st.data())
def test_mutated_record_gives_problems_or_a_record(repo: Path, data: st.DataObject) -> None:
    rel = data.draw(st.sampled_from(RECORDS), label="record")
    record = yaml.safe_load((BASE.parent / rel).read_text())
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        record = mutate(record, data)
    text = yaml.safe_dump(record, allow_unicode=data.draw(st.booleans(), label="allow_unicode"))
    check_outcome(repo, rel, text.encode("utf-8", "surrogatepass"))


@HOSTILE
@given(data=st.data())
def test_line_level_edits_give_problems_or_a_record(repo: Path, data: st.DataObject) -> None:
    """Edits people make by hand: a line duplicated (duplicate key), deleted, re-indented or cut short."""
    rel = data.draw(st.sampled_from(RECORDS), label="record")
    lines = (BASE.parent / rel).read_text().splitlines(keepends=True)
    at = data.draw(st.integers(0, len(lines) - 1), label="line")
    kind = data.draw(st.sampled_from(["duplicate", "delete", "indent", "cut", "insert"]), label="edit")
    if kind == "duplicate":
        lines.insert(at, lines[at])
    elif kind == "delete":
        del lines[at]
    elif kind == "indent":
        lines[at] = " " * data.draw(st.integers(1, 5), label="spaces") + lines[at]
    elif kind == "cut":
        lines[at] = lines[at][: data.draw(st.integers(0, len(lines[at])), label="keep")]
    else:
        lines.insert(at, data.draw(st.text(max_size=30), label="text") + "\n")
    check_outcome(repo, rel, "".join(lines).encode("utf-8", "surrogatepass"))


# -- alias bombs, deep nesting: refused without expanding or parsing on -------------------------------------

@pytest.fixture
def pulled(monkeypatch: pytest.MonkeyPatch) -> list[yaml.Event]:
    """Every event the loader pulls from the YAML parser, in order."""
    events: list[yaml.Event] = []
    real_parse = yaml.parse

    def counting_parse(stream: str, Loader: Any = None) -> Iterator[yaml.Event]:
        for event in real_parse(stream, Loader=Loader):
            events.append(event)
            yield event

    monkeypatch.setattr(loader.yaml, "parse", counting_parse)
    return events


def load(tmp_path: Path, text: str) -> tuple[loader.LoadedFile | None, Report]:
    path = tmp_path / "record.yaml"
    path.write_text(text)
    report = Report()
    return loader.load_file(path, "record.yaml", report), report


def billion_laughs(levels: int = 9) -> str:
    lines = ["id: example-target", "lol0: &a0 lol"]
    for level in range(1, levels + 1):
        lines.append(f"lol{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_at_its_first_anchor(tmp_path: Path, pulled: list[yaml.Event]) -> None:
    loaded, report = load(tmp_path, billion_laughs())
    assert loaded is None
    assert [(p.code, p.line) for p in report.problems] == [("E004", 2)]
    # the parser stopped at the anchor: nothing after it was even read, let alone expanded
    assert not any(isinstance(e, yaml.AliasEvent) for e in pulled)
    assert len(pulled) < 10


def test_alias_alone_is_refused(tmp_path: Path) -> None:
    _loaded, report = load(tmp_path, "id: x\nname: *undefined\n")
    assert [p.code for p in report.problems] in (["E004"], ["E002"])


@pytest.mark.parametrize("style", ["flow", "block", "mapping"])
def test_200_levels_of_nesting_are_refused(tmp_path: Path, style: str, pulled: list[yaml.Event]) -> None:
    if style == "flow":
        text = "id: x\nname: " + "[" * 200 + "]" * 200 + "\n"
    elif style == "block":
        text = "id: x\nname:\n" + "".join(" " * level + "-\n" for level in range(1, 201))
    else:
        text = "id: x\nname: " + "{a: " * 200 + "}" * 200 + "\n"
    loaded, report = load(tmp_path, text)
    assert loaded is None
    assert [p.code for p in report.problems] == ["E005"]
    assert report.problems[0].line == (3 + loader.MAX_DEPTH if style == "block" else 2)
    assert len(pulled) < 4 * loader.MAX_DEPTH


def test_deepest_file_within_the_size_limit_stops_the_parser_early(tmp_path: Path, pulled: list[yaml.Event]) -> None:
    """libyaml's time grows with the square of the depth (minutes for 128k '['): the loader must not wait."""
    half = (loader.MAX_BYTES - 20) // 2
    loaded, report = load(tmp_path, "id: x\nname: " + "[" * half + "]" * half + "\n")
    assert loaded is None and [p.code for p in report.problems] == ["E005"]
    assert len(pulled) < 4 * loader.MAX_DEPTH


def test_nesting_at_the_limit_is_read(tmp_path: Path) -> None:
    depth = loader.MAX_DEPTH - 1
    loaded, report = load(tmp_path, "id: x\nname: " + "[" * depth + "1" + "]" * depth + "\n")
    assert not report and loaded is not None


def test_values_are_read_as_yaml_reads_them_and_no_node_is_kept(tmp_path: Path) -> None:
    """Text comes straight from the event; other values through PyYAML's constructor, which remembers every node
    it builds until a document ends (ours never does: a leak of every value of every file before)."""
    text = ("id: x\nname: plain\nquoted: '2020-01-01'\nwhen: 2020-01-01\ncount: 12\nflag: true\nnothing: null\n"
            "ratio: 1.5\nlist: [a, 3]\n")
    loaded, report = load(tmp_path, text)
    assert not report and loaded is not None
    assert loaded.data == yaml.safe_load(text)
    assert [type(value) for value in loaded.data.values()] == [type(value) for value in yaml.safe_load(text).values()]
    assert not loader._constructor.constructed_objects


# -- files that are not plain files, or too big to read --------------------------------------------------

@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, int]]:
    """(path, bytes read) for every file the loader opens."""
    calls: list[tuple[Path, int]] = []

    class Counting:
        def __init__(self, path: Path, mode: str) -> None:
            self.handle = open(path, mode)  # noqa: SIM115 (closed in __exit__)
            self.path = Path(path)

        def __enter__(self) -> Counting:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def read(self, size: int = -1) -> bytes:
            data = self.handle.read(size)
            calls.append((self.path, len(data)))
            return data

    monkeypatch.setattr(loader, "open", Counting, raising=False)
    return calls


def test_symbolic_link_is_refused_and_not_followed(base_repo: Path, tmp_path: Path,
                                                   opened: list[tuple[Path, int]]) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: lonely-target\nname: SECRET\nsources: [example-paper]\nlast_reviewed: 2024-08-01\n")
    (base_repo / "data/targets/lonely-target.yaml").symlink_to(secret)
    _dataset, report = validate(base_repo)
    assert [(p.code, p.path) for p in report.problems] == [("E001", "data/targets/lonely-target.yaml")]
    assert "symbolic link" in report.problems[0].message
    assert secret not in [path for path, _ in opened]


def test_symbolic_link_to_a_device_is_refused(base_repo: Path, opened: list[tuple[Path, int]]) -> None:
    (base_repo / "data/targets/zero.yaml").symlink_to("/dev/zero")
    _dataset, report = validate(base_repo)
    assert [(p.code, p.path) for p in report.problems] == [("E001", "data/targets/zero.yaml")]
    assert all(path.name != "zero.yaml" for path, _ in opened)


def test_symlinked_collection_folder_is_refused(base_repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    shutil.move(base_repo / "data/diseases", outside)
    (base_repo / "data/diseases").symlink_to(outside, target_is_directory=True)
    _dataset, report = validate(base_repo)
    assert ("E001", "data/diseases") in [(p.code, p.path) for p in report.problems]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_being_opened(base_repo: Path, opened: list[tuple[Path, int]]) -> None:
    os.mkfifo(base_repo / "data/targets/pipe.yaml")  # opening it would block the build for ever
    _dataset, report = validate(base_repo)
    assert [(p.code, p.path) for p in report.problems] == [("E001", "data/targets/pipe.yaml")]
    assert all(path.name != "pipe.yaml" for path, _ in opened)


def test_folder_named_like_a_record_is_refused(base_repo: Path) -> None:
    (base_repo / "data/targets/folder.yaml").mkdir()
    _dataset, report = validate(base_repo)
    assert [(p.code, p.path) for p in report.problems] == [("E001", "data/targets/folder.yaml")]


def test_huge_file_is_refused_after_reading_only_past_the_limit(base_repo: Path,
                                                                opened: list[tuple[Path, int]]) -> None:
    huge = base_repo / "data/targets/huge.yaml"
    with huge.open("wb") as handle:
        handle.write(b"id: huge\n")
        handle.truncate(64 * 1024 * 1024)  # sparse: 64 MiB on paper, nothing on disk
    _dataset, report = validate(base_repo)
    assert [(p.code, p.path) for p in report.problems] == [("E005", "data/targets/huge.yaml")]
    assert max(size for path, size in opened if path == huge) == loader.MAX_BYTES + 1


def test_hostile_file_name_is_reported_without_a_traceback(base_repo: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    name = os.fsdecode(b"\xff\xfe<script>.yaml")
    try:
        (base_repo / "data/targets" / name).write_text("id: x\nname: X\nlast_reviewed: 2024-08-01\n")
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses non-UTF-8 file names")
    assert main(["--root", str(base_repo), "validate"]) == 1
    err = capsys.readouterr().err
    assert "error[E013]" in err and "Traceback" not in err


@pytest.mark.parametrize(("content", "line", "column"), [("\n\ufeff", 2, 1), ("id: x\nname: a\ufeffb\n", 2, 8)])
def test_byte_order_mark_past_the_start_is_refused_where_it_stands(tmp_path: Path, content: str, line: int,
                                                                    column: int) -> None:
    """Found by the Hypothesis test above: U+FEFF after the first byte made the loader crash."""
    _loaded, report = load(tmp_path, content)
    assert [(p.code, p.line, p.column) for p in report.problems] == [("E001", line, column)]
