"""Render the graph to Markdown under docs/: one page per record, one index per collection.

Pages are written only when their content changed (so ``mkdocs serve`` does not loop) and stale
generated pages are removed. Only files this module generated are ever removed or rewritten:
generated pages start with ``---`` and ``generated_by: ioatlas`` (the first front-matter line),
and hand-written pages in docs/ are never touched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from .graph import Graph
from .markdown_text import escape_inline, escape_prose
from .models import MODELS, Record
from .schema_doc import error_codes, field_reference, json_schemas

TEMPLATES = Path(__file__).parent / "templates"
MARKER = "generated_by: ioatlas"
SCHEMA_DIR = "schema"  # field reference, error codes and JSON Schemas, generated from the models
RECORD_COPIES = "records"  # docs/records/<collection>/<id>.yaml: the YAML published beside the pages

COLLECTION_TITLES = {
    "experts": "Experts", "organizations": "Organizations", "conferences": "Conferences",
    "therapies": "Therapies", "targets": "Targets", "diseases": "Diseases", "trials": "Trials and studies",
    "topics": "Topics", "sources": "Sources",
}
# How a backlink group is headed on the page it points at: (from collection, field) -> heading.
BACKLINK_TITLES = {
    ("experts", "affiliations"): "People", ("experts", "targets"): "Experts working on this target",
    ("experts", "topics"): "Experts", ("organizations", "parent"): "Part of this organization",
    ("conferences", "parent"): "Sessions", ("conferences", "participants"): "Conferences and talks",
    ("conferences", "organizers"): "Conferences organized", ("conferences", "hosts"): "Conferences hosted",
    ("conferences", "topics"): "Conferences", ("therapies", "parent"): "Kinds and products",
    ("therapies", "targets"): "Therapies", ("therapies", "developers"): "Therapies developed",
    ("therapies", "diseases"): "Therapies", ("therapies", "approvals"): "Approvals",
    ("diseases", "parent"): "Subtypes", ("trials", "conditions"): "Trials and studies",
    ("trials", "interventions"): "Trials and studies", ("trials", "targets"): "Trials and studies",
    ("trials", "sponsors"): "Trials sponsored", ("trials", "sites"): "Trials at this site",
    ("trials", "investigators"): "Trials and studies", ("trials", "publications"): "Studies reported",
    ("topics", "parent"): "Subtopics", ("topics", "viewpoints"): "Viewpoints on topics",
    ("topics", "therapies"): "Topics", ("topics", "targets"): "Topics", ("topics", "documents"): "Topics",
    ("sources", "publisher"): "Published", ("sources", "republished_by"): "Republished",
}
CITED_BY = "Cited by"
# Backlinks a collection's template already shows in a table of its own (with roles and titles).
SHOWN_IN_BODY = {
    "organizations": {("experts", "affiliations")},
    "experts": {("conferences", "participants"), ("topics", "viewpoints")},
}


def href(from_collection: str, record: Record) -> str:
    if record.collection == from_collection:
        return f"{record.id}.md"
    return f"../{record.collection}/{record.id}.md"


class GenerationConflict(Exception):
    """A hand-written file stands where a generated one must go; it is never overwritten."""


@dataclass
class PageContext:
    """Helpers one page's template calls: links relative to the page, and numbered citations."""

    graph: Graph
    collection: str
    citations: list[str] = field(default_factory=list)

    def record(self, collection: str, record_id: str) -> Record:
        return self.graph.get(collection, record_id)

    def link(self, record: Record | None) -> Markup:
        if record is None:
            return Markup("")
        return Markup(f"[{escape_inline(record.name)}]({href(self.collection, record)})")

    def links(self, collection: str, ids: list[str]) -> Markup:
        return Markup(", ").join(self.link(self.record(collection, i)) for i in ids)

    def backlink_sections(self, record: Record) -> list[tuple[str, list[Record]]]:
        """Headed groups of the records that point at ``record``; groups with one heading merge."""
        sections: dict[str, list[Record]] = {}
        seen: dict[str, set[tuple[str, str]]] = {}
        for (collection, relation), records in self.graph.backlinks(record).items():
            if (collection, relation) in SHOWN_IN_BODY.get(record.collection, ()):
                continue
            if relation == "sources":
                heading = CITED_BY
            else:
                heading = BACKLINK_TITLES.get((collection, relation), COLLECTION_TITLES[collection])
            merged, keys = sections.setdefault(heading, []), seen.setdefault(heading, set())
            for other in records:
                if (other.collection, other.id) not in keys:
                    keys.add((other.collection, other.id))
                    merged.append(other)
        return list(sections.items())

    def cite(self, source_ids: list[str]) -> Markup:
        marks = []
        for source_id in source_ids:
            if source_id not in self.citations:
                self.citations.append(source_id)
            marks.append(f"[^{source_id}]")
        return Markup("".join(marks))


def _label(value: object) -> Markup:
    return escape_inline(str(value).replace("-", " ").capitalize())


def _texts(values: list[str], separator: str = ", ") -> Markup:
    return Markup(separator).join(escape_inline(v) for v in values)


def _nonblank(text: str) -> Markup:
    return Markup("\n".join(line for line in str(text).splitlines() if line.strip()))


def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # so macros and blocks return Markup; finalize does the Markdown escaping
        extensions=["jinja2.ext.do"],
        finalize=lambda value: "" if value is None else escape_inline(value),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["prose"] = escape_prose
    env.filters["label"] = _label
    env.filters["texts"] = _texts
    env.filters["nonblank"] = _nonblank
    env.globals["COLLECTION_TITLES"] = COLLECTION_TITLES
    env.globals["BACKLINK_TITLES"] = BACKLINK_TITLES
    return env


def render_record(env: jinja2.Environment, graph: Graph, record: Record) -> str:
    page = PageContext(graph, record.collection)
    template = env.get_template(f"{record.collection}.md.j2")
    return template.render(record=record, page=page, graph=graph, marker=MARKER,
                           copy_path=f"../{RECORD_COPIES}/{record.collection}/{record.id}.yaml",
                           record_file=graph.dataset.files[(record.collection, record.id)].rel)


def render_index(env: jinja2.Environment, graph: Graph, collection: str) -> str:
    page = PageContext(graph, collection)
    return env.get_template(f"index_{collection}.md.j2").render(
        records=graph.records(collection), page=page, graph=graph, marker=MARKER,
        title=COLLECTION_TITLES[collection], collection=collection)


def planned_files(graph: Graph) -> dict[Path, bytes]:
    """Every generated file (relative to docs/) and its content."""
    env = make_environment()
    files: dict[Path, bytes] = {}
    for collection in MODELS:
        files[Path(collection) / "index.md"] = render_index(env, graph, collection).encode()
        for record in graph.records(collection):
            files[Path(collection) / f"{record.id}.md"] = render_record(env, graph, record).encode()
            loaded = graph.dataset.files[(collection, record.id)]
            files[Path(RECORD_COPIES) / collection / f"{record.id}.yaml"] = loaded.path.read_bytes()
    extra = env.get_template("landscape.md.j2").render(graph=graph, page=PageContext(graph, "landscape"),
                                                        marker=MARKER)
    files[Path("landscape") / "index.md"] = extra.encode()
    files[Path(SCHEMA_DIR) / "index.md"] = field_reference(MARKER).encode()
    files[Path(SCHEMA_DIR) / "error-codes.md"] = error_codes(MARKER).encode()
    for name, content in json_schemas().items():
        files[Path(SCHEMA_DIR) / name] = content
    return files


def _is_generated(path: Path) -> bool:
    if path.suffix == ".yaml":
        return path.parent.parent.name == RECORD_COPIES
    if path.name.endswith(".schema.json"):
        return path.parent.name == SCHEMA_DIR
    try:
        with path.open("rb") as handle:
            return handle.read(len(MARKER) + 5) == f"---\n{MARKER}\n".encode()
    except OSError:
        return False


def _write_atomic(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class WriteSummary:
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    unchanged: int = 0


def generated_dirs() -> list[Path]:
    return [Path(c) for c in MODELS] + [Path(RECORD_COPIES), Path("landscape"), Path(SCHEMA_DIR)]


def copy_site_sources(root: Path, destination: Path) -> None:
    """Copy what a build needs besides data/ (config, theme overrides, hand-written docs) to another tree."""
    shutil.copy(root / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(root / "overrides", destination / "overrides")
    generated = {folder.as_posix() for folder in generated_dirs()}
    shutil.copytree(root / "docs", destination / "docs",
                    ignore=lambda folder, names: [n for n in names if Path(folder) == root / "docs" and n in generated])


def write_docs(graph: Graph, docs_dir: Path) -> WriteSummary:
    """Bring docs/ in line with the graph; touch only generated files."""
    summary = WriteSummary()
    files = planned_files(graph)
    conflicts = [docs_dir / rel for rel in files if (docs_dir / rel).exists() and not _is_generated(docs_dir / rel)]
    if conflicts:  # checked before anything is written, so a refusal changes nothing
        names = ", ".join(str(c) for c in conflicts)
        raise GenerationConflict(f"hand-written file(s) where generated pages belong: {names}; move or rename them "
                                 f"(generated pages start with '---' and '{MARKER}')")
    for rel, content in sorted(files.items()):
        target = docs_dir / rel
        if target.exists() and target.read_bytes() == content:
            summary.unchanged += 1
            continue
        _write_atomic(target, content)
        summary.written.append(rel)
    for folder in generated_dirs():
        root = docs_dir / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(docs_dir)
            if path.is_file() and rel not in files and _is_generated(path):
                path.unlink()
                summary.removed.append(rel)
        for path in sorted(root.rglob("*"), reverse=True):
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return summary
