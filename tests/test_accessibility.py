"""Accessibility in a real browser: axe-core (the engine behind Lighthouse's accessibility score) run over
the home page, an index, a record page, the timeline and the landscape, in the light and the dark scheme,
on a phone and a desktop width. No serious or critical violation is allowed.

axe-core comes from the pinned axe-playwright-python package, which ships it as one file; it is injected
into a context that bypasses the pages' Content-Security-Policy, since it is the test's script, not the site's.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]
playwright_api = pytest.importorskip("playwright.sync_api")

PAGES = ("/", "/trials/", "/experts/he-huang/", "/targets/gpc3/", "/timeline/", "/landscape/")
BLOCKING = {"serious", "critical"}
CHROMIUM = "/usr/bin/chromium"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from conftest import built_real_copy

    repo = built_real_copy(tmp_path_factory.mktemp("a11y"))
    handler = functools.partial(_QuietHandler, directory=str(repo / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is required for browser tests: apt-get install chromium")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield launched
        launched.close()


AXE = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def _violations(browser: object, url: str, scheme: str, width: int) -> list[str]:
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900},  # type: ignore[attr-defined]
                                  bypass_csp=True, has_touch=width < 600)
    page = context.new_page()
    page.goto(url)
    page.add_script_tag(content=AXE)
    result = page.evaluate("""() => axe.run(document, {resultTypes: ["violations"],
        runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})""")
    context.close()
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
            for v in result["violations"] if v["impact"] in BLOCKING]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_pages_have_no_serious_accessibility_violation(browser: object, site: str, scheme: str, width: int) -> None:
    found = {path: _violations(browser, site + path, scheme, width) for path in PAGES}
    assert {path: v for path, v in found.items() if v} == {}


def test_the_dark_scheme_is_really_applied(browser: object, site: str) -> None:
    context = browser.new_context(color_scheme="dark")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(site + "/experts/he-huang/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    assert background not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), background
