"""The review queue: every record by ``last_reviewed``, oldest first, flagged when its review is older than a
given age or when every source it cites is secondary (edited media or an aggregator, no first-hand source).

Ages are counted from the data's own date (``Dataset.data_date``: the newest source or review date), not
from the clock, so the same data give the same queue on any day; ``--today`` counts from another day.
``ioatlas review`` prints the queue and the review-queue page (pages/review_queue.py) shows it to curators.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dataset import Dataset
from .models import MODELS, Record
from .models.types import date_key

DEFAULT_MAX_AGE_DAYS = 365
FIRST_HAND = "first-hand"  # the reliability (models/sources.py) that makes a record's sourcing primary


@dataclass(frozen=True)
class Entry:
    record: Record
    file: str
    reviewed: dt.date
    age_days: int
    stale: bool  # reviewed longer ago than the allowed age
    secondary_only: bool  # cites sources, none of them first-hand

    @property
    def flags(self) -> list[str]:
        return ([f"stale ({self.age_days} days)"] if self.stale else []) + (
            ["secondary sources only"] if self.secondary_only else [])


def reference_day(dataset: Dataset, today: dt.date | None = None) -> dt.date:
    """The day ages are counted from: ``today`` when given, else the data's date (a missing month or day is
    the first), else the epoch of the calendar when the data have no date at all."""
    if today is not None:
        return today
    newest = dataset.data_date()
    if newest is None:
        return dt.date.min
    year, month, day = date_key(newest)
    return dt.date(year, month or 1, day or 1)


def _secondary_only(dataset: Dataset, record: Record) -> bool:
    if record.collection == "sources" or not record.sources:
        return False
    cited = [dataset.get("sources", source_id) for source_id in record.sources]
    return all(getattr(source, "reliability", None) != FIRST_HAND for source in cited)


def queue(dataset: Dataset, max_age_days: int = DEFAULT_MAX_AGE_DAYS, today: dt.date | None = None) -> list[Entry]:
    """Every record, oldest review first (then in collection order, then by id)."""
    day = reference_day(dataset, today)
    entries = []
    for record in dataset.all():
        reviewed = dt.date.fromisoformat(record.last_reviewed)
        age = (day - reviewed).days
        entries.append(Entry(record, dataset.file_of(record).rel, reviewed, age, age > max_age_days,
                             _secondary_only(dataset, record)))
    order = {name: index for index, name in enumerate(MODELS)}
    return sorted(entries, key=lambda e: (e.reviewed, order[e.record.collection], e.record.id))


def summary(entries: list[Entry], max_age_days: int, day: dt.date) -> str:
    stale = sum(e.stale for e in entries)
    secondary = sum(e.secondary_only for e in entries)
    return (f"{len(entries)} records; {stale} reviewed more than {max_age_days} days before {day.isoformat()}; "
            f"{secondary} cite only secondary sources")


def format_queue(entries: list[Entry], max_age_days: int, day: dt.date, flagged_only: bool = False) -> str:
    """The queue as terminal text, one record a line: review date, age, flags, file and name."""
    shown = [e for e in entries if e.flags] if flagged_only else entries
    width = max((len(", ".join(e.flags)) for e in shown), default=0)
    lines = [f"{e.reviewed.isoformat()}  {e.age_days:>5}d  {', '.join(e.flags):<{width}}  {e.file}  ({e.record.name})"
             for e in shown]
    lines.append(summary(entries, max_age_days, day) + f" (ages counted from {day.isoformat()})")
    return "\n".join(lines)
