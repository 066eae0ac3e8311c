"""Record pages are written as HTML: it must be the HTML Python-Markdown made of the Markdown they held, for the
citation marks (numbered as the footnotes extension numbers them) and for prose fields."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import markdown
import pytest
from markupsafe import Markup

from ioatlas.markdown_text import escape_prose
from ioatlas.pages.prose import EXTENSIONS, prose_html, with_marks
from ioatlas.pages.record_html import BACKREF, number_marks

PAGE = PurePosixPath("targets/example-target.md")


def site_markdown() -> markdown.Markdown:
    """Python-Markdown as mkdocs.yml configures it, footnotes included."""
    return markdown.Markdown(extensions=[*EXTENSIONS, "toc", "footnotes"],
                             extension_configs={"toc": {"permalink": True},
                                                "footnotes": {"PLACE_MARKER": "///Footnotes Go Here///"}})


def tags_apart(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def mark(source_id: str, number: int) -> str:
    return f'<sup id="fnref:{source_id}"><a class="footnote-ref" href="#fn:{source_id}">{number}</a></sup>'


def source(source_id: str, number: int, text: str) -> str:
    backref = BACKREF.format(ref="fnref", id=source_id, number=number)
    return f'<li id="fn:{source_id}"><p>{text}&#160;{backref}</p></li>'


def test_repeated_marks_are_numbered_as_the_footnotes_extension_numbers_them() -> None:
    """Breadth first: a paragraph's marks, then a list item's, then a table cell's, then one in a div's table."""
    written = ("Intro [^a][^b]\n\n<div class=\"x\" markdown>\n\n| F | V |\n|---|---|\n| f | v [^a] |\n\n</div>\n\n"
               "| S | As of |\n|---|---|\n| s [^b][^a] | 2020 |\n\n- item [^a]\n- item [^b]\n\nOutro [^a]\n\n"
               "[^a]: Source A.\n[^b]: Source B.\n")
    a, b = mark("a", 1), mark("b", 2)
    html = (f'<p>Intro {a}{b}</p><div class="x"><table><thead><tr><th>F</th><th>V</th></tr></thead><tbody><tr>'
            f"<td>f</td><td>v {a}</td></tr></tbody></table></div><table><thead><tr><th>S</th><th>As of</th></tr>"
            f"</thead><tbody><tr><td>s {b}{a}</td><td>2020</td></tr></tbody></table><ul><li>item {a}</li>"
            f'<li>item {b}</li></ul><p>Outro {a}</p><div class="footnote"><hr /><ol>'
            f'{source("a", 1, "Source A.")}{source("b", 2, "Source B.")}</ol></div>')
    numbered = number_marks(html)
    assert tags_apart(numbered) == tags_apart(site_markdown().convert(written))
    assert 'id="fnref5:a"' in numbered.split('<div class="x">')[1]  # the div's cell comes last of all


PROSE = [
    "One paragraph, with “quotes”, 'apostrophes', & ampersands, 1 < 2 > 0 and 中文.",
    "Two lines\nof one paragraph.\n\nA second paragraph.\n\n\n\nA third, after blank lines.",
    "2024 began well.\n\n2. But this is a list",
    "*Emphasis*, **strong**, `code` and a [link](https://example.org/?a=1&b=2).",
    "- a list\n- of two\n\n    indented code",
    "Setext heading\n==============\n\nText  \nwith a hard break.",
    "A line\n- then a list",
    "| A | B |\n|---|---|\n| 1 | 2 |",
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_is_the_html_markdown_made_of_it(text: str) -> None:
    converter = markdown.Markdown(extensions=EXTENSIONS)  # headings get their ids from the page (headings.py)
    assert prose_html(text, PAGE) == converter.convert(escape_prose(text))


def test_links_in_prose_are_written_as_mkdocs_rewrites_them() -> None:
    html = prose_html("See [a page](../diseases/x.md#facts), [home](../index.md), [built](../../targets/y/), "
                      "[here](#key-facts) and [out](https://example.org/a?b=1&c=2).", PAGE)
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == ["../../diseases/x/#facts", "../../", "../../targets/y/", "#key-facts",
                     "https://example.org/a?b=1&amp;c=2"]


@pytest.mark.parametrize(("rendered", "expected"), [
    ("<p>a</p>\n<p>b</p>", "<p>a</p>\n<p>b M</p>"),
    ("<p>see <a href=\"x\">y</a></p>", "<p>see <a href=\"x\">y</a> M</p>"),
    ("<ul>\n<li>a</li>\n<li><em>b</em></li>\n</ul>", "<ul>\n<li>a</li>\n<li><em>b</em> M</li>\n</ul>"),
])
def test_marks_follow_the_last_words_of_prose(rendered: str, expected: str) -> None:
    assert with_marks(Markup(rendered), Markup("M")) == expected
