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


# A run of Chinese text: it starts with a CJK ideograph and may hold CJK punctuation and full-width forms.
_CJK_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff"
                      "\uf900-\ufaff\uff00-\uffef]*")


def escape_inline(value: object) -> Markup:
    """Text from YAML made inert for an inline Markdown context (paragraph or table cell). Chinese runs are
    marked lang="zh", so screen readers speak them as Chinese and browsers pick a Chinese font."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())
    text = html.escape(text, quote=True)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return Markup(_CJK_RUN.sub(lambda run: f'<span lang="zh">{run.group(0)}</span>', text))


def escape_prose(value: str) -> Markup:
    """Markdown prose from YAML with any HTML neutralised; Markdown formatting survives."""
    return Markup(html.escape(value.strip(), quote=False))
