"""``ioatlas new <collection> "Display Name" [--zh 中文名]``: start a record file with every field it must have.

The id comes from the name (pinyin when only a Chinese name is given). Every field the model requires, the
record's ``sources`` and whatever the collection's quality rules ask for (an expert's affiliation, a trial's
phase, condition and intervention) is written with a placeholder ``<TODO: …>`` that says what goes there.
Every field type refuses a placeholder, and the validator reports each one left as E014 with what to write
instead, so a half-filled record cannot reach the site. An existing file is never overwritten.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import pinyin
from ..checks.consistency import name_key
from ..loader import load_file
from ..models import COLLECTIONS, MODELS
from ..models.types import ID_PATTERN
from ..problems import PLACEHOLDER, Report
from .fmt import dump, key_order

PERSON_COLLECTIONS = frozenset({"experts"})  # names written family name first, given name as one word


class ScaffoldRefused(Exception):
    pass


def _latin_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", folded))


def _hanzi_slug(hanzi: str, collection: str) -> str:
    if collection in PERSON_COLLECTIONS:
        return pinyin.slug(hanzi)
    import jieba  # segments 上海市胸科医院 into words, so the id reads shanghaishi-xiongke-yiyuan

    jieba.setLogLevel(logging.WARNING)
    words = [w for w in jieba.lcut(hanzi) if w.strip()]
    return "-".join(_latin_slug(pinyin.word(w)) for w in words if pinyin.is_hanzi(w))


def derive_id(name: str, zh: str | None, collection: str) -> str:
    """The record id for a display name: its Latin letters and digits, else the pinyin of the Chinese."""
    latin = _latin_slug(name)
    if latin:
        return latin
    hanzi = zh or name
    return _hanzi_slug(hanzi, collection) if pinyin.is_hanzi(hanzi) else ""


def _clean(text: str) -> str:
    return " ".join(text.replace("<", "").replace(">", "").split())


def _placeholder(prop: dict[str, Any], defs: dict[str, Any]) -> Any:
    """A placeholder for one property of a JSON Schema: a list of one, a mapping of the required fields of a
    nested part, or the text '<TODO: what goes here>'."""
    options = [o for o in prop.get("anyOf", [prop]) if o.get("type") != "null"]
    prop = {**prop, **options[0]} if options else prop
    if prop.get("type") == "array":
        return [_placeholder(prop.get("items", {}), defs)]
    if "$ref" in prop:
        nested = defs[prop["$ref"].rsplit("/", 1)[-1]]
        return {name: _placeholder(nested["properties"][name], defs) for name in nested.get("required", [])}
    if "enum" in prop:
        return PLACEHOLDER.format("one of " + ", ".join(str(v) for v in prop["enum"]))
    if "x-ref" in prop:
        return PLACEHOLDER.format(f"id of a record in data/{prop['x-ref']}/")
    if "YYYY-MM-DD" in prop.get("x-kind", "") and "YYYY," not in prop.get("x-kind", ""):
        return PLACEHOLDER.format("YYYY-MM-DD, the day you checked the record against its sources")
    return PLACEHOLDER.format(_clean(prop.get("description") or prop.get("x-kind") or "the value"))


def _fails(collection: str, rule: Any, fields: dict[str, Any]) -> bool:
    record = MODELS[collection].model_construct(**fields)  # not validated: placeholders only need to be present
    try:
        return bool(rule.fails(record))
    except Exception:  # a rule that needs real values; the validator will judge it
        return False


def skeleton(collection: str, record_id: str, name: str, zh: str | None) -> dict[str, Any]:
    """The record's fields: identity, then a placeholder for every field it must fill in."""
    schema = MODELS[collection].model_json_schema()
    props, defs = schema["properties"], schema.get("$defs", {})
    fields: dict[str, Any] = {"id": record_id, "name": name}
    if zh:
        fields["name_zh"] = zh
    needed = [f for f in schema.get("required", []) if f not in fields]
    if collection != "sources":
        needed.append("sources")  # E050: every record but a source cites one
    for field_name in needed:
        fields[field_name] = _placeholder(props[field_name], defs)
    for rule in COLLECTIONS[collection].rules:  # add the first optional field that satisfies each rule
        candidates = [f for f in key_order(MODELS[collection]) if f not in fields]
        for field_name in candidates if _fails(collection, rule, fields) else []:
            trial = {**fields, field_name: _placeholder(props[field_name], defs)}
            if not _fails(collection, rule, trial):
                fields = trial
                break
    return fields


def _same_name(folder: Path, root: Path, names: list[str]) -> list[str]:
    """Record files of the collection that already carry one of ``names``."""
    wanted = {name_key(n) for n in names if n}
    found = []
    for path in sorted(folder.glob("*.yaml")):
        loaded = load_file(path, path.relative_to(root).as_posix(), Report())
        data = loaded.data if loaded else {}
        spelt = [data.get("name"), data.get("name_zh"), *(data.get("aliases") or [])]
        if any(isinstance(s, str) and name_key(s) in wanted for s in spelt):
            found.append(loaded.rel)  # type: ignore[union-attr]
    return found


@dataclass
class Scaffolded:
    path: Path
    rel: str
    same_name: list[str]
    name_from_pinyin: bool


def scaffold(root: Path, collection: str, name: str, zh: str | None = None, record_id: str | None = None
             ) -> Scaffolded:
    """Write data/<collection>/<id>.yaml; raise ScaffoldRefused with the reason when it cannot."""
    if collection not in MODELS:
        raise ScaffoldRefused(f"'{collection}' is not a collection; collections: {', '.join(MODELS)}")
    name = " ".join(name.split())
    if not name:
        raise ScaffoldRefused("give the record's display name, e.g. ioatlas new experts \"Zhang San\" --zh 张三")
    record_id = record_id or derive_id(name, zh, collection)
    from_pinyin = False
    if pinyin.is_hanzi(name) and not zh:  # only a Chinese name: it is name_zh, the English name is made
        zh = name
        from_pinyin = collection in PERSON_COLLECTIONS
        name = pinyin.shown_reading(zh) if from_pinyin else PLACEHOLDER.format("English display name")
    if not ID_PATTERN.fullmatch(record_id or ""):
        raise ScaffoldRefused(f"cannot make an id from '{name}'" if not record_id else
                              f"'{record_id}' is not a valid id: lowercase letters and digits joined by hyphens")
    folder = root / "data" / collection
    path = folder / f"{record_id}.yaml"
    rel = path.relative_to(root).as_posix()
    if path.exists():
        raise ScaffoldRefused(f"{rel} exists already: edit it, or choose another id with --id "
                              f"(e.g. {record_id}-<organization> for a namesake)")
    same = _same_name(folder, root, [name, zh or ""]) if folder.is_dir() else []
    folder.mkdir(parents=True, exist_ok=True)
    text = dump(skeleton(collection, record_id, name, zh), collection)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return Scaffolded(path, rel, same, from_pinyin)
