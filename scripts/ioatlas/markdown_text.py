"""Escaping of record text on its way into Markdown (and from there into HTML).

Plain text fields are escaped twice over: HTML-escaped so no tag can form, and backslash-escaped
so no Markdown construct (link, emphasis, table cell, attribute list) can form. Prose fields
(summaries, results) keep their Markdown but are HTML-escaped; the validator has already refused
raw HTML and non-http links in them, so this is a second line of defence, not the first.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~^=])")


def escape_inline(value: object) -> Markup:
    """Text from YAML made inert for an inline Markdown context (paragraph or table cell)."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())
    text = html.escape(text, quote=True)
    return Markup(_MD_SPECIAL.sub(r"\\\1", text))


def escape_prose(value: str) -> Markup:
    """Markdown prose from YAML with any HTML neutralised; Markdown formatting survives."""
    return Markup(html.escape(value.strip(), quote=False))
