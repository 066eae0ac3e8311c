"""How a collection is declared: one ``Collection`` per model module, read by the registry.

A declaration says what a collection is (its model, titles, place in the atlas) and what readers and
checks need to know about it, as data: the index table's columns, the facets readers filter by, the
headings its references get on the pages they point at, its quality rules and how to make synthetic
records of it. Nothing here renders or checks anything; the pages, checks and the benchmark read it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from .base import Record

# How an index cell shows its values: "auto" by the field's type (references as links, vocabulary words
# as labels, text as text); "record" the record itself as a link; "text" plain text even for identifiers;
# "raw" the value as stored; "count" how many; "period" the record's start – end.
CellStyle = Literal["auto", "record", "text", "raw", "count", "period"]


@dataclass(frozen=True)
class Column:
    """One column of the collection's index table."""

    header: str
    path: str  # dotted field path on the record, e.g. "affiliations.organization"
    show: CellStyle = "auto"
    empty: str = ""  # what an empty cell shows
    fallback: str | None = None  # a second path, read when the first holds nothing (published → updated)


@dataclass(frozen=True)
class Facet:
    """A property readers narrow the collection's index by; its values are read from ``path``.

    A path may pass through a reference (``affiliations.organization.city``): the step after it is read
    on the referenced record. ``year`` keeps only the year of a date.
    """

    label: str
    path: str
    year: bool = False


@dataclass(frozen=True)
class Chart:
    """A bar chart on the collection's index: its records counted by the values at ``path`` (by year for a
    date, with ``year``), drawn at build time (pages/charts.py)."""

    title: str
    path: str
    axis: str  # what the bars are ("Phase", "Year")
    year: bool = False


@dataclass(frozen=True)
class Rule:
    """A quality gate: a record of this collection for which ``fails`` is true is refused with ``code``."""

    code: str
    message: str  # one line, also the code's meaning on the error-code page
    fails: Callable[[Any], bool]
    hint: str


@dataclass
class SyntheticIds:
    """The ids of every collection in a synthetic dataset, and fair ways to point at them."""

    ids: dict[str, list[str]]
    rng: random.Random
    cursor: dict[str, int] = field(default_factory=dict)

    def pick(self, collection: str, k: int) -> list[str]:
        """Up to ``k`` random ids of ``collection``."""
        pool = self.ids[collection]
        return self.rng.sample(pool, min(k, len(pool)))

    def next_id(self, collection: str) -> str:
        """Ids in turn, so that every record is linked from somewhere (no orphans, no uncited sources)."""
        self.cursor[collection] = self.cursor.get(collection, 0) + 1
        pool = self.ids[collection]
        return pool[self.cursor[collection] % len(pool)]

    def cite(self) -> list[str]:
        return sorted({self.next_id("sources"), *self.pick("sources", 1)})


@dataclass(frozen=True)
class Synthetic:
    """How the benchmark makes records of this collection: its share of a dataset, and one record's fields."""

    share: float
    make: Callable[[int, str, SyntheticIds], dict[str, Any]]  # (number, id, ids) -> the record's fields


@dataclass(frozen=True)
class Collection:
    """Everything the atlas derives from one collection, declared once beside its model."""

    model: type[Record]
    title: str  # plural, for the navigation and the index page
    singular: str  # "Trial or study": the kind line of a record page
    intro: str  # one sentence under the index page's title
    position: int  # order in the navigation, the field reference and backlink sections
    columns: tuple[Column, ...]
    facets: tuple[Facet, ...] = ()
    # top-level field of this collection -> heading of its backlinks on the page it points at
    # (default: this collection's title)
    backlinks: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # backlinks (from collection, field) that this collection's own template shows in a table of its own
    shown_in_body: frozenset[tuple[str, str]] = frozenset()
    rules: tuple[Rule, ...] = ()
    charts: tuple[Chart, ...] = ()
    synthetic: Synthetic | None = None
    # how much a match on one of its pages counts in search against other pages; a reader typing a short name
    # ("GPC3", "CAR-T") wants the target or modality itself before the products and trials named after it
    search_boost: float = 1.0
    # fields holding short names readers type (a symbol, an acronym, an INN), searched like names and aliases
    search_fields: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The folder under data/ and the first part of every page address of the collection."""
        return self.model.collection

    def backlink_title(self, relation: str) -> str:
        return self.backlinks.get(relation, self.title)
