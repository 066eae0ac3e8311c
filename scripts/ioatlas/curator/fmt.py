"""``ioatlas fmt``: write every record in one canonical layout, so a diff shows changed facts, not styles.

The layout is the one most records were already written in: keys in the model's order (identity first:
id, name, name_zh, aliases; then the collection's own fields; then summary, facts, sources, field_sources,
last_reviewed, curator_note; nested parts such as affiliations in their model's order, unknown keys last as
found), lists in block style, one line per value however long (no wrapping), text with line breaks as a
literal block (``|``), quotes only where YAML needs them, UTF-8 with Chinese written as such, LF endings.

It never changes data: values are written back as the loader read them (a date stays a date, '2015' stays
text), and every result is read again with the loader and compared with the original before anything is
written; a file that would differ is refused. YAML comments cannot be kept by this writer, so a file with a
comment is refused too (records hold notes in ``curator_note``, which pages never show).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from ..loader import load_file
from ..models import MODELS, Record
from ..models.refs import nested_model
from ..problems import Report

HEAD = ("id", "name", "name_zh", "aliases")  # base fields written before a collection's own fields
FIELD_SOURCES = "field_sources"  # a mapping whose keys are the record's field names


class FormatRefused(Exception):
    """A file fmt will not rewrite: unreadable (the loader's problems), holding comments, or one whose
    formatted text would read differently (a bug guard)."""

    def __init__(self, rel: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{rel}:{line}:{column}: fmt refused: {message}" if line else f"{rel}: fmt refused: {message}")


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, with text that holds line breaks written as a literal block."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def key_order(model: type[BaseModel]) -> list[str]:
    """The model's fields in the order records write them."""
    fields = list(model.model_fields)
    if not issubclass(model, Record):
        return fields
    base = list(Record.model_fields)
    own = [name for name in fields if name not in base]
    return [*HEAD, *own, *(name for name in base if name not in HEAD)]


def ordered(value: Any, model: type[BaseModel] | None, order: list[str] | None = None) -> Any:
    """``value`` with every mapping's keys in its model's order (unknown keys after them, as found).
    ``field_sources`` names fields of the record, so its keys follow the record's order too."""
    if isinstance(value, list):
        return [ordered(item, model) for item in value]
    if not isinstance(value, dict):
        return value
    order = order if order is not None else key_order(model) if model else []
    keys = [k for k in order if k in value] + [k for k in value if k not in order]
    return {k: ordered(value[k], nested_model(model, (k,)) if model else None,
                       order if k == FIELD_SOURCES and model and issubclass(model, Record) else None) for k in keys}


def dump(data: dict[str, Any], collection: str | None) -> str:
    """The canonical text of a record's data."""
    return yaml.dump(ordered(data, MODELS.get(collection or "")), Dumper=_Dumper, allow_unicode=True,
                     sort_keys=False, default_flow_style=False, width=float("inf"), indent=2)


def _comment(text: str) -> tuple[int, int] | None:
    """Line and column of the first comment, or None. A '#' that belongs to no token is a comment."""
    covered = bytearray(len(text) + 1)
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        covered[token.start_mark.index:token.end_mark.index] = b"\1" * (token.end_mark.index - token.start_mark.index)
    for index, char in enumerate(text):
        if char == "#" and not covered[index]:
            before = text[:index]
            return before.count("\n") + 1, index - before.rfind("\n")
    return None


def _same(a: Any, b: Any) -> bool:
    """Equal values of equal types, all the way down (1 == True and a date == its text do not count)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):  # key order is what fmt changes
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


@dataclass
class Formatted:
    rel: str
    before: bytes
    after: bytes

    @property
    def changed(self) -> bool:
        return self.before != self.after


def format_file(path: Path, rel: str, collection: str | None) -> Formatted:
    """The canonical text of one record file; raises FormatRefused when it cannot be written safely."""
    report = Report()
    loaded = load_file(path, rel, report)
    if loaded is None:
        first = report.sorted()[0]
        raise FormatRefused(rel, first.line, first.column, f"{first.message} [{first.code}]; fix it first "
                            "(`ioatlas validate` says how)")
    text = loaded.raw.decode("utf-8")
    comment = _comment(text)
    if comment:
        raise FormatRefused(rel, *comment, "the file holds a YAML comment, which fmt cannot keep; move the note "
                            "to 'curator_note:' (never shown on the site) or delete it")
    after = dump(loaded.data, collection)
    if not _same(_reload(after, rel), loaded.data):
        raise FormatRefused(rel, 1, 1, "the formatted text would not read back as the same data; the file is "
                            "left as it is (please report this)")
    return Formatted(rel, loaded.raw, after.encode("utf-8"))


def _reload(text: str, rel: str) -> Any:
    """The data the loader reads from ``text`` (None when it refuses it)."""
    with tempfile.TemporaryDirectory(prefix="ioatlas-fmt-") as folder:
        path = Path(folder, "record.yaml")
        path.write_bytes(text.encode("utf-8"))
        loaded = load_file(path, rel, Report())
    return None if loaded is None else loaded.data
