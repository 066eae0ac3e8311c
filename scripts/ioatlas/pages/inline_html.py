"""Inline Markdown as the page helpers write it, turned into the HTML that MkDocs makes of it: the timeline's
events, written once and shown on each of its pages and in its rows file (pagination.py), each with its links.

The helpers write only two constructs: text made inert by ``escape_inline`` (HTML-escaped, Markdown's
special characters backslash-escaped, Chinese runs in ``<span lang="zh">``) and links to other generated
files (``PageContext.link``). So the HTML is that text with its backslashes removed, and each link an
``<a>`` whose address is rewritten as MkDocs would (``x.md`` → ``x/``), relative to the file it goes in. A footnote
mark has no HTML outside its page: it is refused (the callers pass citations apart).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from pathlib import PurePosixPath

from ..urls import page_address, published_url

# a backslash escape, a link '[text](target)' whose text holds escapes but no bare ']', or a footnote mark
_TOKEN = re.compile(r"\\(.)|\[\^[^\]]*\]|\[((?:\\.|[^\\\]])*)\]\(([^()\s]*)\)", re.DOTALL)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def to_html(markdown: str, page: PurePosixPath, into: PurePosixPath) -> str:
    """``markdown``, written on ``page`` (its links are relative to it), as HTML for the published file ``into``."""
    if page.parent == into.parent:  # the rows file beside the page: a link keeps its path, as MkDocs writes it
        return _convert(markdown, lambda target: page_address(target) or "./")
    folder = page.parent.as_posix()
    return _convert(markdown, lambda target: published_url(posixpath.normpath(posixpath.join(folder, target)),
                                                           into, ""))


def _convert(markdown: str, address: Callable[[str], str]) -> str:
    out: list[str] = []
    at = 0
    for token in _TOKEN.finditer(markdown):
        out.append(markdown[at:token.start()])
        escaped, text, target = token.groups()
        if escaped is not None:
            out.append(escaped)
        elif target is None:
            raise ValueError(f"a footnote mark has no HTML outside its page: {token.group(0)!r} in {markdown!r}")
        else:
            written = target if _SCHEME.match(target) or target.startswith("#") else address(target)
            out.append(f'<a href="{html.escape(written, quote=True)}">{_convert(text, address)}</a>')
        at = token.end()
    out.append(markdown[at:])
    return "".join(out)
