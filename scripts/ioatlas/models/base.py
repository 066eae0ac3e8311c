"""The fields every record has, and the small structures records share (facts, citations)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from .types import IsoDate, Markdown, Note, PartialDate, RecordId, Ref, Text

SourceRef = Ref("sources", cites=True)  # a citation: the source supports this
# Fields that need no field_sources entry in a record with several sources (check E059): bookkeeping, the name
# (the page's title, not a claim with a mark), and lists whose every item names its own sources.
NOT_CITED_BY_FIELD = frozenset({"id", "name", "sources", "field_sources", "last_reviewed", "curator_note",
                                "corrections", "facts", "approvals", "viewpoints", "results"})
CURATOR_NOTE = "notes for curators (doubts, what a source calls things, what is missing); never shown on the site"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=False)


class Fact(Strict):
    """A dated, cited statement: counts that change, figures, or claims two sources disagree on."""

    text: Text = Field(description="the statement, in our own words, with its figure")
    as_of: PartialDate | None = Field(None, description="when the statement was true (for counts that change)")
    sources: list[SourceRef] = Field(min_length=1, description="the sources that make the statement")
    curator_note: Note | None = Field(None, description=CURATOR_NOTE)


class Correction(Strict):
    """A correction made to the record after it was published: what was wrong and what it says now."""

    date: IsoDate = Field(description="the day the correction was made (YYYY-MM-DD)")
    text: Text = Field(description="what was wrong and what changed, in a line readers understand")
    sources: list[SourceRef] = Field(default_factory=list, description="the sources that show the corrected "
                                     "fact, when the correction rests on one")


class Record(Strict):
    collection: ClassVar[str]  # the folder under data/ its records live in

    id: RecordId = Field(description="file name without .yaml; lowercase-kebab-case")
    name: Text = Field(description="English display name")
    name_zh: Text | None = Field(None, description="Chinese name, only when confirmed")
    aliases: list[Text] = Field(default_factory=list, description="other spellings seen in sources")
    summary: Markdown | None = Field(None, description="our own words; Markdown without raw HTML")
    facts: list[Fact] = Field(default_factory=list, description="dated statements: counts, figures, claims "
                              "sources disagree on (one fact per source then)")
    sources: list[SourceRef] = Field(default_factory=list, description="source records this record cites; "
                                     "every source cited anywhere in the record is listed here")
    field_sources: dict[str, list[SourceRef]] = Field(
        default_factory=dict, description="the sources that state each field, e.g. {name_zh: [source-id]}; "
        "required for every filled field of a record with two or more sources")
    corrections: list[Correction] = Field(default_factory=list, description="corrections made after the record "
                                          "was published, newest first; the Corrections page lists them all")
    last_reviewed: IsoDate = Field(description="the day a curator last checked the whole record against its "
                                   "sources (YYYY-MM-DD)")
    curator_note: Note | None = Field(None, description=CURATOR_NOTE)

    def sources_of(self, field_name: str) -> list[str]:
        """The sources that support one field: its own in ``field_sources``; else the record's one source. A record
        with two or more sources names the sources of each field it fills (check E059), so a field it leaves out
        of ``field_sources`` is cited to none of them, never to all."""
        own = self.field_sources.get(field_name)
        if own:
            return own
        return self.sources if len(self.sources) <= 1 else []

    def all_names(self) -> list[str]:
        return [self.name, *([self.name_zh] if self.name_zh else []), *self.aliases]
