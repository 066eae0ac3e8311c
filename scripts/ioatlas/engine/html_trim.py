"""Stage 7a, page trim: the indentation the theme's templates leave at the start of every line goes.

Material's templates indent their markup, so about a fifth of a record page's bytes were blanks at the
start of lines (6.6 KB of 32 KB). A browser collapses those blanks with the line break before them, except
where whitespace is kept as written: inside ``<pre>``, ``<textarea>``, ``<code>`` and ``<kbd>`` (Material
sets ``white-space: pre-wrap`` on both) and scripts and styles, which are left exactly as they are. So a
page reads and behaves the same, and the inline scripts keep the hashes the security policy allows.
"""

from __future__ import annotations

import re

# Elements whose text is kept as written; an element of the same name cannot nest inside one of these.
_KEPT = re.compile(r"<(pre|textarea|code|kbd|script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_INDENTED_LINES = re.compile(r"\n[ \t\r\n]*")


def _squeezed(markup: str) -> str:
    return _INDENTED_LINES.sub("\n", markup)


def trimmed(page: str) -> str:
    """``page`` without blank lines or indentation outside the elements that keep their whitespace."""
    parts = []
    at = 0
    for kept in _KEPT.finditer(page):
        parts += [_squeezed(page[at:kept.start()]), kept.group(0)]
        at = kept.end()
    parts.append(_squeezed(page[at:]))
    return "".join(parts)
