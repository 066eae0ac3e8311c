"""Our generated pages' front matter read without a YAML parser, to the same values MkDocs' reader gives.

MkDocs reads every page's front matter with PyYAML (mkdocs.utils.meta.get_data), and builds its values in
Python: a fifth of a millisecond a page, about 2 s at 10,000 records, in the part of ``mkdocs build`` that runs
before the second process starts (engine/page_share.py). Our pages write it in a narrow shape: ``key: "JSON
string"``, ``key: word``, and ``key:`` over indented ``key: true`` or ``key: 0.2`` lines. ``read`` takes exactly
that shape and gives up (None) on anything else, which then goes to MkDocs' reader: a quoted value with an
escaped surrogate or a character YAML refuses, a word YAML reads as a boolean or null, a number YAML 1.1 reads
otherwise than JSON. tests/test_front_matter.py holds it to MkDocs' reader on every generated page.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .pages import MARKER

_HEAD = f"---\n{MARKER}\n"
_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: (.+))?")
_NESTED = re.compile(r"  ([A-Za-z_][A-Za-z0-9_]*): (.+)")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}  # any case: not strings in YAML 1.1
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_LITERALS = {"true": True, "false": False}
# what PyYAML refuses in a document (its reader's NON_PRINTABLE), and an escaped surrogate, which it does not join
_YAML_REFUSES = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _scalar(text: str) -> Any:
    """The value of a top-level ``key: text``, or None when only YAML can say."""
    if text.startswith('"'):
        if "\\u" in text and _SURROGATE_ESCAPE.search(text):
            return None
        # JSON refuses control characters itself; of ASCII, YAML also refuses DEL
        if "\x7f" in text or (not text.isascii() and _YAML_REFUSES.search(text)):
            return None
        try:
            value = json.loads(text)
        except ValueError:
            return None
        return value if isinstance(value, str) else None
    if _WORD.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return None


def _nested_scalar(text: str) -> Any:
    if text in _LITERALS:
        return _LITERALS[text]
    if _NUMBER.fullmatch(text):
        return float(text) if "." in text else int(text)
    return _scalar(text)


def read(source: str) -> tuple[str, dict[str, Any]] | None:
    """(the page's text after its front matter, the front-matter values) for a generated page in our shape;
    None for any other page or shape."""
    if not source.startswith(_HEAD):
        return None
    end = source.find("\n---\n", len(_HEAD) - 1)
    if end < 0:
        return None
    data: dict[str, Any] = {}
    nested: dict[str, Any] | None = None
    for line in source[4:end].split("\n"):
        if line.startswith(" "):
            inner = _NESTED.fullmatch(line)
            value = _nested_scalar(inner.group(2)) if inner else None
            if nested is None or value is None or inner is None or inner.group(1).lower() in _YAML_WORDS:
                return None
            nested[inner.group(1)] = value
            continue
        if nested is not None and not nested:
            return None  # a key with nothing under it: YAML gives None
        match = _LINE.fullmatch(line)
        if match is None or match.group(1).lower() in _YAML_WORDS:
            return None
        if match.group(2) is None:
            nested = data[match.group(1)] = {}
            continue
        nested = None
        value = _scalar(match.group(2))
        if value is None:
            return None
        data[match.group(1)] = value
    if nested is not None and not nested:
        return None
    return source[end + 5:].lstrip("\n"), data
