"""Accessibility in a real browser: axe-core (the engine behind Lighthouse's accessibility score) run over
the home page, an index, a record page, the timeline and the landscape, in the light and the dark scheme,
on a phone and a desktop width. No serious or critical violation is allowed.

axe-core comes from the pinned axe-playwright-python package, which ships it as one file; it is injected
into a context that bypasses the pages' Content-Security-Policy, since it is the test's script, not the site's.
"""

from __future__ import annotations

from importlib import resources

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]
pytest.importorskip("playwright.sync_api")

PAGES = ("/", "/trials/", "/experts/he-huang/", "/targets/gpc3/", "/timeline/", "/landscape/", "/approved/",
         "/therapies/", "/trials/nct02395250/", "/corrections/", "/compare/?ids=pembrolizumab,sintilimab",
         "/diseases/non-small-cell-lung-cancer/")
BLOCKING = {"serious", "critical"}

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
def test_pages_have_no_serious_accessibility_violation(browser: object, real_site: str, scheme: str,
                                                       width: int) -> None:
    found = {path: _violations(browser, real_site + path, scheme, width) for path in PAGES}
    assert {path: v for path, v in found.items() if v} == {}


def test_the_dark_scheme_is_really_applied(browser: object, real_site: str) -> None:
    context = browser.new_context(color_scheme="dark")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(real_site + "/experts/he-huang/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    assert background not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), background
