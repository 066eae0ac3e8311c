"""Tables split into pages (pages/pagination.py): the split itself, the page links, the rows file, and in a
browser a synthetic atlas whose indexes and timeline are split (a small page size, so the build stays quick):
every record is reachable by the static page links, and the filters, counts, sorting and the address work over
all the rows of a collection, served on loopback and from disk (file://, the offline copy).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

import markdown
import pytest

from conftest import ROOT, copy_site_config, loopback_server, serving, validate
from ioatlas.graph import Graph
from ioatlas.links.check import check_site
from ioatlas.models import COLLECTIONS
from ioatlas.models.types import ID_PATTERN
from ioatlas.offline import make_offline
from ioatlas.outputs import table_rows
from ioatlas.pages import collection_rows, pagination
from ioatlas.pages.cells import cell
from ioatlas.pages.context import PageContext
from ioatlas.pages.inline_html import to_html
from ioatlas.pages.pagination import page_path, paged_data, pager, pagers, split
from ioatlas.pipeline import build as build_site
from ioatlas.synthetic import write_dataset
from ioatlas.urls import index_page

TRIALS = PurePosixPath("trials/index.md")
QUEUE = PurePosixPath("contributing/review-queue.md")

MAIN_TABLE = "article table:not(.ioa-chart-data table)"  # an index's table, not the numbers beside its charts


# ---------------------------------------------------------------- the split, quickly

def test_a_table_that_fits_is_one_page_at_its_own_address() -> None:
    for total in (0, 1, 500):
        assert [(p.number, p.pages, p.start, p.end, p.path) for p in split(TRIALS, total, 500)] == [
            (1, 1, 0, total, TRIALS)]


def test_a_longer_table_is_split_into_numbered_pages_whose_ranges_cover_every_row_once() -> None:
    parts = split(TRIALS, 1234, 500)
    assert [(p.number, p.pages, p.start, p.end, p.total) for p in parts] == [
        (1, 3, 0, 500, 1234), (2, 3, 500, 1000, 1234), (3, 3, 1000, 1234, 1234)]
    assert [p.path.as_posix() for p in parts] == ["trials/index.md", "trials/page_2.md", "trials/page_3.md"]
    assert len(split(TRIALS, 10_000)) == -(-10_000 // pagination.ROWS_PER_PAGE)  # the build's default


def test_later_pages_live_under_the_first_and_never_at_a_record_address() -> None:
    assert page_path(QUEUE, 2) == PurePosixPath("contributing/review-queue/page_2.md")
    assert page_path(PurePosixPath("timeline/index.md"), 7) == PurePosixPath("timeline/page_7.md")
    for number in (2, 10, 999):
        assert not ID_PATTERN.fullmatch(page_path(TRIALS, number).stem)  # no record id holds an underscore


def test_every_page_links_to_first_previous_next_and_last_and_names_its_rows() -> None:
    parts = split(TRIALS, 2345, 1000)
    first, middle, last = (str(pager(part, parts, "records")) for part in parts)
    assert "Records 1–1,000 of 2,345 (page 1 of 3):" in first
    assert ('<span class="ioa-pager-off">First</span> · <span class="ioa-pager-off">Previous</span> · '
            '<a href="page_2/">Next</a> · <a href="page_3/">Last</a></nav>') in first
    assert ('Records 1,001–2,000 of 2,345 (page 2 of 3): <a href="../">First</a> · <a href="../">Previous</a> · '
            '<a href="../page_3/">Next</a> · <a href="../page_3/">Last</a>') in middle  # published addresses
    assert ('Records 2,001–2,345 of 2,345 (page 3 of 3): <a href="../">First</a> · <a href="../page_2/">Previous</a>'
            ' · <span class="ioa-pager-off">Next</span>') in last
    above, below = pagers(parts[1], parts, "records")
    assert 'aria-label="Pages of this table, above it"' in above
    assert 'aria-label="Pages of this table, below it"' in below  # two landmarks, named apart
    single = split(TRIALS, 5, 10)
    assert pagers(single[0], single, "records") == ("", "")  # a table of one page has no page links
    queue = split(QUEUE, 3, 2)
    assert '<a href="../">First</a>' in pager(queue[1], queue, "records")  # contributing/review-queue/page_2/
    assert '<a href="page_2/">Next</a>' in pager(queue[0], queue, "records")


def test_the_data_block_of_a_page_says_where_the_rows_and_the_other_pages_are() -> None:
    parts = split(TRIALS, 25, 10)
    for part, rows, pages in ((parts[0], "rows.json", ["./", "page_2/", "page_3/"]),
                              (parts[1], "../rows.json", ["../", "./", "../page_3/"])):
        block = str(paged_data(part, parts, ["Phase"]))
        spec = json.loads(re.sub(r"^<script[^>]*>|</script>$", "", block))
        assert spec == {"facets": ["Phase"], "paged": {"rows": rows, "page": part.number, "pages": pages,
                                                       "size": 10, "total": 25}}


# ---------------------------------------------------------------- the rows file

@pytest.fixture(scope="module")
def real_graph() -> Graph:
    dataset, report = validate(ROOT)
    assert not report, report.format()
    return Graph.build(dataset)


def test_the_real_atlas_fits_on_its_pages_and_writes_no_rows_file(real_graph: Graph) -> None:
    assert table_rows.write(real_graph) == {}
    assert all(len(split(index_page(name), len(real_graph.records(name)))) == 1 for name in COLLECTIONS)


def test_cells_in_the_rows_file_are_the_html_mkdocs_makes_of_the_table(real_graph: Graph) -> None:
    """Every cell of every real index, as the rows file writes it, against Python-Markdown with the site's
    extensions (links then rewritten as MkDocs does, x.md -> x/)."""
    converter = markdown.Markdown(extensions=["attr_list", "md_in_html", "pymdownx.escapeall"])
    compared = 0
    for name, declared in COLLECTIONS.items():
        first = index_page(name)
        page = PageContext(real_graph, first)
        for record in real_graph.records(name):
            for column in declared.columns:
                text = str(cell(column, record, real_graph, page))
                if not text:
                    continue
                expected = converter.reset().convert(text).removeprefix("<p>").removesuffix("</p>")
                expected = re.sub(r'href="([^"]*)\.md"', r'href="\1/"', expected)
                assert to_html(text, first, first) == expected, text
                compared += 1
    assert compared > 500


def test_links_of_a_cell_are_rewritten_for_the_file_that_holds_it_and_citations_are_refused() -> None:
    text = '[A\\[1\\] <span lang="zh">甲</span>](../experts/a.md), \\*b\\* &amp; [c](index.md)'
    assert to_html(text, TRIALS, PurePosixPath("trials/rows.json")) == (
        '<a href="../experts/a/">A[1] <span lang="zh">甲</span></a>, *b* &amp; <a href="./">c</a>')
    assert to_html(text, TRIALS, PurePosixPath("api/v1/rows.json")).startswith('<a href="../../experts/a/">')
    with pytest.raises(ValueError, match="footnote"):
        to_html("[x](x.md) [^source-a]", TRIALS, PurePosixPath("trials/rows.json"))


def test_a_split_collection_writes_every_row_once_with_its_facets(real_graph: Graph) -> None:
    rows = collection_rows.rows_file(real_graph, "trials", per_page=3)
    assert rows is not None and rows["columns"][0] == "Name" and rows["facets"][0] == "Target"
    records = real_graph.records("trials")
    assert len(rows["rows"]) == len(records)
    first = rows["rows"][0]
    assert first[0][0] == f'<a href="{records[0].id}/">{records[0].name}</a>'  # relative to trials/rows.json
    assert len(first[1]) == len(COLLECTIONS["trials"].facets)


# ---------------------------------------------------------------- a split atlas in a browser

PER_PAGE = 25  # the synthetic atlas below: 75 experts, 51 trials and 120 timeline events, all split


@pytest.fixture(scope="module")
def split_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    repo = tmp_path_factory.mktemp("paged") / "repo"
    repo.mkdir()
    copy_site_config(repo)
    (repo / "docs" / "index.md").write_text("# IO Atlas (split tables)\n\n[Experts](experts/index.md)\n")
    write_dataset(repo, 300)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pagination, "ROWS_PER_PAGE", PER_PAGE)
        generated, report = build_site(repo)
    assert generated is not None, report.format()
    yield repo


@pytest.fixture(scope="module")
def split_site(split_repo: Path) -> Iterator[str]:
    with serving(loopback_server(split_repo / "site")) as address:
        yield address


def _rows(repo: Path, table: str) -> dict:
    return json.loads((repo / "site" / table / "rows.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_the_split_site_has_no_broken_link_no_orphan_and_no_page_without_its_rows(split_repo: Path) -> None:
    report = check_site(split_repo / "site", split_repo / "docs", use_lychee=False)
    assert not report, report.format()
    for table in ("experts", "trials", "timeline"):
        pages = [split_repo / "site" / table / "index.html", *(split_repo / "site" / table).glob("page_*/index.html")]
        assert len(pages) == -(-len(_rows(split_repo, table)["rows"]) // PER_PAGE) > 1, table
    records = len(list((split_repo / "data").rglob("*.yaml")))  # the review queue lists every record
    queue = (split_repo / "site/contributing/review-queue/page_2/index.html").read_text(encoding="utf-8")
    assert f"Records {PER_PAGE + 1}–{2 * PER_PAGE} of {records} (page 2 of {-(-records // PER_PAGE)})" in queue


@pytest.fixture
def tab(browser: object) -> Iterator[object]:
    """A tab that records every request leaving 127.0.0.1 (and aborts it) and every console error."""
    context = browser.new_context()  # type: ignore[attr-defined]
    opened = context.new_page()
    opened.outside, opened.errors = [], []  # type: ignore[attr-defined]

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith("file:") or urlparse(url).hostname == "127.0.0.1":
            route.continue_()  # type: ignore[attr-defined]
        else:
            opened.outside.append(url)  # type: ignore[attr-defined]
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    opened.on("console", lambda m: m.type == "error" and opened.errors.append(m.text))  # type: ignore[attr-defined]
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))  # type: ignore[attr-defined]
    yield opened
    context.close()


def _shown(tab: object) -> list[list[str]]:
    tab.wait_for_selector(".ioa-filters")  # type: ignore[attr-defined]  # the rows file is loaded
    return tab.eval_on_selector_all(  # type: ignore[attr-defined]
        MAIN_TABLE + " tbody tr:not([hidden])", "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))")


def _pager(tab: object) -> str:
    return tab.locator("article .ioa-pager").first.inner_text()  # type: ignore[attr-defined]


def _option_counts(tab: object, facet: str) -> dict[str, int]:
    tab.wait_for_selector(".ioa-filters")  # type: ignore[attr-defined]
    texts = tab.eval_on_selector_all(  # type: ignore[attr-defined]
        f"select[name='{facet}'] option", "options => options.slice(1).map(o => o.textContent)")
    return {text.rsplit(" (", 1)[0]: int(text.rsplit("(", 1)[1].rstrip(")").replace(",", "")) for text in texts}


@pytest.mark.browser
@pytest.mark.slow
def test_without_javascript_the_page_links_reach_every_record(browser: object, split_site: str,
                                                              split_repo: Path) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        tab = context.new_page()
        tab.goto(split_site + "/experts/")
        total = len(list((split_repo / "data/experts").glob("*.yaml")))
        pages = -(-total // PER_PAGE)
        assert _pager(tab).startswith(f"Records 1–{PER_PAGE} of {total} (page 1 of {pages}):")
        assert tab.locator("article .ioa-pager").first.locator("a").all_inner_texts() == ["Next", "Last"]
        reached = set()
        for number in range(1, pages + 1):
            if number > 1:
                tab.locator("article .ioa-pager").first.locator("a", has_text="Next").click()
                assert tab.url == f"{split_site}/experts/page_{number}/"
                assert f"(page {number} of {pages})" in _pager(tab)
                assert tab.title().startswith(f"Experts, page {number} of {pages}")
            links = tab.eval_on_selector_all("article table tbody tr td:first-child a", "a => a.map(x => x.href)")
            assert len(links) == min(PER_PAGE, total - (number - 1) * PER_PAGE)
            reached.update(urlparse(link).path for link in links)
        assert reached == {f"/experts/{p.stem}/" for p in (split_repo / "data/experts").glob("*.yaml")}
        tab.locator("article .ioa-pager").last.locator("a", has_text="First").click()
        assert tab.url == split_site + "/experts/"
        assert tab.locator(".ioa-filters").count() == 0
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_filters_count_and_find_rows_of_every_page_and_survive_a_reload(tab: object, split_site: str,
                                                                          split_repo: Path) -> None:
    rows = _rows(split_repo, "trials")
    facet = rows["facets"].index("Target")
    later = [row for row in rows["rows"][PER_PAGE:] if row[1][facet]]  # rows that live on page 2 or later
    value = later[-1][1][facet][0]
    matching = [row for row in rows["rows"] if value in row[1][facet]]
    name = re.sub(r"<[^>]+>", "", later[-1][0][0])
    tab.goto(split_site + "/trials/")  # type: ignore[attr-defined]
    assert name not in {row[0] for row in _shown(tab)}
    counts = {}
    for row in rows["rows"]:  # the counts of the menu are those of the whole collection, not of page 1
        for target in row[1][facet]:
            counts[target] = counts.get(target, 0) + 1
    assert _option_counts(tab, "Target") == counts
    tab.select_option("select[name='Target']", value)  # type: ignore[attr-defined]
    shown = _shown(tab)
    assert name in {row[0] for row in shown} and len(shown) == min(len(matching), PER_PAGE)
    assert tab.locator(".ioa-filter-status").inner_text() == f"{len(matching)} of {len(rows['rows'])} records"  # type: ignore[attr-defined]
    assert "Target=" in tab.url  # type: ignore[attr-defined]
    link = tab.locator("article table tbody a", has_text=name).first  # type: ignore[attr-defined]
    assert urlparse(link.evaluate("a => a.href")).path.startswith("/trials/trial-")
    tab.reload()  # type: ignore[attr-defined]
    assert _shown(tab) == shown and tab.input_value("select[name='Target']") == value  # type: ignore[attr-defined]
    tab.click("text=Clear filters")  # type: ignore[attr-defined]
    assert len(_shown(tab)) == PER_PAGE and tab.url == split_site + "/trials/"  # type: ignore[attr-defined]
    assert tab.outside == [] and tab.errors == []  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.slow
def test_sorting_orders_every_row_and_pages_through_the_result(tab: object, split_site: str,
                                                                 split_repo: Path) -> None:
    names = [re.sub(r"<[^>]+>", "", row[0][0]) for row in _rows(split_repo, "trials")["rows"]]
    natural = sorted(names, key=lambda n: [int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", n)])
    tab.goto(split_site + "/trials/page_2/")  # type: ignore[attr-defined]
    built = [row[0] for row in _shown(tab)]
    assert built == names[PER_PAGE:2 * PER_PAGE]
    tab.click("th button:has-text('Name')")  # type: ignore[attr-defined]
    tab.click("th button:has-text('Name')")  # type: ignore[attr-defined]
    assert [row[0] for row in _shown(tab)] == natural[::-1][:PER_PAGE]  # from every page, not page 2's
    assert "sort=Name" in tab.url and "order=descending" in tab.url  # type: ignore[attr-defined]
    assert _pager(tab).startswith(f"Records 1–{PER_PAGE} of {len(names)} (page 1 of")
    tab.locator("article .ioa-pager").last.locator("a", has_text="Next").click()  # type: ignore[attr-defined]
    assert [row[0] for row in _shown(tab)] == natural[::-1][PER_PAGE:2 * PER_PAGE]
    assert "page=2" in tab.url  # type: ignore[attr-defined]
    tab.reload()  # type: ignore[attr-defined]
    assert [row[0] for row in _shown(tab)] == natural[::-1][PER_PAGE:2 * PER_PAGE]
    assert tab.get_attribute("th:has(button:has-text('Name'))", "aria-sort") == "descending"  # type: ignore[attr-defined]
    assert tab.outside == [] and tab.errors == []  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.slow
def test_the_split_timeline_filters_every_event_and_cites_what_it_shows(tab: object, split_site: str,
                                                                          split_repo: Path) -> None:
    rows = _rows(split_repo, "timeline")
    kind = rows["rows"][-1][1][0][0]  # the kind of the last event, on the last page
    matching = [row for row in rows["rows"] if row[1][0] == [kind]]
    tab.goto(split_site + "/timeline/")  # type: ignore[attr-defined]
    assert _option_counts(tab, "Kind")[kind] == len(matching)
    tab.select_option("select[name='Kind']", kind)  # type: ignore[attr-defined]
    shown = _shown(tab)
    assert [row[0] for row in shown] == [row[0][0] for row in matching][:PER_PAGE]
    assert all(row[1] == kind for row in shown)
    cited = [row[2] for row in matching[:PER_PAGE]]
    marks = tab.locator("article table a.footnote-ref")  # type: ignore[attr-defined]
    assert marks.count() == sum(map(len, cited))
    assert tab.locator(".ioa-cites li").count() == len({source for ids in cited for source in ids})  # type: ignore[attr-defined]
    assert tab.locator("article .footnote:not(.ioa-cites)").is_hidden()  # type: ignore[attr-defined]
    assert tab.outside == [] and tab.errors == []  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.slow
def test_from_disk_the_rows_come_from_a_script(tab: object, split_repo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "offline"
    shutil.copytree(split_repo / "site", copy)
    make_offline(copy)
    assert (copy / "trials/rows.js").is_file() and not (copy / "trials/rows.json").exists()
    total = len(_rows(split_repo, "trials")["rows"])
    tab.goto((copy / "trials/page_2/index.html").as_uri())  # type: ignore[attr-defined]
    tab.click("th button:has-text('Name')")  # type: ignore[attr-defined]
    assert len(_shown(tab)) == PER_PAGE
    assert tab.locator(".ioa-filter-status").inner_text() == f"{total} records"  # type: ignore[attr-defined]
    link = tab.locator("article table tbody td:first-child a").first  # type: ignore[attr-defined]
    assert re.search(r"/trials/trial-\d+/index\.html$", link.evaluate("a => a.href"))
    tab.locator("article .ioa-pager").first.locator("a", has_text="Next").click()  # type: ignore[attr-defined]
    assert "page=2" in tab.url and len(_shown(tab)) == PER_PAGE  # type: ignore[attr-defined]
    assert tab.outside == [] and tab.errors == []  # type: ignore[attr-defined]
