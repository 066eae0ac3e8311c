"""Validate every record under data/ in stages, collecting all problems of the run.

Stages: files (layout, names) → YAML (loader.py) → schema (pydantic models) → references →
consistency (duplicate names, date order) → quality gates (citations, affiliations, trial
completeness, orphans, unused sources). A later stage runs on whatever passed the earlier ones,
so one broken file never hides the problems of another.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .loader import LoadedFile, load_file
from .models import MODELS, Record
from .models.refs import iter_refs, nested_model
from .models.types import date_key
from .problems import Report

# Ids a record may not take because a generated page already has that name: docs/<collection>/index.md
# is the collection's index, so a record 'index' would silently replace it.
RESERVED_IDS = frozenset({"index"})

_CODE_OF_TYPE = {
    "extra_forbidden": "E010",
    "missing": "E011",
    "identifier": "E020",
    "unsafe_text": "E060",
}


@dataclass
class Dataset:
    """Validated records plus where each came from."""

    root: Path
    records: dict[str, dict[str, Record]] = field(default_factory=lambda: {c: {} for c in MODELS})
    files: dict[tuple[str, str], LoadedFile] = field(default_factory=dict)

    def get(self, collection: str, record_id: str) -> Record | None:
        return self.records.get(collection, {}).get(record_id)

    def all(self) -> list[Record]:
        return [r for c in MODELS for r in sorted(self.records[c].values(), key=lambda r: r.id)]

    def where(self, record: Record, loc: tuple = ()) -> tuple[str, int, int]:
        loaded = self.files[(record.collection, record.id)]
        return (loaded.rel, *loaded.position(loc))


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def _data_loc(data: Any, loc: tuple[str | int, ...], keep_last: bool) -> tuple[str | int, ...]:
    """The part of a pydantic error location that names places in the record's data.

    Pydantic adds steps of its own (union members such as 'function-after[...]'); a step is kept only when
    the data has it, so a field name of any spelling, '[' included, keeps its place. A missing field is not
    in the data: ``keep_last`` keeps its name.
    """
    kept: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        in_mapping = isinstance(current, dict) and isinstance(part, str) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_mapping or in_list:
            current = current[part]  # type: ignore[index]
        elif not (keep_last and index == len(loc) - 1):
            continue
        kept.append(part)
    return tuple(kept)


def _schema_problem(err: dict[str, Any], model: type[BaseModel], loaded: LoadedFile, report: Report) -> None:
    loc = _data_loc(loaded.data, tuple(err["loc"]), keep_last=err["type"] == "missing")
    line, col = loaded.position(loc)
    kind = err["type"]
    code = _CODE_OF_TYPE.get(kind, "E012")
    dotted = ".".join(str(p) for p in loc) or "(record)"
    hint = ""
    if kind in ("extra_forbidden", "missing") and not loc:  # cannot happen for a mapping; kept total
        kind = "unknown"
    if kind == "extra_forbidden":
        holder = nested_model(model, loc[:-1])
        allowed = sorted(holder.model_fields) if holder else []
        hint = _suggest(str(loc[-1]), allowed) + ("allowed fields: " + ", ".join(allowed) if allowed else "")
        message = f"unknown field '{dotted}'"
    elif kind == "missing":
        holder = nested_model(model, loc[:-1])
        info = holder.model_fields.get(str(loc[-1])) if holder else None
        message = f"missing required field '{dotted}'"
        hint = f"add '{loc[-1]}:'" + (f" ({info.description})" if info and info.description else "")
    elif kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        message = f"'{dotted}' is {err['input']!r}, not one of the allowed values"
        hint = _suggest(str(err["input"]), choices) + f"choose one of: {', '.join(choices)}"
    else:
        message = f"'{dotted}': {err['msg']}"
    report.add(loaded.rel, line, col, code, message, hint)


def _shown(name: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 (kept by Python as lone surrogates, which
    no stream can encode) are written as \\xNN."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _load_records(root: Path, report: Report, dataset: Dataset) -> None:
    data_dir = root / "data"
    if not data_dir.is_dir():
        report.add("data", 0, 0, "E003", "no data/ folder", "run from the repository root")
        return
    for entry in sorted(data_dir.iterdir()):
        rel_dir = _shown(entry.relative_to(root).as_posix())
        if entry.name.startswith(".") or entry.name == "README.md":
            continue
        if entry.is_symlink():
            report.add(rel_dir, 0, 0, "E001", f"collection folder '{_shown(entry.name)}' is a symbolic link",
                       "collections are plain folders under data/")
            continue
        if not entry.is_dir() or entry.name not in MODELS:
            report.add(rel_dir, 0, 0, "E010", f"'{_shown(entry.name)}' is not a collection",
                       _suggest(_shown(entry.name), list(MODELS)) + "collections: " + ", ".join(sorted(MODELS)))
            continue
        model = MODELS[entry.name]
        for path in sorted(entry.iterdir()):
            rel = _shown(path.relative_to(root).as_posix())
            if path.suffix != ".yaml":
                if not path.name.startswith("."):
                    report.add(rel, 0, 0, "E013", "record files end in .yaml", f"rename to {_shown(path.stem)}.yaml")
                continue
            loaded = load_file(path, rel, report)
            if loaded is None:
                continue
            try:
                record = model.model_validate(loaded.data)
            except ValidationError as err:
                for detail in err.errors(include_url=False):
                    _schema_problem(detail, model, loaded, report)
                continue
            if record.id != path.stem:
                report.add(rel, *loaded.position(("id",)), "E013",
                           f"id '{record.id}' does not match the file name '{_shown(path.name)}'",
                           f"set 'id: {_shown(path.stem)}' or rename the file to {record.id}.yaml")
                continue
            if record.id in RESERVED_IDS:
                report.add(rel, *loaded.position(("id",)), "E040",
                           f"id '{record.id}' is taken by the page that lists all {model.collection}",
                           f"rename the file and its id, e.g. to {record.id}-{model.collection.rstrip('s')}.yaml")
                continue
            dataset.records[model.collection][record.id] = record
            dataset.files[(model.collection, record.id)] = loaded


def _check_references(dataset: Dataset, report: Report) -> None:
    for record in dataset.all():
        for loc, target, ref_id in iter_refs(record):
            if dataset.get(target, ref_id):
                continue
            elsewhere = [c for c in MODELS if dataset.get(c, ref_id)]
            if elsewhere:
                report.add(*dataset.where(record, loc), "E031",
                           f"'{ref_id}' is a record of {elsewhere[0]}, but this field takes {target}",
                           f"point to a record in data/{target}/")
            else:
                known = list(dataset.records[target])
                report.add(*dataset.where(record, loc), "E030", f"no {target} record '{ref_id}'",
                           _suggest(ref_id, known) + f"create data/{target}/{ref_id}.yaml or fix the id")


def name_key(name: str) -> str:
    """What two names must share to be one name: compatibility forms (full-width Latin letters, ligatures),
    case and runs of blanks do not count, so 'ＥＳＯ', 'eso' and ' ESO ' are one name."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _check_consistency(dataset: Dataset, report: Report) -> None:
    for collection, records in dataset.records.items():
        seen: dict[str, Record] = {}
        for record in sorted(records.values(), key=lambda r: r.id):
            for number, name in enumerate(record.all_names()):
                key = name_key(name)
                other = seen.get(key)
                if other is not None and other is not record:
                    field_loc = ("name",) if number == 0 else ("aliases",)
                    report.add(*dataset.where(record, field_loc), "E040",
                               f"name or alias '{name}' is also used by {collection}/{other.id}",
                               "one spelling names one record: merge the records or drop the alias")
                seen.setdefault(key, record)
    for record in dataset.all():
        for loc, holder in _dated_parts(record):
            start, end = getattr(holder, "start", None), getattr(holder, "end", None)
            if start and end and date_key(start) > date_key(end):
                report.add(*dataset.where(record, (*loc, "end")), "E041",
                           f"end {end} is before start {start}", "swap the dates or correct the one that is wrong")


def _dated_parts(record: Record) -> list[tuple[tuple, BaseModel]]:
    parts: list[tuple[tuple, BaseModel]] = [((), record)]
    for index, affiliation in enumerate(getattr(record, "affiliations", [])):
        parts.append((("affiliations", index), affiliation))
    return parts


def _check_quality(dataset: Dataset, report: Report) -> None:
    linked: set[tuple[str, str]] = set()
    cited: set[str] = set()
    for record in dataset.all():
        for _loc, target, ref_id in iter_refs(record):
            if target == "sources":
                cited.add(ref_id)
            elif (target, ref_id) != (record.collection, record.id):
                linked.add((target, ref_id))
                linked.add((record.collection, record.id))
    for record in dataset.all():
        if record.collection == "sources":
            if record.id not in cited:
                report.add(*dataset.where(record, ("id",)), "E053", f"source '{record.id}' is cited by no record",
                           "cite it from the records it supports, or remove it")
            continue
        if not record.sources:
            report.add(*dataset.where(record, ("id",)), "E050", "record cites no source",
                       "add 'sources: [<source id>]' naming a record in data/sources/")
        if (record.collection, record.id) not in linked:
            report.add(*dataset.where(record, ("id",)), "E052",
                       "record is an orphan: it links to no other record and none links to it",
                       "relate it to the records the source connects it with")
        for code, message, hint in _gate_failures(record):
            report.add(*dataset.where(record, ("id",)), code, message, hint)


def _gate_failures(record: Record) -> list[tuple[str, str, str]]:
    failures: list[tuple[str, str, str]] = []
    if record.collection == "experts" and not record.affiliations:  # type: ignore[attr-defined]
        failures.append(("E051", "expert has no affiliation", "add 'affiliations:' with at least one organization"))
    if record.collection == "trials":
        trial: Any = record
        if trial.phase is None and trial.phase_note is None:
            failures.append(("E054", "trial has no phase", "add 'phase:' or 'phase_note:' saying why there is none"))
        if not trial.conditions:
            failures.append(("E055", "trial names no condition", "add 'conditions: [<disease id>]'"))
        if not trial.interventions and not trial.targets:
            failures.append(("E056", "trial names no intervention or target",
                             "add 'interventions:' (therapies) or 'targets:'"))
    return failures


def validate(root: Path) -> tuple[Dataset, Report]:
    report = Report()
    dataset = Dataset(root=root)
    _load_records(root, report, dataset)
    _check_references(dataset, report)
    _check_consistency(dataset, report)
    _check_quality(dataset, report)
    return dataset, report
