"""Where every generated file lives and what address it is published at: the one page-address scheme.

Paths are docs-relative (``experts/he-huang.md``); MkDocs publishes ``x/y.md`` at ``x/y/index.html``
(``use_directory_urls``) and any other file under its own name. Links between pages are relative
Markdown links, which MkDocs checks and rewrites. Every stage that names a page asks this module.
"""

from __future__ import annotations

import functools
import posixpath
import re
from pathlib import PurePosixPath

RECORD_COPIES = "records"  # records/<collection>/<id>.yaml: the YAML published beside the pages (engine/)
SCHEMA_DIR = "schema"  # field reference, error codes and JSON Schemas, generated from the models
LANDSCAPE_DIR = "landscape"
TIMELINE_DIR = "timeline"
API_DIR = "api/v1"  # the data exports: JSON with a JSON Schema beside each file, and CSV (outputs/)
FEED = PurePosixPath("feed.xml")  # Atom feed of added and changed records
CALENDAR = PurePosixPath("conferences.ics")  # iCalendar file of the conferences
DATA_PAGE = PurePosixPath("data.md")  # the Data and API page, which documents the exports
_RECORD_HTML = re.compile(r"([a-z]+)/([a-z0-9-]+)/index\.html")


@functools.cache  # asked for every link to a record; a path is immutable, so one object serves every ask
def record_page(collection: str, record_id: str) -> PurePosixPath:
    return PurePosixPath(collection, f"{record_id}.md")


def json_path(name: str) -> PurePosixPath:
    """A collection's (or ``all``'s) JSON file of the data exports."""
    return PurePosixPath(API_DIR, f"{name}.json")


def csv_path(name: str) -> PurePosixPath:
    """A collection's (or a table's) CSV file of the data exports."""
    return PurePosixPath(API_DIR, f"{name}.csv")


def index_page(collection: str) -> PurePosixPath:
    return PurePosixPath(collection, "index.md")


def record_copy(collection: str, record_id: str) -> PurePosixPath:
    """Where the record's YAML file is published, so a reader can download exactly what the page shows."""
    return PurePosixPath(RECORD_COPIES, collection, f"{record_id}.yaml")


def _relative(folder: str, target: str) -> str:
    """``target`` relative to ``folder``, both site- or docs-relative and normalised ('' is the root folder).
    (posixpath.relpath asks the file system for the working folder: slow, and called for every link.)"""
    base = folder.split("/") if folder else []
    parts = target.split("/") if target else []
    common = 0
    while common < min(len(base), len(parts)) and base[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


def href(from_page: PurePosixPath, to: PurePosixPath) -> str:
    """A relative link from one generated file to another, as written in the Markdown of ``from_page``."""
    folder = posixpath.dirname(from_page.as_posix())
    return _relative("" if folder == "." else folder, to.as_posix())


def site_path(docs_rel: PurePosixPath | str) -> str:
    """Site-relative path of the file MkDocs writes for a docs-relative path (use_directory_urls)."""
    text = docs_rel.as_posix() if isinstance(docs_rel, PurePosixPath) else PurePosixPath(docs_rel).as_posix()
    if not text.endswith(".md") or text.rpartition("/")[2] == ".md":
        return text
    folder, _, name = text.rpartition("/")
    if name in ("index.md", "README.md"):
        return f"{folder}/index.html" if folder else "index.html"
    return text.removesuffix(".md") + "/index.html"


@functools.cache
def page_address(docs_rel: PurePosixPath | str) -> str:
    """The address of a page relative to the site's root, as a reader's browser shows it: 'experts/he-huang/'."""
    return site_path(docs_rel).removesuffix("index.html")


@functools.cache  # asked for every link a page or an export writes: one entry for each file that links
def _published_folder(docs_rel: PurePosixPath | str) -> str:
    return posixpath.dirname(site_path(docs_rel))


def published_url(to: PurePosixPath | str, from_file: PurePosixPath | str, site_url: str) -> str:
    """The address of generated file ``to`` as written inside another published file ``from_file`` (a JSON or CSV
    export, the feed, a page's structured data), where MkDocs rewrites no links: absolute under ``site_url`` when
    the site's address is known, else relative to where ``from_file`` is published. Pages end in '/'."""
    target = page_address(to)
    if site_url:
        return site_url + target
    relative = _relative(_published_folder(from_file), target.removesuffix("/"))
    return relative + "/" if not target or target.endswith("/") else relative


def page_href(from_page: PurePosixPath, to: PurePosixPath | str) -> str:
    """A link from one generated page to another file as written in raw HTML, which MkDocs does not rewrite: the
    published address relative to ``from_page``'s own ('../../targets/gpc3/', '../')."""
    return published_url(to, from_page, "")


def record_of_site_path(path: str) -> tuple[str, str] | None:
    """(collection, id) when a site-relative path has the shape of a record page, else None."""
    match = _RECORD_HTML.fullmatch(path)
    return (match.group(1), match.group(2)) if match else None
