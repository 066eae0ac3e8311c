"""``ioatlas offline``: the whole atlas as one zip that a reader unpacks and opens from disk (file://),
search included, asking no host for anything: ``dist/ioatlas-offline-<data date>.zip``.

It is the published site built a second time, from the same generated docs/ and mkdocs.site.yml, with
``mkdocs.offline.yml`` (generated: it inherits mkdocs.site.yml and adds the Worker shim below), then made
to work without a web server:

- Links to a folder get its ``index.html``. A server answers ``experts/he-huang/`` with that folder's
  index.html; a browser on file:// shows a file listing. Material's offline plugin turns
  ``use_directory_urls`` off instead, which moves every page (``experts/he-huang.html``) while the links
  MkDocs does not rewrite still point at folders: the neighbourhood diagrams' inline SVG and the addresses
  in the data exports. Keeping the site's layout and rewriting links keeps all of them right, so the plugin
  is not used; its other two jobs are done here.
- Search: a file:// page cannot fetch() the index, so Material reads ``search/search_index.js`` (the index
  as a script, its page addresses rewritten like the links) instead of the JSON, and runs the worker through
  a shim, ``assets/javascripts/iframe-worker.js`` (from this package's assets/, whose header says why not
  the plugin's, from unpkg.com). The records' own entries (search/records.json, which the worker fetches on a
  served site) are merged into that index.
- The rows of a table split into pages (``rows.json``, which the filters script fetches on a served site)
  become a script, ``rows.js``, that the script loads instead from file://.
- The feed's ``<link rel="alternate">`` goes: Material reads it as a translation and asks for a sitemap.xml,
  which a file:// page may not read (a console error on every page). feed.xml itself stays.
- Every page gets the ``file`` variant of the Content-Security-Policy (engine/csp.py).
- What a reader on disk cannot use is left out: source maps of Material's scripts, the sitemaps, the 404
  page, the JSON index (the script replaces it; an offline copy served over http has no search), and the
  lunr language files the search configuration does not load.

The data exports (api/v1, CSV, the feed, the calendar) and the records' YAML ride along, as on the site.
The zip is named and dated after the data (``Dataset.data_date``), never the clock, and written by
reproducible_zip.py: the same data give the same bytes.
"""

from __future__ import annotations

import json
import posixpath
import re
import tempfile
from dataclasses import dataclass
from functools import partial
from html import unescape
from importlib import resources
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from .dataset import Dataset
from .docs_sync import write_if_changed
from .engine.csp import apply_policy
from .engine.site import BuildError, mkdocs_build, polyfilled_config, source_date_epoch
from .models.types import date_key
from .outputs.search_records import RECORDS_INDEX
from .outputs.table_rows import ROWS_FILE
from .pipeline import Generated, generate
from .problems import Report
from .reproducible_zip import entry_time, write_zip

OFFLINE_CONFIG = "mkdocs.offline.yml"
DIST = "dist"
SHIM = PurePosixPath("assets/javascripts/iframe-worker.js")  # its runtime goes beside it
SHIM_FILES = ("iframe-worker.js", "iframe-worker-runtime.js")  # in the package's assets/
SEARCH_INDEX = PurePosixPath("search/search_index.json")
LUNR = PurePosixPath("assets/javascripts/lunr")
# left out: source maps, the sitemaps (for search engines) and the 404 page (a server's answer to a missing
# address, written with addresses from the server's root, which a folder on disk does not have)
UNUSED = ("**/*.map", "sitemap.xml", "sitemap.xml.gz", "404.html")

_HREF = re.compile(r'(?<=\shref=")[^"]*(?=")')
_ALTERNATE = re.compile(r'\s*<link rel="alternate"[^>]*>')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass
class Offline:
    """What ``ioatlas offline`` made: the zip, its size in bytes and how many files it holds."""

    generated: Generated
    path: Path
    size: int
    files: int


def offline_config() -> str:
    """The text of mkdocs.offline.yml: the site's configuration plus the Worker shim as a polyfill."""
    return polyfilled_config(OFFLINE_CONFIG, SHIM.as_posix())


def zip_name(dataset: Dataset) -> str:
    return f"ioatlas-offline-{dataset.data_date() or 'undated'}.zip"


def _folder_link(href: re.Match[str], page_dir: str, folders: set[str]) -> str:
    """An href of a page in ``page_dir``, with ``index.html`` added when it names a folder that has one."""
    value = href.group(0)
    if not value or value.startswith(("#", "/", "?")) or _SCHEME.match(value):
        return value
    cut = min((i for i in (value.find("?"), value.find("#")) if i >= 0), default=len(value))
    path, rest = value[:cut], value[cut:]
    target = posixpath.normpath(posixpath.join(page_dir, unquote(unescape(path))))
    if target not in folders:
        return value
    return path + ("" if path.endswith("/") else "/") + "index.html" + rest


def rewrite_pages(site_dir: Path) -> int:
    """Point every relative link to a folder of the site at that folder's index.html, and remove the
    ``<link rel="alternate">`` of the feed; returns how many pages changed."""
    folders = {page.parent.relative_to(site_dir).as_posix() for page in site_dir.rglob("index.html")}
    changed = 0
    for page in sorted(site_dir.rglob("*.html")):
        page_dir = page.parent.relative_to(site_dir).as_posix()
        before = page.read_text(encoding="utf-8")
        after = _HREF.sub(partial(_folder_link, page_dir=page_dir, folders=folders), _ALTERNATE.sub("", before))
        if after != before:
            page.write_text(after, encoding="utf-8")
            changed += 1
    return changed


def _page_file(location: str) -> str:
    path, mark, anchor = location.partition("#")
    return (path + "index.html" if path == "" or path.endswith("/") else path) + mark + anchor


def search_index_script(site_dir: Path) -> dict:
    """Replace the search index by the script Material loads from file://; returns the search configuration."""
    index = json.loads((site_dir / SEARCH_INDEX).read_text(encoding="utf-8"))
    records = site_dir / RECORDS_INDEX  # the worker fetches it on a served site; from file:// it cannot
    if records.exists():
        index["docs"] += json.loads(records.read_text(encoding="utf-8"))["docs"]
        index["config"]["ioatlas_records"] = "merged"
        records.unlink()
    for doc in index["docs"]:
        doc["location"] = _page_file(doc["location"])
    text = "var __index = " + json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (site_dir / SEARCH_INDEX).with_suffix(".js").write_text(text, encoding="utf-8")
    (site_dir / SEARCH_INDEX).unlink()
    return index["config"]


def rows_scripts(site_dir: Path) -> None:
    """Replace the rows file of each split table by the script the filters script loads from file://."""
    for path in sorted(site_dir.glob(f"*/{ROWS_FILE}")):
        text = "window.__ioaRows = " + path.read_text(encoding="utf-8") + ";\n"
        path.with_suffix(".js").write_text(text, encoding="utf-8")
        path.unlink()


def lunr_files(languages: list[str]) -> set[str]:
    """The lunr files (relative to assets/javascripts/lunr) Material's search worker loads for ``languages``."""
    files = {"min/lunr.stemmer.support.min.js"} | {f"min/lunr.{lang}.min.js" for lang in languages if lang != "en"}
    if len(languages) > 1:
        files.add("min/lunr.multi.min.js")
    if "ja" in languages:
        files.add("tinyseg.js")
    if {"hi", "th"} & set(languages):
        files.add("wordcut.js")
    return files


def leave_out_unused(site_dir: Path, languages: list[str]) -> None:
    for pattern in UNUSED:
        for path in site_dir.glob(pattern):
            path.unlink()
    keep = lunr_files(languages)
    missing = sorted(name for name in keep if not (site_dir / LUNR / name).is_file())
    if missing:  # Material moved its lunr files: searching the copy would fail in the reader's browser
        raise BuildError(f"Material's search worker needs {missing} in {LUNR}, which the build did not write")
    for path in (site_dir / LUNR).rglob("*"):
        if path.is_file() and path.relative_to(site_dir / LUNR).as_posix() not in keep:
            path.unlink()


def add_shim(site_dir: Path) -> None:
    assets = resources.files("ioatlas").joinpath("assets")
    for name in SHIM_FILES:
        (site_dir / SHIM.parent / name).write_bytes(assets.joinpath(name).read_bytes())


def make_offline(site_dir: Path) -> None:
    """Turn a site built with mkdocs.offline.yml into the offline copy, in place."""
    config = search_index_script(site_dir)
    rows_scripts(site_dir)
    leave_out_unused(site_dir, list(config["lang"]))
    rewrite_pages(site_dir)
    add_shim(site_dir)
    apply_policy(site_dir, "file")


def build_offline(root: Path, dist: Path | None = None) -> tuple[Offline | None, Report]:
    """Generate docs/ from the records, build the offline copy in a temporary folder and zip it into dist/."""
    generated, report = generate(root)
    if generated is None:
        return None, report
    write_if_changed(root / OFFLINE_CONFIG, offline_config().encode())
    dataset = generated.dataset
    with generated.atlas.timed("offline"), tempfile.TemporaryDirectory(prefix="ioatlas-offline-") as staging:
        site_dir = Path(staging) / "site"
        mkdocs_build(root, site_dir, source_date_epoch(dataset), config=OFFLINE_CONFIG)
        make_offline(site_dir)
        path = (dist or root / DIST) / zip_name(dataset)
        data_date = dataset.data_date()
        year, month, day = date_key(data_date) if data_date else (1980, 1, 1)
        files = write_zip(site_dir, path, PurePosixPath(path.stem), entry_time(year, month or 1, day or 1))
    return Offline(generated, path, path.stat().st_size, files), report
