"""Escaping of record text on its way into Markdown (and from there into HTML), or straight into HTML.

Plain text fields bound for Markdown are escaped twice over: HTML-escaped so no tag can form, and
backslash-escaped so no Markdown construct (link, emphasis, table cell, attribute list) can form. Prose
fields (summaries, results) keep their Markdown but are HTML-escaped; the validator has already refused
raw HTML and non-http links in them, so this is a second line of defence, not the first. Pages written as
HTML (record pages, indexes, the timeline: pages/record_html.py) only HTML-escape their text (``escape_html``),
the same characters as the Markdown route gives once Python-Markdown has read it.
"""

from __future__ import annotations

import functools
import html
import re

from markupsafe import Markup

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~^=])")


# A run of Chinese text: it starts with a CJK ideograph and may hold CJK punctuation and full-width forms.
_CJK_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff"
                      "\uf900-\ufaff\uff00-\uffef]*")


def _lang_zh(text: str) -> Markup:
    if text.isascii():  # most text: no Chinese run to mark, and isascii is far cheaper than the search
        return Markup(text)
    return Markup(_CJK_RUN.sub(lambda run: f'<span lang="zh">{run.group(0)}</span>', text))


def escape_inline(value: object) -> Markup:
    """Text from YAML made inert for an inline Markdown context (paragraph or table cell). Chinese runs are
    marked lang="zh", so screen readers speak them as Chinese and browsers pick a Chinese font."""
    if isinstance(value, Markup):
        return value
    text = html.escape(" ".join(str(value).split()), quote=True)
    return _lang_zh(_MD_SPECIAL.sub(r"\\\1", text))


def escape_html(value: object) -> Markup:
    """Text from YAML made inert for HTML, Chinese runs marked as in ``escape_inline``. Quotes are written
    ``&quot;`` and ``&#x27;`` (not markupsafe's ``&#34;``, ``&#39;``), as pages written through Markdown have them."""
    if isinstance(value, Markup):
        return value
    return _escaped_text(value if type(value) is str else str(value))


@functools.lru_cache(maxsize=1 << 16)
def _escaped_text(text: str) -> Markup:
    """``escape_html`` of a value's text, remembered: a record's name is escaped on every page that links to it
    (a Markup is an immutable string, so one object serves every page)."""
    return _lang_zh(html.escape(" ".join(text.split()), quote=True))


# Python-Markdown leaves an '&' that starts an entity as it is (markdown.serializers.RE_AMP).
_BARE_AMP = re.compile(r"&(?!(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)


def escape_url(url: str) -> Markup:
    """An outside address for an ``href`` (or shown as a link's text), escaped as Python-Markdown escapes it."""
    text = _BARE_AMP.sub("&amp;", url).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return Markup(text)


def escape_prose(value: str) -> Markup:
    """Markdown prose from YAML with any HTML neutralised; Markdown formatting survives."""
    return Markup(html.escape(value.strip(), quote=False))
