"""Generated Markdown: content, backlinks both ways, citations, write-if-changed, stale removal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ioatlas.pages import MARKER
from ioatlas.pipeline import generate


def _generate(repo: Path):
    generated, report = generate(repo)
    assert generated is not None, report.format()
    return generated


def test_record_page_shows_facts_relations_and_citations(base_repo: Path) -> None:
    _generate(base_repo)
    page = (base_repo / "docs/trials/example-trial.md").read_text()
    assert page.startswith("---\ngenerated_by: ioatlas\ntitle: \"Example CAR-T phase 1 study\"")
    assert MARKER in page
    assert '<a href="https://clinicaltrials.gov/study/NCT00000001">NCT00000001</a>' in page
    assert '<a href="../../diseases/example-cancer/">Example carcinoma</a>' in page
    assert '<a href="../../experts/example-expert/">Example Expert</a>' in page
    assert '<li id="fn:example-paper">' in page  # numbered citation to the paper
    assert '<a href="../../records/trials/example-trial.yaml">View this record\'s YAML</a>' in page
    assert not (base_repo / "docs/records").exists()  # published from data/ by MkDocs (record_copies.py)


def test_backlinks_appear_without_being_stored(base_repo: Path) -> None:
    _generate(base_repo)
    target = (base_repo / "docs/targets/example-target.md").read_text()
    # the target's YAML names no trial, therapy or expert; all three link to it
    assert "trials" not in (base_repo / "data/targets/example-target.yaml").read_text()
    assert '<a href="../../trials/example-trial/">Example CAR-T phase 1 study</a>' in target
    assert '<a href="../../therapies/example-product/">Example CAR-T product</a>' in target
    assert '<a href="../../experts/example-expert/">Example Expert</a>' in target
    society = (base_repo / "docs/organizations/example-society.md").read_text()
    assert '<h3 id="part-of-this-organization">Part of this organization<a class="headerlink"' in society
    assert '<a href="../example-committee/">ESO Immunotherapy Committee</a>' in society
    expert = (base_repo / "docs/experts/example-expert.md").read_text()
    assert '<h2 id="conferences-and-talks">' in expert and "../../conferences/example-congress/" in expert
    assert "The expert sees three kinds of resistance." in expert  # viewpoint shown on the expert page


def test_collection_index_lists_every_record(base_repo: Path) -> None:
    _generate(base_repo)
    index = (base_repo / "docs/organizations/index.md").read_text()
    for record_id in ("example-media", "example-society", "example-committee", "example-hospital"):
        assert f'<a href="{record_id}/">' in index  # HTML, with the published address of the record page
    assert "4 records" in index and "\nbody: html\n" in index


def test_write_only_when_changed_and_remove_stale(base_repo: Path) -> None:
    first = _generate(base_repo).summary
    assert first.written and not first.removed
    second = _generate(base_repo).summary
    assert second.written == [] and second.removed == []
    (base_repo / "data/topics/example-topic.yaml").write_text(
        (base_repo / "data/topics/example-topic.yaml").read_text().replace("three kinds", "four kinds"))
    third = _generate(base_repo).summary
    assert Path("topics/example-topic.md") in third.written
    assert Path("experts/example-expert.md") in third.written  # the viewpoint is shown there too
    pages = [path for path in third.written if path.parts[0] != "api"]
    assert len(pages) <= 4
    exports = {Path("api/v1", name) for name in ("all.json", "topics.json", "topics.csv", "facts.csv", "relations.csv")}
    assert set(third.written) - set(pages) <= exports  # the data exports of the collection that changed
    # a removed record's page goes away; its backlinks go with it
    (base_repo / "data/topics/example-topic.yaml").unlink()
    text = (base_repo / "data/conferences/example-congress.yaml").read_text()
    (base_repo / "data/conferences/example-congress.yaml").write_text(text.replace("    topics: [example-topic]\n", ""))
    fourth = _generate(base_repo).summary
    assert Path("topics/example-topic.md") in fourth.removed
    assert not (base_repo / "docs/topics/example-topic.md").exists()


def test_hand_written_pages_are_never_touched(base_repo: Path) -> None:
    hand = base_repo / "docs/targets/notes.md"
    hand.parent.mkdir(parents=True)
    hand.write_text("# Curator notes\n")
    before = {p: p.read_bytes() for p in (base_repo / "docs").rglob("*.md") if "generated_by" not in p.read_text()}
    _generate(base_repo)
    _generate(base_repo)
    for path, content in before.items():
        assert path.read_bytes() == content


def test_invalid_data_writes_nothing(base_repo: Path) -> None:
    (base_repo / "data/targets/example-target.yaml").write_text("id: example-target\nname: [\n")
    generated, report = generate(base_repo)
    assert generated is None and report
    assert not (base_repo / "docs/targets").exists()


def test_text_from_yaml_cannot_form_markup(base_repo: Path) -> None:
    path = base_repo / "data/diseases/example-cancer.yaml"
    path.write_text(path.read_text().replace("name: Example carcinoma",
                                             'name: "Example *carcinoma* [x](https://evil.example) | a"'))
    _generate(base_repo)
    page = (base_repo / "docs/diseases/example-cancer.md").read_text()
    assert ">Example *carcinoma* [x](https://evil.example) | a<" in page  # HTML, which no Markdown reads again
    assert "\nbody: html\n" in page and "evil.example/" not in page and "<em>carcinoma" not in page
    index = (base_repo / "docs/diseases/index.md").read_text()  # HTML too: escaped, never read as Markdown
    assert '<td><a href="example-cancer/">Example *carcinoma* [x](https://evil.example) | a</a></td>' in index


@pytest.mark.parametrize(("hand_path", "unwritten"), [
    # a page this process plans; neither it nor the forked process (outputs, sources) writes anything
    ("targets/example-target.md", ["trials", "api", "sources"]),
    # an output, planned in the forked process (plan_share.py): its refusal stops this process's writes too
    ("api/v1/all.json", ["targets", "experts"]),
])
def test_hand_written_file_at_a_generated_path_is_refused_before_any_write(base_repo: Path, hand_path: str,
                                                                           unwritten: list[str]) -> None:
    from ioatlas.docs_sync import GenerationConflict

    hand = base_repo / "docs" / hand_path
    hand.parent.mkdir(parents=True)
    hand.write_text("hand-written\n")
    with pytest.raises(GenerationConflict, match=re.escape(hand.name)):
        generate(base_repo)
    assert hand.read_text() == "hand-written\n"
    assert [p.name for p in hand.parent.iterdir()] == [hand.name]
    assert [folder for folder in unwritten if (base_repo / "docs" / folder).exists()] == []


def test_field_reference_and_error_codes_are_generated_from_the_code(base_repo: Path) -> None:
    from ioatlas.checks import ALL_CODES as CODES

    _generate(base_repo)
    fields = (base_repo / "docs/schema/index.md").read_text()
    assert "| `affiliations` |" in fields and "id of a record in organizations" in fields
    assert (base_repo / "docs/schema/trials.schema.json").exists()
    codes = (base_repo / "docs/schema/error-codes.md").read_text()
    assert all(f"| {code} |" in codes for code in CODES)


def test_a_lost_manifest_adopts_identical_files_and_names_at_most_five_conflicts(base_repo: Path) -> None:
    from ioatlas.docs_sync import MANIFEST, GenerationConflict

    _generate(base_repo)
    (base_repo / "docs" / MANIFEST).unlink()
    assert _generate(base_repo).summary.written == []  # exports and schemas equal what would be written
    tables = sorted((base_repo / "docs/api/v1").glob("*.csv"))
    for path in tables:
        path.write_text(path.read_text() + "# edited by hand\n")
    copies = len(tables)
    (base_repo / "docs" / MANIFEST).unlink()
    with pytest.raises(GenerationConflict) as refused:
        generate(base_repo)
    message = str(refused.value)
    assert message.startswith(f"{copies} file(s) not written by ioatlas") and copies > 5
    assert f"and {copies - 5} more" in message and message.count(".csv") == 5
    assert all(p.read_text().endswith("# edited by hand\n") for p in tables)


def test_citation_block_uses_the_site_address_when_it_is_known(base_repo: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from ioatlas.config import ENV_SITE_URL

    _generate(base_repo)
    page = (base_repo / "docs/experts/example-expert.md").read_text()
    assert "“Example Expert.” Expert, data as of 2024-08-01. experts/example-expert/. Accessed" in page
    assert '<a href="../../corrections/">Report it</a>' in page and "it is not medical advice" in page
    monkeypatch.setenv(ENV_SITE_URL, "https://atlas.example.org/io")
    _generate(base_repo)
    page = (base_repo / "docs/experts/example-expert.md").read_text()
    assert "https://atlas.example.org/io/experts/example-expert/. Accessed" in page
    assert 'site_url: "https://atlas.example.org/io/"' in (base_repo / "mkdocs.site.yml").read_text()


def test_marks_sit_on_the_fact_they_support(base_repo: Path) -> None:
    """A record with two sources names the sources of each field (E059): each row cites those, never all."""
    expert = base_repo / "data/experts/example-expert.yaml"
    text = expert.read_text().replace("sources: [example-news]", "sources: [example-news, example-paper]\n"
                                      "field_sources: {targets: [example-paper], credentials: [example-news], "
                                      "aliases: [example-news]}")
    text = text.replace("    start: 2015\n", "    start: 2015\n    sources: [example-news]\n")
    expert.write_text(text.replace("    role: Chair\n", "    role: Chair\n    sources: [example-paper]\n"))
    _generate(base_repo)
    page = (base_repo / "docs/experts/example-expert.md").read_text()
    rows = [" ".join(row.split()) for row in re.findall(r"<tr>(.*?)</tr>", page, re.DOTALL)]

    def cell_and_sources(label: str) -> tuple[str, list[str]]:
        """In the row holding ``label``, the text of the cell with citation marks and the sources it cites."""
        row = next(row for row in rows if label in row)
        cited = next(cell for cell in re.findall(r"<td>(.*?)</td>", row) if "<sup" in cell)
        return cited.split(" <sup", 1)[0], re.findall(r'href="#fn:([a-z0-9-]+)"', cited)

    assert cell_and_sources("<td>Works on targets</td>") == (
        '<a href="../../targets/example-target/">EXT1</a>', ["example-paper"])
    assert cell_and_sources("<td>Credentials</td>") == ("Chief physician", ["example-news"])
    assert cell_and_sources("Director of oncology") == ("Director of oncology", ["example-news"])
    assert cell_and_sources("<td>Chair") == ("Chair", ["example-paper"])
    assert "from 2015" in page and "present" not in page  # no end given: none is claimed


def test_landscape_is_a_matrix_of_targets_by_modalities_with_phases(real_repo: Path) -> None:
    _generate(real_repo)
    page = (real_repo / "docs/landscape/index.md").read_text()
    header = next(line for line in page.splitlines() if line.startswith("| Target | "))
    columns = [c.strip() for c in header.strip("|").split("|")]
    assert columns[0] == "Target" and columns[-1] == "Notes"
    assert {"CAR-T cell therapy", "Immune checkpoint inhibitor"} <= set(columns)
    gpc3 = next(line for line in page.splitlines() if line.startswith("| [GPC3]"))
    cells = [c.strip() for c in gpc3.strip("|").split(" | ")]
    car_t = cells[columns.index("CAR-T cell therapy")]
    assert "[NCT02395250](../trials/nct02395250.md) (phase 1)" in car_t and "CAR-GPC3 T cells" in car_t
    assert cells[columns.index("Immune checkpoint inhibitor")] == ""
    pd1 = next(line for line in page.splitlines() if line.startswith("| [PD-1]"))
    assert "Pembrolizumab" in pd1.split(" | ")[columns.index("Immune checkpoint inhibitor")]
    # two phase 1 trials in the phase view, the count opening the trials index filtered to them
    assert "| [GPC3](../targets/gpc3.md) | [2](../trials/index.md?Target=GPC3&Phase=1) |" in page


def test_record_pages_have_a_breadcrumb_and_viewpoint_headings_are_distinct(real_repo: Path) -> None:
    _generate(real_repo)
    for page in sorted((real_repo / "docs").glob("*/*.md")):
        text = page.read_text()
        if not text.startswith("---\ngenerated_by: ioatlas") or page.name == "index.md" or page.parent.name in (
                "schema", "landscape", "contributing"):
            continue
        assert '<nav aria-label="Breadcrumb" class="ioa-breadcrumb">\n<p><a href="../../">Home</a> › <a href="../">' \
            in text, page
        headings = [line for line in text.splitlines() if line.startswith("### ")]
        viewpoints = "\n".join(text.split("## Viewpoints", 1)[1:]).split("\n## ", 1)[0]
        assert len(set(h for h in headings if h in viewpoints)) == len([h for h in headings if h in viewpoints]), page
    he_huang = (real_repo / "docs/experts/he-huang.md").read_text()
    assert "Hematology Academic Conference (3 of 3)" in he_huang


def test_timeline_lists_dated_events_oldest_first_each_linked_and_cited(real_repo: Path) -> None:
    from ioatlas.models.types import date_key

    generated = _generate(real_repo)
    page = (real_repo / "docs/timeline/index.md").read_text()
    assert "\nbody: html" in page.partition("\n---\n")[0]
    rows = re.findall(r"<tr>\n<td>(.*?)</td>\n<td>(.*?)</td>\n<td>(.*?)</td>\n</tr>", page)
    dates = [date for date, _, _ in rows]
    assert dates == sorted(dates, key=date_key) and len(rows) > 20
    kinds = {kind for _, kind, _ in rows}
    assert {"Approval", "Conference", "Trial start", "Publication", "Viewpoint", "Dated statement"} <= kinds
    first_approval = next(row for row in rows if row[1] == "Approval")
    assert first_approval[0] == "2005-11"  # the first approval
    assert first_approval[2].startswith('<a href="../therapies/h101/">H101</a> approved by ')
    for _, kind, event in rows:
        assert '<a href="../' in event, event  # links to its record
        if kind != "Publication":  # a publication row is the source record itself
            assert '<sup id="fnref' in event, event
    approvals = sum(len(t.approvals) for t in generated.graph.records("therapies"))  # type: ignore[attr-defined]
    assert sum(kind == "Approval" for _, kind, _ in rows) == approvals
    assert '<h2 data-search-exclude="" id="sources">Sources<a class="headerlink"' in page
    cited = list(dict.fromkeys(re.findall(r'<sup id="fnref\d*:([a-z0-9-]+)">', "\n".join(e for _, _, e in rows))))
    defined = re.findall(r'<li id="fn:([a-z0-9-]+)">', page)
    assert defined == cited  # numbered [1], [2], … from the top of the page


def test_record_pages_draw_their_neighbourhood_without_citations(real_repo: Path) -> None:
    from ioatlas.pages.neighbourhood import PER_SIDE

    generated = _generate(real_repo)
    graph = generated.graph
    he_huang = graph.get("experts", "he-huang")
    links, linked_from = graph.links_of(he_huang), graph.linked_from(he_huang)
    assert all(r.collection != "sources" or r.id not in he_huang.sources for r in links)
    page = (real_repo / "docs/experts/he-huang.md").read_text()
    figure = page.split('<figure class="ioa-hood-figure">', 1)[1].split("</figure>", 1)[0]
    hrefs = re.findall(r'<a class="ioa-hood-([a-z]+)" href="([^"]+)"', figure)
    assert len(hrefs) == min(len(links), PER_SIDE) + min(len(linked_from), PER_SIDE)
    assert ("trials", "../../trials/cd7-car-t-haplo-hsct-zju/") in hrefs
    assert f"+ {len(links) - PER_SIDE} more" in figure and len(links) > PER_SIDE
    assert f'aria-label="He Huang links to {len(links)} records and is linked from {len(linked_from)}"' in figure
    source_page = (real_repo / "docs/sources/zju-2019-huang-he-profile.md").read_text()
    assert '<figure class="ioa-hood-figure">' not in source_page


def test_front_matter_keeps_characters_beyond_the_basic_plane(base_repo: Path) -> None:
    """JSON escapes 🧬 as a surrogate pair, which PyYAML cannot join; MkDocs would then drop the whole front
    matter (title, search terms, structured data) without a word."""
    import yaml

    target = base_repo / "data/targets/example-target.yaml"
    target.write_text(target.read_text().replace("name: EXT1\n", "name: EXT1 🧬\n"))
    _generate(base_repo)
    page = (base_repo / "docs/targets/example-target.md").read_text()
    meta = yaml.safe_load(page.split("---\n", 2)[1])
    assert meta["title"] == "EXT1 🧬" and meta["description"] == "Target: EXT1 🧬"


def test_a_topic_page_gathers_the_trials_of_its_therapies_and_their_kinds(real_repo: Path) -> None:
    generated = _generate(real_repo)
    graph = generated.graph
    page = (real_repo / "docs/topics/car-t-for-liver-cancer.md").read_text()
    listed = re.findall(r'<li><a href="../../trials/([a-z0-9-]+)/">', page.split('id="trials-of-these-therapies"')[1])
    topic = graph.get("topics", "car-t-for-liver-cancer")
    expected = {t.id for t in graph.records("trials") if set(t.interventions) & set(topic.therapies)}
    assert "nct02395250" in listed and expected <= set(listed)
    broad = (real_repo / "docs/topics/immune-checkpoints-and-t-cell-function.md").read_text()
    assert '../../trials/orient-1/' in broad  # sintilimab's trial, under the anti-PD-1 antibodies of the topic


def test_the_trials_index_charts_count_every_trial_once(real_repo: Path) -> None:
    generated = _generate(real_repo)
    trials = generated.graph.records("trials")
    page = (real_repo / "docs/trials/index.md").read_text()
    charts = re.findall(r'<figure class="ioa-chart">(.*?)</figure>', page, re.DOTALL)
    assert len(charts) == 2 and all('role="img"' in chart and "<title" in chart for chart in charts)
    for chart in charts:  # the numbers beside each chart: every trial counted once, "Not given" included
        counts = re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>", chart)
        assert sum(int(n) for _, n in counts) == len(trials), counts
    phases = dict(re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>", charts[0]))
    assert int(phases.get("1", 0)) == sum(t.phase == "1" for t in trials)


def test_the_neighbourhood_labels_fit_their_boxes_and_more_leads_to_the_list(real_repo: Path) -> None:
    from ioatlas.pages.neighbourhood import BOX_W, CENTRE_W, PADDING, _advance, fits

    assert fits("He Huang", CENTRE_W) == "He Huang"
    long = "Bone Marrow Transplant Center, First Affiliated Hospital of Zhejiang University School of Medicine"
    cut = fits(long, BOX_W)
    assert cut.endswith("…") and long.startswith(cut[:-1]) and sum(map(_advance, cut)) <= BOX_W - 2 * PADDING
    assert sum(map(_advance, fits("浙江大学医学院附属第一医院骨髓移植中心主任", CENTRE_W))) <= CENTRE_W - 2 * PADDING
    _generate(real_repo)
    page = (real_repo / "docs/diseases/non-small-cell-lung-cancer.md").read_text()
    assert '<a class="ioa-hood-more" href="#linked-from">' in page and 'id="linked-from"' in page
    assert 'class="ioa-hood-legend"' in page and 'ioa-hood-key ioa-hood-therapies' in page


def test_a_run_of_empty_years_is_one_bar_and_nothing_is_lost() -> None:
    from ioatlas.pages.charts import gaps_closed

    years = [("2005", 1), ("2006", 0), ("2007", 0), ("2008", 0), ("2009", 2), ("2010", 0), ("2011", 3)]
    assert gaps_closed(years) == [("2005", 1), ("2006–08", 0), ("2009", 2), ("2010", 0), ("2011", 3)]
    assert gaps_closed([("2020", 0), ("2021", 0), ("2022", 0)]) == [("2020–22", 0)]
    assert sum(n for _, n in gaps_closed(years)) == sum(n for _, n in years)
