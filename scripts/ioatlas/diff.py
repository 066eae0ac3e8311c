"""`ioatlas diff <git-ref>`: what a change to data/ does to the site, for reviewers.

Both sides are validated and rendered in memory with the current code (pipeline.plan), so
the page list shows knock-on changes too: adding a trial changes the pages of its targets and
diseases through their backlinks. The data at the ref comes from ``git archive``, which neither
touches the working tree nor the index.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .dataset import record_paths
from .pipeline import assemble, plan
from .urls import RECORD_COPIES, site_path


class DiffError(Exception):
    pass


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @classmethod
    def between(cls, old: dict[str, bytes], new: dict[str, bytes]) -> Changes:
        return cls(sorted(new.keys() - old.keys()), sorted(old.keys() - new.keys()),
                   sorted(k for k in old.keys() & new.keys() if old[k] != new[k]))

    def lines(self, title: str, show: Callable[[str], str] = str) -> list[str]:
        out = [f"{title}: {len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed"]
        for mark, items in (("+", self.added), ("-", self.removed), ("~", self.changed)):
            out += [f"  {mark} {show(item)}" for item in items]
        return out


def _git(root: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    if result.returncode != 0:
        raise DiffError(f"git {' '.join(args)} failed: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def checkout_data(root: Path, ref: str, dest: Path) -> Path:
    """Write data/ as it is at ``ref`` under dest/; returns the folder that holds data/ (maybe empty)."""
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except DiffError as err:
        raise DiffError(f"'{ref}' is not a commit in {root} (git rev-parse found nothing)") from err
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    listing = _git(root, "ls-tree", "-d", "--name-only", commit, f"{prefix}data")
    dest.mkdir(parents=True, exist_ok=True)
    if listing.strip():
        archive = _git(root, "archive", "--format=tar", commit, f"{prefix}data")
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(dest, filter="data")
    holder = dest / prefix
    (holder / "data").mkdir(parents=True, exist_ok=True)
    return holder


def record_files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for _, path in record_paths(root)}


def rendered_pages(root: Path) -> tuple[dict[str, bytes] | None, str]:
    """Generated pages (docs-relative path -> content), or None and why when the data does not validate."""
    atlas = assemble(root)
    if atlas.graph is None:
        return None, f"{len(atlas.report.problems)} validation problem(s)"
    files = plan(atlas.graph)
    return {p.as_posix(): c for p, c in files.items() if p.parts[0] != RECORD_COPIES}, ""


def _page(docs_rel: str) -> str:
    return f"{docs_rel}  →  site/{site_path(docs_rel)}"


def diff(root: Path, ref: str) -> list[str]:
    """Report lines: records, then pages, added/removed/changed from ``ref`` to the working tree."""
    with tempfile.TemporaryDirectory(prefix="ioatlas-diff-") as tmp:
        old_root = checkout_data(root, ref, Path(tmp))
        lines = [f"data at {ref} → working tree", *Changes.between(record_files(old_root), record_files(root))
                 .lines("records")]
        old_pages, old_why = rendered_pages(old_root)
    new_pages, new_why = rendered_pages(root)
    if old_pages is None or new_pages is None:
        why = f"data at {ref}: {old_why}" if old_pages is None else f"working tree: {new_why}"
        return [*lines, f"pages: not compared ({why}; run `ioatlas validate`)"]
    return [*lines, *Changes.between(old_pages, new_pages).lines("pages", _page)]
