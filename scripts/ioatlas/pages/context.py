"""What one page's template calls while it renders: links relative to the page, numbered citations, and
the backlinks of a record grouped under their headings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from markupsafe import Markup

from ..derived import known_stage, trials_of
from ..graph import CITATIONS, Graph
from ..markdown_text import escape_inline
from ..models import COLLECTIONS, Record
from ..urls import href, index_page, page_address, record_page

CITED_BY = "Cited by"


@dataclass
class PageContext:
    graph: Graph
    path: PurePosixPath  # the page's own docs-relative path, which its links are relative to
    site_url: str = ""  # the published site's address ('' when unknown), read once per run (config.site_url)
    citations: list[str] = field(default_factory=list)

    @property
    def address(self) -> str:
        """The page's address for a citation: absolute when the site's address is known."""
        return self.site_url + page_address(self.path)

    def href(self, to: PurePosixPath) -> str:
        return href(self.path, to)

    def record(self, collection: str, record_id: str) -> Record:
        return self.graph.get(collection, record_id)

    def singular(self, record: Record) -> str:
        """What kind of record this is, as a reader says it: 'Trial or study'."""
        return COLLECTIONS[record.collection].singular

    def link(self, record: Record | None) -> Markup:
        if record is None:
            return Markup("")
        return Markup(f"[{escape_inline(record.name)}]({href(self.path, record_page(record.collection, record.id))})")

    def links(self, collection: str, ids: list[str]) -> Markup:
        return Markup(", ").join(self.link(self.record(collection, i)) for i in ids)

    def backlink_sections(self, record: Record) -> list[tuple[str, list[tuple[Record, Markup]]]]:
        """Headed groups of (record pointing at ``record``, the citation marks of that relation); groups with
        one heading merge. A relation is cited to the sources the pointing record gives for the field that
        states it; the records citing a source are listed under "Cited by", without marks. Backlinks the
        record's own template shows in a table (``Collection.shown_in_body``) are left out."""
        shown_in_body = COLLECTIONS[record.collection].shown_in_body
        sections: dict[str, list[tuple[Record, Markup]]] = {}
        seen: dict[str, set[tuple[str, str]]] = {}
        for (collection, relation), records in self.graph.backlinks(record).items():
            if (collection, relation) in shown_in_body:
                continue
            heading = CITED_BY if relation == CITATIONS else COLLECTIONS[collection].backlink_title(relation)
            merged, keys = sections.setdefault(heading, []), seen.setdefault(heading, set())
            for other in records:
                if (other.collection, other.id) not in keys:
                    keys.add((other.collection, other.id))
                    marks = Markup("") if relation == CITATIONS else self.cite(
                        self._relation_sources(record, other, relation))
                    merged.append((other, marks))
        return list(sections.items())

    def _relation_sources(self, record: Record, other: Record, relation: str) -> list[str]:
        """The sources of the parts of ``other`` that name ``record`` (an approval, a viewpoint), where those
        parts cite their own; else the sources ``other`` gives for the field."""
        own: list[str] = []
        for referrer, part in self.graph.mentions(record, other.collection, relation):
            if referrer is other and part is not other:
                own += [s for s in getattr(part, "sources", []) if s not in own]
        return own or other.sources_of(relation)

    def breadcrumb(self, record: Record) -> Markup:
        """Home › Collection › (the record's title follows as the page heading)."""
        home = self.href(PurePosixPath("index.md"))
        index = self.href(index_page(record.collection))
        title = escape_inline(COLLECTIONS[record.collection].title)
        return Markup(f"[Home]({home}) › [{title}]({index})")

    def viewpoint_headings(self, viewpoints: list[Any], about: str, topic: Record | None = None) -> list[str]:
        """A heading for each viewpoint: 'On <topic>, at <conference>' on an expert's page, where viewpoints come
        as (topic, viewpoint) pairs (``about="topic"``); '<expert>, at <conference>' on the page of ``topic``
        (``about="expert"``). Headings that would repeat are numbered, so each can be told apart and linked."""
        headings = []
        for item in viewpoints:
            holder, view = item if isinstance(item, tuple) else (topic, item)
            said = self.record("experts", view.expert).name if about == "expert" else f"On {holder.name}"
            where = f", at {self.record('conferences', view.conference).name}" if view.conference else ""
            headings.append(said + where)
        totals = {h: headings.count(h) for h in headings}
        seen: dict[str, int] = {}
        numbered = []
        for heading in headings:
            seen[heading] = seen.get(heading, 0) + 1
            numbered.append(f"{heading} ({seen[heading]} of {totals[heading]})" if totals[heading] > 1 else heading)
        return numbered

    def trials_of(self, therapy_ids: list[str]) -> list[Record]:
        """The trials that give any of these therapies or a therapy of their kind (``derived.trials_of``)."""
        return trials_of(self.graph, therapy_ids)

    def stage(self, record: Record) -> str:
        """A therapy's highest stage in China ("Approved", "Phase 2" …), '' when not a therapy or not known."""
        return known_stage(self.graph, record) if record.collection == "therapies" else ""

    def cite_field(self, record: Record, field_name: str) -> Markup:
        """Marks of the sources of one field of ``record`` (``Record.sources_of``), or of several fields shown in
        one row, named with blanks between them ("start end")."""
        if " " not in field_name:
            return self.cite(record.sources_of(field_name))
        return self.cite(list(dict.fromkeys(s for name in field_name.split() for s in record.sources_of(name))))

    def cite(self, source_ids: list[str]) -> Markup:
        """Footnote marks for ``source_ids``; the page's source list is built from them in order."""
        for source_id in source_ids:
            if source_id not in self.citations:
                self.citations.append(source_id)
        in_order = sorted(dict.fromkeys(source_ids), key=self.citations.index)  # [1][2][3], never [2][3][1]
        return Markup("".join(f"[^{source_id}]" for source_id in in_order))
