"""The Data and API page (data.md): what each exported file holds, its columns, its licence, and examples.

It is generated, not hand-written, because what it lists comes from the exports themselves: the files
and their sizes in records, each CSV column with its description taken from the model field it is made
from (``tables.columns``), and the schema.org type of each collection's pages. So the page cannot drift
from the files. Its prose is the template ``templates/data.md.j2``; its examples are run by
tests/test_data_out.py against a built site, exactly as the page prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from markupsafe import Markup

from ..config import repo_url, site_url
from ..graph import Graph
from ..models import COLLECTIONS
from ..pages.environment import MARKER, make_environment
from ..pages.jsonld import schema_type
from ..urls import CALENDAR, DATA_PAGE, FEED, href
from . import api, ical, tables
from .exported import LICENCE, SCHEMA_VERSION
from .feed import ENTRIES

OFFLINE_ASSET = "ioatlas-offline.zip"  # the name every release also gives its offline copy (release.yml)
LOCAL_SERVER = "http://127.0.0.1:8000/"  # where `make serve` shows the site when its address is not configured


@dataclass(frozen=True)
class Table:
    file: str  # its name under api/v1/
    link: str  # relative link from the Data page
    rows: str  # what one row is: 'expert'
    columns: list[tables.Column]


def _link(path: PurePosixPath) -> str:
    return href(DATA_PAGE, path)


def _tables() -> list[Table]:
    made = [Table(tables.csv_path(name).name, _link(tables.csv_path(name)),
                  declared.singular.lower(), tables.columns(name)) for name, declared in COLLECTIONS.items()]
    made.append(Table(tables.csv_path(tables.FACTS).name, _link(tables.csv_path(tables.FACTS)),
                      "dated statement, of any record", list(tables.FACT_COLUMNS)))
    made.append(Table(tables.csv_path(tables.RELATIONS).name, _link(tables.csv_path(tables.RELATIONS)),
                      "link from one record to another (citations are in the sources columns instead)",
                      list(tables.RELATION_COLUMNS)))
    return made


def _types(graph: Graph) -> list[tuple[str, str]]:
    """(collection title, the schema.org types its pages use), from the records themselves."""
    return [(declared.title, ", ".join(sorted({schema_type(graph, r) for r in graph.records(name)})) or "—")
            for name, declared in COLLECTIONS.items()]


def offline_download(root: Path) -> str:
    """The stable address of the newest offline copy: the release workflow attaches it to every release as
    ``ioatlas-offline.zip`` too, so the latest release always serves it under one name; '' when the
    repository's address (config.repo_url) is not a GitHub repository's."""
    url = repo_url(root)
    return url + "/releases/latest/download/" + OFFLINE_ASSET if url.startswith("https://github.com/") else ""


def render(graph: Graph) -> str:
    calendar_events = ical.calendar(graph).count("BEGIN:VEVENT")
    conferences = len(graph.dataset.records.get("conferences", {}))
    return make_environment().get_template("data.md.j2").render(
        marker=Markup(MARKER), base=Markup(site_url(graph.dataset.root) or LOCAL_SERVER),
        configured=bool(site_url(graph.dataset.root)), data_date=graph.dataset.data_date() or "unknown",
        licence=LICENCE, schema_version=SCHEMA_VERSION, total=graph.dataset.count(),
        collections=[(name, declared.title, len(graph.dataset.records[name]), _link(api.json_path(name)),
                      _link(api.schema_path(name))) for name, declared in COLLECTIONS.items()],
        all_json=_link(api.json_path(api.ALL)), all_schema=_link(api.schema_path(api.ALL)),
        tables=_tables(), feed=_link(FEED), feed_entries=ENTRIES, calendar=_link(CALENDAR),
        calendar_events=calendar_events, left_out=conferences - calendar_events, types=_types(graph),
        changelog=_link(PurePosixPath("api-changelog.md")), fields=_link(PurePosixPath("schema/index.md")),
        download=offline_download(graph.dataset.root))


def write(graph: Graph) -> dict[PurePosixPath, bytes]:
    return {DATA_PAGE: render(graph).encode()}
