"""An Atom feed (RFC 4287) of added and re-reviewed records, newest review first: feed.xml.

An entry's date is the record's ``last_reviewed`` (the day a curator checked it against its sources), never
the clock, so the same records give the same feed. Entry ids are tag: URIs (RFC 4151) made from the record's
collection and id: they stay the same when the site moves, as Atom asks of an id. Links are absolute when
the site's address is configured, else relative to the feed.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from xml.sax.saxutils import escape, quoteattr

from ..graph import Graph
from ..models import COLLECTIONS, Record
from ..urls import FEED, record_page
from .exported import LICENCE, Exporter, day_of

ENTRIES = 100  # the newest reviews; older ones have been seen by anyone who follows the feed
TAG = "tag:ioatlas,2026:"  # a fixed tagging entity and date: an id must never change (RFC 4151)
TITLE = "IO Atlas: new and re-reviewed records"
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


def newest(graph: Graph) -> list[Record]:
    """Records by review date, newest first; on the same day, collection by collection and by id."""
    records = graph.dataset.all()  # collection order, then id
    return sorted(records, key=lambda record: record.last_reviewed, reverse=True)[:ENTRIES]


def entry(exporter: Exporter, record: Record) -> str:
    declared = COLLECTIONS[record.collection]
    summary = declared.singular + (f" · {record.name_zh}" if record.name_zh else "")
    if record.summary:
        summary += f". {record.summary.strip()}"
    return "\n".join([
        "  <entry>",
        f"    <id>{text(tag_uri(record_page(record.collection, record.id).with_suffix('').as_posix()))}</id>",
        f"    <title>{text(record.name)}</title>",
        f"    <updated>{timestamp(record.last_reviewed)}</updated>",
        f'    <link rel="alternate" type="text/html" href={attribute(exporter.page_url(record))}/>',
        f"    <category term={attribute(record.collection)} label={attribute(declared.title)}/>",
        f'    <summary type="text">{text(summary)}</summary>',
        "  </entry>",
    ])


def feed(graph: Graph) -> str:
    exporter = Exporter.for_file(graph, FEED)
    home = exporter.url(PurePosixPath("index.md"))
    return "\n".join([
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"  <id>{text(tag_uri('feed'))}</id>",
        f"  <title>{text(TITLE)}</title>",
        "  <subtitle>Records of the atlas of cancer immunotherapy in China, each time a curator adds one or "
        "checks it again against its sources.</subtitle>",
        f"  <updated>{timestamp(graph.dataset.data_date())}</updated>",
        "  <author><name>IO Atlas contributors</name></author>",
        f"  <rights>Data {text(LICENCE['name'])}: {text(LICENCE['url'])}</rights>",
        f'  <link rel="self" type="application/atom+xml" href={attribute(exporter.url(FEED))}/>',
        f'  <link rel="alternate" type="text/html" href={attribute(home)}/>',
        *(entry(exporter, record) for record in newest(graph)),
        "</feed>",
    ]) + "\n"


def write(graph: Graph) -> dict[PurePosixPath, bytes]:
    return {FEED: feed(graph).encode()}
