"""Stage 2, checks: rules that look across the loaded records, one function per error code.

Each check is declared once with its code and the one-line meaning that the error-code page shows;
its function yields ``Finding``s and the runner turns them into problems with file, line and column.
The quality rules of each collection (``Collection.rules``, declared beside the model) join the
registry as checks of their own. Every code has an invalid fixture under tests/fixtures/invalid/.

To add a rule: write a function ``(Dataset) -> Iterator[Finding]`` in the module of its kind and add a
``Check`` for it to ``CHECKS`` below, or, for a rule about one collection's records, add a ``Rule`` to
that collection's declaration.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..dataset import Dataset
from ..models import COLLECTIONS
from ..models.collection import Collection, Rule
from ..problems import FILE_CODES, Report
from . import citations, consistency, references, romanisation
from .base import Check, Finding


def _rule_check(collection: Collection, rule: Rule) -> Check:
    def find(dataset: Dataset) -> Iterator[Finding]:
        for record in sorted(dataset.records[collection.name].values(), key=lambda r: r.id):
            if rule.fails(record):
                yield Finding(record, ("id",), rule.message, rule.hint)

    return Check(rule.code, rule.message, find)


CHECKS: tuple[Check, ...] = (
    Check("E030", "reference to a record that does not exist", references.missing_record),
    Check("E031", "reference to a record of the wrong collection", references.wrong_collection),
    Check("E040", "duplicate name or alias within a collection (case, spacing and full-width forms count as "
          "the same), or the reserved id 'index'", consistency.names_and_ids_unique),
    Check("E041", "dates out of order (start after end)", consistency.dates_in_order),
    Check("E061", "text that pages show holds a note for curators (an article number, a file name, a note on "
          "what a source leaves out)", consistency.no_curator_notes_in_shown_text),
    Check("E050", "record cites no source", citations.cites_no_source),
    Check("E052", "record is an orphan (nothing links to it)", citations.orphan),
    Check("E053", "source is cited by no record", citations.uncited_source),
    Check("E057", "part of a record cites a source that the record's sources do not list",
          citations.cites_outside_its_sources),
    Check("E058", "field_sources names a field the record does not have, leaves empty, or cites no source for",
          citations.field_sources_name_set_fields),
    Check("E059", "a record with two or more sources leaves a filled field (or an affiliation or participant) "
          "without the sources that state it", citations.field_cited_to_every_source),
    Check("E062", "text names the project's working files, internal documents or tools (public text: name "
          "sources by record id)", consistency.no_workshop_references),
    *(_rule_check(collection, rule) for collection in COLLECTIONS.values() for rule in collection.rules),
    Check("W001", "warning: an expert's name or alias is spelt in pinyin but is not the pinyin of the Chinese "
          "name (a sign of a wrong character); printed, but it does not fail the build",
          romanisation.name_is_pinyin_of_name_zh),
)

# every code the validator may emit -> its one-line meaning, in code order (the error-code page)
ALL_CODES: dict[str, str] = dict(sorted({**FILE_CODES, **{c.code: c.summary for c in CHECKS}}.items()))


def run_checks(dataset: Dataset, report: Report) -> None:
    """Run every check over the dataset, adding what each finds to ``report``."""
    for check in CHECKS:
        for finding in check.find(dataset):
            report.add(*dataset.where(finding.record, finding.loc), check.code, finding.message, finding.hint)
