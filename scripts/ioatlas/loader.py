"""Read one YAML record file into plain Python data plus the line and column of every field.

The loader walks PyYAML's event stream itself (C parser when present) instead of calling
``yaml.safe_load`` so that it can keep positions, refuse duplicate keys, anchors, aliases and
explicit tags (which PyYAML would silently accept), and bound nesting depth. Nothing here raises
for bad input: every problem becomes an entry in the returned ``Report``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Report

MAX_BYTES = 256 * 1024
MAX_DEPTH = 16

Loc = tuple[str | int, ...]
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()


@dataclass
class LoadedFile:
    path: Path
    rel: str
    data: Any = None
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc) -> tuple[int, int]:
        """Line and column of the deepest known ancestor of ``loc`` (1, 1 when none is known)."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.positions:
                return self.positions[loc[:end]]
        return (1, 1)


class _Refused(Exception):
    def __init__(self, line: int, col: int, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.where = (line, col)
        self.code, self.message, self.hint = code, message, hint


def _mark(event: yaml.Event) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _scalar(event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    return _constructor.construct_object(node, deep=True)


def _check_event(event: yaml.Event) -> None:
    if isinstance(event, yaml.AliasEvent):
        raise _Refused(*_mark(event), "E004", f"YAML alias '*{event.anchor}' is not allowed",
                       "write the value out in full; records do not share values through anchors")
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        raise _Refused(*_mark(event), "E004", f"YAML anchor '&{anchor}' is not allowed",
                       "remove the anchor and write values out in full")
    tag = getattr(event, "tag", None)
    explicit = not getattr(event, "implicit", True) or isinstance(event, yaml.ScalarEvent)
    if tag is not None and tag != "!" and not isinstance(event, yaml.DocumentStartEvent) and explicit:
        raise _Refused(*_mark(event), "E004", f"explicit YAML tag '{tag}' is not allowed",
                       "remove the tag; write plain values")


def _build(events: list[yaml.Event], positions: dict[Loc, tuple[int, int]]) -> Any:
    """Turn a flat event list of one document into Python data, recording positions."""
    index = 0

    def value(loc: Loc, depth: int) -> Any:
        nonlocal index
        event = events[index]
        index += 1
        _check_event(event)
        if depth > MAX_DEPTH:
            raise _Refused(*_mark(event), "E005", f"nesting deeper than {MAX_DEPTH} levels",
                           "records are shallow; flatten the structure")
        if isinstance(event, yaml.ScalarEvent):
            try:
                return _scalar(event)
            except (ValueError, yaml.YAMLError) as err:  # e.g. 2020-02-30
                raise _Refused(*_mark(event), "E012", f"value '{event.value}' cannot be read: {err}",
                               "dates are written YYYY-MM-DD and must exist on the calendar") from err
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(events[index], yaml.SequenceEndEvent):
                positions[(*loc, len(items))] = _mark(events[index])
                items.append(value((*loc, len(items)), depth + 1))
            index += 1
            return items
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict[str, Any] = {}
            while not isinstance(events[index], yaml.MappingEndEvent):
                key_event = events[index]
                key = value(loc, depth + 1)
                if not isinstance(key, str):
                    raise _Refused(*_mark(key_event), "E012", f"field name {key!r} is not text",
                                   "field names are lowercase words such as 'name' or 'sources'")
                if key in mapping:
                    raise _Refused(*_mark(key_event), "E004", f"duplicate field '{key}'",
                                   f"keep one '{key}:' line (line {positions[(*loc, key)][0]} has the first)")
                positions[(*loc, key)] = _mark(key_event)
                mapping[key] = value((*loc, key), depth + 1)
            index += 1
            return mapping
        raise _Refused(*_mark(event), "E002", f"unexpected YAML event {type(event).__name__}")

    return value((), 0)


def _check_bytes(raw: bytes) -> tuple[str | None, tuple[int, int, str, str, str] | None]:
    if len(raw) > MAX_BYTES:
        return None, (1, 1, "E005", f"file is {len(raw)} bytes; the limit is {MAX_BYTES}",
                      "split long text into a source record or shorten the summary")
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, (1, 1, "E001", "file starts with a UTF-8 byte-order mark",
                      "save the file as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, (line, 1, "E001", f"file is not valid UTF-8 (byte {err.start})",
                      "save the file as UTF-8")
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        return None, (line, 1, "E001", "file has CR (Windows or old Mac) line endings",
                      "convert line endings to LF (\\n)")
    if "\t" in text:
        before = text[: text.index("\t")]
        line = before.count("\n") + 1
        return None, (line, len(before) - before.rfind("\n"), "E001", "file contains a tab character",
                      "indent with spaces; write tabs inside text as spaces")
    if "\x00" in text:
        return None, (text[: text.index("\x00")].count("\n") + 1, 1, "E001", "file contains a NUL byte", "")
    return text, None


def load_file(path: Path, rel: str, report: Report) -> LoadedFile | None:
    """Load ``path``; on any problem add it to ``report`` and return None."""
    loaded = LoadedFile(path=path, rel=rel)
    try:
        raw = path.read_bytes()
    except OSError as err:
        report.add(rel, 0, 0, "E001", f"cannot read file: {err.strerror}")
        return None
    text, refusal = _check_bytes(raw)
    if refusal:
        report.add(rel, *refusal)
        return None
    assert text is not None
    if not text.strip() or all(ln.lstrip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        report.add(rel, 1, 1, "E003", "file is empty", "a record is a mapping starting with 'id: <file name>'")
        return None
    try:
        events = list(yaml.parse(text, Loader=_Parser))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        report.add(rel, line, col, "E002", f"YAML syntax error: {err.problem or err}",
                   "check indentation and quoting near this line; quote text containing ': ' or '#'")
        return None
    except yaml.YAMLError as err:
        report.add(rel, 1, 1, "E002", f"YAML syntax error: {err}")
        return None
    documents = [i for i, e in enumerate(events) if isinstance(e, yaml.DocumentStartEvent)]
    if len(documents) > 1:
        report.add(rel, _mark(events[documents[1]])[0], 1, "E002", "file holds more than one YAML document",
                   "one record per file: remove the '---' separator and move the second record to its own file")
        return None
    body = events[documents[0] + 1 : -2] if documents else []
    try:
        loaded.data = _build(body, loaded.positions)
    except _Refused as refusal_:
        report.add(rel, *refusal_.where, refusal_.code, refusal_.message, refusal_.hint)
        return None
    except (yaml.YAMLError, ValueError, TypeError) as err:  # e.g. an impossible timestamp
        report.add(rel, 1, 1, "E012", f"value cannot be read: {err}")
        return None
    if not isinstance(loaded.data, dict):
        kind = type(loaded.data).__name__ if loaded.data is not None else "nothing"
        report.add(rel, 1, 1, "E003", f"file holds {kind}, not a mapping of fields",
                   "a record is a mapping starting with 'id: <file name>'")
        return None
    return loaded
