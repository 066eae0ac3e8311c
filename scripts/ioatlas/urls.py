"""Where every generated file lives and what address it is published at: the one page-address scheme.

Paths are docs-relative (``experts/he-huang.md``); MkDocs publishes ``x/y.md`` at ``x/y/index.html``
(``use_directory_urls``) and any other file under its own name. Links between pages are relative
Markdown links, which MkDocs checks and rewrites. Every stage that names a page asks this module.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import PurePosixPath

RECORD_COPIES = "records"  # docs/records/<collection>/<id>.yaml: the YAML published beside the pages
SCHEMA_DIR = "schema"  # field reference, error codes and JSON Schemas, generated from the models
LANDSCAPE_DIR = "landscape"
TIMELINE_DIR = "timeline"
API_DIR = "api/v1"  # the data exports: JSON with a JSON Schema beside each file, and CSV (outputs/)
FEED = PurePosixPath("feed.xml")  # Atom feed of added and re-reviewed records
CALENDAR = PurePosixPath("conferences.ics")  # iCalendar file of the conferences
DATA_PAGE = PurePosixPath("data.md")  # the Data and API page, which documents the exports
_RECORD_HTML = re.compile(r"([a-z]+)/([a-z0-9-]+)/index\.html")


def record_page(collection: str, record_id: str) -> PurePosixPath:
    return PurePosixPath(collection, f"{record_id}.md")


def index_page(collection: str) -> PurePosixPath:
    return PurePosixPath(collection, "index.md")


def record_copy(collection: str, record_id: str) -> PurePosixPath:
    """Where the record's YAML file is published, so a reader can download exactly what the page shows."""
    return PurePosixPath(RECORD_COPIES, collection, f"{record_id}.yaml")


def href(from_page: PurePosixPath, to: PurePosixPath) -> str:
    """A relative link from one generated file to another, as written in the Markdown of ``from_page``."""
    return posixpath.relpath(to.as_posix(), from_page.parent.as_posix() or ".")


def site_path(docs_rel: PurePosixPath | str) -> str:
    """Site-relative path of the file MkDocs writes for a docs-relative path (use_directory_urls)."""
    docs_rel = PurePosixPath(docs_rel)
    if docs_rel.suffix != ".md":
        return docs_rel.as_posix()
    if docs_rel.name in ("index.md", "README.md"):
        return (docs_rel.parent / "index.html").as_posix().removeprefix("./")
    return (docs_rel.with_suffix("") / "index.html").as_posix()


def page_address(docs_rel: PurePosixPath | str) -> str:
    """The address of a page relative to the site's root, as a reader's browser shows it: 'experts/he-huang/'."""
    return site_path(docs_rel).removesuffix("index.html")


def published_url(to: PurePosixPath | str, from_file: PurePosixPath | str, site_url: str) -> str:
    """The address of generated file ``to`` as written inside another published file ``from_file`` (a JSON or CSV
    export, the feed, a page's structured data), where MkDocs rewrites no links: absolute under ``site_url`` when
    the site's address is known, else relative to where ``from_file`` is published. Pages end in '/'."""
    target = page_address(to)
    if site_url:
        return site_url + target
    base = [part for part in posixpath.dirname(site_path(from_file)).split("/") if part]
    parts = [part for part in target.split("/") if part]
    common = 0  # (posixpath.relpath asks the file system for the working folder: slow, called per reference)
    while common < min(len(base), len(parts)) and base[common] == parts[common]:
        common += 1
    relative = "/".join([".."] * (len(base) - common) + parts[common:]) or "."
    return relative + "/" if not target or target.endswith("/") else relative


def record_of_site_path(path: str) -> tuple[str, str] | None:
    """(collection, id) when a site-relative path has the shape of a record page, else None."""
    match = _RECORD_HTML.fullmatch(path)
    return (match.group(1), match.group(2)) if match else None
