"""The data exports, read back with real parsers: every JSON file against its JSON Schema (jsonschema), every
CSV with the csv module and pandas (Chinese intact), the feed with feedparser (no bozo), the calendar with
icalendar, and the JSON-LD of every record page, whose ``name`` must be the page's heading.

A copy of the real repository is built once with its address set to a local server, served on 127.0.0.1,
and the examples of the Data page are run exactly as the built page prints them. The same exports are
also planned in memory with no address configured, where they must validate with relative addresses and
tag: ids.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import os
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import feedparser
import icalendar
import pandas as pd
import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import ROOT, built_real_copy, copy_site_config, loopback_server, serving
from ioatlas.config import ENV_REPO_URL, ENV_SITE_URL
from ioatlas.graph import Graph
from ioatlas.models import COLLECTIONS, MODELS
from ioatlas.models.conferences import Conference
from ioatlas.outputs import api, feed, ical, plan_outputs, tables
from ioatlas.outputs.exported import Exporter
from ioatlas.pages import jsonld
from ioatlas.pipeline import assemble
from ioatlas.pipeline import build as build_site
from ioatlas.urls import CALENDAR, FEED, page_address, record_page

VENV_BIN = Path(sys.executable).parent
REPOSITORY = "https://github.com/example-org/io-atlas"  # the repository address the served build is given


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """(repository, its address): a copy of the real repository built with its address set to the local
    server that then serves its site/."""
    folder = tmp_path_factory.mktemp("data-out")
    server = loopback_server(folder / "repo" / "site")
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_SITE_URL, base)
        patch.setenv(ENV_REPO_URL, REPOSITORY)
        repo = built_real_copy(folder)
    with serving(server):
        yield repo, base


@pytest.fixture(scope="module")
def graph() -> Graph:
    atlas = assemble(ROOT)
    assert atlas.graph is not None, atlas.report.format()
    return atlas.graph


@pytest.fixture(scope="module")
def unset(graph: Graph) -> dict[PurePosixPath, bytes]:
    """The outputs of the real data planned in memory with no site address configured."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(ENV_SITE_URL, raising=False)
        return plan_outputs(graph)


def files_of(site: Path) -> dict[PurePosixPath, bytes]:
    return {PurePosixPath(p.relative_to(site).as_posix()): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def api_names() -> list[str]:
    return [api.ALL, *MODELS]


def check_json(files: dict[PurePosixPath, bytes], graph: Graph) -> None:
    for name in api_names():
        schema = json.loads(files[api.schema_path(name)])
        Draft202012Validator.check_schema(schema)
        data = json.loads(files[api.json_path(name)])
        errors = list(Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
                      .iter_errors(data))
        assert not errors, (name, [(e.message[:200], list(e.absolute_path)) for e in errors[:5]])
        assert data["data_date"] == graph.dataset.data_date() and data["schema_version"] == "1.1.0"
        records = data["records"]
        expected = graph.dataset.all() if name == api.ALL else sorted(
            graph.dataset.records[name].values(), key=lambda r: r.id)
        assert [(r["collection"], r["id"]) for r in records] == [(r.collection, r.id) for r in expected], name


# ---- JSON ----

def test_every_json_file_validates_against_its_schema_and_holds_every_record(unset: dict[PurePosixPath, bytes],
                                                                              graph: Graph) -> None:
    check_json(unset, graph)


def test_a_record_missing_a_field_or_with_an_extra_one_fails_its_schema(unset: dict[PurePosixPath, bytes]) -> None:
    schema = json.loads(unset[api.schema_path("experts")])
    data = json.loads(unset[api.json_path("experts")])
    validator = Draft202012Validator(schema)
    del data["records"][0]["name_zh"]
    assert not validator.is_valid(data)
    data = json.loads(unset[api.json_path("experts")])
    data["records"][0]["curator_note"] = "a note"
    assert not validator.is_valid(data)
    data = json.loads(unset[api.json_path("experts")])
    data["records"][0]["affiliations"][0]["organization"]["collection"] = "targets"
    assert not validator.is_valid(data)


def test_json_records_carry_references_with_addresses_and_the_sources_of_each_field(
        unset: dict[PurePosixPath, bytes], graph: Graph) -> None:
    trials = {r["id"]: r for r in json.loads(unset[api.json_path("trials")])["records"]}
    case_series = trials["car-gpc3-local-therapy-hcc-case-series"]
    record = graph.get("trials", "car-gpc3-local-therapy-hcc-case-series")
    assert case_series["targets"] == [{"collection": "targets", "id": "gpc3", "page_url": "../../targets/gpc3/"}]
    assert case_series["page_url"] == "../../trials/car-gpc3-local-therapy-hcc-case-series/"
    assert case_series["yaml_url"] == "../../records/trials/car-gpc3-local-therapy-hcc-case-series.yaml"
    for field, sources in case_series["field_sources"].items():
        assert [s["id"] for s in sources] == record.sources_of(field), field
    for item, result in zip(case_series["results"], record.results, strict=True):  # each result cites its own
        assert [s["id"] for s in item["sources"]] == result.sources and item["safety"] == result.safety
    experts = {r["id"]: r for r in json.loads(unset[api.json_path("experts")])["records"]}
    he_huang = graph.get("experts", "he-huang")
    for item, affiliation in zip(experts["he-huang"]["affiliations"], he_huang.affiliations, strict=True):
        expected = affiliation.sources or he_huang.sources_of("affiliations")
        assert [s["id"] for s in item["sources"]] == expected


def test_notes_for_curators_never_leave_the_build(unset: dict[PurePosixPath, bytes], graph: Graph) -> None:
    notes = [r.curator_note for r in graph.dataset.all() if r.curator_note]
    assert notes
    exported = b"".join(content for path, content in unset.items() if path.parts[0] == "api").decode()
    assert "curator_note" not in exported
    for note in notes:
        assert note not in exported


def test_exports_take_their_date_from_the_data(unset: dict[PurePosixPath, bytes], graph: Graph) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(ENV_SITE_URL, raising=False)
        assert plan_outputs(graph) == unset
    assert json.loads(unset[api.json_path(api.ALL)])["data_date"] == graph.dataset.data_date()


# ---- CSV ----

def read_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith("\ufeff".encode()), "a CSV starts with a byte-order mark, for Excel"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_every_csv_opens_with_the_csv_module_and_pandas_with_chinese_intact(unset: dict[PurePosixPath, bytes],
                                                                             graph: Graph) -> None:
    for collection in MODELS:
        content = unset[tables.csv_path(collection)]
        rows = read_csv(content)
        records = sorted(graph.dataset.records[collection].values(), key=lambda r: r.id)
        assert [row["id"] for row in rows] == [r.id for r in records]
        assert list(rows[0]) == [column.name for column in tables.columns(collection)]
        frame = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)
        assert list(frame.columns) == list(rows[0]), "pandas reads the first column name without the BOM"
        for record, (_, row) in zip(records, frame.iterrows(), strict=True):
            assert row["name"] == record.name and row["name_zh"] == (record.name_zh or "")
            assert row["aliases"] == "; ".join(record.aliases)
    experts = pd.read_csv(io.BytesIO(unset[tables.csv_path("experts")]), index_col="id")
    assert experts.loc["he-huang", "name_zh"] == "黄河"
    sources = pd.read_csv(io.BytesIO(unset[tables.csv_path("sources")]), index_col="id")
    assert sources.loc["amegroups-2015-lu-shun-interview", "name"] == graph.get(
        "sources", "amegroups-2015-lu-shun-interview").name


def test_facts_and_relations_tables(unset: dict[PurePosixPath, bytes], graph: Graph) -> None:
    facts = read_csv(unset[tables.csv_path(tables.FACTS)])
    assert len(facts) == sum(len(r.facts) for r in graph.dataset.all())
    assert facts[0].keys() == {"record", "text", "as_of", "sources"}
    relations = read_csv(unset[tables.csv_path(tables.RELATIONS)])
    assert list(relations[0]) == ["from", "relation", "to", "sources"]
    for row in relations:
        for end in (row["from"], row["to"]):
            collection, record_id = end.split("/")
            assert graph.dataset.get(collection, record_id) is not None, end
        if not row["sources"]:  # a source's own links (its publisher) are read off the source itself
            assert row["from"].startswith("sources/"), row
            continue
        for source in row["sources"].split("; "):
            assert graph.dataset.get("sources", source) is not None, row
    shown = {(row["from"], row["relation"], row["to"]) for row in relations}
    assert ("experts/he-huang", "affiliations.organization", "organizations/zhejiang-university") in shown
    assert ("trials/car-gpc3-local-therapy-hcc-case-series", "investigators", "experts/zhai-bo") in shown
    frame = pd.read_csv(io.BytesIO(unset[tables.csv_path(tables.RELATIONS)]))
    assert len(frame) == len(relations)


# ---- feed and calendar ----

def parse_feed(content: bytes) -> Any:
    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_the_feed_parses_with_stable_ids_and_dates_from_the_records(unset: dict[PurePosixPath, bytes],
                                                                      graph: Graph) -> None:
    parsed = parse_feed(unset[FEED])
    assert parsed.version == "atom10" and parsed.feed.id.startswith("tag:")
    entries = parsed.entries
    assert len(entries) == min(feed.ENTRIES, graph.dataset.count())
    updated = [entry.updated for entry in entries]
    assert updated == sorted(updated, reverse=True)
    days = feed.changed_days(ROOT)  # the history of data/ where this checkout has one
    for entry in entries:
        collection, record_id = entry.id.removeprefix(feed.TAG).split("/")
        record = graph.get(collection, record_id)
        day = days.get(f"data/{collection}/{record_id}.yaml") or record.last_reviewed
        assert entry.title == record.name and entry.updated == f"{day}T00:00:00Z"
        assert entry.link == page_address(record_page(collection, record_id))


def test_the_feed_spreads_over_the_collections_with_a_line_on_each_record(unset: dict[PurePosixPath, bytes],
                                                                        graph: Graph) -> None:
    entries = parse_feed(unset[FEED]).entries
    collections = [entry.id.removeprefix(feed.TAG).split("/")[0] for entry in entries]
    assert {"trials", "therapies", "experts", "targets"} <= set(collections)
    assert max(collections.count(c) for c in set(collections)) <= len(entries) // 2
    for entry in entries:
        collection, _record_id = entry.id.removeprefix(feed.TAG).split("/")
        singular = COLLECTIONS[collection].singular
        assert "\n" not in entry.summary and len(entry.summary) <= feed.SUMMARY_LENGTH + 20
        assert entry.summary.rstrip(".") != singular, entry.id  # more than the kind of record


def test_the_feed_dates_a_record_by_the_last_commit_that_changed_it(base_repo: Path) -> None:
    def git(*args: str, day: str = "2024-09-01") -> None:
        stamp = f"{day}T12:00:00+00:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_NAME": "t",
               "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
        subprocess.run(["git", "-C", str(base_repo), *args], check=True, capture_output=True, env=env)

    git("init", "-q")
    git("add", "data")
    git("commit", "-q", "-m", "records")
    disease = base_repo / "data/diseases/example-cancer.yaml"
    disease.write_text(disease.read_text().replace("name: ", "name: Changed ", 1))
    git("commit", "-q", "-am", "an alias", day="2024-10-05")
    atlas = assemble(base_repo)
    assert atlas.graph is not None, atlas.report.format()
    entries = parse_feed(feed.feed(atlas.graph).encode()).entries
    assert entries[0].id == feed.TAG + "diseases/example-cancer" and entries[0].updated == "2024-10-05T00:00:00Z"
    assert all(entry.updated == "2024-09-01T00:00:00Z" for entry in entries[1:])


def parse_calendar(content: bytes) -> icalendar.Calendar:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        calendar = icalendar.Calendar.from_ical(content)
    assert all(not component.errors for component in calendar.walk()), [c.errors for c in calendar.walk()]
    lines = content.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines), "lines end in CRLF, folded at 75 octets"
    return calendar


def test_the_calendar_has_an_event_for_each_conference_known_to_the_day(unset: dict[PurePosixPath, bytes],
                                                                          graph: Graph) -> None:
    calendar = parse_calendar(unset[CALENDAR])
    events = {str(event["UID"]).removeprefix(feed.TAG + "conferences/"): event for event in calendar.walk("VEVENT")}
    conferences = graph.dataset.records["conferences"]
    assert set(events) == {c.id for c in conferences.values() if c.start and len(c.start) == 10}
    assert len(events) < len(conferences), "the programme without dates is left out, not given a made-up day"
    for conference_id, event in events.items():
        conference = conferences[conference_id]
        assert event["DTSTART"].dt.isoformat() == conference.start
        assert str(event["SUMMARY"]) == conference.name and "DTSTAMP" in event
        assert str(event["URL"]) == f"conferences/{conference_id}/"
        place = ", ".join(p for p in (conference.city, conference.country) if p)
        assert str(event.get("LOCATION", "")) == place
        if conference.end and len(conference.end) == 10:  # DTEND is exclusive: the day after the last
            assert event["DTEND"].dt == dt.date.fromisoformat(conference.end) + dt.timedelta(days=1)
        else:
            assert "DTEND" not in event
    session = events["csco-2022-immunotherapy-session"]
    assert (session["DTSTART"].dt.isoformat(), session["DTEND"].dt.isoformat()) == ("2022-11-06", "2022-11-07")
    assert str(session["LOCATION"]) == "Jinan, China"


@pytest.mark.parametrize(("start", "end", "has_event", "has_end"), [
    ("2024-07-26", "2024-07-28", True, True), ("2024-07-26", "2024-07", True, False), ("2024-07-26", None, True, False),
    ("2024-07", "2024-07-28", False, False), ("2024", None, False, False), (None, None, False, False)])
def test_a_conference_dated_only_to_a_month_or_year_gets_no_made_up_day(start: str | None, end: str | None,
                                                                        has_event: bool, has_end: bool) -> None:
    conference = Conference.model_validate({"id": "x", "name": "Partial, dated; congress", "kind": "congress",
                                            "start": start, "end": end, "last_reviewed": "2026-01-02"})
    lines = ical.event(Exporter(None, CALENDAR, ""), conference)  # type: ignore[arg-type]
    assert (lines is not None) == has_event
    if lines:
        text = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x", *lines, "END:VCALENDAR", ""])
        event = next(iter(parse_calendar(text.encode()).walk("VEVENT")))
        assert ("DTEND" in event) == has_end and "LOCATION" not in event
        assert str(event["SUMMARY"]) == "Partial, dated; congress"


# ---- JSON-LD ----

class Heading(HTMLParser):
    """The text of a page's <h1> (without its permalink) and the JSON-LD blocks of its head, as written."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.in_h1 = self.in_link = self.in_jsonld = False
        self.h1: list[str] = []
        self.jsonld: list[str] = []
        self.feeds: list[str] = []
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.in_h1 |= tag == "h1"
        self.in_link |= self.in_h1 and tag == "a"
        if tag == "script" and values.get("type") == "application/ld+json":
            self.in_jsonld = True
            self.jsonld.append("")
        if tag == "link" and values.get("rel") == "alternate" and values.get("type") == "application/atom+xml":
            self.feeds.append(values.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        self.in_h1 &= tag != "h1"
        self.in_link &= tag != "a"
        self.in_jsonld &= tag != "script"

    def handle_data(self, data: str) -> None:
        if self.in_h1 and not self.in_link:
            self.h1.append(data)
        if self.in_jsonld:
            self.jsonld[-1] += data


def test_script_text_cannot_close_its_element_and_survives_the_front_matter() -> None:
    node = {"name": "</script><script>alert(1)</script><!-- & -->", "alternateName": ["黄河", "😀", "a\u2028b"]}
    text = jsonld.script_text(node)
    assert not set("<>&") & set(text) and text.isascii()
    assert json.loads(text) == node
    assert yaml.safe_load(f"jsonld: {jsonld.front_matter_text(node)}")["jsonld"] == text


@pytest.mark.slow
def test_every_record_page_carries_json_ld_named_as_its_heading(served: tuple[Path, str], graph: Graph) -> None:
    repo, base = served
    for record in graph.dataset.all():
        address = page_address(record_page(record.collection, record.id))
        source = (repo / "site" / address / "index.html").read_text(encoding="utf-8")
        page = Heading(source)
        assert len(page.jsonld) == 1, address
        assert "<" not in page.jsonld[0]
        data = json.loads(page.jsonld[0])
        heading = " ".join("".join(page.h1).split())
        assert data["name"] == heading == record.name, address
        assert data["@context"] == "https://schema.org" and data["@type"] == jsonld.schema_type(graph, record)
        assert data["url"] == base + address and data["mainEntityOfPage"]["@id"] == base + address
        if record.name_zh:
            assert record.name_zh in data["alternateName"]
        for citation, source_id in zip(data["mainEntityOfPage"].get("citation", []), record.sources, strict=True):
            assert citation["url"] == f"{base}sources/{source_id}/"


def test_json_ld_types_and_identifiers(graph: Graph) -> None:
    def data(collection: str, record_id: str) -> dict[str, Any]:
        return jsonld.data(graph, graph.get(collection, record_id), "")

    he_huang = data("experts", "he-huang")
    aliases = graph.get("experts", "he-huang").aliases
    assert he_huang["@type"] == "Person" and he_huang["alternateName"] == ["黄河", *aliases]
    assert he_huang["url"] == "./" and he_huang["mainEntityOfPage"]["isPartOf"]["url"] == "../../"
    trial = data("trials", "nct02395250")
    assert trial["@type"] == "MedicalTrial" and trial["sameAs"] == ["https://clinicaltrials.gov/study/NCT02395250"]
    assert trial["identifier"] == [{"@type": "PropertyValue", "propertyID": "nct", "value": "NCT02395250"}]
    assert trial["healthCondition"][0] == {"@type": "MedicalCondition", "name": "Hepatocellular carcinoma",
                                           "url": "../../diseases/hepatocellular-carcinoma/"}
    assert data("targets", "gpc3")["@type"] == "Protein"
    assert data("topics", "irae-management")["@type"] == "DefinedTerm"
    assert data("diseases", "gastric-cancer")["@type"] == "MedicalCondition"
    assert data("conferences", "csco-2022-annual-meeting")["startDate"] == "2022-11-05"
    assert data("organizations", "csco")["@type"] == "Organization"
    kinds = {jsonld.schema_type(graph, r) for r in graph.records("sources")}
    assert {"ScholarlyArticle", "NewsArticle"} <= kinds


# ---- the built site, its Data page and its head ----

@pytest.mark.slow
def test_the_built_site_publishes_every_output_with_absolute_addresses(served: tuple[Path, str],
                                                                       graph: Graph) -> None:
    repo, base = served
    files = files_of(repo / "site")
    check_json(files, graph)
    trials = json.loads(files[api.json_path("trials")])["records"]
    assert all(t["page_url"] == f"{base}trials/{t['id']}/" for t in trials)
    parsed = parse_feed(files[FEED])
    assert parsed.feed.id.startswith("tag:") and all(e.link.startswith(base) for e in parsed.entries)
    assert all(str(e["URL"]).startswith(base) for e in parse_calendar(files[CALENDAR]).walk("VEVENT"))
    sitemap = files[PurePosixPath("sitemap.xml")].decode()
    for record in graph.dataset.all():
        assert f"<loc>{base}{page_address(record_page(record.collection, record.id))}</loc>" in sitemap


@pytest.mark.slow
def test_every_page_announces_the_feed_and_the_home_page_links_the_data(served: tuple[Path, str]) -> None:
    repo, base = served
    for page in ("index.html", "experts/he-huang/index.html", "data/index.html"):
        parsed = Heading((repo / "site" / page).read_text(encoding="utf-8"))
        assert [urljoin(base + page, href) for href in parsed.feeds] == [base + "feed.xml"], page
    home = (repo / "site/index.html").read_text(encoding="utf-8")
    for target in ("data/", "feed.xml", "conferences.ics"):
        assert f'href="{target}"' in home, target


@pytest.mark.slow
def test_every_record_page_links_a_report_and_an_edit_naming_the_page(served: tuple[Path, str],
                                                                       graph: Graph) -> None:
    repo, base = served
    for record in graph.dataset.all():
        address = page_address(record_page(record.collection, record.id))
        text = (repo / "site" / address / "index.html").read_text(encoding="utf-8")
        links = dict(re.findall(r'<a href="([^"]+)">(Report an error on this page|Edit this record)</a>', text))
        report, edit = (next(h for h, label in links.items() if label == name)
                        for name in ("Report an error on this page", "Edit this record"))
        query = parse_qs(urlsplit(html.unescape(report)).query)
        assert html.unescape(report).startswith(f"{REPOSITORY}/issues/new?"), address
        assert query["template"] == ["correction.yml"] and query["page"] == [base + address], address
        assert query["record"] == [f"data/{record.collection}/{record.id}.yaml"], address
        assert html.unescape(edit) == f"{REPOSITORY}/edit/main/data/{record.collection}/{record.id}.yaml"
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/correction.yml").read_text())
    assert {"page", "record"} <= {field.get("id") for field in form["body"]}  # the fields the link fills


@pytest.mark.slow
def test_the_offline_copy_is_one_click_from_the_home_and_data_pages(served: tuple[Path, str]) -> None:
    repo, _ = served
    download = f'href="{REPOSITORY}/releases/latest/download/ioatlas-offline.zip"'
    for page in ("index.html", "data/index.html"):
        assert download in (repo / "site" / page).read_text(encoding="utf-8"), page
    release = (ROOT / ".github/workflows/release.yml").read_text()
    assert "cp dist/ioatlas-offline-*.zip dist/ioatlas-offline.zip" in release  # the stable name exists


@pytest.mark.slow
def test_a_reader_reports_an_error_from_a_record_page_in_a_browser(served: tuple[Path, str],
                                                                    browser: Any) -> None:
    """The link opens the repository's new-issue address with the page named (the repository's host is
    answered here by the test, so nothing leaves the machine)."""
    _, base = served
    context = browser.new_context()
    opened: list[str] = []

    def repository(route: Any) -> None:
        opened.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>new issue</title>")

    context.route("https://github.com/**", repository)
    page = context.new_page()
    try:
        page.goto(base + "trials/nct02395250/")
        page.get_by_role("link", name="Report an error on this page").click()
        page.wait_for_url("https://github.com/**")
    finally:
        context.close()
    query = parse_qs(urlsplit(opened[0]).query)
    assert opened[0].startswith(f"{REPOSITORY}/issues/new?")
    assert query["page"] == [base + "trials/nct02395250/"]
    assert query["record"] == ["data/trials/nct02395250.yaml"]


def test_a_build_without_addresses_says_once_what_it_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from ioatlas.config import left_out

    monkeypatch.delenv(ENV_SITE_URL, raising=False)
    monkeypatch.delenv(ENV_REPO_URL, raising=False)
    copy_site_config(tmp_path)
    notes = left_out(tmp_path)
    assert len(notes) == 2 and "sitemap" in notes[0] and "Report an error on this page" in notes[1]
    monkeypatch.setenv(ENV_SITE_URL, "https://atlas.example.org/")
    monkeypatch.setenv(ENV_REPO_URL, REPOSITORY)
    assert left_out(tmp_path) == []


@pytest.mark.slow
def test_the_data_page_lists_every_column_with_its_field_description(served: tuple[Path, str]) -> None:
    repo, _ = served
    page = html.unescape((repo / "site/data/index.html").read_text(encoding="utf-8"))
    for collection in COLLECTIONS:
        section = page.split(f'id="{collection}csv"', 1)[1].split("</table>", 1)[0]
        for column in tables.columns(collection):
            row = section.split(f"<td><code>{column.name}</code></td>", 1)[1].split("</tr>", 1)[0]
            assert column.description in row and column.holds in row, (collection, column.name)
    assert "CC BY 4.0" in page and "IO Atlas contributors" in page


def examples(page: str) -> list[tuple[str, str]]:
    """(language, code) of each code block of a built page, as a reader copies it."""
    return [(language, html.unescape(code)) for language, code in
            re.findall(r'<pre><code class="language-(sh|python)">(.*?)</code></pre>', page, re.DOTALL)]


@pytest.mark.slow
def test_the_examples_of_the_data_page_run_as_printed(served: tuple[Path, str], graph: Graph) -> None:
    repo, base = served
    found = examples((repo / "site/data/index.html").read_text(encoding="utf-8"))
    assert [language for language, _ in found] == ["sh", "sh", "python", "python"]
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    outputs = []
    for language, code in found:
        command = ["bash", "-c", "set -o pipefail\n" + code] if language == "sh" else [sys.executable, "-c", code]
        assert language == "python" or f"curl -s {base}api/v1/" in code
        result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, (code, result.stderr)
        outputs.append(result.stdout)
    trials = sorted(graph.dataset.records["trials"])
    assert outputs[0].splitlines()[0] == f"{len(trials)} trials and studies, data as of {graph.dataset.data_date()}"
    assert [line.split(" | ")[0] for line in outputs[0].splitlines()[1:]] == trials
    assert outputs[1].split() == [str(v) for name in MODELS for v in (name, len(graph.dataset.records[name]))]
    for expert in graph.records("experts"):
        if expert.name_zh:
            assert expert.name_zh in outputs[2]
    assert outputs[3].startswith(f"{len(tables.relations(graph))} links between records")


HOSTILE_NAME = "1 < 2 > 0 & d \"quoted\" 'single' &lt;/script&gt; -->  中文名称 \\u003c"


@pytest.mark.slow
def test_json_ld_of_hostile_text_reads_back_as_written(base_repo: Path) -> None:
    path = base_repo / "data/targets/example-target.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record.update(name=HOSTILE_NAME, aliases=["&lt;/b>", "a]]>b"])
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    generated, report = build_site(base_repo)
    assert generated is not None, report.format()
    page = Heading((base_repo / "site/targets/example-target/index.html").read_text(encoding="utf-8"))
    assert len(page.jsonld) == 1 and not set("<>&") & set(page.jsonld[0])
    data = json.loads(page.jsonld[0])
    assert data["name"] == HOSTILE_NAME  # as the page's title; the heading shows it with its blanks collapsed
    assert " ".join(data["name"].split()) == " ".join("".join(page.h1).split())
    assert data["alternateName"][:2] == ["&lt;/b>", "a]]>b"]
