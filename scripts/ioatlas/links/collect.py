"""Every outside link the site publishes, with the file and field it comes from.

From records: every ``url`` field at any depth, and the identifier links the templates print:
``doi`` (checked at doi.org without following the redirect: a redirect proves the DOI is registered,
and publishers' pages behind it often refuse robots), ``pmid`` (PubMed) and NCT ``registry_ids``
(checked through the ClinicalTrials.gov API, because its web page answers 200 even for unknown
ids). ORCID and ROR ids are left out: their checksums are verified offline by the validator and
their sites are script apps that answer 200 for anything. From hand-written pages under docs/:
every http(s) address in the Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..loader import LoadedFile, load_file
from ..problems import Report
from .sources import front_matter
from .target import Target

_URL_IN_TEXT = re.compile(r"https?://[^\s<>()\[\]\"'`]+")


@dataclass(frozen=True, order=True)
class OutsideLink:
    file: str  # data/sources/x.yaml or docs/about.md
    field: str  # url, affiliations[0].url, doi, registry_ids[1], line 12
    line: int
    shown: str  # the address as the site shows it
    target: Target  # what is fetched to prove it


def _identifier_target(key: str, value: str) -> Target | None:
    if key in ("url", "urls") and value.startswith(("http://", "https://")):
        return Target(value)
    if key == "doi":
        return Target(f"https://doi.org/{quote(value, safe='/')}", follow_redirects=False)
    if key == "pmid":
        return Target(f"https://pubmed.ncbi.nlm.nih.gov/{value}/")
    if key == "registry_ids" and re.fullmatch(r"NCT\d{8}", value):
        return Target(f"https://clinicaltrials.gov/api/v2/studies/{value}?fields=NCTId")
    return None


def _shown(key: str, value: str, target: Target) -> str:
    return f"https://clinicaltrials.gov/study/{value}" if key == "registry_ids" else target.url


def _walk(value: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*loc, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*loc, index))
    elif isinstance(value, str | int) and loc:
        yield loc, str(value)


def _dotted(loc: tuple[str | int, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def links_in_record(loaded: LoadedFile) -> Iterator[OutsideLink]:
    for loc, value in _walk(loaded.data):
        key = next((p for p in reversed(loc) if isinstance(p, str)), "")
        target = _identifier_target(key, value.strip())
        if target:
            line = loaded.position(loc)[0]
            yield OutsideLink(loaded.rel, _dotted(loc), line, _shown(key, value.strip(), target), target)


def links_in_page(path: Path, rel: str) -> Iterator[OutsideLink]:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for match in _URL_IN_TEXT.finditer(text):
            url = match.group(0).rstrip(".,;:!?*_")
            yield OutsideLink(rel, f"line {number}", number, url, Target(url))


def collect(root: Path) -> tuple[list[OutsideLink], Report]:
    """Outside links of data/ and of the hand-written pages in docs/ (generated pages are skipped)."""
    report = Report()
    found: list[OutsideLink] = []
    for path in sorted((root / "data").glob("*/*.yaml")):
        loaded = load_file(path, path.relative_to(root).as_posix(), report)
        if loaded is not None:
            found.extend(links_in_record(loaded))
    docs = root / "docs"
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        if front_matter(path).get("generated_by") != "ioatlas":
            found.extend(links_in_page(path, path.relative_to(root).as_posix()))
    return sorted(found), report
