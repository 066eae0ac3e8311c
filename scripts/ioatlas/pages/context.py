"""What one page's template calls while it renders: links relative to the page, numbered citations, and
the backlinks of a record grouped under their headings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from markupsafe import Markup

from ..graph import CITATIONS, Graph
from ..markdown_text import escape_inline
from ..models import COLLECTIONS, Record
from ..urls import href, record_page

CITED_BY = "Cited by"


@dataclass
class PageContext:
    graph: Graph
    path: PurePosixPath  # the page's own docs-relative path, which its links are relative to
    citations: list[str] = field(default_factory=list)

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

    def backlink_sections(self, record: Record) -> list[tuple[str, list[Record]]]:
        """Headed groups of the records that point at ``record``; groups with one heading merge. Backlinks
        the record's own template shows in a table (``Collection.shown_in_body``) are left out."""
        shown_in_body = COLLECTIONS[record.collection].shown_in_body
        sections: dict[str, list[Record]] = {}
        seen: dict[str, set[tuple[str, str]]] = {}
        for (collection, relation), records in self.graph.backlinks(record).items():
            if (collection, relation) in shown_in_body:
                continue
            heading = CITED_BY if relation == CITATIONS else COLLECTIONS[collection].backlink_title(relation)
            merged, keys = sections.setdefault(heading, []), seen.setdefault(heading, set())
            for other in records:
                if (other.collection, other.id) not in keys:
                    keys.add((other.collection, other.id))
                    merged.append(other)
        return list(sections.items())

    def cite(self, source_ids: list[str]) -> Markup:
        """Footnote marks for ``source_ids``; the page's source list is built from them in order."""
        marks = []
        for source_id in source_ids:
            if source_id not in self.citations:
                self.citations.append(source_id)
            marks.append(f"[^{source_id}]")
        return Markup("".join(marks))
