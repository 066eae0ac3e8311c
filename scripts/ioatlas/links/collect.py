"""Every outside link the site publishes, with the file, field and line it comes from.

From records: every ``Identifier`` value at any depth (web addresses, DOIs, PMIDs, registry ids …), found
by type, never by field name. Its scheme says what a reader is shown and what is fetched to prove it
(``identifiers.Scheme``): a DOI is checked through doi.org's handle API, an NCT id through the
ClinicalTrials.gov API; schemes with nothing to fetch (ORCID, ROR, ChiCTR) are left out. From
hand-written pages under docs/: every http(s) address in the Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..dataset import Dataset
from ..loader import Loc
from ..models.refs import iter_identifiers
from ..pipeline import assemble
from ..problems import Report
from .sources import front_matter

_URL_IN_TEXT = re.compile(r"https?://[^\s<>()\[\]\"'`]+")


@dataclass(frozen=True, order=True)
class OutsideLink:
    file: str  # data/sources/x.yaml or docs/about.md
    field: str  # url, affiliations[0].url, doi, registry_ids[1], line 12
    line: int
    shown: str  # the address as the site shows it
    probe: str  # the address fetched to prove it


def _dotted(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def links_in_records(dataset: Dataset) -> Iterator[OutsideLink]:
    for record in dataset.all():
        loaded = dataset.file_of(record)
        for loc, value in iter_identifiers(record):
            probe = value.scheme.probe_url(value)
            if probe is not None:
                yield OutsideLink(loaded.rel, _dotted(loc), loaded.position(loc)[0], value.url or probe, probe)


def links_in_page(path: Path, rel: str) -> Iterator[OutsideLink]:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for match in _URL_IN_TEXT.finditer(text):
            url = match.group(0).rstrip(".,;:!?*_")
            yield OutsideLink(rel, f"line {number}", number, url, url)


def collect(root: Path) -> tuple[list[OutsideLink], Report]:
    """Outside links of the records that load and of the hand-written pages in docs/; the report holds the
    problems of records that did not load, whose links are therefore not known."""
    atlas = assemble(root)
    loaded = {file.rel for file in atlas.dataset.files.values()}
    unread = Report([problem for problem in atlas.report.problems if problem.path not in loaded])
    found = list(links_in_records(atlas.dataset))
    docs = root / "docs"
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        if front_matter(path).get("generated_by") != "ioatlas":
            found.extend(links_in_page(path, path.relative_to(root).as_posix()))
    return sorted(found), unread
