"""A real browser (Playwright driving Debian's chromium) on the built site, served on loopback.

Checks what only a browser shows: search finds a record by its Chinese name and by an alias,
a reader can click from an expert to a conference to a target to a trial and back through
backlinks, and no page asks any outside host for anything.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import urlopen

import pytest

from conftest import loopback_server, serving
from ioatlas.pipeline import build as build_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]
MAIN_TABLE = "article table:not(.ioa-chart-data table)"  # an index's table, not the numbers beside its charts
pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from conftest import FIXTURES, copy_site_config, use_fixture_home_page

    repo = tmp_path_factory.mktemp("browser") / "repo"
    repo.mkdir()
    shutil.copytree(FIXTURES / "base" / "data", repo / "data")
    copy_site_config(repo)
    use_fixture_home_page(repo)
    expert = repo / "data/experts/example-expert.yaml"
    expert.write_text(expert.read_text().replace("name: Example Expert\n", "name: Example Expert\nname_zh: 示例专家\n"))
    generated, report = build_site(repo)
    assert generated is not None, report.format()
    with serving(loopback_server(repo / "site")) as address:
        yield address


@pytest.fixture
def page(browser: object, served_site: str) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    outside: list[str] = []

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if urlparse(url).hostname not in ("127.0.0.1", "localhost"):
            outside.append(url)
            route.abort()  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    tab = context.new_page()
    tab.outside_requests = outside  # type: ignore[attr-defined]
    yield tab
    context.close()


def _open_search(page: object, site: str) -> None:
    page.goto(site + "/")  # type: ignore[attr-defined]
    page.locator(".md-search__input").first.click()  # type: ignore[attr-defined]
    # the search worker says so once its index is loaded; typing earlier is lost
    page.wait_for_selector(".md-search-result__meta:has-text('Type to start searching')",  # type: ignore[attr-defined]
                           timeout=15000)


def _search(page: object, site: str, query: str) -> list[str]:
    _open_search(page, site)
    page.fill(".md-search__input", query)  # type: ignore[attr-defined]
    page.keyboard.press("End")  # type: ignore[attr-defined]  # Material searches on key events, not on fill()
    page.wait_for_selector(".md-search-result__item", timeout=15000)  # type: ignore[attr-defined]
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".md-search-result__item > a", "links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("query", ["示例专家", "Expert Example", "ESO Immunotherapy"])
def test_search_finds_record_by_any_name(page: object, served_site: str, query: str) -> None:
    hrefs = _search(page, served_site, query)
    expected = "organizations/example-committee/" if "ESO" in query else "experts/example-expert/"
    assert any(expected in h for h in hrefs[:3]), hrefs
    assert page.outside_requests == []  # type: ignore[attr-defined]


def test_reader_clicks_through_relations_and_back(page: object, served_site: str) -> None:
    page.goto(served_site + "/experts/example-expert/")  # type: ignore[attr-defined]
    page.click("article a[href*='conferences/example-congress']")  # type: ignore[attr-defined]
    assert "/conferences/example-congress/" in page.url  # type: ignore[attr-defined]
    page.click("article a[href*='experts/example-expert']")  # type: ignore[attr-defined]
    page.click("article a[href*='targets/example-target']")  # type: ignore[attr-defined]
    assert "/targets/example-target/" in page.url  # type: ignore[attr-defined]
    # the target's YAML does not list the trial: this link is a computed backlink
    page.click("article a[href*='trials/example-trial']")  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text().startswith("Example CAR-T phase 1 study")  # type: ignore[attr-defined]
    page.click("article a[href*='experts/example-expert']")  # type: ignore[attr-defined]
    assert "/experts/example-expert/" in page.url  # type: ignore[attr-defined]
    assert page.outside_requests == []  # type: ignore[attr-defined]


def test_citation_marks_jump_to_the_numbered_source(page: object, served_site: str) -> None:
    page.goto(served_site + "/trials/example-trial/")  # type: ignore[attr-defined]
    mark = page.locator("sup a.footnote-ref").first  # type: ignore[attr-defined]
    assert mark.inner_text() == "1"
    mark.click()
    assert "#fn:" in page.url  # type: ignore[attr-defined]
    assert page.locator(".footnote li").first.locator("a[href*='sources/example-paper']").count() == 1  # type: ignore[attr-defined]


def test_a_citation_mark_shows_its_source_on_hover_and_on_focus(page: object, served_site: str) -> None:
    page.goto(served_site + "/trials/example-trial/")  # type: ignore[attr-defined]
    tip = page.locator("#ioa-tip")  # type: ignore[attr-defined]
    assert tip.count() == 0  # nothing is set up until a mark is pointed at
    mark = page.locator("sup a.footnote-ref").first  # type: ignore[attr-defined]
    mark.hover()
    assert tip.is_visible() and mark.get_attribute("aria-describedby") == "ioa-tip"
    source = page.locator(".footnote li").first.locator("a").first.inner_text()  # type: ignore[attr-defined]
    assert source in tip.inner_text() and "\u21a9" not in tip.inner_text()  # the source, without the way back
    page.keyboard.press("Escape")  # type: ignore[attr-defined]
    assert not tip.is_visible() and mark.get_attribute("aria-describedby") is None
    page.locator("h1").hover()  # type: ignore[attr-defined]
    mark.focus()
    assert tip.is_visible()
    assert page.outside_requests == []  # type: ignore[attr-defined]


def test_citation_marks_are_bracketed_and_big_enough_to_tap_on_a_phone(browser: object, served_site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,  # type: ignore[attr-defined]
                                  is_mobile=True)
    try:
        tab = context.new_page()
        tab.goto(served_site + "/experts/example-expert/")
        marks = tab.locator("article a.footnote-ref")
        assert marks.count() > 5
        for index in range(marks.count()):
            box = marks.nth(index).bounding_box()
            assert box is not None and box["width"] >= 44 and box["height"] >= 44, box
        before = tab.evaluate("getComputedStyle(document.querySelector('a.footnote-ref'), '::before').content")
        assert before == '"["'
        line = tab.locator("article table td", has_text="Chief physician").first.bounding_box()
        assert line is not None and line["height"] < 90  # the large targets do not stretch the table row
    finally:
        context.close()


def _column(page: object, header: str) -> int:
    headers = page.eval_on_selector_all(MAIN_TABLE + " thead th", "cells => cells.map(c => c.innerText.trim())")  # type: ignore[attr-defined]
    return headers.index(header)


def _visible_rows(page: object) -> list[list[str]]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        MAIN_TABLE + " tbody tr:not([hidden])", "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))")


def test_trials_filter_by_target_and_phase_is_kept_in_the_address(page: object, real_site: str) -> None:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)  # type: ignore[attr-defined]
    page.goto(real_site + "/trials/")  # type: ignore[attr-defined]
    everything = _visible_rows(page)
    option = page.locator("select[name='Target'] option", has_text="GPC3").first  # type: ignore[attr-defined]
    count = int(option.inner_text().rsplit("(", 1)[1].rstrip(")"))
    page.select_option("select[name='Target']", "GPC3")  # type: ignore[attr-defined]
    rows = _visible_rows(page)
    assert len(rows) == count and 0 < count < len(everything)
    targets = _column(page, "Targets")
    assert all("GPC3" in row[targets] for row in rows)
    page.select_option("select[name='Phase']", "1")  # type: ignore[attr-defined]
    narrowed = _visible_rows(page)
    assert narrowed and all(row[2] == "1" and "GPC3" in row[targets] for row in narrowed) and len(narrowed) < count
    assert "Target=GPC3" in page.url and "Phase=1" in page.url  # type: ignore[attr-defined]
    assert page.locator(".ioa-filter-status").inner_text() == f"{len(narrowed)} of {len(everything)} records"  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    assert _visible_rows(page) == narrowed
    assert page.input_value("select[name='Target']") == "GPC3"  # type: ignore[attr-defined]
    page.click("text=Clear filters")  # type: ignore[attr-defined]
    assert len(_visible_rows(page)) == len(everything) and "?" not in page.url  # type: ignore[attr-defined]
    assert errors == [] and page.outside_requests == []  # type: ignore[attr-defined]


def test_sorting_by_a_column_orders_numbers_as_numbers_and_is_shared(page: object, real_site: str) -> None:
    page.goto(real_site + "/trials/")  # type: ignore[attr-defined]
    page.click("th button:has-text('Enrolment')")  # type: ignore[attr-defined]
    enrolment = _column(page, "Enrolment")
    values = [row[enrolment] for row in _visible_rows(page)]
    numbers = [int(v) for v in values if v]
    assert numbers == sorted(numbers) and len(numbers) > 2
    assert values[len(numbers):] == [""] * (len(values) - len(numbers))  # empty cells last
    assert page.get_attribute("th:has(button:has-text('Enrolment'))", "aria-sort") == "ascending"  # type: ignore[attr-defined]
    page.click("th button:has-text('Enrolment')")  # type: ignore[attr-defined]
    assert "sort=Enrolment" in page.url and "order=descending" in page.url  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    shown = [row[enrolment] for row in _visible_rows(page)]
    again = [int(v) for v in shown if v]
    assert again == sorted(numbers, reverse=True)
    assert shown[len(again):] == [""] * (len(shown) - len(again))  # empty cells last in this order too


def test_back_undoes_a_filter_and_the_rows_shown_download_as_csv(page: object, real_site: str) -> None:
    page.goto(real_site + "/trials/")  # type: ignore[attr-defined]
    everything = _visible_rows(page)
    page.select_option("select[name='Phase']", "1")  # type: ignore[attr-defined]
    narrowed = _visible_rows(page)
    assert 0 < len(narrowed) < len(everything)
    with page.expect_download() as caught:  # type: ignore[attr-defined]
        page.click("text=Download these rows (CSV)")  # type: ignore[attr-defined]
    data = Path(caught.value.path()).read_bytes()
    assert data.startswith("\ufeff".encode())  # UTF-8 with a byte-order mark
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    full = list(csv.reader(io.StringIO(urlopen(real_site + "/api/v1/trials.csv").read().decode("utf-8-sig"))))
    assert table[0] == full[0]  # the columns of the collection's CSV
    shown_ids = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "article table tbody tr:not([hidden]) td:first-child a",
        "links => links.map(a => a.getAttribute('href').split('/').filter(Boolean).pop())")
    assert [row[full[0].index("id")] for row in table[1:]] == shown_ids and len(shown_ids) == len(narrowed)
    page.go_back()  # type: ignore[attr-defined]
    assert _visible_rows(page) == everything and "Phase=" not in page.url  # type: ignore[attr-defined]
    page.go_forward()  # type: ignore[attr-defined]
    assert _visible_rows(page) == narrowed


def test_index_table_reads_in_full_without_javascript(browser: object, real_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        tab = context.new_page()
        tab.goto(real_site + "/experts/?Organization=Zhejiang%20University")
        rows = tab.locator("article table tbody tr")
        listed = tab.locator("article p", has_text="records.").first.inner_text()
        assert rows.count() == int(listed.split(" records.")[0].split()[-1])
        assert tab.locator(".ioa-filters").count() == 0
    finally:
        context.close()


def test_which_trials_target_gpc3_and_in_which_phase_in_two_clicks(page: object, real_site: str) -> None:
    page.goto(real_site + "/")  # type: ignore[attr-defined]
    page.click("nav a:has-text('Landscape')")  # type: ignore[attr-defined]
    row = page.locator("article table tr", has=page.locator("a:text-is('GPC3')")).first  # type: ignore[attr-defined]
    assert "NCT02395250 (phase 1)" in row.inner_text()
    row.locator("a:text-is('NCT02395250')").click()
    assert page.url.endswith("/trials/nct02395250/")  # type: ignore[attr-defined]
    assert "Phase 1" in page.locator("article").inner_text()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("query", "record"), [
    ("PD-1", "targets/pd-1/"), ("CLDN18.2", "targets/cldn18-2/"), ("CD7", "targets/cd7/"),
    ("He Huang", "experts/he-huang/"), ("Po Shing", "experts/wang-baocheng/"), ("黄河", "experts/he-huang/"),
    ("翟博", "experts/zhai-bo/"), ("NCT02395250", "trials/nct02395250/"), ("CTR20192510", "trials/fumanba-1/"),
    ("Keytruda", "therapies/pembrolizumab/"), ("CAR-T", "therapies/car-t/"), ("GPC3", "targets/gpc3/"),
    ("CAR-NK", "therapies/car-nk/"), ("PD-L1", "targets/pd-l1/"), ("李宗海", "experts/li-zonghai/"),
    ("帕博利珠单抗", "therapies/pembrolizumab/"), ("Fucaso", "therapies/equecabtagene-autoleucel/"),
    ("Yescarta", "therapies/axicabtagene-ciloleucel/"), ("Sintilimab", "therapies/sintilimab/"),
    ("肝癌", "diseases/liver-cancer/"),
])
def test_search_puts_the_record_named_first(page: object, real_site: str, query: str, record: str) -> None:
    hrefs = _search(page, real_site, query)
    assert hrefs and urlparse(hrefs[0]).path.endswith("/" + record), hrefs[:3]
    assert page.outside_requests == []  # type: ignore[attr-defined]


def test_result_titles_carry_no_zero_width_spaces(page: object, real_site: str) -> None:
    """Chinese is cut into words with zero-width spaces for the index; a title copied from the results is not."""
    _search(page, real_site, "黄河")
    titles = page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()  # type: ignore[attr-defined]
    assert any("黄河" in title for title in titles)
    assert not any("\u200b" in title for title in titles)


def test_a_pasted_query_searches_without_a_key_press(page: object, real_site: str) -> None:
    _open_search(page, real_site)
    page.fill(".md-search__input", "GPC3")  # type: ignore[attr-defined]  # an input event and no key, as a paste
    page.wait_for_selector(".md-search-result__item", timeout=5000)  # type: ignore[attr-defined]
    first = page.eval_on_selector(".md-search-result__item > a", "a => a.getAttribute('href')")  # type: ignore[attr-defined]
    assert urlparse(first).path.endswith("/targets/gpc3/")


def test_a_query_without_result_says_what_to_try(page: object, real_site: str) -> None:
    _open_search(page, real_site)
    page.fill(".md-search__input", "qqzzxx")  # type: ignore[attr-defined]
    page.keyboard.press("End")  # type: ignore[attr-defined]
    meta = page.locator(".md-search-result__meta")  # type: ignore[attr-defined]
    meta.filter(has_text="No page matches").wait_for(timeout=5000)
    assert "Chinese name" in meta.inner_text() and "NCT02395250" in meta.inner_text()


def test_timeline_is_in_date_order_and_filters_by_kind(page: object, real_site: str) -> None:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)  # type: ignore[attr-defined]
    page.goto(real_site + "/timeline/")  # type: ignore[attr-defined]
    total = page.locator("article table tbody tr").count()  # type: ignore[attr-defined]
    events = _visible_rows(page)
    assert events and all(row[1] != "Publication" for row in events)  # events first: publication dates wait
    dates = [row[0] for row in events]
    first_approval = next(row for row in events if row[1] == "Approval")
    assert dates == sorted(dates) and "H101" in first_approval[2]  # China's first approval in the atlas
    page.check(".ioa-optional input")  # type: ignore[attr-defined]
    everything = _visible_rows(page)
    assert len(everything) == total and "publications=1" in page.url  # type: ignore[attr-defined]
    assert any(row[1] == "Publication" for row in everything)
    page.go_back()  # type: ignore[attr-defined]
    assert _visible_rows(page) == events
    page.select_option("select[name='Kind']", "Publication")  # type: ignore[attr-defined]
    publications = _visible_rows(page)  # chosen as the kind, they show without the switch
    assert publications and all(row[1] == "Publication" for row in publications)
    page.select_option("select[name='Kind']", "Approval")  # type: ignore[attr-defined]
    approvals = _visible_rows(page)
    assert approvals and all(row[1] == "Approval" for row in approvals) and len(approvals) < len(events)
    assert [row[0] for row in approvals] == sorted(row[0] for row in approvals)
    assert page.locator(".ioa-filter-status").inner_text() == f"{len(approvals)} of {total} events"  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    assert _visible_rows(page) == approvals
    page.locator("article table tbody tr:not([hidden]) a").first.click()  # type: ignore[attr-defined]
    assert "/therapies/" in page.url  # type: ignore[attr-defined]
    assert errors == [] and page.outside_requests == []  # type: ignore[attr-defined]


def test_two_therapies_side_by_side_with_the_choice_in_the_address(page: object, real_site: str) -> None:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)  # type: ignore[attr-defined]
    page.goto(real_site + "/compare/?ids=pembrolizumab,sintilimab")  # type: ignore[attr-defined]
    table = page.locator(".ioa-compare-result table")  # type: ignore[attr-defined]
    assert table.locator("thead th").all_inner_texts()[1:] == ["Pembrolizumab", "Sintilimab"]
    stage = table.locator("tr", has=page.locator("th:text-is('Stage in China')"))  # type: ignore[attr-defined]
    assert stage.locator("td").all_inner_texts() == ["Approved", "Approved"]
    approvals = table.locator("tr", has=page.locator("th:text-is('Approvals')")).inner_text()  # type: ignore[attr-defined]
    assert "National Medical Products Administration" in approvals and "2018" in approvals
    page.select_option("select[name='therapy-3']", "camrelizumab")  # type: ignore[attr-defined]
    assert "ids=pembrolizumab,sintilimab,camrelizumab" in page.url  # type: ignore[attr-defined]
    assert table.locator("thead th").count() == 4 or page.locator(".ioa-compare-result thead th").count() == 4  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    assert page.locator(".ioa-compare-result thead th").count() == 3  # type: ignore[attr-defined]
    page.locator(".ioa-compare-result thead a", has_text="Sintilimab").click()  # type: ignore[attr-defined]
    assert page.url.endswith("/therapies/sintilimab/")  # type: ignore[attr-defined]
    assert errors == [] and page.outside_requests == []  # type: ignore[attr-defined]
