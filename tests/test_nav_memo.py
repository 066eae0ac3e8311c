"""The theme's navigation is rendered once for all the pages of a folder outside it (engine.nav_memo): pages that
share a key get the same relative address for every navigation target, and a site built with the memo is
byte-for-byte the one built without it."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils import get_relative_url

from ioatlas.engine.nav_memo import address_key, url_parts

TARGETS = ["", "experts/", "about/", "contributing/", "contributing/architecture/", "contributing/guide/deep/",
           "assets/logo.png", "a/b/c/"]
PAGES = ["experts/a/", "experts/b/", "experts/a-b/", "organizations/x/", "contributing/review-queue/",
         "contributing/review-queue/2/", "contributing/", "contributing/guide/", "contributing/guide/deep/",
         "a/", "a/b/", "a/b/c/d/", "a/b/e/", "a/x/", "x/", "y/", "", "page.html", "experts/z.html",
         "contributing/guide/other.html", "a/b/c/index.html", "a/b/index.html"]


def addresses(page: str) -> tuple[str, ...]:
    return tuple(get_relative_url(target, page) for target in TARGETS)


def test_pages_with_one_key_have_the_same_address_for_every_target() -> None:
    prefixes = {parts[:end] for target in TARGETS for parts in [url_parts(target)] for end in range(1, len(parts) + 1)}
    keys = {page: address_key(url_parts(page, page=True), prefixes) for page in PAGES}
    for first, second in itertools.combinations(PAGES, 2):
        if keys[first] == keys[second]:
            assert addresses(first) == addresses(second), (first, second)
    # and the memo is shared where it pays: the pages of one folder that no target passes through
    assert keys["experts/a/"] == keys["experts/b/"] == keys["experts/a-b/"]
    assert keys["contributing/review-queue/"] != keys["contributing/guide/"]  # guide/ leads to a target


def _project(folder: Path, memo: bool) -> Path:
    docs = folder / "docs"
    for name in ["index.md", "about.md", "guide/index.md", "guide/deep.md"]:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(f"# {name}\n\nText.\n")
    for name in ["records/a.md", "records/b.md", "records/c.md", "guide/hidden.md", "guide.md", "solo.md"]:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(f"---\ntitle: {name}\nbody: html\n---\n\n<h1 id=\"top\">{name}</h1>\n<p>Text.</p>\n")
    (folder / "mkdocs.yml").write_text(
        "site_name: Tiny\nstrict: true\ntheme: {name: material, font: false, features: [navigation.sections]}\n"
        f"plugins: [{{ioatlas: {{parallel: false, nav_memo: {str(memo).lower()}}}}}]\n"
        "nav: [index.md, about.md, {Guide: [guide/index.md, guide/deep.md]}, {Outside: 'https://example.org/'}]\n"
        "not_in_nav: |\n  /records/*\n  /guide/hidden.md\n  /guide.md\n  /solo.md\n")
    return folder


def _build(project: Path) -> tuple[dict[str, bytes], int]:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    build(config)
    memo = config.plugins["ioatlas"].nav_memo
    site = project / "site"
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    return files, memo.hits if memo else 0


@pytest.mark.slow
def test_a_site_built_with_the_memo_is_the_site_built_without(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setitem(os.environ, "SOURCE_DATE_EPOCH", "1700000000")
    with_memo, hits = _build(_project(tmp_path / "on", memo=True))
    without, no_hits = _build(_project(tmp_path / "off", memo=False))
    assert hits >= 2 and no_hits == 0  # records/b and records/c reuse records/a's navigation
    assert with_memo.keys() == without.keys()
    assert [name for name in with_memo if with_memo[name] != without[name]] == []
    assert b'href="../../guide/deep/"' in with_memo["records/b/index.html"]  # the addresses are each page's own
