"""Real `mkdocs build --strict` of the real data and of the fixture data; atomic site output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ioatlas.cli import main
from ioatlas.pipeline import build as build_site
from ioatlas.site import BuildError

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
    """Names, aliases, identifiers and summaries are indexed; sections below a record's title and the tables of
    index pages, the landscape and the timeline (other records' names again) are not."""
    import json

    docs = json.loads((site / "search/search_index.json").read_text())["docs"]
    by_location = {doc["location"]: doc for doc in docs}
    he_huang = by_location["experts/he-huang/"]
    assert "黄河" in "".join(he_huang["tags"]) and by_location["experts/he-huang/#he-huang"]["text"]  # the summary
    assert "NCT02395250" in by_location["trials/nct02395250/"]["tags"]
    sections: dict[str, int] = {}
    for location in by_location:
        page, _, anchor = location.partition("#")
        if anchor and page.split("/")[0] in ("experts", "trials", "targets"):
            sections[page] = sections.get(page, 0) + 1
    assert sections and set(sections.values()) == {1}  # the title's own section, which holds the summary
    assert "Experts" not in he_huang["text"]  # the breadcrumb would make every expert match "experts"
    for page in ("trials/", "timeline/", "landscape/"):
        assert "NCT02395250" not in by_location[page]["text"], page


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
