"""The JSON Schemas committed under schema/ at the repository root, for editors: .vscode/settings.json maps
data/<collection>/*.yaml to schema/<collection>.schema.json, so VS Code's YAML extension completes fields,
offers allowed values and shows each field's description while a curator types.

They are the same files the site publishes (``outputs/json_schemas.schemas``); ``ioatlas fmt`` writes them
and ``ioatlas fmt --check`` (and a test) fails when a model changed and they were not rewritten.
"""

from __future__ import annotations

from pathlib import Path

from ..outputs.json_schemas import schemas

SCHEMA_ROOT = "schema"


def stale(root: Path) -> tuple[dict[Path, bytes], list[Path]]:
    """(files to write with their content, files to remove) to make schema/ match the models."""
    folder = root / SCHEMA_ROOT
    wanted = {folder / name: content for name, content in schemas().items()}
    write = {path: content for path, content in wanted.items()
             if not path.is_file() or path.read_bytes() != content}
    remove = sorted(p for p in folder.glob("*.schema.json") if p not in wanted) if folder.is_dir() else []
    return write, remove
