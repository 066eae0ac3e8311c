"""Record pages written as HTML from top to bottom, which MkDocs takes as they are (engine/plugin.py).

Python-Markdown's processing of record pages (tables of links and citation marks, then the raw HTML they
became) was most of a site build. A record template writes its content as the HTML Python-Markdown made of
the Markdown it used to hold, so readers, our stylesheet and our citation tooltips see the same page;
its headings get the ids and permalinks of the toc extension (headings.py), and the front matter says
``body: html``, so our MkDocs plugin skips Markdown for the page and reads its table of contents from them.
Links are the published addresses relative to the page, since MkDocs rewrites none in raw HTML.

Citation marks are footnote references as the footnotes extension writes them. It numbers a page's sources in
the order of their definitions (the order of first citation, ``PageContext.cite``), and the repeated
references to one source ``fnref2:…``, ``fnref3:…`` in the order its tree walk meets them: breadth first,
so every mark in a top-level paragraph comes before any in a list item, and those before any in a table
cell (``number_marks``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from ..markdown_text import escape_html, escape_url
from ..models import COLLECTIONS, Record
from ..models.types import Identifier
from ..urls import index_page, page_href, record_page
from .context import PageContext
from .environment import MARKER, front_matter, label_text, nonblank, template_environment
from .headings import anchored
from .prose import prose_html, with_marks
from .rows import row, tr

BACKREF = ('<a class="footnote-backref" href="#{ref}:{id}" title="Jump back to footnote {number} in the text">'
           '&#8617;</a>')
_BACKREF = re.compile(r'<a class="footnote-backref" href="#fnref:([a-z0-9-]+)" title="Jump back to footnote (\d+) '
                      r'in the text">&#8617;</a>')
# The start and end tags of the blocks a mark can sit in (no mark is ever inside a figure's drawing), and marks.
_BLOCK_OR_MARK = re.compile(r'<(/?)(?:p|div|nav|table|thead|tbody|tr|td|th|ul|ol|li|dl|dt|dd|blockquote|pre|figure'
                            r'|h[1-6])[\s>]|<sup id="fnref:([a-z0-9-]+)">')


class RecordPage(PageContext):
    """The page context of a record template: links, marks and prose as HTML."""

    def href(self, to: PurePosixPath) -> str:
        return page_href(self.path, to)

    def link(self, record: Record | None) -> Markup:
        if record is None:
            return Markup("")
        return Markup(f'<a href="{self.href(record_page(record.collection, record.id))}">'
                      f"{escape_html(record.name)}</a>")

    def breadcrumb(self, record: Record) -> Markup:
        home, index = self.href(PurePosixPath("index.md")), self.href(index_page(record.collection))
        title = escape_html(COLLECTIONS[record.collection].title)
        return Markup(f'<a href="{home}">Home</a> › <a href="{index}">{title}</a>')

    def cite(self, source_ids: list[str]) -> Markup:
        """Footnote references for ``source_ids``, numbered in the page's order of first citation; each is
        ``fnref:`` until ``number_marks`` tells the repeated references of a source apart."""
        for source_id in source_ids:
            if source_id not in self.citations:
                self.citations.append(source_id)
        numbers = {source_id: self.citations.index(source_id) + 1 for source_id in source_ids}
        return Markup("".join(f'<sup id="fnref:{source_id}"><a class="footnote-ref" href="#fn:{source_id}">'
                              f"{number}</a></sup>" for source_id, number in sorted(numbers.items(),
                                                                                    key=lambda item: item[1])))

    def backref(self, source_id: str) -> Markup:
        """The link back from a source in the list to its first mark (``number_marks`` adds the others)."""
        number = self.citations.index(source_id) + 1
        return Markup(BACKREF.format(ref="fnref", id=source_id, number=number))

    def prose(self, text: str, marks: Markup) -> Markup:
        """A prose field as HTML, the marks after its last words."""
        return with_marks(prose_html(text, self.path), marks)


def _marks(body: str) -> list[tuple[int, re.Match[str]]]:
    """Every mark, in document order, with the number of blocks around it."""
    depth = 0
    marks = []
    for tag in _BLOCK_OR_MARK.finditer(body):
        if tag.group(2):
            marks.append((depth, tag))
        else:
            depth += -1 if tag.group(1) else 1
    return marks


def _ref(count: int) -> str:
    return "fnref" if count == 1 else f"fnref{count}"


def number_marks(body: str) -> str:
    """Number the repeated references to each source ('fnref2:id', …) as Python-Markdown does, and give each
    source in the list a link back to every one of them."""
    marks = _marks(body)
    seen: Counter[str] = Counter()
    refs = [""] * len(marks)
    for index in sorted(range(len(marks)), key=lambda i: (marks[i][0], i)):  # breadth first, then in order
        seen[marks[index][1].group(2)] += 1
        refs[index] = _ref(seen[marks[index][1].group(2)])
    parts, at = [], 0
    for (_, mark), ref in zip(marks, refs, strict=True):
        parts += [body[at:mark.start()], f'<sup id="{ref}:{mark.group(2)}">']
        at = mark.end()
    body = "".join(parts) + body[at:]
    return _BACKREF.sub(lambda m: "".join(BACKREF.format(ref=_ref(n), id=m.group(1), number=m.group(2))
                                          for n in range(1, max(seen[m.group(1)], 1) + 1)), body)


def finish(page_text: str) -> str:
    """The rendered template with its marks numbered and its headings anchored (the front matter holds none)."""
    head, rule, body = page_text.partition("\n---\n")
    return head + rule + anchored(number_marks(body))


def period(start: str | None, end: str | None, former: bool = False, as_of: str | None = None) -> Markup:
    """'2015 – 2018', '… – 2018', 'from 2015' (no end given: nothing is claimed about one), 'from 2015, held as of
    2024-07' (a source dates the post), 'former' when the source gives no dates."""
    if end:
        return Markup(f"{escape_html(start or '…')} – {escape_html(end)}")
    held = f"held as of {escape_html(as_of)}" if as_of and not former else ""
    if start:
        after = (f", {held}" if held else "") + (", since ended" if former else "")
        return Markup(f"from {escape_html(start)}{after}")
    return Markup(held or ("former" if former else ""))


def label(value: object) -> Markup:
    return escape_html(label_text(value))


def texts(values: list[str], separator: str = ", ") -> Markup:
    return Markup(separator).join(escape_html(v) for v in values)


def identifier(value: Identifier) -> Markup:
    """An outside identifier as a link to where readers see it (plain text when its scheme has no page)."""
    url = value.url
    if url is None:
        return escape_html(value)
    shown = escape_url(url) if value.scheme.autolink else escape_html(value)
    return Markup(f'<a href="{escape_url(url)}">{shown}</a>')


def identifiers(values: list[Identifier], separator: str = ", ") -> Markup:
    return Markup(separator).join(identifier(v) for v in values)


def original(value: Identifier) -> Markup:
    """A link to where a source can be read, labelled with the site's name: 'doi.org'."""
    url = value.url or ""
    host = urlsplit(url).netloc.removeprefix("www.")
    return Markup(f'<a href="{escape_url(url)}">{escape_html(host)}</a>') if host else Markup("")


def marked(value: object, marks: Markup) -> Markup:
    """A value with the citation marks of its statement after it."""
    return escape_html(value) + Markup(" ") + marks if marks else escape_html(value)


@functools.lru_cache(maxsize=2)
def record_environment(env: jinja2.Environment) -> jinja2.Environment:
    """The environment of the templates written in HTML (record pages, collection indexes, the timeline), from
    the loader of ``env``: ``{{ }}`` escapes for HTML and the filters write HTML."""
    assert env.loader is not None
    html_env = template_environment(env.loader, finalize=lambda value: "" if value is None else escape_html(value))
    html_env.filters.update(label=label, texts=texts, identifier=identifier,
                            identifiers=identifiers, original=original, marked=marked, nonblank=nonblank,
                            front_matter=front_matter)
    html_env.globals.update(period=period, marker=Markup(MARKER), row=row, tr=tr)
    return html_env
