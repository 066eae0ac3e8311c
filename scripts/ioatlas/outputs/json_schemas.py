"""A JSON Schema per collection (schema/<collection>.schema.json), made from the pydantic models, for
editors that complete and check YAML while a curator types, and for anyone reading the data."""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from ..graph import Graph
from ..models import MODELS
from ..urls import SCHEMA_DIR


def schemas() -> dict[str, bytes]:
    """File name -> JSON Schema of each collection's model."""
    return {f"{name}.schema.json": (json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n").encode()
            for name, model in MODELS.items()}


def write(_graph: Graph) -> dict[PurePosixPath, bytes]:
    return {PurePosixPath(SCHEMA_DIR, name): content for name, content in schemas().items()}
