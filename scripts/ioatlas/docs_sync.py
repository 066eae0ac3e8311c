"""Stage 6, docs sync: bring the generated files under docs/ in line with the plan, touching nothing else.

A file is written only when its content changed (so ``mkdocs serve`` does not rebuild in a loop), and a
generated file that is no longer planned is removed. Which files are generated is kept in a manifest,
``docs/.gitignore``: it lists every generated file, so git ignores exactly those and a hand-written page
placed among them stays visible. A Markdown page counts as generated only while it still starts with the
marker front-matter line, so a hand-written file is never overwritten or removed: one standing where a
generated file must go stops the run before anything is written.
"""

from __future__ import annotations

import itertools
import os
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .pages import MARKER

MANIFEST = ".gitignore"
_HEADER = ("# Written by `ioatlas generate`: the files below are generated from data/ and the templates, so git\n"
           "# ignores them and the next run removes any that are no longer generated. Do not edit.\n")


class GenerationConflict(Exception):
    """A hand-written file stands where a generated one must go; it is never overwritten."""


@dataclass
class WriteSummary:
    written: list[PurePosixPath] = field(default_factory=list)
    removed: list[PurePosixPath] = field(default_factory=list)
    unchanged: int = 0


_TEMP_NUMBERS = itertools.count()


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new, empty file beside ``path``, open for writing, with the mode a plain ``open`` gives (0o666 less the
    umask: a generated file, and the site's hard link to it (engine/page_share.py), must be readable by a web server
    running as another user). Named by process and counter rather than at random (``tempfile``), and its folder
    made only when missing: at 10,000 records generation creates 10,000 files, and each saved call counts."""
    folder_made = False
    while True:
        temp = path.with_name(f".tmp-{os.getpid()}-{next(_TEMP_NUMBERS)}")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666), temp
        except FileNotFoundError:
            if folder_made:
                raise
            path.parent.mkdir(parents=True, exist_ok=True)
            folder_made = True
        except FileExistsError:
            pass  # left by a process that stopped mid-write and had this number: take the next


def write_atomic(path: Path, content: bytes) -> None:
    """Replace ``path`` with ``content`` in one step; a failed write leaves the old file and no temp file."""
    fd, temp = _create_temp(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _holds(path: Path, content: bytes) -> bool:
    """True when ``path`` is a plain file of exactly ``content`` (its size is compared before it is read)."""
    try:  # one open, no stat before it; non-blocking, so that a FIFO standing there is not waited on
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        return stat.S_ISREG(info.st_mode) and info.st_size == len(content) and handle.read() == content


def write_if_changed(path: Path, content: bytes) -> bool:
    if _holds(path, content):
        return False
    write_atomic(path, content)
    return True


def read_manifest(docs_dir: Path) -> set[PurePosixPath]:
    try:
        lines = (docs_dir / MANIFEST).read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    return {PurePosixPath(line[1:]) for line in lines if line.startswith("/") and line != f"/{MANIFEST}"}


def _has_marker(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(MARKER) + 5) == f"---\n{MARKER}\n".encode()
    except OSError:
        return False


def is_generated(docs_dir: Path, rel: PurePosixPath, manifest: set[PurePosixPath]) -> bool:
    """True for a file this tool wrote: listed in the manifest, and a page still carrying the marker."""
    path = docs_dir / rel
    if rel.suffix == ".md":
        return _has_marker(path)
    return rel in manifest and path.is_file()


def _manifest_text(planned: Iterable[PurePosixPath]) -> bytes:
    return (_HEADER + f"/{MANIFEST}\n" + "".join(f"/{rel.as_posix()}\n" for rel in sorted(planned))).encode()


def _remove_empty_parents(docs_dir: Path, rel: PurePosixPath) -> None:
    for parent in (docs_dir / rel).parents:
        if parent == docs_dir or not parent.is_dir() or any(parent.iterdir()):
            return
        parent.rmdir()


def _at_risk(docs_dir: Path, rel: PurePosixPath, content: bytes, manifest: set[PurePosixPath]) -> bool:
    """True when writing ``content`` would replace a file this tool did not write with something else."""
    path = docs_dir / rel
    if not path.exists() or is_generated(docs_dir, rel, manifest):
        return False
    return not path.is_file() or path.read_bytes() != content


def conflict_message(docs_dir: Path, conflicts: list[PurePosixPath]) -> str:
    shown = ", ".join(str(docs_dir / rel) for rel in conflicts[:5])
    more = f" and {len(conflicts) - 5} more" if len(conflicts) > 5 else ""
    return (f"{len(conflicts)} file(s) not written by ioatlas stand where generated files belong: {shown}{more}. "
            f"Move or rename hand-written ones (generated pages start with '---' and '{MARKER}'); if they are "
            f"left over from an earlier build whose list {docs_dir / MANIFEST} was lost, delete them.")


def conflicts(docs_dir: Path, planned: dict[PurePosixPath, bytes], manifest: set[PurePosixPath]) -> list[PurePosixPath]:
    """The planned paths where a file this tool did not write stands with other content."""
    return sorted(rel for rel, content in planned.items() if _at_risk(docs_dir, rel, content, manifest))


def write_planned(docs_dir: Path, planned: dict[PurePosixPath, bytes]) -> WriteSummary:
    """Write the planned files whose content changed (after ``conflicts`` found none)."""
    summary = WriteSummary()
    for rel, content in sorted(planned.items()):
        if write_if_changed(docs_dir / rel, content):
            summary.written.append(rel)
        else:
            summary.unchanged += 1
    return summary


def finish_sync(docs_dir: Path, manifest: set[PurePosixPath], planned: Iterable[PurePosixPath],
                summary: WriteSummary) -> WriteSummary:
    """After every planned file is written: remove the generated files no longer planned, write the manifest."""
    paths = set(planned)
    for rel in sorted(manifest - paths):
        if is_generated(docs_dir, rel, manifest):
            (docs_dir / rel).unlink()
            summary.removed.append(rel)
            _remove_empty_parents(docs_dir, rel)
    write_if_changed(docs_dir / MANIFEST, _manifest_text(paths))
    return summary


def sync(docs_dir: Path, planned: dict[PurePosixPath, bytes]) -> WriteSummary:
    """Write the planned files (docs-relative path -> content) under ``docs_dir``; remove stale ones."""
    manifest = read_manifest(docs_dir)
    found = conflicts(docs_dir, planned, manifest)
    if found:  # checked before anything is written, so a refusal changes nothing
        raise GenerationConflict(conflict_message(docs_dir, found))
    return finish_sync(docs_dir, manifest, planned.keys(), write_planned(docs_dir, planned))


def copy_site_sources(root: Path, destination: Path) -> None:
    """Copy what a build needs besides data/ (config, theme overrides, hand-written docs) to another tree."""
    shutil.copy(root / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(root / "overrides", destination / "overrides")
    docs_dir = root / "docs"
    manifest = read_manifest(docs_dir)

    def generated(folder: str, names: list[str]) -> list[str]:
        base = PurePosixPath(Path(folder).relative_to(docs_dir).as_posix())
        return [n for n in names if (n == MANIFEST and base == PurePosixPath("."))
                or (Path(folder, n).is_file() and is_generated(docs_dir, base / n, manifest))]

    shutil.copytree(docs_dir, destination / "docs", ignore=generated)
    for folder in sorted((destination / "docs").rglob("*"), reverse=True):  # deepest first
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()  # held only generated files
