"""Turn one pydantic validation error into a problem report: the field's file, line and column, a code
(E010 unknown field, E011 missing field, E014 a placeholder of `ioatlas new` left in, E020 identifier, E060
unsafe text, E012 anything else) and a hint listing the allowed fields or values, with the closest one first
when a name is misspelt.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .loader import LoadedFile, Loc
from .models.refs import field_kinds, nested_model
from .problems import Report, did_you_mean, is_placeholder

_CODE_OF_TYPE = {
    "extra_forbidden": "E010",
    "missing": "E011",
    "identifier": "E020",
    "unsafe_text": "E060",
}


def _data_loc(data: Any, loc: Loc, keep_last: bool) -> Loc:
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


def _unknown_field(model: type[BaseModel], loc: Loc, dotted: str) -> tuple[str, str]:
    holder = nested_model(model, loc[:-1])
    allowed = sorted(holder.model_fields) if holder else []
    hint = did_you_mean(str(loc[-1]), allowed) + ("allowed fields: " + ", ".join(allowed) if allowed else "")
    return f"unknown field '{dotted}'", hint


def _missing_field(model: type[BaseModel], loc: Loc, dotted: str) -> tuple[str, str]:
    holder = nested_model(model, loc[:-1])
    info = holder.model_fields.get(str(loc[-1])) if holder else None
    hint = f"add '{loc[-1]}:'" + (f" ({info.description})" if info and info.description else "")
    return f"missing required field '{dotted}'", hint


def _not_allowed_value(err: dict[str, Any], dotted: str) -> tuple[str, str]:
    expected = err.get("ctx", {}).get("expected", "")
    choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
    hint = did_you_mean(str(err["input"]), choices) + f"choose one of: {', '.join(choices)}"
    return f"'{dotted}' is {err['input']!r}, not one of the allowed values", hint


def report_schema_error(err: dict[str, Any], model: type[BaseModel], loaded: LoadedFile, report: Report) -> None:
    kind = err["type"]
    loc = _data_loc(loaded.data, tuple(err["loc"]), keep_last=kind == "missing")
    dotted = ".".join(str(p) for p in loc) or "(record)"
    if kind == "extra_forbidden" and loc:
        message, hint = _unknown_field(model, loc, dotted)
    elif kind == "missing" and loc:
        message, hint = _missing_field(model, loc, dotted)
    elif kind == "literal_error":
        message, hint = _not_allowed_value(err, dotted)
    else:
        message, hint = f"'{dotted}': {err['msg']}", ""
    code = _CODE_OF_TYPE.get(kind, "E012")
    if is_placeholder(err.get("input")):
        code, message, hint = "E014", f"'{dotted}' still holds the placeholder {err['input']!r}", _fill_in(
            model, loc, hint)
    report.add(loaded.rel, *loaded.position(loc), code, message, hint)


def _fill_in(model: type[BaseModel], loc: Loc, hint: str) -> str:
    """What to write instead of a placeholder: the allowed values when there is a list of them, else the
    field's description."""
    if "choose one of: " in hint:  # a vocabulary: its words, without a "did you mean" for the placeholder
        return "replace it with one of: " + hint.split("choose one of: ", 1)[1]
    names = tuple(part for part in loc if isinstance(part, str))
    holder = nested_model(model, names[:-1])
    if holder is None or not names or names[-1] not in holder.model_fields:
        return "replace it with the value"
    marker = field_kinds(holder)[names[-1]][0]
    if marker is not None:
        return f"replace it with the id (file name) of a record in data/{marker.collection}/"
    return f"replace it with: {holder.model_fields[names[-1]].description or names[-1]}"
