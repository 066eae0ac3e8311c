"""Which file a built page came from, so a broken link is reported against something an editor can fix.

A generated record page carries ``record_file: data/<collection>/<id>.yaml`` in the front matter of
its Markdown under docs/; a hand-written page is its own source. We read the front matter instead of
guessing from paths so that the answer stays right if templates move pages around.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..urls import site_path

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_MKDOCS_DOC = re.compile(r"Doc file '([^']+\.md)'")


@dataclass(frozen=True)
class PageSource:
    """The Markdown a page was built from and, for a record page, the record's YAML file."""

    docs_file: str  # e.g. docs/about.md
    record_file: str | None = None
    generated: bool = False

    def describe(self) -> str:
        if self.record_file:
            return f"record {self.record_file}"
        if self.generated:
            return f"generated page {self.docs_file} (from the templates)"
        return f"hand-written page {self.docs_file}"


def front_matter(path: Path) -> dict:
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8", errors="replace"))
    if not match:
        return {}
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def source_of(docs_dir: Path, docs_rel: Path) -> PageSource:
    meta = front_matter(docs_dir / docs_rel)
    record = meta.get("record_file")
    return PageSource(f"docs/{docs_rel.as_posix()}", str(record) if record else None,
                      generated=meta.get("generated_by") == "ioatlas")


def page_sources(docs_dir: Path) -> dict[str, PageSource]:
    """Site-relative page path (``targets/gpc3/index.html``) -> where it came from."""
    sources: dict[str, PageSource] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir)
        sources[site_path(rel)] = source_of(docs_dir, rel)
    return sources


def annotate_mkdocs(text: str, docs_dir: Path) -> str:
    """Add the record behind each ``Doc file '…'`` in MkDocs' warnings, which name only the Markdown."""

    def add(match: re.Match[str]) -> str:
        rel = Path(match.group(1))
        if not (docs_dir / rel).is_file():
            return match.group(0)
        return f"{match.group(0)} [page site/{site_path(rel)}, {source_of(docs_dir, rel).describe()}]"

    return _MKDOCS_DOC.sub(add, text)
