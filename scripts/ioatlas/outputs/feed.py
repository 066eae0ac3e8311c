"""An Atom feed (RFC 4287) of added and changed records, newest first: feed.xml.

An entry's date is the day the record's file last changed in the repository's history of data/ (one
``git log`` per build), or, where there is no history (a copy without .git, a file not yet committed), the
record's ``last_reviewed``; never the clock, so the same records and history give the same feed. Records of
one day come collection by collection in turn (an expert, an organization, a conference, a therapy …), so a
day on which many records changed shows every kind of record, not the first collection's alone. Each entry's
summary is one line: the first sentence of the record's summary, or, without one, what its index row says.
Entry ids are tag: URIs (RFC 4151) made from the record's collection and id: they stay the same when the site
moves, as Atom asks of an id. Links are absolute when
the site's address is configured, else relative to the feed.
"""

from __future__ import annotations

import re
import subprocess
from itertools import chain, zip_longest
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import escape, quoteattr

from ..graph import Graph
from ..models import COLLECTIONS, Record
from ..urls import FEED, record_page
from .exported import LICENCE, Exporter, day_of

ENTRIES = 100  # the newest reviews; older ones have been seen by anyone who follows the feed
TAG = "tag:ioatlas,2026:"  # a fixed tagging entity and date: an id must never change (RFC 4151)
TITLE = "IO Atlas: new and changed records"
SUMMARY_LENGTH = 240  # characters of a one-line summary
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]%.])[.;] (?=[A-Z])|。")
# characters XML 1.0 cannot hold at all
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def attribute(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def timestamp(partial: str | None) -> str:
    """An RFC 3339 time for a date of the data: midnight UTC of its first day (1970-01-01 when there is none)."""
    return f"{day_of(partial or '1970').isoformat()}T00:00:00Z"


def tag_uri(path: str) -> str:
    return TAG + path


def changed_days(root: Path) -> dict[str, str]:
    """Each file under data/ -> the day (YYYY-MM-DD) of the newest commit that changed it; {} without history."""
    result = subprocess.run(["git", "-C", str(root), "log", "--format=%x00%cs", "--name-only", "--no-renames",
                             "--", "data/"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return {}
    days: dict[str, str] = {}
    for commit in result.stdout.split("\0")[1:]:
        day, *files = commit.strip().splitlines()
        for name in files:
            days.setdefault(name.strip(), day)
    return days


def newest(graph: Graph, days: dict[str, str]) -> list[tuple[str, Record]]:
    """(day, record) of the newest changes, newest day first; within a day, collection by collection in turn,
    each by id."""
    by_day: dict[str, dict[str, list[Record]]] = {}
    for record in graph.dataset.all():  # collection order, then id
        day = days.get(graph.dataset.file_of(record).rel) or record.last_reviewed
        by_day.setdefault(day, {}).setdefault(record.collection, []).append(record)
    ordered: list[tuple[str, Record]] = []
    for day in sorted(by_day, reverse=True):
        in_turn = chain.from_iterable(zip_longest(*by_day[day].values()))
        ordered += [(day, record) for record in in_turn if record is not None]
        if len(ordered) >= ENTRIES:
            break
    return ordered[:ENTRIES]


def one_line(graph: Graph, record: Record) -> str:
    """The record in one line: its summary's first sentence, or its singular and the cells of its index row."""
    declared = COLLECTIONS[record.collection]
    if record.summary:
        first = _SENTENCE_END.split(" ".join(record.summary.split()), maxsplit=1)[0].rstrip(".")
        line = first + "."
    else:
        cells = []
        for column in declared.columns:
            if column.show == "record":
                continue
            values = graph.values(record, column.path)
            shown = ", ".join(v.name if isinstance(v, Record) else str(v).replace("-", " ") for v in values)
            if shown:
                cells.append(f"{column.header}: {shown}")
        line = declared.singular + (". " + "; ".join(cells) if cells else "") + "."
    return line if len(line) <= SUMMARY_LENGTH else line[:SUMMARY_LENGTH - 1].rstrip() + "…"


def entry(exporter: Exporter, day: str, record: Record) -> str:
    declared = COLLECTIONS[record.collection]
    summary = (f"{record.name_zh} · " if record.name_zh else "") + one_line(exporter.graph, record)
    return "\n".join([
        "  <entry>",
        f"    <id>{text(tag_uri(record_page(record.collection, record.id).with_suffix('').as_posix()))}</id>",
        f"    <title>{text(record.name)}</title>",
        f"    <updated>{timestamp(day)}</updated>",
        f'    <link rel="alternate" type="text/html" href={attribute(exporter.page_url(record))}/>',
        f"    <category term={attribute(record.collection)} label={attribute(declared.title)}/>",
        f'    <summary type="text">{text(summary)}</summary>',
        "  </entry>",
    ])


def feed(graph: Graph) -> str:
    exporter = Exporter.for_file(graph, FEED)
    home = exporter.url(PurePosixPath("index.md"))
    entries = newest(graph, changed_days(graph.dataset.root))
    return "\n".join([
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"  <id>{text(tag_uri('feed'))}</id>",
        f"  <title>{text(TITLE)}</title>",
        "  <subtitle>Records of the atlas of cancer immunotherapy in China, each time one is added or "
        "changed.</subtitle>",
        f"  <updated>{timestamp(max([graph.dataset.data_date() or '1970', *(day for day, _ in entries)]))}</updated>",
        "  <author><name>IO Atlas contributors</name></author>",
        f"  <rights>Data {text(LICENCE['name'])}: {text(LICENCE['url'])}</rights>",
        f'  <link rel="self" type="application/atom+xml" href={attribute(exporter.url(FEED))}/>',
        f'  <link rel="alternate" type="text/html" href={attribute(home)}/>',
        *(entry(exporter, day, record) for day, record in entries),
        "</feed>",
    ]) + "\n"


def write(graph: Graph) -> dict[PurePosixPath, bytes]:
    return {FEED: feed(graph).encode()}
