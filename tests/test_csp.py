"""Every built page carries a Content-Security-Policy that lets the site work and stops injected script.

Unit tests read the policy and where it lands in a page. On the built real site, every HTML page holds one
policy ahead of its first script, allowing exactly the theme's inline scripts. In Debian's chromium, the
home page, an index with its filters, a record, search, the landscape and clicking between them report no
policy violation, while a page with a script written into its content shows that script refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ioatlas.engine.csp import apply_policy, inline_scripts, policy, script_hash, with_policy

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# the theme's shape, shortened: a script in <head>, one before and one after the content, JSON config
PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>T</title>
    <script>__md_scope=new URL("..",location)</script>
  </head>
  <body>
    <script>var palette=1</script>
    <article class="md-content__inner md-typeset">
      <p>text</p>{content}
    </article>
    <script>var target=2</script>
    <script id="__config" type="application/json">{{"base": ".."}}</script>
    <script src="../assets/javascripts/bundle.js"></script>
  </body>
</html>
"""
THEME = ['__md_scope=new URL("..",location)', "var palette=1", "var target=2"]


def _directives(text: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in text.split(";"))}


@pytest.mark.parametrize("variant", ["http", "file"])
def test_policy_allows_the_site_itself_and_inline_script_only_by_hash(variant: str) -> None:
    hashes = [script_hash(text) for text in THEME]
    directives = _directives(policy(hashes, variant))  # type: ignore[arg-type]
    own = ["'self'"] if variant == "http" else ["'self'", "file:"]
    assert directives == {
        "default-src": own, "script-src": [*own, *sorted(hashes)], "style-src": [*own, "'unsafe-inline'"],
        "img-src": [*own, "data:"], "worker-src": own, "object-src": ["'none'"], "base-uri": ["'self'"],
        "form-action": own}
    sources = {source for values in directives.values() for source in values}
    assert not any("//" in source or "*" in source or source.startswith(("http", "ws")) for source in sources)


def test_theme_scripts_are_hashed_but_content_scripts_and_json_data_are_not() -> None:
    page = PAGE.format(content='<script>alert("injected")</script><script type="module">m()</script>'
                               '<script type="application/ld+json">{"a": 1}</script>')
    trusted, in_content = inline_scripts(page)
    assert trusted == THEME
    assert in_content == ['alert("injected")', "m()"]


def test_a_closing_article_written_into_the_content_does_not_end_it() -> None:
    page = PAGE.format(content="</article><!-- </article> --><script>alert(1)</script><article>")
    assert inline_scripts(page) == (THEME, ["alert(1)"])


def test_policy_is_first_in_head_after_the_charset_and_applying_it_again_changes_nothing() -> None:
    once = with_policy(PAGE.format(content=""))
    assert META.findall(once) and len(META.findall(once)) == 1
    assert once.index('<meta charset="utf-8">') < once.index("Content-Security-Policy") < once.index("<script")
    assert with_policy(once) == once == with_policy(PAGE.format(content=""))
    assert _directives(META.findall(once)[0])["script-src"][1:] == sorted(script_hash(text) for text in THEME)


def test_the_hash_is_of_the_text_the_browser_sees() -> None:
    assert script_hash("a();\r\nb();\rc();") == script_hash("a();\nb();\nc();")
    # CSP's own example: the hash of alert('Hello, world.');
    assert script_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_a_page_without_head_gets_the_policy_before_its_content() -> None:
    page = with_policy("<!doctype html><p>hi</p><script>x()</script>", "file")
    assert page.startswith('<!doctype html><meta http-equiv="Content-Security-Policy"')
    assert script_hash("x()") in page


# ---------------------------------------------------------------- the real site, built and served


@pytest.fixture(scope="module")
def csp_site(real_built_repo: Path, real_site: str) -> tuple[Path, str]:
    """The real data built (the policy is part of the build): its site/ folder and its address on loopback."""
    return real_built_repo / "site", real_site


@pytest.mark.slow
def test_every_built_page_carries_one_policy_ahead_of_its_first_script(csp_site: tuple[Path, str]) -> None:
    site, _ = csp_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    policy_of: dict[str, str] = {}
    for path in pages:
        page = path.read_text(encoding="utf-8")
        policies = META.findall(page)
        assert len(policies) == 1, path
        assert page.index("Content-Security-Policy") < page.index("<script"), path
        trusted, in_content = inline_scripts(page)
        assert len(trusted) == 3 and in_content == [], path  # the theme's three, nothing in the content
        script_src = _directives(policies[0])["script-src"]
        assert script_src == ["'self'", *sorted(script_hash(text) for text in trusted)], path
        policy_of[path.relative_to(site).as_posix()] = policies[0]
    assert policy_of["experts/index.html"] == policy_of["trials/index.html"]  # one depth, one policy
    depths = ["index.html", "experts/index.html", "experts/he-huang/index.html"]
    assert len({policy_of[page] for page in depths}) == 3  # the theme's script holds the depth: its hash differs


@pytest.mark.slow
def test_applying_the_policy_to_a_built_site_again_changes_nothing(csp_site: tuple[Path, str]) -> None:
    site, _ = csp_site
    before = {path: path.read_bytes() for path in site.rglob("*.html")}
    assert apply_policy(site) == 0
    assert {path: path.read_bytes() for path in site.rglob("*.html")} == before


# ---------------------------------------------------------------- in chromium

REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", event =>
    console.error(`CSP violation: ${event.effectiveDirective} ${event.blockedURI} ${event.sample}`))"""


@pytest.fixture
def watched_page(request: pytest.FixtureRequest) -> Iterator[object]:
    """A tab whose console errors (the browser's own report of a violation, and ours) land in ``.errors``."""
    context = request.getfixturevalue("browser").new_context()  # conftest's chromium
    context.add_init_script(REPORT_VIOLATIONS)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.errors = errors  # type: ignore[attr-defined]
    yield tab
    context.close()


def _theme_ran(tab: object) -> bool:
    """The theme's inline scripts and its bundle both ran (the bundle swaps no-js for js)."""
    return tab.evaluate(  # type: ignore[attr-defined]
        "typeof __md_get === 'function' && document.documentElement.classList.contains('js')")


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("path", ["/", "/trials/", "/experts/he-huang/", "/landscape/", "/404.html"])
def test_page_runs_with_no_policy_violation(watched_page: object, csp_site: tuple[Path, str], path: str) -> None:
    _, address = csp_site
    watched_page.goto(address + path)  # type: ignore[attr-defined]
    watched_page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert _theme_ran(watched_page)
    assert watched_page.errors == []  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.slow
def test_search_filters_and_navigation_work_under_the_policy(watched_page: object,
                                                             csp_site: tuple[Path, str]) -> None:
    from test_browser import _search, _visible_rows

    _, address = csp_site
    tab = watched_page
    hrefs = _search(tab, address, "GPC3")  # the search worker loads from assets/ and fetches its index
    assert any("/targets/gpc3/" in href for href in hrefs), hrefs
    tab.goto(address + "/trials/")  # type: ignore[attr-defined]
    everything = len(_visible_rows(tab))
    tab.select_option("select[name='Target']", "GPC3")  # type: ignore[attr-defined]
    assert 0 < len(_visible_rows(tab)) < everything
    tab.goto(address + "/")  # type: ignore[attr-defined]
    tab.click("nav a:has-text('Landscape')")  # type: ignore[attr-defined]
    tab.locator("article table a:text-is('NCT02395250')").first.click()  # type: ignore[attr-defined]
    tab.wait_for_load_state()  # type: ignore[attr-defined]
    assert tab.url.endswith("/trials/nct02395250/") and _theme_ran(tab)  # type: ignore[attr-defined]
    assert tab.errors == []  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.slow
def test_a_script_written_into_a_page_is_refused(watched_page: object, csp_site: tuple[Path, str]) -> None:
    site, address = csp_site
    page = (site / "experts" / "index.html").read_text(encoding="utf-8")
    content = re.search(r'<article class="md-content__inner[^"]*">', page)
    assert content is not None
    injected = (page[:content.end()] + "<script>window.injected = true</script>"
                '<img src="data:," onerror="window.injected_handler = true">' + page[content.end():])
    injected_page = site / "experts" / "injected.html"  # beside experts/index.html: the same depth
    injected_page.write_text(with_policy(injected), encoding="utf-8")
    try:
        watched_page.goto(address + "/experts/injected.html")  # type: ignore[attr-defined]
        watched_page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
        ran = watched_page.evaluate("[window.injected, window.injected_handler]")  # type: ignore[attr-defined]
        theme_ran = _theme_ran(watched_page)
    finally:
        injected_page.unlink()
    assert ran == [None, None]
    assert theme_ran  # the theme's own inline scripts still run
    reports = [error.split()[2:4] for error in watched_page.errors  # type: ignore[attr-defined]
               if error.startswith("CSP violation:")]
    assert sorted(reports) == [["script-src-attr", "inline"], ["script-src-elem", "inline"]], watched_page.errors  # type: ignore[attr-defined]
