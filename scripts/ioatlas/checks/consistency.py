"""Checks that records agree with each other and with themselves: unique names, dates in order."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from pydantic import BaseModel

from ..dataset import Dataset
from ..loader import Loc
from ..models import Record
from ..models.refs import iter_shown_texts, iter_texts
from ..models.types import date_key
from .base import Finding

# Ids a record may not take because a generated page already has that name: docs/<collection>/index.md
# is the collection's index, so a record 'index' would silently replace it.
RESERVED_IDS = frozenset({"index"})


def name_key(name: str) -> str:
    """What two names must share to be one name: compatibility forms (full-width Latin letters, ligatures),
    case and runs of blanks do not count, so 'ＥＳＯ', 'eso' and ' ESO ' are one name."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def names_and_ids_unique(dataset: Dataset) -> Iterator[Finding]:
    """E040: one spelling names one record of a collection, and no id takes the name of a generated page."""
    for collection, records in dataset.records.items():
        seen: dict[str, Record] = {}
        for record in sorted(records.values(), key=lambda r: r.id):
            if record.id in RESERVED_IDS:
                yield Finding(record, ("id",), f"id '{record.id}' is taken by the page that lists all {collection}",
                              f"rename the file and its id, e.g. to {record.id}-{collection.rstrip('s')}.yaml")
            for number, name in enumerate(record.all_names()):
                other = seen.setdefault(name_key(name), record)
                if other is not record:
                    yield Finding(record, ("name",) if number == 0 else ("aliases",),
                                  f"name or alias '{name}' is also used by {collection}/{other.id}",
                                  "one spelling names one record: merge the records or drop the alias")


def _dated_parts(record: Record) -> list[tuple[Loc, BaseModel]]:
    parts: list[tuple[Loc, BaseModel]] = [((), record)]
    for index, affiliation in enumerate(getattr(record, "affiliations", [])):
        parts.append((("affiliations", index), affiliation))
    return parts


def dates_in_order(dataset: Dataset) -> Iterator[Finding]:
    """E041: a start date is not after its end date."""
    for record in dataset.all():
        for loc, holder in _dated_parts(record):
            start, end = getattr(holder, "start", None), getattr(holder, "end", None)
            if start and end and date_key(start) > date_key(end):
                yield Finding(record, (*loc, "end"), f"end {end} is before start {start}",
                              "swap the dates or correct the one that is wrong")


# Phrases that address curators, not readers: the seed articles' numbers and file names, and notes on what a
# source leaves out. They belong in curator_note, which no page shows.
CURATOR_PHRASES = re.compile(r"\barticle 00\d\b|\b\d{3}_[0-9a-f]{16}\.txt\b|untitled in the source|"
                             r"not recorded here|Chinese name not confirmed", re.IGNORECASE)


def _phrases(dataset: Dataset, texts: Callable[[Record], Iterator[tuple[Loc, str]]], phrases: re.Pattern[str],
             message: str, hint: str) -> Iterator[Finding]:
    """A finding for each text of each record in which ``phrases`` occur; ``message`` names the phrase ({})."""
    for record in dataset.all():
        for loc, text in texts(record):
            found = phrases.search(text)
            if found:
                yield Finding(record, loc, message.format(found.group(0)), hint)


def no_curator_notes_in_shown_text(dataset: Dataset) -> Iterator[Finding]:
    """E061: text that pages show does not speak to curators."""
    return _phrases(dataset, iter_shown_texts, CURATOR_PHRASES, "'{}' is a note for curators in text that readers "
                    "see", "say it for readers (name the source, or let the citation mark show it) and move the "
                    "note to 'curator_note:'")


# Names of the curators' workshop: the numbered seed articles and their files, internal documents, the tools and
# instructions curators worked with. Records and their notes are public, so sources are named by record id.
WORKSHOP_PHRASES = re.compile(
    r"\bseeds?\b(?: ?(?:article|file)s?)? ?#?\d{1,3}\b|\bseeds?/|\bverified[- _]references(?:\.md)?\b|"
    r"\bDESIGN\.md\b|\bshared/|\b\d{3}_[0-9a-f]{16}\b|\bsearch tool\b|\bthe (?:brief|task|instructions)\b|"
    r"\bsubagents?\b|\bhelper sessions?\b", re.IGNORECASE)


def no_workshop_references(dataset: Dataset) -> Iterator[Finding]:
    """E062: no text of a record, curator notes included, names the project's working files or tools."""
    return _phrases(dataset, iter_texts, WORKSHOP_PHRASES, "'{}' names the curators' working files or tools, and "
                    "every record is published", "name the source by its record id (for example "
                    "'oncology-frontier-...'), and say in plain words what was checked and where")
