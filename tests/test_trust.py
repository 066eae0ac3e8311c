"""What a reader sees of the atlas's trust, checked over every generated page of the real data: a citation
mark next to every summary, key fact, affiliation, talk, approval, dated statement and viewpoint; no note
meant for curators; on every record page its review date, how to cite it, how to report an error, and the
medical disclaimer."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT, validate
from ioatlas.checks.consistency import CURATOR_PHRASES, WORKSHOP_PHRASES
from ioatlas.models import COLLECTIONS
from ioatlas.pages.prose import prose_html

MARK = re.compile(r'<sup id="fnref\d*:[a-z0-9-]+"><a class="footnote-ref" href="#fn:[a-z0-9-]+">\d+</a></sup>')
ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


@pytest.fixture(scope="module")
def site(real_built_repo: Path) -> Path:
    return real_built_repo


def record_pages(site: Path, *, without: tuple[str, ...] = ()) -> list[Path]:
    return [path for name in COLLECTIONS if name not in without
            for path in sorted((site / "docs" / name).glob("*.md")) if path.name != "index.md"]


H2 = re.compile(r'<h2 id="[^"]*">(.*?)<a class="headerlink"')


def section(markdown: str, heading: str) -> list[str]:
    """The lines under a second-level heading (written as HTML on record pages), up to the next one."""
    lines, inside = [], False
    for line in markdown.splitlines():
        found = H2.match(line)
        if found:
            inside = found.group(1) == heading
        elif inside:
            lines.append(line)
    return lines


def table_rows(lines: list[str]) -> list[str]:
    """The body rows of the HTML tables in ``lines`` (header rows, of <th> cells, left out)."""
    return [row for row in ROW.findall("\n".join(lines)) if "<th>" not in row]


@pytest.mark.slow
def test_no_page_shows_workshop_text(site: Path) -> None:
    for page in sorted((site / "site").rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "///" not in text.replace("http://", "").replace("https://", ""), page
        found = CURATOR_PHRASES.search(text)
        assert found is None, f"{page}: {found.group(0) if found else ''}"


@pytest.mark.slow
def test_every_summary_and_fact_row_carries_a_citation_mark(site: Path) -> None:
    dataset, report = validate(site)
    assert not report, report.format()
    unmarked: list[str] = []
    checked = 0
    for page in record_pages(site, without=("sources",)):  # a source page's facts are the document itself
        markdown = page.read_text(encoding="utf-8")
        record = dataset.get(page.parent.name, page.stem)
        assert record is not None, page
        if record.summary:
            body = markdown.split("---\n", 2)[2]  # the front matter's structured data holds the summary too
            docs_path = PurePosixPath(page.relative_to(site / "docs").as_posix())
            opening = str(prose_html(record.summary, docs_path))[3:40]  # the summary's first words, after "<p>"
            paragraph = next(p for p in PARAGRAPH.findall(body) if opening in p)
            if not MARK.search(paragraph):
                unmarked.append(f"{page.name}: summary")
        for heading in ("Key facts", "Affiliations and roles", "Conferences and talks", "People",
                        "Speakers and participants", "Approvals", "Dated statements", "What it reported"):
            lines = section(markdown, heading)
            rows = ["\n".join(lines).strip()] if heading == "What it reported" else table_rows(lines)
            checked += len(rows)
            # a row saying that nothing is known (an unregistered study's registry ids) has nothing to cite
            unmarked += [f"{page.name} {heading}: {row[:60]}" for row in rows
                         if row and not MARK.search(row) and "none known" not in row]
    assert checked > 1000 and unmarked == []  # the rows were found, and each is cited


@pytest.mark.slow
def test_every_viewpoint_carries_its_citation(site: Path) -> None:
    blocks = 0
    for page in record_pages(site):
        for block in "\n".join(section(page.read_text(encoding="utf-8"), "Viewpoints")).split("<h3 ")[1:]:
            blocks += 1
            assert MARK.search(block), f"{page.name}: {block[:80]}"
    assert blocks > 10  # the sections were found: the check looked at something


CITED = re.compile(r'href="#fn:([a-z0-9-]+)"')


@pytest.mark.slow
def test_marks_name_the_sources_of_each_fact_not_all_of_the_page(site: Path) -> None:
    """On pages of records with two or more sources, at most 5% of cited rows cite every source of the record,
    and each of those is a field whose own sources are all of them (the curators' claim, not a fallback)."""
    dataset, _ = validate(site)
    cited_rows, every = 0, []
    for page in record_pages(site, without=("sources",)):
        record = dataset.get(page.parent.name, page.stem)
        assert record is not None
        if len(record.sources) < 2:
            continue
        markdown = page.read_text(encoding="utf-8")
        for heading in ("Key facts", "Affiliations and roles", "Speakers and participants", "Approvals"):
            for row in table_rows(section(markdown, heading)):
                cited = set(CITED.findall(row))
                if cited:
                    cited_rows += 1
                    if cited == set(record.sources):
                        label = re.sub(r"<[^>]+>", "", row.split("</td>", 1)[0]).strip()
                        every.append(f"{page.parent.name}/{page.stem}: {label}")
    assert cited_rows > 300, cited_rows  # the pages were read
    assert len(every) <= 0.05 * cited_rows, every
    for entry in every:  # each such row is a field the curators cited to all the record's sources
        collection_id, label = entry.split(": ", 1)
        record = dataset.get(*collection_id.split("/"))
        assert any(set(sources) == set(record.sources) for sources in record.field_sources.values()) or \
            any(set(getattr(part, "sources", [])) == set(record.sources)
                for part in [*getattr(record, "affiliations", []), *getattr(record, "participants", []),
                             *getattr(record, "approvals", [])]), entry


@pytest.mark.slow
def test_results_give_safety_beside_efficacy_and_no_period_is_left_open(site: Path) -> None:
    trial = (site / "site/trials/nct02395250/index.html").read_text(encoding="utf-8")
    reported = "\n".join(section(trial, "What it reported"))
    safety = next(row for row in table_rows([reported]) if "<td>Safety</td>" in row)
    assert "Cytokine release syndrome" in safety and "#fn:clin-cancer-res-2020-car-gpc3-hcc" in safety
    assert "data cut-off 2019-07-24" in reported
    for page in sorted((site / "site/trials").glob("*/index.html")):
        assert "– present" not in page.read_text(encoding="utf-8"), page
    for page in sorted((site / "site/experts").glob("*/index.html")):
        assert "– present" not in page.read_text(encoding="utf-8"), page


@pytest.mark.slow
def test_no_published_record_names_the_workshop(site: Path) -> None:
    """The YAML every record page links to, and everything else the site publishes, is public text."""
    copies = sorted((site / "site/records").rglob("*.yaml"))
    assert len(copies) > 400
    for path in [*copies, *sorted((site / "site").rglob("*.html")), *sorted((site / "site/api").rglob("*.*"))]:
        found = WORKSHOP_PHRASES.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path}: {found.group(0) if found else ''}"


def test_every_record_readers_land_on_has_a_summary() -> None:
    dataset, report = validate(ROOT)
    assert not report, report.format()
    for collection in ("therapies", "targets", "diseases", "trials", "topics"):
        assert all(record.summary for record in dataset.records[collection].values()), collection


@pytest.mark.slow
def test_every_record_page_says_when_it_was_reviewed_how_to_cite_it_and_where_to_report(site: Path) -> None:
    pages = record_pages(site)
    assert len(pages) > 200
    for page in pages:
        html = (site / "site" / page.parent.name / page.stem / "index.html").read_text(encoding="utf-8")
        assert re.search(r"Last reviewed</strong> \d{4}-\d{2}-\d{2}", html), page
        assert "How to cite this page:" in html and "IO Atlas. “" in html, page
        assert 'href="../../corrections/">Report it</a>' in html, page  # no repository configured here
        assert "it is not medical advice" in html, page
    assert "Reporting an error" in (site / "site/corrections/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_sources_are_named_with_a_link_to_the_original_where_one_is_known(site: Path) -> None:
    html = (site / "site/targets/gpc3/index.html").read_text(encoding="utf-8")
    notes = html.split('class="footnote"', 1)[1]
    paper = yaml.safe_load((ROOT / "data/sources/clin-cancer-res-2020-car-gpc3-hcc.yaml").read_text())
    original = paper.get("url") or f"https://doi.org/{paper['doi']}"  # the text read, else the DOI
    assert f'href="{original}">{urlsplit(original).netloc.removeprefix("www.")}</a>' in notes
    assert "Chimeric Antigen Receptor-Glypican-3 T-Cell Therapy" in notes
    source_page = (site / "site/sources/ctgov-nct02395250/index.html").read_text(encoding="utf-8")
    assert 'class="footnote"' not in source_page  # a page that cites nothing has no source list
