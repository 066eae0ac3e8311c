"""Stage 1, dataset: find every record file under data/, read it (loader.py) and validate it against its
collection's model. The result holds each record that passed, with the file it came from.

Problems go into the run's ``Report``; a file that fails here is left out of the dataset, so the checks
that follow (checks/) run on everything else and one broken file never hides another's problems.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .loader import LoadedFile, Loc, load_file
from .models import COLLECTIONS, MODELS, Record
from .models.refs import Reference, iter_refs
from .models.types import date_key
from .problems import Report, did_you_mean
from .schema_problems import report_schema_error


@dataclass
class Dataset:
    """Validated records plus where each came from."""

    root: Path
    records: dict[str, dict[str, Record]] = field(default_factory=lambda: {c: {} for c in MODELS})
    files: dict[tuple[str, str], LoadedFile] = field(default_factory=dict)
    _refs: dict[int, tuple[Record, tuple[Reference, ...]]] = field(default_factory=dict, init=False, repr=False,
                                                                   compare=False)

    def get(self, collection: str, record_id: str) -> Record | None:
        return self.records.get(collection, {}).get(record_id)

    def refs(self, record: Record) -> tuple[Reference, ...]:
        """Every reference in ``record`` (``iter_refs``), found once per run: the checks, the graph, the pages and
        the exports all read them (eight walks of every record at 10,000 records, 1 s)."""
        kept = self._refs.get(id(record))
        if kept is None or kept[0] is not record:  # kept with the record, so an id reused is never mistaken
            kept = self._refs[id(record)] = (record, tuple(iter_refs(record)))
        return kept[1]

    def all(self) -> list[Record]:
        """Every record, collection by collection in registry order, by id within one."""
        return [r for c in MODELS for r in sorted(self.records[c].values(), key=lambda r: r.id)]

    def data_date(self) -> str | None:
        """The date of the data, taken from the data so that the same data give the same site on any day: the
        newest source date or review date (YYYY, YYYY-MM or YYYY-MM-DD), or None when there is none."""
        dates = [d for s in self.records.get("sources", {}).values() for d in (s.published, s.updated) if d]  # type: ignore[attr-defined]
        dates += [r.last_reviewed for r in self.all() if r.last_reviewed]
        return max(dates, key=date_key) if dates else None

    def count(self) -> int:
        return sum(len(records) for records in self.records.values())

    def file_of(self, record: Record) -> LoadedFile:
        return self.files[(record.collection, record.id)]

    def where(self, record: Record, loc: Loc = ()) -> tuple[str, int, int]:
        """(file, line, column) of a field of ``record``, for a problem report."""
        loaded = self.file_of(record)
        return (loaded.rel, *loaded.position(loc))


def shown(name: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 (kept by Python as lone surrogates, which
    no stream can encode) are written as \\xNN."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def record_paths(root: Path, report: Report | None = None) -> Iterator[tuple[str, Path]]:
    """(collection, path) of every record file under data/, in a stable order; anything else there is
    reported (when a report is given) and skipped."""
    report = report if report is not None else Report()
    data_dir = root / "data"
    if not data_dir.is_dir():
        report.add("data", 0, 0, "E003", "no data/ folder", "run from the repository root")
        return
    for entry in sorted(data_dir.iterdir()):
        if entry.name.startswith(".") or entry.name == "README.md":
            continue
        rel_dir = shown(entry.relative_to(root).as_posix())
        if entry.is_symlink():
            report.add(rel_dir, 0, 0, "E001", f"collection folder '{shown(entry.name)}' is a symbolic link",
                       "collections are plain folders under data/")
        elif not entry.is_dir() or entry.name not in COLLECTIONS:
            report.add(rel_dir, 0, 0, "E010", f"'{shown(entry.name)}' is not a collection",
                       did_you_mean(shown(entry.name), list(COLLECTIONS)) + "collections: "
                       + ", ".join(sorted(COLLECTIONS)))
        else:
            yield from _files_of(entry, root, report)


def _files_of(folder: Path, root: Path, report: Report) -> Iterator[tuple[str, Path]]:
    for path in sorted(folder.iterdir()):
        if path.suffix == ".yaml":
            yield folder.name, path
        elif not path.name.startswith("."):
            report.add(shown(path.relative_to(root).as_posix()), 0, 0, "E013", "record files end in .yaml",
                       f"rename to {shown(path.stem)}.yaml")


@dataclass
class LoadCache:
    """What an earlier run in the same process (``ioatlas serve``) read and validated, by file: a record file
    whose bytes have not changed since is not parsed or validated again. Only a file that loaded without any
    problem is kept, so every problem is found again on each run."""

    loaded: dict[Path, tuple[Record, LoadedFile]] = field(default_factory=dict)

    def reuse(self, path: Path) -> tuple[Record, LoadedFile] | None:
        kept = self.loaded.get(path)
        if kept is None:
            return None
        try:  # still a plain file (not a link) of the same bytes; its size is compared before it is read
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode) or info.st_size != len(kept[1].raw) or path.read_bytes() != kept[1].raw:
                return None
        except OSError:
            return None
        return kept


def _load_record(collection: str, path: Path, root: Path, report: Report,
                 cache: LoadCache | None = None) -> tuple[Record, LoadedFile] | None:
    kept = cache.reuse(path) if cache is not None else None
    if kept is not None:
        return kept
    problems_before = len(report.problems)
    result = _read_record(collection, path, root, report)
    if cache is not None:
        cache.loaded.pop(path, None)
        if result is not None and len(report.problems) == problems_before:
            cache.loaded[path] = result
    return result


def _read_record(collection: str, path: Path, root: Path, report: Report) -> tuple[Record, LoadedFile] | None:
    rel = shown(path.relative_to(root).as_posix())
    loaded = load_file(path, rel, report)
    if loaded is None:
        return None
    model = MODELS[collection]
    try:
        record = model.model_validate(loaded.data)
    except ValidationError as err:
        for detail in err.errors(include_url=False):
            report_schema_error(detail, model, loaded, report)
        return None
    if record.id != path.stem:
        report.add(rel, *loaded.position(("id",)), "E013",
                   f"id '{record.id}' does not match the file name '{shown(path.name)}'",
                   f"set 'id: {shown(path.stem)}' or rename the file to {record.id}.yaml")
        return None
    return record, loaded


def load_dataset(root: Path, report: Report, cache: LoadCache | None = None) -> Dataset:
    """Every record under root/data that reads and validates; the problems of the others go into ``report``.
    With a ``cache``, files unchanged since an earlier run with it are taken from it."""
    dataset = Dataset(root=root)
    for collection, path in record_paths(root, report):
        loaded = _load_record(collection, path, root, report, cache)
        if loaded is not None:
            record, file = loaded
            dataset.records[collection][record.id] = record
            dataset.files[(collection, record.id)] = file
    return dataset
