"""Read one YAML record file into plain Python data plus the line and column of every field.

The loader walks PyYAML's event stream itself (C parser when present) instead of calling
``yaml.safe_load`` so that it can keep positions, refuse duplicate keys, anchors, aliases and
explicit tags (which PyYAML would silently accept), and bound nesting depth. Nothing here raises
for bad input: every problem becomes an entry in the returned ``Report``.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Report

MAX_BYTES = 256 * 1024
MAX_DEPTH = 16
MAX_DOCUMENTS = 1

# Characters no record may hold, raw in the file or written as a YAML escape ("\0", "\e", "\u202e"):
# control characters other than tab and newline; NEL, LINE and PARAGRAPH SEPARATOR (YAML counts them as
# line breaks, editors and `git diff` do not, so every later line number would be off); bidirectional
# overrides and isolates (they make text display in an order other than the one it is stored in); U+FEFF, a
# byte-order mark past the start of the file, invisible in an editor and read by YAML as a document marker.
_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")

Loc = tuple[str | int, ...]
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"


@dataclass
class LoadedFile:
    path: Path
    rel: str
    raw: bytes = b""  # the file as read, published beside the record's page
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


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X}"


def _scalar(event: yaml.ScalarEvent) -> Any:
    forbidden = _FORBIDDEN_CHARS.search(event.value)
    if forbidden:  # only reachable through an escape in a double-quoted string; raw ones are refused earlier
        raise _Refused(*_mark(event), "E012", f"text holds the control character {_char_name(forbidden.group())}",
                       "remove the escape sequence; records hold printable text only")
    tag = event.tag
    if tag is None or tag == "!":
        tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == _STR:  # most values: the constructor would give the text as it is
        return event.value
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return _constructor.construct_object(node, deep=True)
    finally:  # the constructor keeps every node it built until a document ends, which ours never does
        _constructor.constructed_objects.pop(node, None)


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
        event = events[index]  # checked by _events already
        index += 1
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
        return None, (1, 1, "E005", f"file is larger than the limit of {MAX_BYTES} bytes",
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
    forbidden = _FORBIDDEN_CHARS.search(text)
    if forbidden:
        before = text[: forbidden.start()]
        return None, (before.count("\n") + 1, len(before) - before.rfind("\n"), "E001",
                      f"file contains the control character {_char_name(forbidden.group())}",
                      "delete it; records hold printable text, one line break being a newline (\\n)")
    return text, None


def _read(path: Path, rel: str, report: Report) -> bytes | None:
    """The file's bytes, read only when it is a plain file, and never more than MAX_BYTES + 1 of them.

    A symbolic link could publish any file of the machine that builds the site (record files are copied
    into the site); a FIFO or a device (/dev/zero) would hang the build or exhaust its memory.
    """
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            report.add(rel, 0, 0, "E001", "file is a symbolic link", "records are plain files: copy the content")
            return None
        if not stat.S_ISREG(info.st_mode):
            report.add(rel, 0, 0, "E001", "not a plain file", "records are plain files ending in .yaml")
            return None
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as err:
        report.add(rel, 0, 0, "E001", f"cannot read file: {err.strerror}")
        return None


def _events(text: str) -> Iterable[yaml.Event]:
    """The parser's events, checked one by one so that hostile input stops the parser early.

    Anchors, aliases and tags are refused at their first appearance (an alias bomb never expands), and
    nesting deeper than MAX_DEPTH stops the parse there: libyaml's time grows with the square of the
    depth, so a 256 KiB file of '[' alone would otherwise take minutes.
    """
    depth = 0
    documents = 0
    for event in yaml.parse(text, Loader=_Parser):
        _check_event(event)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > MAX_DOCUMENTS:
                raise _Refused(_mark(event)[0], 1, "E002", "file holds more than one YAML document",
                               "one record per file: remove the '---' separator and move the second record "
                               "to its own file")
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            depth += 1
            if depth > MAX_DEPTH + 1:
                raise _Refused(*_mark(event), "E005", f"nesting deeper than {MAX_DEPTH} levels",
                               "records are shallow; flatten the structure")
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            depth -= 1
        yield event


def load_file(path: Path, rel: str, report: Report) -> LoadedFile | None:
    """Load ``path``; on any problem add it to ``report`` and return None."""
    loaded = LoadedFile(path=path, rel=rel)
    raw = _read(path, rel, report)
    if raw is None:
        return None
    loaded.raw = raw
    text, refusal = _check_bytes(raw)
    if refusal:
        report.add(rel, *refusal)
        return None
    assert text is not None
    if not text.strip() or all(ln.lstrip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        report.add(rel, 1, 1, "E003", "file is empty", "a record is a mapping starting with 'id: <file name>'")
        return None
    try:
        events = list(_events(text))
    except _Refused as refusal_:
        report.add(rel, *refusal_.where, refusal_.code, refusal_.message, refusal_.hint)
        return None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        report.add(rel, line, col, "E002", f"YAML syntax error: {err.problem or err}",
                   "check indentation and quoting near this line; quote text containing ': ' or '#'")
        return None
    except yaml.reader.ReaderError as err:  # a character YAML does not allow; _check_bytes catches the usual ones
        before = text[: err.position]
        report.add(rel, before.count("\n") + 1, len(before) - before.rfind("\n"), "E002",
                   f"YAML syntax error: {err.reason}", "delete the character")
        return None
    except yaml.YAMLError as err:
        report.add(rel, 1, 1, "E002", f"YAML syntax error: {err}")
        return None
    documents = [i for i, e in enumerate(events) if isinstance(e, yaml.DocumentStartEvent)]
    body = events[documents[0] + 1 : -2] if documents else []
    if not body:
        report.add(rel, 1, 1, "E003", "file holds no record", "a record is a mapping starting with 'id: <file name>'")
        return None
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
