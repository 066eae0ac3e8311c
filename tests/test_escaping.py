"""Markup in records is shown as text or refused: built HTML is inspected, never trusted.

Plain text fields may hold anything printable on one line: it is escaped (HTML and Markdown) and must come
out as the same visible text. Prose fields keep their Markdown but the validator refuses raw HTML, links to
anything but http(s), reference definitions of such links and attribute lists (E060); URL fields take
http(s) URLs made only of URL characters.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, copy_site_config, use_fixture_home_page, validate
from ioatlas.pipeline import build as build_site

# Inline text that must reach the reader character for character (one line, no raw HTML tag).
HOSTILE_TEXT = [
    "EXT1 *bold* _em_ __strong__ `code` ~~del~~ ==mark== ^sup^",
    "[a link](https://example.org/) and ![an image](https://example.org/x.png)",
    "cell | splitter | and \\| escaped",
    "{: onclick=alert(1) } {#clobber .cls onmouseover=alert(2)}",
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62; &#x6A;avascript:",
    "javascript:alert(1) data:text/html,x vbscript:y",
    "1 < 2 > 0 & d \"quoted\" 'single'",
    "# not a heading, - not a list, 1. not a list, > not a quote",
    "[^example-news] footnote-looking [x]: https://example.org/ reference-looking",
    "\\*backslashes\\* \\\\ and a trailing backslash \\",
    "!!! note admonition-looking",
    "中文名称 · 全角ＡＢＣ｜《》",
]

# Prose (Markdown) that is valid and must render without any tag, attribute or link the text did not ask for.
SAFE_PROSE = (
    "Plain *emphasis*, **strong** and a [link](https://example.org/?a=1&b=2).\n\n"
    "A [section link](#key-facts) and a relative [page](../diseases/example-cancer.md).\n\n"
    "javascript: and data: as plain words; 1 < 2 and 2 > 1; 5 | 6.\n\n"
    "Entities stay text: &lt;script&gt;alert(1)&lt;/script&gt; &#106;avascript:alert(1) &amp;\n\n"
    "An escaped brace \\{onclick=alert(1)\\} is text.\n\n"
    "[safe reference][ref]\n\n"
    "[ref]: https://example.org/ref\n"
)

REFUSED_PROSE = [
    "<script>alert(1)</script>",
    "x <img src=x onerror=alert(1)>",
    "< img src=x onerror=alert(1)>",
    "<!-- comment -->",
    "<https://example.org/autolink>",
    "[x](javascript:alert(1))",
    "[x]( JavaScript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](java\\script:alert(1))",
    "[x](java\nscript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "![x](vbscript:y)",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x][r]\n\n [r]:\n   javascript:alert(1)",
    "[x](https://example.org){onclick=alert(1)}",
    "*x*{: onmouseover=alert(1)}",
    "# Heading {#main .x}",
    "*x*{\\{ onclick=alert(1)}",
    "paragraph\n{: style=\"x\"}",
]

REFUSED_TEXT = ["<script>alert(1)</script>", "EXT <img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                "</p>"]

REFUSED_URLS = ["javascript:alert(1)", "JAVASCRIPT://x", "data:text/html,x", "ftp://example.org/",
                "//example.org/", "https://example.org/a|[x](javascript:alert(1))", "https://example.org/a b",
                "https://example.org/\"onclick=\"x", "https://example.org/<x>", "https://example.org/`x`",
                "https://example.org/\\x", "http:/example.org"]

ALLOWED_TAGS_IN_ARTICLE = {"a", "article", "nav", "h1", "h2", "h3", "h4", "p", "span", "div", "small", "table", "thead",
                           "tbody", "tr", "th", "td", "em", "strong", "ul", "ol", "li", "sup", "hr", "code", "br",
                           # the neighbourhood diagram (pages/neighbourhood.py), names escaped into its text
                           "figure", "figcaption", "svg", "g", "rect", "text", "line", "title"}
SCHEME = re.compile(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


class Page(HTMLParser):
    """Tags, attributes and visible text of one built page; the article (page content) apart."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.article_depth = 0
        self.article_tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.scripts = 0
        self.text: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" or self.article_depth:
            self.article_depth += tag not in ("br", "hr", "img", "input")
            self.article_tags.append(tag)
        self.scripts += tag == "script"
        self.attributes.extend((tag, name, value) for name, value in attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.article_depth and tag not in ("br", "hr"):
            self.article_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.article_depth:
            self.text.append(data)

    def visible(self) -> str:
        return " ".join("".join(self.text).split())


def write_record(repo: Path, rel: str, **changes: object) -> None:
    path = repo / rel
    record = yaml.safe_load(path.read_text())
    record.update(changes)
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("escaping") / "repo"
    repo.mkdir()
    shutil.copytree(FIXTURES / "base" / "data", repo / "data")
    copy_site_config(repo)
    use_fixture_home_page(repo)
    write_record(repo, "data/targets/example-target.yaml", name=HOSTILE_TEXT[0], full_name=HOSTILE_TEXT[3],
                 aliases=HOSTILE_TEXT[1:3] + HOSTILE_TEXT[4:], summary=SAFE_PROSE)
    write_record(repo, "data/trials/example-trial.yaml", acronym=HOSTILE_TEXT[2], design=HOSTILE_TEXT[4],
                 results=[{"population": HOSTILE_TEXT[6], "efficacy": SAFE_PROSE, "safety": SAFE_PROSE,
                           "sources": ["example-paper"]}])
    write_record(repo, "data/organizations/example-hospital.yaml", city=HOSTILE_TEXT[5],
                 url="https://example.org/path?q=1&r=(2)#frag")
    write_record(repo, "data/sources/example-paper.yaml", citation=HOSTILE_TEXT[7], journal=HOSTILE_TEXT[9],
                 doi="10.1234/a(b)<c>|d", url="https://example.org/paper")
    generated, report = build_site(repo)
    assert generated is not None, report.format()
    return repo / "site"


def pages(site: Path) -> list[Path]:
    found = [p for p in site.rglob("index.html") if p.parent.parent.name in
             ("targets", "trials", "organizations", "sources", "experts", "therapies", "diseases")]
    assert len(found) >= 10
    return found


def test_no_tag_attribute_or_link_is_formed(hostile_site: Path) -> None:
    script_counts = set()
    for path in pages(hostile_site):
        page = Page(path.read_text())
        script_counts.add(page.scripts)
        assert set(page.article_tags) <= ALLOWED_TAGS_IN_ARTICLE, (path, set(page.article_tags))
        for tag, name, value in page.attributes:
            assert not name.startswith("on") and name != "style", (path, tag, name, value)
            if name in ("href", "src", "action", "formaction", "srcset", "poster", "data"):
                scheme = SCHEME.match(value or "")
                assert scheme is None or scheme.group(1) in ("http", "https"), (path, tag, name, value)
            if tag in ("img", "iframe", "object", "embed"):
                raise AssertionError(f"{path}: <{tag}> in the page")
    assert len(script_counts) == 1, f"pages differ in their number of <script> tags: {script_counts}"


def test_hostile_text_reads_back_as_written(hostile_site: Path) -> None:
    target = Page((hostile_site / "targets/example-target/index.html").read_text()).visible()
    for text in HOSTILE_TEXT[:5] + HOSTILE_TEXT[6:7] + HOSTILE_TEXT[8:]:
        assert " ".join(text.split()) in target, text
    trial = Page((hostile_site / "trials/example-trial/index.html").read_text()).visible()
    assert HOSTILE_TEXT[2] in trial and HOSTILE_TEXT[4] in trial
    hospital = Page((hostile_site / "organizations/example-hospital/index.html").read_text()).visible()
    assert HOSTILE_TEXT[5] in hospital
    paper = Page((hostile_site / "sources/example-paper/index.html").read_text()).visible()
    assert HOSTILE_TEXT[7] in paper and HOSTILE_TEXT[9] in paper and "10.1234/a(b)<c>|d" in paper


def test_safe_prose_keeps_its_markdown_and_nothing_more(hostile_site: Path) -> None:
    source = (hostile_site / "targets/example-target/index.html").read_text()
    assert '<a href="https://example.org/?a=1&amp;b=2">link</a>' in source
    assert '<a href="https://example.org/ref">safe reference</a>' in source
    assert "<em>emphasis</em>" in source and "<strong>strong</strong>" in source
    visible = Page(source).visible()
    for shown in ("javascript: and data: as plain words; 1 < 2 and 2 > 1; 5 | 6.",
                  "&lt;script&gt;alert(1)&lt;/script&gt; &#106;avascript:alert(1) &amp;",
                  "An escaped brace {onclick=alert(1)} is text."):
        assert shown in visible, shown


def test_url_and_doi_links_are_well_formed(hostile_site: Path) -> None:
    hospital = (hostile_site / "organizations/example-hospital/index.html").read_text()
    assert 'href="https://example.org/path?q=1&amp;r=(2)#frag"' in hospital
    paper = (hostile_site / "sources/example-paper/index.html").read_text()
    hrefs = [html.unescape(h) for h in re.findall(r'href="(https://doi\.org/[^"]*)"', paper)]
    assert hrefs == ["https://doi.org/10.1234/a%28b%29%3Cc%3E%7Cd"]


def refused(base_repo: Path, rel: str, **changes: object) -> list[tuple[str, str]]:
    write_record(base_repo, rel, **changes)
    _dataset, report = validate(base_repo)
    return [(p.code, p.message) for p in report.problems if p.path == rel]


@pytest.mark.parametrize("prose", REFUSED_PROSE)
def test_unsafe_prose_is_refused(base_repo: Path, prose: str) -> None:
    problems = refused(base_repo, "data/targets/example-target.yaml", summary=prose)
    assert [code for code, _ in problems] == ["E060"], problems
    problems = refused(base_repo, "data/topics/example-topic.yaml",
                       viewpoints=[{"expert": "example-expert", "summary": prose, "sources": ["example-news"]}])
    assert [code for code, _ in problems] == ["E060"], problems


@pytest.mark.parametrize("text", REFUSED_TEXT)
def test_raw_html_in_text_is_refused(base_repo: Path, text: str) -> None:
    assert [c for c, _ in refused(base_repo, "data/targets/example-target.yaml", full_name=text)] == ["E060"]


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_url_fields_take_only_http_urls(base_repo: Path, url: str) -> None:
    assert [c for c, _ in refused(base_repo, "data/sources/example-paper.yaml", url=url)] == ["E060"]
    assert [c for c, _ in refused(base_repo, "data/organizations/example-hospital.yaml", url=url)] == ["E060"]


@pytest.mark.parametrize("url", ["https://example.org/", "http://example.org/a_b-c.d~e?f=1&g=%20#h",
                                 "https://example.org/path/(1)/[2]@x:y;z,w+v*u!t$s", "https://例子.中国/路径"])
def test_ordinary_urls_are_accepted(base_repo: Path, url: str) -> None:
    assert refused(base_repo, "data/sources/example-paper.yaml", url=url) == []
