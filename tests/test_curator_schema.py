"""The JSON Schemas under schema/ match the models, and the editor is wired to them: every collection's records
are mapped to their schema in .vscode/settings.json, and the schemas accept the real records."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from ioatlas.curator.scaffold import skeleton
from ioatlas.curator.schema_files import SCHEMA_ROOT, stale
from ioatlas.loader import load_file
from ioatlas.models import MODELS
from ioatlas.outputs.json_schemas import schemas
from ioatlas.problems import Report


def test_schema_files_match_the_models() -> None:
    write, remove = stale(ROOT)
    assert not write and not remove, ("schema/ is out of date with the models: run `ioatlas fmt` (make fmt); "
                                      f"differs: {sorted(p.name for p in [*write, *remove])}")
    assert sorted(p.name for p in (ROOT / SCHEMA_ROOT).iterdir()) == sorted(schemas())


def test_a_changed_model_makes_the_schema_stale(tmp_path: Path) -> None:
    (tmp_path / SCHEMA_ROOT).mkdir()
    for name, content in schemas().items():
        (tmp_path / SCHEMA_ROOT / name).write_bytes(content.replace(b"English display name", b"old text"))
    (tmp_path / SCHEMA_ROOT / "gone.schema.json").write_text("{}")
    write, remove = stale(tmp_path)
    assert sorted(p.name for p in write) == sorted(schemas())
    assert [p.name for p in remove] == ["gone.schema.json"]


def test_vscode_maps_every_collection_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    mapping = settings["yaml.schemas"]
    assert mapping == {f"./schema/{c}.schema.json": [f"data/{c}/*.yaml"] for c in MODELS}
    for schema_path in mapping:
        assert (ROOT / schema_path).is_file(), schema_path
    experts = json.loads((ROOT / "schema" / "experts.schema.json").read_text())
    assert experts["properties"]["name"]["description"] == "English display name"  # hover text in the editor


def _json_ready(value: Any) -> Any:
    """What the editor's YAML server sees: YAML 1.2 has no date type, so dates are text."""
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_the_schemas_accept_every_real_record_and_refuse_a_placeholder_in_a_vocabulary() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validators = {c: jsonschema.Draft202012Validator(json.loads((ROOT / "schema" / f"{c}.schema.json").read_text()))
                  for c in MODELS}
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        loaded = load_file(path, path.name, Report())
        assert loaded is not None
        errors = [e.message for e in validators[path.parent.name].iter_errors(_json_ready(loaded.data))]
        assert errors == [], (path.name, errors)
    scaffolded = skeleton("sources", "new-source", "A new source", None)
    assert any("kind" in e.json_path for e in validators["sources"].iter_errors(scaffolded))
