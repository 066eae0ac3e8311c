"""``ioatlas fmt [--check] [FILE...]``: rewrite record files in the canonical layout (curator/fmt.py) and the
JSON Schemas under schema/ from the models; ``--check`` writes nothing, lists what it would change and exits 1
when anything would (CI and the pre-commit hook run it)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..dataset import record_paths, shown
from ..docs_sync import write_atomic
from ..models import MODELS
from .fmt import FormatRefused, format_file
from .schema_files import stale


def _targets(root: Path, paths: list[str]) -> list[tuple[str, Path]]:
    """(collection, path) of each file to format: the given ones, or every record file under data/."""
    if not paths:
        return list(record_paths(root))
    return [(Path(p).resolve().parent.name, Path(p).resolve()) for p in paths]


def _rel(root: Path, path: Path) -> str:
    try:
        return shown(path.relative_to(root).as_posix())
    except ValueError:
        return shown(str(path))


def run(root: Path, paths: list[str], check: bool) -> int:
    """Format the records (and, when no file is named, schema/); the exit status of the command."""
    reformatted: list[str] = []
    refused = 0
    targets = _targets(root, paths)
    for collection, path in targets:
        rel = _rel(root, path)
        try:
            if collection not in MODELS or path.suffix != ".yaml":
                raise FormatRefused(rel, 0, 0, "not a record file (data/<collection>/<id>.yaml)")
            formatted = format_file(path, rel, collection)
        except FormatRefused as refusal:
            print(refusal, file=sys.stderr)
            refused += 1
            continue
        if formatted.changed:
            reformatted.append(rel)
            if not check:
                write_atomic(path, formatted.after)
    schemas: list[str] = []
    if not paths:
        write, remove = stale(root)
        schemas = [_rel(root, p) for p in [*write, *remove]]
        if not check:
            for path, content in write.items():
                path.parent.mkdir(exist_ok=True)
                write_atomic(path, content)
            for path in remove:
                path.unlink()
    for rel in reformatted:
        print(f"{'would reformat' if check else 'reformatted'} {rel}")
    for rel in schemas:
        print(f"{'out of date' if check else 'rewrote'} {rel} (from the models)")
    failed = refused or (check and (reformatted or schemas))
    print(f"{len(targets)} record file(s): {len(reformatted)} {'to reformat' if check else 'reformatted'}"
          + (f", {refused} refused" if refused else "")
          + (f"; {len(schemas)} schema file(s) {'out of date' if check else 'rewritten'}" if schemas else "")
          + ("; run `ioatlas fmt` (make fmt) to fix" if check and (reformatted or schemas) else ""),
          file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0
