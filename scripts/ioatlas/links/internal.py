"""Independent check of the built HTML: every local href/src resolves, every #anchor exists, every
page is reachable from the home page, and no record page links to a record page that is missing.

MkDocs' own validation sees only Markdown links; this reads what readers actually get, including raw
HTML in templates, theme partials and hand-written pages. It needs only the standard library.
"""

from __future__ import annotations

import posixpath
from collections import deque
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..models import COLLECTIONS
from ..urls import record_of_site_path

HOME = "index.html"
NOT_LINKED = {"404.html"}  # served by the host for unknown addresses, never linked to


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str  # site-relative path of the page holding the link, e.g. targets/gpc3/index.html
    target: str  # the href or src as written
    resolved: str  # site-relative path (and #fragment) it points at
    reason: str
    checker: str = "ioatlas"


class _Page(HTMLParser):
    """The ids (anchor targets) of one page and every href/src it holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name in ("href", "src") and value.strip():
                self.links.append(value.strip())

    handle_startendtag = handle_starttag


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    return page


def resolve(page: str, url: str) -> tuple[str, str] | None:
    """(site-relative target file, fragment) of a local link; None for links to other hosts."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        return page, fragment
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page), path)
    target = posixpath.normpath(joined) if joined else "."
    if path.endswith("/") or target == ".":
        target = posixpath.join(target, HOME)
    return target.removeprefix("./"), fragment


class SiteChecker:
    """Walks site/ once; pages are parsed at most once and kept for anchor look-ups."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.pages: dict[str, _Page] = {
            p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))
        }

    def _exists(self, target: str) -> str | None:
        """The file a target resolves to (directories serve their index.html), or None."""
        if target.startswith("../") or target == "..":
            return None
        if target in self.pages or (self.site / target).is_file():
            return target
        if (self.site / target).is_dir() and (self.site / target / HOME).is_file():
            return posixpath.join(target, HOME)
        return None

    def _missing_reason(self, target: str) -> str:
        if target.startswith(".."):
            return "points outside the site"
        record = record_of_site_path(target)
        if record and record[0] in COLLECTIONS:
            return f"links to a missing record: no page for data/{record[0]}/{record[1]}.yaml"
        return "no such file in the site"

    def links(self) -> tuple[list[BrokenLink], dict[str, set[str]]]:
        """Broken links, and for each page the set of pages it links to (for the orphan walk)."""
        broken: list[BrokenLink] = []
        graph: dict[str, set[str]] = {}
        for page, parsed in self.pages.items():
            edges = graph.setdefault(page, set())
            for url in parsed.links:
                resolved = resolve(page, url)
                if resolved is None:
                    continue
                target, fragment = resolved
                shown = target + (f"#{fragment}" if fragment else "")
                found = self._exists(target)
                if found is None:
                    broken.append(BrokenLink(page, url, shown, self._missing_reason(target)))
                    continue
                if found in self.pages:
                    edges.add(found)
                    if fragment and fragment not in self.pages[found].ids:
                        broken.append(BrokenLink(page, url, shown, f"no element with id '{fragment}' on {found}"))
        return sorted(set(broken)), graph

    def orphans(self, graph: dict[str, set[str]]) -> list[str]:
        """Pages no chain of links from the home page reaches."""
        seen, queue = {HOME}, deque([HOME])
        while queue:
            for nxt in graph.get(queue.popleft(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        return sorted(p for p in self.pages if p not in seen and p not in NOT_LINKED)
