"""Stage 7b, page policy: a Content-Security-Policy ``<meta>`` in every built HTML page.

The site is served as static files (GitHub Pages, or opened from disk), so no response header can carry a
policy; a ``<meta http-equiv>`` early in ``<head>``, ahead of every script, is the only place. The policy lets
a page load scripts, styles, images, the search worker and its index only from the site itself (no outside
host anywhere), and run only the inline scripts the theme writes into every page. Those are allowed by
their sha256 hash, computed for each page as MkDocs writes it, because their text differs with the page's depth
(``new URL("../..", location)``). An inline script inside the page content (Material's ``<article
class="md-content__inner">``, where Markdown lands) is never hashed: if one ever gets there, the browser
refuses to run it. Inline JSON (``type="application/json"``: the theme's config, the index filters' data)
is data, not script, and needs no hash. The same pages give the same bytes.

Our MkDocs plugin (plugin.py) applies it in every build, never in ``mkdocs serve``, whose live-reload
script is injected inline. The offline copy, whose pages are changed after the build, applies it again.

Two variants: ``"http"`` for the published site, ``"file"`` for a copy opened from ``file://``. Measured in
Chromium 156: a file:// page has an opaque origin, so fetch() and ``new Worker()`` fail there whatever the
policy says, yet its ``'self'`` still matches file: URLs for scripts, styles and images. The CSP spec leaves
'self' of a file:// page open (w3c/webappsec-csp#459 proposes that it match nothing), so the file variant
also names the scheme ``file:``, which alone was measured to work as well; it still names no host. Search
from file:// needs Material's offline plugin (the index as a script) and a Worker shim; the iframe-worker
shim that plugin adds (from unpkg.com) writes an inline script holding the worker's absolute path on the
reader's disk, which no hash computed at build time can allow: use a shim that loads its scripts by src.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from .html_trim import trimmed

Variant = Literal["http", "file"]

# A script element runs when its type is absent, empty, a JavaScript MIME type or "module"; any other type
# (application/json, application/ld+json, text/template) is inert data.
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
             "text/ecmascript", "text/jscript", "text/livescript", "text/x-javascript", "text/x-ecmascript",
             "application/x-javascript", "application/x-ecmascript"}
# A script element, its attributes (quoted values may hold ">") and its text, which ends at the first </script.
_SCRIPT = re.compile(r"""<script\b(?P<attributes>(?:[^>"']|"[^"]*"|'[^']*')*)>(?P<text>.*?)</script\s*>""",
                     re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# Material's <article> holding the page's Markdown: no inline script in it is ever trusted
_CONTENT_OPEN = re.compile(r"""<article\b[^>]*\bclass=(["'])[^"']*\bmd-content__inner\b""", re.IGNORECASE)

SOURCES: dict[str, str] = {"http": "'self'", "file": "'self' file:"}  # the site itself, per variant (see above)

_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"\s*<meta\s+charset=[^>]*>", re.IGNORECASE)
_DOCTYPE = re.compile(r"\s*<!doctype[^>]*>", re.IGNORECASE)


def script_hash(text: str) -> str:
    """The CSP source for one inline script: sha256 of its text as the browser sees it (newlines as LF)."""
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalized.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _is_inline_code(attributes: str) -> bool:
    values = {name.lower(): html.unescape("".join(value)) for name, *value in _ATTRIBUTE.findall(attributes)}
    return "src" not in values and values.get("type", "").strip().lower() in _JS_TYPES


def inline_scripts(page: str) -> tuple[list[str], list[str]]:
    """The executable inline scripts of a page: (the theme's, those inside the page content).

    The content runs from Material's content ``<article>`` to the page's last ``</article>``: text inside
    the content cannot move either end (a ``</article>`` written into it comes before the theme's own). A
    page without that article (an HTML file copied from docs/ as it is) has no content part: its author
    wrote its inline scripts.
    """
    opened = _CONTENT_OPEN.search(page)
    start = opened.start() if opened else len(page)
    end = page.lower().rfind("</article")
    end = end if end > start else len(page)  # an unclosed content article runs to the end
    trusted: list[str] = []
    in_content: list[str] = []
    for script in _SCRIPT.finditer(page):
        if _is_inline_code(script["attributes"]):
            (in_content if start <= script.start() < end else trusted).append(script["text"])
    return trusted, in_content


def policy(script_hashes: Iterable[str], variant: Variant = "http") -> str:
    """The policy text: everything from the site itself, inline scripts only by hash, no outside host."""
    own = SOURCES[variant]
    hashes = sorted(set(script_hashes))
    directives = [
        f"default-src {own}",
        " ".join([f"script-src {own}", *hashes]),
        f"style-src {own} 'unsafe-inline'",  # Markdown writes style attributes (aligned table columns)
        f"img-src {own} data:",  # Material's icons are data: URIs in its stylesheet
        f"worker-src {own}",  # search runs in a Web Worker loaded from assets/
        "object-src 'none'",
        "base-uri 'self'",
        f"form-action {own}",
    ]
    return "; ".join(directives)


def with_policy(page: str, variant: Variant = "http") -> str:
    """The page with its policy first in <head>, after the charset; a policy written before is replaced."""
    page = _META.sub("", page, count=1)
    trusted, _ = inline_scripts(page)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(map(script_hash, trusted), variant)}">'
    head = _HEAD.search(page)
    if head is None:  # no <head> tag: the parser opens one for a <meta> that comes before any content
        doctype = _DOCTYPE.match(page)
        at = doctype.end() if doctype else 0
    else:
        charset = _CHARSET.match(page, head.end())
        at = charset.end() if charset else head.end()
    return page[:at] + meta + page[at:]


def apply_policy(site_dir: Path, variant: Variant = "http") -> int:
    """Trim every HTML page under ``site_dir`` (html_trim.py) and write the policy into it, hashing the inline
    scripts as the trimmed page holds them; returns how many pages were changed."""
    changed = 0
    for page in sorted(site_dir.rglob("*.html")):
        before = page.read_bytes()
        after = with_policy(trimmed(before.decode("utf-8")), variant).encode("utf-8")
        if after != before:
            page.write_bytes(after)
            changed += 1
    return changed
