"""The collection, check, page and output registries are consistent: every name a declaration uses exists,
so a typo fails here instead of silently falling back to a default on the site."""

from __future__ import annotations

from conftest import ROOT, validate
from ioatlas.checks import ALL_CODES, CHECKS
from ioatlas.derived import DERIVED
from ioatlas.graph import Graph
from ioatlas.models import COLLECTIONS, MODELS
from ioatlas.models.refs import field_kinds, marker_at
from ioatlas.outputs import OUTPUTS
from ioatlas.pages import PAGE_SETS
from ioatlas.pages.environment import TEMPLATES
from ioatlas.problems import FILE_CODES


def _path_exists(model: type, path: str) -> bool:
    """True when a dotted path names fields or derived facts (derived.py), passing through nested models and
    references."""
    current = model
    for name in path.split("."):
        if name in DERIVED.get(getattr(current, "collection", ""), {}):
            continue  # a derived fact of the record it is read on; its values are that collection's records or text
        if name not in current.model_fields:
            return False
        marker, nested = field_kinds(current)[name]
        current = MODELS[marker.collection] if marker else nested or current
    return True


def test_every_collection_has_a_page_template_and_a_unique_position() -> None:
    assert len({c.position for c in COLLECTIONS.values()}) == len(COLLECTIONS)
    for name in COLLECTIONS:
        assert (TEMPLATES / f"{name}.md.j2").is_file(), name


def test_columns_and_facets_name_real_fields() -> None:
    for name, collection in COLLECTIONS.items():
        assert collection.columns[0].show == "record", name  # the first column links to the record
        for column in collection.columns:
            assert _path_exists(collection.model, column.path), (name, column.path)
            assert column.fallback is None or _path_exists(collection.model, column.fallback), (name, column)
        for facet in collection.facets:
            assert _path_exists(collection.model, facet.path), (name, facet.path)
        for field_name in collection.search_fields:
            assert field_name in collection.model.model_fields, (name, field_name)


def test_backlink_headings_name_fields_that_hold_references() -> None:
    for name, collection in COLLECTIONS.items():
        for field_name in collection.backlinks:
            marker, nested = field_kinds(collection.model)[field_name]
            assert marker is not None or nested is not None, (name, field_name)
        for referrer, field_name in collection.shown_in_body:
            assert field_name in COLLECTIONS[referrer].model.model_fields, (name, referrer, field_name)


def test_check_codes_are_unique_and_documented() -> None:
    codes = [check.code for check in CHECKS]
    assert len(codes) == len(set(codes)), "one function per code"
    assert not set(codes) & set(FILE_CODES)
    assert list(ALL_CODES) == sorted(ALL_CODES)
    assert all(meaning.strip() for meaning in ALL_CODES.values())


def test_every_code_in_the_source_is_documented() -> None:
    import re

    used = set()
    for path in (ROOT / "scripts" / "ioatlas").rglob("*.py"):
        used |= set(re.findall(r'"([EW]\d{3})"', path.read_text()))
    assert used == set(ALL_CODES)


def test_page_sets_and_outputs_have_unique_names() -> None:
    assert len({s.name for s in PAGE_SETS}) == len(PAGE_SETS)
    assert len({o.name for o in OUTPUTS}) == len(OUTPUTS)


def test_facet_values_follow_references_on_the_real_data() -> None:
    dataset, report = validate(ROOT)
    assert not report, report.format()
    graph = Graph.build(dataset)
    lu_shun = graph.get("experts", "lu-shun")
    organizations = graph.values(lu_shun, "affiliations.organization")
    assert graph.get("organizations", "shanghai-chest-hospital") in organizations
    assert "Shanghai" in graph.values(lu_shun, "affiliations.organization.city")
    assert marker_at(COLLECTIONS["trials"].model, ("targets",)).collection == "targets"
    gpc3_trials = [t for t in graph.records("trials") if graph.get("targets", "gpc3") in graph.values(t, "targets")]
    assert gpc3_trials == graph.referrers(graph.get("targets", "gpc3"), "trials", "targets")


def test_every_model_and_field_is_described_for_the_field_reference() -> None:
    undescribed: list[str] = []
    seen: set[type] = set()

    def walk(model: type) -> None:
        if model in seen:
            return
        seen.add(model)
        if not (model.__doc__ or "").strip():
            undescribed.append(model.__name__)
        for name, info in model.model_fields.items():
            if not info.description:
                undescribed.append(f"{model.__name__}.{name}")
            nested = field_kinds(model)[name][1]
            if nested is not None:
                walk(nested)

    for model in MODELS.values():
        walk(model)
    assert undescribed == []


def test_every_module_states_its_job_in_a_docstring() -> None:
    import ast

    silent = [path.relative_to(ROOT).as_posix() for path in sorted((ROOT / "scripts" / "ioatlas").rglob("*.py"))
              if not (ast.get_docstring(ast.parse(path.read_text())) or "").strip()]
    assert silent == []
