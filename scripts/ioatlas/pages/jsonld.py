"""Structured data for each record page: a schema.org description of the record as JSON-LD, which search
engines and data tools read without scraping the page.

The record is the top-level node, of the schema.org type that matches it (``schema_type``), with ``name``
equal to the page's title, its Chinese name and other spellings as ``alternateName``, outside identifiers
as ``identifier`` and ``sameAs``, and the records it points at as nodes with their addresses. Its sources
are the ``citation`` of the page that describes it (``mainEntityOfPage``): schema.org gives ``citation`` to
creative works, and a page citing its sources is what the atlas states (a source record's own citations
would otherwise read as works the article cites). Only what the record holds is written.

The block rides in the page's front matter (``jsonld``) and ``overrides/main.html`` writes it into the
head as ``<script type="application/ld+json">``: data, never run. It is ASCII JSON with ``<``, ``>`` and
``&`` written as ``\\u003c``, ``\\u003e`` and ``\\u0026``, so no text of a record can close the script
element or start a comment, and no character can upset the YAML of the front matter.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

from markupsafe import Markup

from ..graph import Graph
from ..models import Record
from ..models.refs import iter_identifiers
from ..urls import published_url, record_page

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ORGANIZATION_TYPES = {"hospital": "Hospital", "university": "CollegeOrUniversity", "company": "Corporation",
                      "agency": "GovernmentOrganization", "media": "NewsMediaOrganization",
                      "research-institute": "ResearchOrganization", "laboratory": "ResearchOrganization"}
SOURCE_TYPES = {"journal-article": "ScholarlyArticle", "review": "ScholarlyArticle", "letter": "ScholarlyArticle",
                "guideline": "ScholarlyArticle", "news": "NewsArticle", "interview": "NewsArticle",
                "feature": "NewsArticle", "press-release": "Article", "company-release": "Article",
                "regulator-notice": "Article", "registry-record": "CreativeWork"}
STUDY_TYPES = {"interventional": "MedicalTrial", "observational": "MedicalObservationalStudy"}
TYPES: dict[str, Callable[[Graph, Any], str]] = {
    "experts": lambda _g, _r: "Person",
    "organizations": lambda g, r: _organization_type(g, r),
    "conferences": lambda _g, _r: "Event",
    "therapies": lambda _g, r: "Drug" if r.kind == "product" else "MedicalTherapy",
    "targets": lambda _g, _r: "Protein",
    "diseases": lambda _g, _r: "MedicalCondition",
    "trials": lambda _g, r: STUDY_TYPES.get(r.study_type, "MedicalStudy"),
    "sources": lambda _g, r: SOURCE_TYPES.get(r.kind, "CreativeWork"),
}
_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _organization_type(graph: Graph, record: Any) -> str:
    if record.kind == "department" and record.parent:
        return "MedicalOrganization" if graph.get("organizations", record.parent).kind == "hospital" else \
            "Organization"
    return ORGANIZATION_TYPES.get(record.kind, "Organization")


def schema_type(graph: Graph, record: Record) -> str:
    """The schema.org type of a record; DefinedTerm where no type fits (topics, a new collection)."""
    chooser = TYPES.get(record.collection)
    return chooser(graph, record) if chooser else "DefinedTerm"


class _Node:
    """Builds the JSON-LD of one record page; addresses relative to the page unless the site's is known."""

    def __init__(self, graph: Graph, record: Record, site_url: str) -> None:
        self.graph, self.record, self.site_url = graph, record, site_url
        self.page = record_page(record.collection, record.id)

    def url(self, to: PurePosixPath) -> str:
        return published_url(to, self.page, self.site_url)

    def ref(self, collection: str, record_id: str | None) -> dict[str, Any] | None:
        if record_id is None:
            return None
        other = self.graph.get(collection, record_id)
        return {"@type": schema_type(self.graph, other), "name": other.name,
                "url": self.url(record_page(collection, record_id))}

    def refs(self, collection: str, ids: list[str]) -> list[dict[str, Any]]:
        return [node for node in (self.ref(collection, i) for i in dict.fromkeys(ids)) if node]

    def build(self) -> dict[str, Any]:
        record = self.record
        url = self.url(self.page)
        names = [record.name_zh, *record.aliases, *_extra_names(record)]
        identifiers, same_as = self.identifiers()
        node: dict[str, Any] = {
            "@context": "https://schema.org", "@type": schema_type(self.graph, record), "name": record.name,
            "alternateName": [n for n in dict.fromkeys(names) if n and n != record.name],
            "description": record.summary, "url": url, "identifier": identifiers, "sameAs": same_as,
            **EXTRAS.get(record.collection, lambda _n, _r: {})(self, record),
            "mainEntityOfPage": {
                "@type": "WebPage", "@id": url, "url": url, "name": record.name, "inLanguage": "en",
                "dateModified": record.last_reviewed, "license": LICENCE_URL,
                "isPartOf": {"@type": "WebSite", "name": "IO Atlas", "url": self.url(PurePosixPath("index.md"))},
                "citation": self.refs("sources", record.sources),
            },
        }
        return _pruned(node)

    def identifiers(self) -> tuple[list[dict[str, str]], list[str]]:
        """Outside identifiers as PropertyValues, and the outside pages that show the same thing (``sameAs``)."""
        identifiers: list[dict[str, str]] = []
        same_as: list[str] = []
        for loc, value in iter_identifiers(self.record):
            if len(loc) > 2:
                continue  # an identifier of a part of the record, not of the record itself
            if not value.scheme.autolink:
                identifiers.append({"@type": "PropertyValue", "propertyID": value.scheme.name, "value": str(value)})
            if value.url:
                same_as.append(value.url)
        uniprot = getattr(self.record, "uniprot", None)
        if uniprot:
            identifiers.append({"@type": "PropertyValue", "propertyID": "uniprot", "value": uniprot})
        return identifiers, list(dict.fromkeys(same_as))


def _pruned(value: Any) -> Any:
    """``value`` without the keys that hold nothing (None, '', [], {}), at any depth: only what is known."""
    if isinstance(value, dict):
        kept = {key: _pruned(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        return [_pruned(item) for item in value]
    return value


def _extra_names(record: Any) -> list[str]:
    """Names the record holds beyond its aliases: codes and brands, an INN, an acronym, a symbol."""
    names: list[str] = []
    for field in ("inn", "acronym", "hgnc_symbol", "full_name"):
        value = getattr(record, field, None)
        if value:
            names.append(value)
    return [*names, *getattr(record, "codes", []), *getattr(record, "brand_names", [])]


def _place(record: Any) -> dict[str, Any] | None:
    address = {key: value for key, value in (("addressLocality", record.city), ("addressCountry", record.country))
               if value}
    return {"@type": "PostalAddress", **address} if address else None


EXTRAS: dict[str, Callable[[_Node, Any], dict[str, Any]]] = {
    "experts": lambda n, r: {"jobTitle": r.credentials,
                             "affiliation": n.refs("organizations", [a.organization for a in r.affiliations])},
    "organizations": lambda n, r: {"parentOrganization": n.ref("organizations", r.parent), "address": _place(r)},
    "conferences": lambda n, r: {
        "startDate": r.start, "endDate": r.end, "superEvent": n.ref("conferences", r.parent),
        "location": {"@type": "Place", "address": _place(r)} if _place(r) else None,
        "organizer": n.refs("organizations", r.organizers)},
    "therapies": lambda n, r: {"nonProprietaryName": r.inn, "manufacturer": n.refs("organizations", r.developers)}
    if r.kind == "product" else {},
    "trials": lambda n, r: {"phase": r.phase, "status": r.status, "healthCondition": n.refs("diseases", r.conditions),
                            "sponsor": n.refs("organizations", r.sponsors)},
    "sources": lambda n, r: {
        "author": [{"@type": "Person", "name": author} for author in r.authors],
        "publisher": n.ref("organizations", r.publisher), "datePublished": r.published, "dateModified": r.updated,
        "isPartOf": {"@type": "Periodical", "name": r.journal} if r.journal else None,
        "inLanguage": "zh" if r.language == "zh" else "en"},
}


def data(graph: Graph, record: Record, site_url: str) -> dict[str, Any]:
    """The JSON-LD of a record's page (``site_url`` as ``config.site_url`` gives it; '' when not known)."""
    return _Node(graph, record, site_url).build()


def script_text(node: dict[str, Any]) -> str:
    """JSON that is safe inside <script>: ASCII, with no '<', '>' or '&' (so no '</script>' and no '<!--')."""
    return json.dumps(node, ensure_ascii=True, separators=(",", ":")).translate(_ESCAPES)


def front_matter_text(node: dict[str, Any]) -> Markup:
    """The script text as a front-matter value: a JSON string of ASCII, which YAML reads as it is."""
    return Markup(json.dumps(script_text(node)))


def front_matter(graph: Graph, record: Record, site_url: str) -> Markup:
    """The ``jsonld`` front-matter value of a record page."""
    return front_matter_text(data(graph, record, site_url))
