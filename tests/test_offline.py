"""The offline copy (`ioatlas offline`, issue #15): one zip of the whole atlas that opens from disk.

A copy of the real repository is zipped once; the zip is unpacked and opened as file:// in Debian's
chromium, where a reader follows links to an expert and a trial and searches by a target's name and by a
Chinese name. Any request that is not file:, any console error and any Content-Security-Policy violation
fails. A second build of the same data must give the same bytes. The zip writer and the link rewriting are
also checked on their own, quickly.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import pytest
import yaml

from conftest import ROOT, copy_site_config
from ioatlas.engine.csp import SOURCES
from ioatlas.offline import DIST, SHIM, Offline, build_offline, lunr_files, rewrite_pages, zip_name
from ioatlas.outputs.data_page import offline_download
from ioatlas.reproducible_zip import write_zip

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
# an element that makes the browser load something from a host as the page opens (unpkg.com's shim, fonts …)
_FROM_A_HOST = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\s(?:src|href)="(?:[A-Za-z][A-Za-z0-9+.-]*:)?//',
                          re.IGNORECASE)
# collects every policy violation of a page and of its frames (the search worker's iframe among them)
_WATCH_POLICY = ("window.__violations = [];"
                 "document.addEventListener('securitypolicyviolation',"
                 " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI))")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Offline]:
    repo = tmp_path_factory.mktemp("offline") / "repo"
    repo.mkdir()
    shutil.copytree(ROOT / "data", repo / "data")
    copy_site_config(repo)
    offline, report = build_offline(repo)
    assert offline is not None, report.format()
    return repo, offline


@pytest.fixture(scope="module")
def unpacked(built: tuple[Path, Offline], tmp_path_factory: pytest.TempPathFactory) -> Path:
    _, offline = built
    folder = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(offline.path) as archive:
        archive.extractall(folder)
    return folder / offline.path.stem


@pytest.mark.slow
def test_the_zip_is_named_after_the_data_and_holds_every_page_and_export(
        built: tuple[Path, Offline], unpacked: Path) -> None:
    repo, offline = built
    dataset = offline.generated.dataset
    assert offline.path.name == f"ioatlas-offline-{dataset.data_date()}.zip" == zip_name(dataset)
    assert offline.path.parent == repo / "dist"
    assert offline.size == offline.path.stat().st_size and offline.size < 5_000_000
    for collection, records in dataset.records.items():
        assert (unpacked / collection / "index.html").is_file()
        for record_id in records:
            assert (unpacked / collection / record_id / "index.html").is_file(), (collection, record_id)
            assert (unpacked / "records" / collection / f"{record_id}.yaml").is_file()
    for path in ("index.html", "landscape/index.html", "timeline/index.html", "data/index.html", "feed.xml",
                 "conferences.ics", "api/v1/all.json", "api/v1/experts.csv", "search/search_index.js",
                 SHIM.as_posix(), SHIM.with_name("iframe-worker-runtime.js").as_posix()):
        assert (unpacked / path).is_file(), path
    left_out = ["search/search_index.json", "search/records.json", "sitemap.xml", "404.html",
                *map(str, unpacked.rglob("*.map"))]
    assert not any((unpacked / path).exists() for path in left_out)
    for page in unpacked.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert f"script-src {SOURCES['file']} " in text, page  # the file:// variant of the policy
        assert not _FROM_A_HOST.search(text) and 'rel="alternate"' not in text, page


@pytest.mark.slow
def test_every_link_of_every_page_leads_to_a_file_of_the_copy(unpacked: Path) -> None:
    """From file:// a link to a folder shows a file listing and a link from the root leads off the copy."""
    broken = []
    for page in sorted(unpacked.rglob("*.html")):
        here = page.parent.relative_to(unpacked).as_posix()
        for value in _LINK.findall(page.read_text(encoding="utf-8")):
            if not value or value.startswith("#") or _SCHEME.match(value):
                continue
            path = re.split(r"[?#]", value, maxsplit=1)[0]
            target = posixpath.normpath(posixpath.join(here, unquote(path.replace("&amp;", "&"))))
            if value.startswith("/") or target.startswith("..") or not (unpacked / target).is_file():
                broken.append((page.relative_to(unpacked).as_posix(), value))
    assert broken == []


@pytest.mark.slow
def test_two_builds_of_the_same_data_give_the_same_bytes(built: tuple[Path, Offline], tmp_path: Path) -> None:
    repo, first = built
    second, report = build_offline(repo, tmp_path / "dist")
    assert second is not None, report.format()
    assert second.path.name == first.path.name
    assert second.path.read_bytes() == first.path.read_bytes()


# ---------------------------------------------------------------- in a browser, from file://

@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A tab that records every request that is not file:, every console error and every uncaught error."""
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script(_WATCH_POLICY)
    tab = context.new_page()
    tab.problems = []  # type: ignore[attr-defined]
    tab.on("request", lambda request: request.url.startswith("file:")
           or tab.problems.append(f"request: {request.url}"))  # type: ignore[attr-defined]
    tab.on("console", lambda message: message.type == "error"
           and tab.problems.append(f"console: {message.text}"))  # type: ignore[attr-defined]
    tab.on("pageerror", lambda error: tab.problems.append(f"error: {error}"))  # type: ignore[attr-defined]
    yield tab
    context.close()


def _problems(page: object) -> list[str]:
    """What went wrong so far: requests, console errors, uncaught errors, and the policy violations of the
    page now open (read once per page, before leaving it: each page starts its own list)."""
    violations = page.evaluate("window.__violations")  # type: ignore[attr-defined]
    page.problems.extend(f"policy: {v}" for v in violations)  # type: ignore[attr-defined]
    return page.problems  # type: ignore[attr-defined]


def _open(page: object, unpacked: Path, path: str = "index.html") -> None:
    page.goto((unpacked / path).as_uri())  # type: ignore[attr-defined]


def _search(page: object, query: str) -> list[str]:
    page.locator(".md-search__input").first.click()  # type: ignore[attr-defined]
    # the search worker says so once its index is loaded (here inside the shim's iframe); typing earlier is lost
    page.wait_for_selector(".md-search-result__meta:has-text('Type to start searching')",  # type: ignore[attr-defined]
                           timeout=15000)
    page.fill(".md-search__input", query)  # type: ignore[attr-defined]
    page.keyboard.press("End")  # type: ignore[attr-defined]  # Material searches on key events, not on fill()
    page.wait_for_selector(".md-search-result__item", timeout=15000)  # type: ignore[attr-defined]
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".md-search-result__item > a", "links => links.map(a => a.href)")


@pytest.mark.browser
@pytest.mark.slow
def test_a_reader_follows_links_from_the_home_page_to_an_expert_and_a_trial(page: object, unpacked: Path) -> None:
    _open(page, unpacked)
    page.click("article a[href='experts/index.html']")  # type: ignore[attr-defined]
    page.click("article a[href='he-huang/index.html']")  # type: ignore[attr-defined]
    assert page.url == (unpacked / "experts/he-huang/index.html").as_uri()  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text().startswith("He Huang")  # type: ignore[attr-defined]
    _problems(page)
    trial = page.locator("article a[href*='/trials/']:not([href$='/trials/index.html'])").first  # type: ignore[attr-defined]
    href = trial.get_attribute("href")
    trial.click()
    target = posixpath.normpath(posixpath.join("experts/he-huang", href))
    assert re.fullmatch(r"trials/[a-z0-9-]+/index\.html", target), href
    page.wait_for_url((unpacked / target).as_uri())  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text()  # type: ignore[attr-defined]
    assert _problems(page) == []


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize(("query", "first"), [("GPC3", "targets/gpc3/index.html"),
                                              ("黄河", "experts/he-huang/index.html")])
def test_search_works_from_disk(page: object, unpacked: Path, query: str, first: str) -> None:
    _open(page, unpacked)
    found = _search(page, query)
    assert found and found[0].split("?")[0] == (unpacked / first).as_uri(), found[:5]
    _problems(page)
    page.click(".md-search-result__item > a >> nth=0")  # type: ignore[attr-defined]
    page.wait_for_url((unpacked / first).as_uri() + "?*")  # type: ignore[attr-defined]  # ?h=<query>: highlight
    assert _problems(page) == []


@pytest.mark.browser
@pytest.mark.slow
def test_every_index_and_view_opens_from_disk_without_a_problem(
        page: object, unpacked: Path, built: tuple[Path, Offline]) -> None:
    _, offline = built
    views = ["index.html", "data/index.html", "landscape/index.html", "timeline/index.html",
             *(f"{collection}/index.html" for collection in offline.generated.dataset.records)]
    problems = []
    for path in views:
        _open(page, unpacked, path)
        assert page.locator("h1").count() == 1, path  # type: ignore[attr-defined]
        problems += [f"{path}: {problem}" for problem in _problems(page)]
        page.problems.clear()  # type: ignore[attr-defined]
    assert problems == []


# ---------------------------------------------------------------- the parts, quickly

def test_the_zip_writer_gives_the_same_bytes_for_the_same_files_whatever_their_times_and_modes(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, names in ((first, ["b/c.txt", "a.txt", "é.txt"]), (second, ["é.txt", "a.txt", "b/c.txt"])):
        for name in names:  # the same files, written in another order
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(f"content of {name}\n" * 50, encoding="utf-8")
    os.utime(second / "a.txt", (0, 1_000_000_000))
    (second / "b" / "c.txt").chmod(0o600)
    when = (2026, 11, 23, 0, 0, 0)
    write_zip(first, tmp_path / "first.zip", PurePosixPath("top"), when)
    write_zip(second, tmp_path / "second.zip", PurePosixPath("top"), when)
    assert (tmp_path / "first.zip").read_bytes() == (tmp_path / "second.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "first.zip") as archive:
        entries = archive.infolist()
    assert [e.filename for e in entries] == ["top/a.txt", "top/b/c.txt", "top/é.txt"]
    assert {(e.date_time, e.external_attr >> 16, e.compress_type) for e in entries} == {
        (when, 0o100644, zipfile.ZIP_DEFLATED)}
    assert not list(tmp_path.glob(".*.partial"))


def test_links_to_folders_get_their_index_page(tmp_path: Path) -> None:
    for folder in ("", "experts/he-huang", "trials"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "index.html").write_text("<html></html>")
    (tmp_path / "feed.xml").write_text("")
    page = tmp_path / "experts/he-huang/index.html"
    links = ['<a href="../../trials/">', '<a href="../..">', '<a href="../../trials/?phase=1#x">',
             '<a href="#top">', '<a href="https://example.org/">', '<a href="../../feed.xml">',
             '<a href="../../missing/">', '<a href="/trials/">']
    page.write_text('<head><link rel="alternate" type="application/atom+xml" href="../../feed.xml"></head>'
                    + "".join(links))
    assert rewrite_pages(tmp_path) == 1
    assert page.read_text() == "<head></head>" + "".join([
        '<a href="../../trials/index.html">', '<a href="../../index.html">',
        '<a href="../../trials/index.html?phase=1#x">', *links[3:]])


def test_the_lunr_files_kept_are_those_material_loads_for_the_site_languages() -> None:
    assert lunr_files(["en", "zh"]) == {"min/lunr.stemmer.support.min.js", "min/lunr.zh.min.js",
                                        "min/lunr.multi.min.js"}
    assert lunr_files(["en"]) == {"min/lunr.stemmer.support.min.js"}


def test_a_version_tag_attaches_the_zip_that_make_offline_builds_to_its_release() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text(encoding="utf-8"))
    assert workflow.pop(True) == {"push": {"tags": ["v*"]}}  # YAML 1.1 reads a bare `on` as true
    build, release = workflow["jobs"]["offline"], workflow["jobs"]["release"]
    assert "bookworm" in build["container"] and build["permissions"] == {"contents": "read"}
    assert [step["run"] for step in build["steps"] if "run" in step] == ["make offline"]
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == f"{DIST}/ioatlas-offline-*.zip"
    assert release["needs"] == "offline" and release["permissions"] == {"contents": "write"}
    assert "container" not in release  # `gh` is in GitHub's runner image, not in python:3.11-bookworm
    assert "gh release" in "".join(step.get("run", "") for step in release["steps"])
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "ioatlas offline" in makefile.split("\noffline:", 1)[1].split("\n\n", 1)[0]


@pytest.mark.parametrize(("repo_url", "download"), [
    ("", ""),
    ("https://github.com/example/ioatlas/", "https://github.com/example/ioatlas/releases/latest/download/ioatlas-offline.zip"),
    ("https://gitlab.com/example/ioatlas", "")])  # a download is linked only where the release workflow makes one
def test_the_data_page_links_the_offline_download_only_when_the_repository_is_known(
        tmp_path: Path, repo_url: str, download: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IOATLAS_REPO_URL", raising=False)
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\nrepo_url: '{repo_url}'\n", encoding="utf-8")
    assert offline_download(tmp_path) == download
