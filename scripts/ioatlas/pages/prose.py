"""Prose fields (summaries, results, viewpoints) rendered to HTML for record pages, as MkDocs rendered them.

Most prose is plain paragraphs: that is written directly, with no Markdown parser. Prose that uses Markdown
(emphasis, links, lists…) goes through one Python-Markdown instance with the extensions of mkdocs.yml, less
footnotes, whose marks the page numbers itself (record_html.py). Relative links to pages (``x.md``) are
rewritten to the page's address, as MkDocs rewrites them in Markdown.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from pathlib import PurePosixPath

import markdown
from markupsafe import Markup

from ..markdown_text import escape_prose, escape_url
from ..urls import page_href

# mkdocs.yml's markdown_extensions, without footnotes (a prose text holds no citation marks of its own) and toc
# (the page gives every heading, its own and those of prose, an id unique on the page: headings.py)
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "pymdownx.escapeall"]

# Prose Python-Markdown would read as nothing but paragraphs: each line starts with a letter or a digit (no
# list, heading, quote, rule, table or indented code), no line ends in blanks (no hard break) and no character
# can start inline markup. '&', '<' and '>' are entities by now (escape_prose), which Markdown keeps.
_MARKUP_CHARACTER = re.compile(r"[\\`*_\[\]{}|!#\t\r\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
_PLAIN_LINE = re.compile(r"(?!\d+\.)[^\W_](?:.*\S)?")
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")
_HREF = re.compile(r'(<a href=")([^"]*)(")')
# the end tags of the blocks that close a rendered text: the marks go before them, after its last words
_CLOSING_BLOCKS = re.compile(r"(?:</(?:p|li|ul|ol|dd|dl|td|tr|tbody|table|div|blockquote|pre|code|h[1-6])>\s*)+\Z")


def _is_plain(text: str) -> bool:
    if _MARKUP_CHARACTER.search(text):
        return False
    return all(not line or _PLAIN_LINE.fullmatch(line) for line in text.split("\n"))


@functools.cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS)


def _page_link(page: PurePosixPath, url: str) -> str:
    """``url`` as MkDocs writes it on ``page``: a relative link to a Markdown page becomes that page's address."""
    path, hash_, fragment = url.partition("#")
    if not path.endswith(".md") or "://" in path or path.startswith("/"):
        return url
    target = posixpath.normpath(posixpath.join(page.parent.as_posix(), path))
    if target.startswith("../"):
        return url
    return page_href(page, PurePosixPath(target)) + hash_ + fragment


def _rewrite_link(href: re.Match[str], page: PurePosixPath) -> str:
    url = html.unescape(href.group(2))
    rewritten = _page_link(page, url)
    return href.group(0) if rewritten == url else f"{href.group(1)}{escape_url(rewritten)}{href.group(3)}"


def _rewrite_links(rendered: str, page: PurePosixPath) -> str:
    return _HREF.sub(lambda href: _rewrite_link(href, page), rendered)


def prose_html(text: str, page: PurePosixPath) -> Markup:
    """A prose field as the HTML MkDocs made of it on ``page``."""
    escaped = str(escape_prose(text))
    if _is_plain(escaped):
        return Markup("\n".join(f"<p>{paragraph}</p>" for paragraph in _PARAGRAPH_BREAK.split(escaped)))
    converter = _markdown()
    converter.reset()
    return Markup(_rewrite_links(converter.convert(escaped), page))


def with_marks(rendered: Markup, marks: Markup) -> Markup:
    """Citation marks after the last words of rendered prose: inside its last paragraph or list item."""
    if not marks:
        return rendered
    text = str(rendered)
    closing = _CLOSING_BLOCKS.search(text)
    at = closing.start() if closing else len(text)
    return Markup(f"{text[:at]} {marks}{text[at:]}")
