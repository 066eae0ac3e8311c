"""The field reference and error-code pages, generated from the models and the checks registry.

Generated rather than hand-written so they can never disagree with what the validator enforces.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

import jinja2

from ..checks import ALL_CODES
from ..graph import Graph
from ..markdown_text import escape_inline
from ..models import MODELS
from ..urls import SCHEMA_DIR
from .environment import MARKER


def _describe(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "anyOf" in prop:
        options = [o for o in prop["anyOf"] if o.get("type") != "null"]
        return " or ".join(_describe(o, defs) for o in options)
    if "$ref" in prop:
        return f"{prop['$ref'].rsplit('/', 1)[-1]} (see below)"
    if prop.get("type") == "array":
        return f"list of {_describe(prop.get('items', {}), defs)}"
    if "enum" in prop:
        return "one of: " + ", ".join(f"`{v}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{prop['const']}`"
    if "x-kind" in prop:
        return str(prop["x-kind"])
    if "pattern" in prop:
        return f"{prop.get('type', 'value')} matching `{prop['pattern']}`"
    return str(prop.get("type", "value"))


def _table(schema: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", []))
    lines = ["| Field | Required | Type | Meaning |", "|---|---|---|---|"]
    for name, prop in schema.get("properties", {}).items():
        kind = _describe(prop, defs)
        minimum = " (at least one)" if prop.get("minItems") else ""
        meaning = escape_inline(prop.get("description", "")) if prop.get("description") else ""
        lines.append(f"| `{name}` | {'yes' if name in required else ''} | {kind}{minimum} | {meaning} |")
    return lines


def field_reference(marker: str) -> str:
    out = ["---", marker, 'title: "Record fields"', "---", "", "# Record fields", "",
           "Generated from the pydantic models in `scripts/ioatlas/models/`, so it always matches what",
           "`ioatlas validate` enforces. Every record lives in `data/<collection>/<id>.yaml`. JSON Schemas",
           "for editors (for example the YAML extension of VS Code) are published beside this page.", ""]
    for collection, model in MODELS.items():
        schema = model.model_json_schema()
        defs = schema.get("$defs", {})
        out += [f"## {collection}", "", (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else "", "",
                f"JSON Schema: [{collection}.schema.json]({collection}.schema.json)", ""]
        out += _table(schema, defs)
        for name, sub in defs.items():
            out += ["", f"### {collection}: {name}", "", *_table(sub, defs)]
        out.append("")
    return "\n".join(out) + "\n"


def error_codes(marker: str) -> str:
    out = ["---", marker, 'title: "Error codes"', "---", "", "# Error codes", "",
           "`ioatlas validate` prints each problem as `data/<collection>/<id>.yaml:LINE:COL: error[CODE]: message`",
           "followed by a hint, reports every problem of the run together, and exits 1 if there is any.",
           "Each code has at least one example file under `tests/fixtures/invalid/` named after it.",
           "Codes starting with W are warnings (`warning[W001]`): printed by `ioatlas validate` and `ioatlas build`,",
           "but they fail neither. How to fix the common ones: [Adding a record](../contributing/index.md#errors).",
           "",
           "| Code | Meaning |", "|---|---|"]
    out += [f"| {code} | {escape_inline(meaning)} |" for code, meaning in ALL_CODES.items()]
    return "\n".join(out) + "\n"


def plan(_env: jinja2.Environment, _graph: Graph) -> dict[PurePosixPath, str]:
    return {PurePosixPath(SCHEMA_DIR, "index.md"): field_reference(MARKER),
            PurePosixPath(SCHEMA_DIR, "error-codes.md"): error_codes(MARKER)}


def nav() -> list[tuple[str, PurePosixPath]]:
    return []  # listed under Contributing in mkdocs.yml, by hand

