"""The theme's navigation (``partials/nav.html``) rendered once for all the pages that share its links.

Material renders the whole navigation into every page: at 10,000 synthetic records it was about a quarter of
``mkdocs build``. A record page is not in the navigation, so nothing in it is marked active for that page and
the navigation's HTML depends on the page only through its relative link addresses. Pages whose addresses to
every navigation target come out the same get the same HTML, rendered once (``NavMemo.install``).

When do two pages get the same relative addresses? MkDocs writes the address of ``d`` from page ``o`` (each a
list of path parts) as ``..`` for each part of ``o`` after their common prefix, then the rest of ``d``. If no
navigation target starts with all of ``o``'s parts, that common prefix is shorter than ``o`` and is decided by
``o`` without its last part: pages in one folder (``experts/a/``, ``experts/b/``) then share every address.
Otherwise the page keeps a key of its own. A page in the navigation is never taken from the memo.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

import jinja2
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

NAV_TEMPLATE = "partials/nav.html"
Key = tuple[Any, ...]


def url_parts(url: str, *, page: bool = False) -> tuple[str, ...]:
    """The path parts MkDocs compares when it makes one address relative to another (mkdocs.utils'
    get_relative_url): for a page, a last part with a dot is a file name and is left out."""
    if page:
        folder, _, name = url.rpartition("/")
        if "." in name:
            url = folder
    path = posixpath.normpath("/" + url)[1:]
    return tuple(path.split("/")) if path else ()


def _targets(nav: Navigation, config: Any) -> Iterator[str]:
    """Every address the navigation template can link to: its pages, links and sections' pages, the home
    page and the logo."""
    items = list(nav.items)
    while items:
        item = items.pop()
        if isinstance(item, Section):
            items.extend(item.children)
        elif isinstance(item, (Page, Link)) and item.url is not None:
            yield item.url
    if nav.homepage is not None:
        yield nav.homepage.url
    for extra in (config.extra.get("homepage"), config.theme.get("logo")):
        if isinstance(extra, str):
            yield extra


def address_key(parts: tuple[str, ...], prefixes: set[tuple[str, ...]]) -> Key:
    """What decides the addresses of every navigation target from a page of these path parts: the folder and
    depth when no target starts with all of them (``prefixes`` holds every target's leading parts)."""
    if not parts or parts in prefixes:
        return ("page", parts)
    return ("folder", parts[:-1], len(parts))


class NavMemo:
    """Renders ``partials/nav.html`` once per key (``key``) for pages outside the navigation."""

    def __init__(self) -> None:
        self.rendered: dict[Key, str] = {}
        self.hits = 0
        self._nav: Navigation | None = None
        self._in_nav: set[int] = set()
        self._prefixes: set[tuple[str, ...]] = set()

    def _learn(self, nav: Navigation, config: Any) -> None:
        self._nav, self.rendered = nav, {}
        self._in_nav = {id(page) for page in nav.pages}
        self._prefixes = set()
        for target in _targets(nav, config):
            parts = url_parts(target)
            self._prefixes.update(parts[:end] for end in range(1, len(parts) + 1))

    def key(self, page: Any, nav: Any, config: Any) -> Key | None:
        """The key of the page's navigation HTML, or None when it must be rendered for this page alone."""
        if not isinstance(page, Page) or not isinstance(nav, Navigation) or page.url is None:
            return None
        if nav is not self._nav:
            self._learn(nav, config)
        if id(page) in self._in_nav or page.parent is not None:
            return None
        return address_key(url_parts(page.url, page=True), self._prefixes)

    def install(self, env: jinja2.Environment) -> None:
        """Make the environment's navigation template answer from the memo. ``{% include %}`` calls a template's
        ``root_render_func`` with a fresh context, so the memo wraps that function."""
        template = env.get_template(NAV_TEMPLATE)
        original: Callable[[Any], Iterator[str]] = template.root_render_func

        def render(context: Any) -> Iterator[str]:
            key = self.key(context.get("page"), context.get("nav"), context.get("config"))
            if key is None:
                yield from original(context)
                return
            html = self.rendered.get(key)
            if html is None:
                html = self.rendered[key] = "".join(original(context))
            else:
                self.hits += 1
            yield html

        template.root_render_func = render  # type: ignore[method-assign]
