"""``search/records.json``: one search entry per record, written by us rather than by Material's search plugin.

Record pages carry ``search: exclude: true``, so Material's plugin never parses them (parsing every rendered
record page was a quarter of the whole build). Our search worker (assets/search-worker.js) appends these
entries to Material's index when the reader first searches; the offline copy has them merged into its index
(offline.py). An entry holds what readers search a record by: its names, aliases and identifiers (``tags``,
weighed above all else), its kind and Chinese name, and the opening of its summary. Chinese text is cut into
words as Material cuts it (jieba, words joined by U+200B, which the configured separator splits at).
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import PurePosixPath
from typing import Any

from ..graph import Graph
from ..models import COLLECTIONS, Record
from ..models.refs import iter_identifiers
from ..urls import page_address, record_page

RECORDS_INDEX = PurePosixPath("search/records.json")
SUMMARY_CHARACTERS = 160  # the opening of a summary: enough to recognise a record, small enough at 10,000 records

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")
_REFERENCE_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:.*$", re.MULTILINE)
_MARKUP = re.compile(r"\\(.)|[*_`]")


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(60)  # silence its start-up messages
    return jieba


def prepare() -> None:
    """Load jieba's dictionary now (0.8 s): ``serve`` does, so that the process each regeneration forks to plan
    the outputs (pipeline.plan) inherits it instead of loading it again."""
    _jieba().initialize()


def segmented(text: str) -> str:
    """Chinese runs cut into words, each word between U+200B, as Material's plugin does for page text."""
    if not _HAN.search(text):
        return text
    return _HAN.sub(lambda run: "\u200b" + "\u200b".join(_jieba().cut(run.group(0))) + "\u200b", text)


def plain_opening(markdown: str, limit: int = SUMMARY_CHARACTERS) -> str:
    """The first ``limit`` characters of a summary as plain text, cut at a word, without Markdown marks."""
    text = _REFERENCE_DEFINITION.sub("", markdown)
    text = _LINK.sub(lambda link: link.group(1) or link.group(2) or "", text)
    text = " ".join(_MARKUP.sub(lambda mark: mark.group(1) or "", text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def search_terms(record: Record) -> list[str]:
    """What a reader may type to find this record: its names, aliases, codes, symbols and identifiers. The
    search index weighs these (the entry's ``tags``) above any other text; no page shows them as tags."""
    terms = [str(value) for _, value in iter_identifiers(record) if not value.scheme.autolink]
    if record.collection != "sources":  # a source's title names what it is about: it must not outrank that record
        short_names = (getattr(record, name) or "" for name in COLLECTIONS[record.collection].search_fields)
        terms = [*record.all_names(), *short_names, *terms]
    return list(dict.fromkeys(term for term in terms if term))


def entry(record: Record) -> dict[str, Any]:
    declared = COLLECTIONS[record.collection]
    heading = declared.singular + (f" · {record.name_zh}" if record.name_zh else "")
    paragraphs = [heading]
    if record.aliases:
        paragraphs.append("Also written: " + " · ".join(record.aliases))
    if record.summary:
        paragraphs.append(plain_opening(record.summary))
    text = " ".join(f"<p>{segmented(html.escape(paragraph, quote=False))}</p>" for paragraph in paragraphs)
    found: dict[str, Any] = {"location": page_address(record_page(record.collection, record.id)),
                             "title": segmented(html.escape(record.name, quote=False)), "text": text,
                             "tags": search_terms(record)}
    if declared.search_boost != 1:
        found["boost"] = declared.search_boost
    return found


def write(graph: Graph) -> dict[PurePosixPath, bytes]:
    docs = [entry(record) for collection in COLLECTIONS for record in graph.records(collection)]
    text = json.dumps({"docs": docs}, ensure_ascii=False, separators=(",", ":"))
    return {RECORDS_INDEX: text.encode()}
