"""Record pages are HTML from top to bottom: their headings must get the ids and permalinks Python-Markdown's toc
extension gives Markdown headings, and our MkDocs plugin must read back the table of contents it would make."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from ioatlas.markdown_text import escape_html
from ioatlas.pages.headings import anchored, toc_tokens

HEADINGS = [  # (level, text) in page order: repeats, punctuation, an ampersand, Chinese, a name from a record
    (1, "People's Liberation Army (PLA) 81 Hospital"), (2, "Key facts"), (2, "Viewpoints"),
    (3, "On CAR-T, at CSCO 2024 (1 of 2)"), (3, "On CAR-T, at CSCO 2024 (2 of 2)"), (2, "Linked from"),
    (3, "R&D <programmes>"), (3, "黄河 and Huang He"), (2, "Key facts"), (2, "Key facts_1"), (2, "Sources"),
]


def toc_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["toc"], extension_configs={"toc": {"permalink": True}})


def markdown_headings() -> str:
    return "\n\n".join(f"{'#' * level} {text.replace('<', '&lt;').replace('>', '&gt;')}" for level, text in HEADINGS)


def same_text(html: str) -> str:
    """``escape_html`` writes an apostrophe as ``&#x27;`` and marks Chinese runs; Markdown keeps both as typed."""
    return html.replace("&#x27;", "'").replace('<span lang="zh">', "").replace("</span>", "")


def html_headings() -> str:
    return "\n".join(f"<h{level}>{escape_html(text)}</h{level}>" for level, text in HEADINGS)


def test_ids_and_permalinks_are_those_of_the_toc_extension() -> None:
    ours = anchored(html_headings())
    theirs = toc_markdown().convert(markdown_headings())
    assert same_text(ours) == theirs
    assert 'id="key-facts_2"' in ours  # a third "Key facts" skips the id a heading text already took


def test_the_table_of_contents_read_back_is_the_toc_extensions() -> None:
    converter = toc_markdown()
    converter.convert(markdown_headings())
    ours = toc_tokens(anchored(html_headings()))

    def shape(tokens: list[dict]) -> list:
        return [(t["level"], t["id"], same_text(t["name"]), shape(t["children"])) for t in tokens]

    assert shape(ours) == shape(converter.toc_tokens)
    assert [t["id"] for t in ours[0]["children"]][:2] == ["key-facts", "viewpoints"]


@pytest.mark.parametrize("body", ['<h2 id="x">Kept</h2>', '<h2 class="c" id="x">Kept</h2>', "<p>no heading</p>"])
def test_a_heading_that_has_an_id_keeps_it(body: str) -> None:
    assert anchored(body) == body


def test_a_headings_other_attributes_come_before_its_id_as_attr_list_wrote_them() -> None:
    ours = anchored('<h2 data-search-exclude="">Sources</h2>')
    assert ours == toc_markdown_with_attributes().convert('## Sources { data-search-exclude="" }')
    assert toc_tokens(ours)[0]["id"] == "sources"


def toc_markdown_with_attributes() -> markdown.Markdown:
    return markdown.Markdown(extensions=["attr_list", "toc"], extension_configs={"toc": {"permalink": True}})


def test_record_pages_skip_markdown_yet_keep_their_table_of_contents(real_built_repo: Path) -> None:
    """The plugin hands MkDocs the page's HTML as it is and the theme's contents sidebar lists its headings."""
    source = (real_built_repo / "docs/experts/he-huang.md").read_text(encoding="utf-8")
    assert "\nbody: html\n" in source.partition("\n---\n")[0]
    built = (real_built_repo / "site/experts/he-huang/index.html").read_text(encoding="utf-8")
    sidebar = built.partition("md-nav--secondary")[2].partition("md-content")[0]
    listed = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', sidebar)
    headings = re.findall(r'<h[23] id="([^"]+)">', source)
    assert listed == headings and len(headings) >= 8, (listed, headings)
    assert "viewpoints" in listed and "sources" in listed
    # what the generator wrote is what the page holds: the content, not a re-rendering of it
    body = source.partition("\n---\n")[2]
    for block in ('<h2 id="key-facts">Key facts', '<sup id="fnref2:', '<svg'):
        assert block in body and block in built
