"""Real `mkdocs build --strict` of the real data and of the fixture data; atomic site output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ioatlas.cli import main
from ioatlas.engine.site import BuildError
from ioatlas.pipeline import build as build_site

OUTSIDE_ASSET = re.compile(r"""(?:src|href)=["'](?:https?:)?//(?!127\.0\.0\.1)[^"']+\.(?:js|css|woff2?|ttf)""")


@pytest.mark.slow
def test_real_data_builds_strict(real_repo: Path) -> None:
    generated, report = build_site(real_repo)
    assert generated is not None, report.format()
    site = real_repo / "site"
    assert (site / "index.html").exists()
    for collection in generated.dataset.records:
        assert (site / collection / "index.html").exists()
        for record_id in generated.dataset.records[collection]:
            assert (site / collection / record_id / "index.html").exists(), (collection, record_id)
    _search_index_holds_what_readers_search_for(site)


def _search_index_holds_what_readers_search_for(site: Path) -> None:
    """Each record has one entry (search/records.json, which the worker adds to Material's index) with its names,
    aliases, identifiers and the opening of its summary; Material's own index holds no record page, and the
    tables of index pages, the landscape and the timeline (other records' names again) are left out of it."""
    import json

    from ioatlas.models import COLLECTIONS

    material = {doc["location"]: doc for doc in json.loads((site / "search/search_index.json").read_text())["docs"]}
    records = {doc["location"]: doc for doc in json.loads((site / "search/records.json").read_text())["docs"]}
    assert not [location for location in material if location.split("/")[0] in COLLECTIONS
                and location.count("/") > 1], "record pages are indexed by Material as well as by records.json"
    he_huang = records["experts/he-huang/"]
    import yaml

    record = yaml.safe_load((site.parent / "data/experts/he-huang.yaml").read_text(encoding="utf-8"))
    assert "黄河" in he_huang["tags"] and all(alias in he_huang["tags"] for alias in record.get("aliases", []))
    assert "\u200b黄河\u200b" in he_huang["text"]  # Chinese cut into words, as Material does
    assert he_huang["text"].startswith("<p>Expert · ") and "Zhejiang University" in he_huang["text"]  # the summary
    assert he_huang["boost"] == COLLECTIONS["experts"].search_boost
    assert "NCT02395250" in records["trials/nct02395250/"]["tags"]
    assert len(records) == sum(len(list((site / name).glob("*/index.html"))) for name in COLLECTIONS)
    for page in ("trials/", "timeline/", "landscape/"):
        assert "NCT02395250" not in material[page]["text"], page
    assert "timeline/#sources" not in material  # the timeline's source list names every source again


@pytest.mark.slow
def test_site_loads_nothing_from_outside_hosts(base_repo: Path) -> None:
    build_site(base_repo)
    pages = list((base_repo / "site").rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text()
        assert not OUTSIDE_ASSET.search(text), page
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page


@pytest.mark.slow
def test_failed_validation_keeps_previous_site(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(base_repo), "build"]) == 0
    before = {p.relative_to(base_repo): p.read_bytes() for p in (base_repo / "site").rglob("*") if p.is_file()}
    (base_repo / "data/targets/example-target.yaml").write_text("id: example-target\nname: EXT1\nbogus: 1\n")
    assert main(["--root", str(base_repo), "build"]) == 1
    assert "error[E010]" in capsys.readouterr().err
    after = {p.relative_to(base_repo): p.read_bytes() for p in (base_repo / "site").rglob("*") if p.is_file()}
    assert before == after


@pytest.mark.slow
def test_failed_mkdocs_build_keeps_previous_site(base_repo: Path) -> None:
    build_site(base_repo)
    marker = (base_repo / "site/index.html").read_bytes()
    (base_repo / "docs/about.md").write_text("# About\n\n[broken](no-such-page.md)\n")
    with pytest.raises(BuildError, match=r"no-such-page\.md"):
        build_site(base_repo)
    assert (base_repo / "site/index.html").read_bytes() == marker
    assert not list(base_repo.glob(".site-*"))
