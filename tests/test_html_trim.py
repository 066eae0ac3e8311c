"""Built pages lose the theme's indentation, never whitespace a reader or a script can see."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ioatlas.engine.html_trim import trimmed

PAGE = """<!doctype html>
<html lang="en">
  <head>
    <script>var x = 1;
      if (x) {
        x = 2
      }</script>
    <style>
      .a { color: red }
    </style>
  </head>
  <body>

    <p title="two
       lines">A paragraph
      that wraps <code>a  b
    c</code> and <kbd>Ctrl
      C</kbd>.</p>
    <pre><code>def f():
    return 1
</code></pre>
    <textarea>
  kept
</textarea>
  </body>
</html>
"""


class _Text(HTMLParser):
    """The text a browser lays out outside kept elements, with runs of whitespace collapsed as it does."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.parts)).strip()


def _text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return parser.text()


def test_indentation_and_blank_lines_go() -> None:
    out = trimmed(PAGE)
    before_kept = out.split("<script>")[0]
    assert "\n  <" not in before_kept and "\n\n" not in out.split("<pre>")[0] and "\n<body>\n<p " in out
    assert len(out) < len(PAGE)


def test_whitespace_that_shows_is_kept() -> None:
    out = trimmed(PAGE)
    for kept in ("<pre><code>def f():\n    return 1\n</code></pre>", "<textarea>\n  kept\n</textarea>",
                 "<code>a  b\n    c</code>", "<kbd>Ctrl\n      C</kbd>",
                 "<script>var x = 1;\n      if (x) {\n        x = 2\n      }</script>",
                 "<style>\n      .a { color: red }\n    </style>"):
        assert kept in out, kept
    assert _text(out) == _text(PAGE)


def test_trimming_twice_changes_nothing() -> None:
    assert trimmed(trimmed(PAGE)) == trimmed(PAGE)


def test_real_pages_read_the_same(real_built_repo: Path) -> None:
    """Every built page's text is what the untrimmed page says (the site was trimmed when it was built)."""
    pages = sorted((real_built_repo / "site").rglob("*.html"))
    assert len(pages) > 200
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert trimmed(text) == text, page  # built pages are trimmed already
        assert not re.search(r"\n[ \t]+<(?!/?(?:pre|code|kbd|textarea))", _outside_kept(text)), page


def _outside_kept(page: str) -> str:
    return re.sub(r"<(pre|textarea|code|kbd|script|style)\b.*?</\1\s*>", "", page, flags=re.I | re.S)
