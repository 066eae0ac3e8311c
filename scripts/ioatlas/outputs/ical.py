"""An iCalendar file (RFC 5545) of the conferences: conferences.ics, one VEVENT per conference.

Conferences may be dated only to the month or year. An event is written only for a conference whose first
day is known; its last day (DTEND, exclusive, the day after it) only when that is known to the day too, and
its place only as far as the record gives it. Nothing is filled in: a calendar shows a missing DTEND as a
one-day event, and a conference whose first day is not known is left out rather than put on a made-up day.
DTSTAMP is the day the record was last reviewed, never the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

from ..graph import Graph
from ..models.conferences import Conference
from ..urls import CALENDAR
from .exported import Exporter, day_of
from .feed import tag_uri

PRODID = "-//IO Atlas//Conferences//EN"
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f]")  # control characters RFC 5545 TEXT may not hold


def escape(value: str) -> str:
    """TEXT as RFC 5545 writes it: backslash, semicolon and comma escaped, line breaks as \\n."""
    value = _NOT_TEXT.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    parts: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # a continuation line starts with one blank
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def full_day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value and _FULL_DATE.fullmatch(value) else None


def event(exporter: Exporter, conference: Conference) -> list[str] | None:
    start = full_day(conference.start)
    if start is None:
        return None
    end = full_day(conference.end)
    place = ", ".join(p for p in (conference.city, conference.country) if p)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{tag_uri('conferences/' + conference.id)}",
        f"DTSTAMP:{day_of(conference.last_reviewed).strftime('%Y%m%d')}T000000Z",
        f"DTSTART;VALUE=DATE:{start.strftime('%Y%m%d')}",
    ]
    if end is not None and end >= start:
        lines.append(f"DTEND;VALUE=DATE:{(end + dt.timedelta(days=1)).strftime('%Y%m%d')}")
    lines.append(f"SUMMARY:{escape(conference.name)}")
    if place:
        lines.append(f"LOCATION:{escape(place)}")
    lines.append(f"URL:{exporter.page_url(conference)}")
    if conference.summary:
        lines.append(f"DESCRIPTION:{escape(conference.summary.strip())}")
    lines.append(f"CATEGORIES:{escape(conference.kind)}")
    return [*lines, "END:VEVENT"]


def calendar(graph: Graph) -> str:
    exporter = Exporter.for_file(graph, CALENDAR)
    events = [lines for conference in graph.records(Conference.collection)
              if isinstance(conference, Conference) and (lines := event(exporter, conference))]
    events.sort(key=lambda lines: (lines[3], lines[1]))  # by first day, then UID
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             "X-WR-CALNAME:IO Atlas conferences", *(line for lines in events for line in lines), "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def write(graph: Graph) -> dict[PurePosixPath, bytes]:
    return {CALENDAR: calendar(graph).encode()}
