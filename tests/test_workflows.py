"""The GitHub Actions workflows stay consistent with .ci/run, the Makefile and the link checker's
defaults (they cannot run here, so at least what they call must exist and match)."""

from __future__ import annotations

import yaml

from conftest import ROOT
from ioatlas.links.outside_lychee import DEFAULT_CACHE

WORKFLOWS = ROOT / ".github" / "workflows"


def _load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text())
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads a bare `on` as true
    return workflow


def _steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def _runs(workflow: dict, job: str) -> str:
    return "\n".join(step.get("run", "") for step in _steps(workflow, job))


def _uses(workflow: dict, job: str) -> list[str]:
    return [step["uses"].split("@")[0] for step in _steps(workflow, job) if "uses" in step]


def test_ci_runs_make_test_through_ci_run_on_push_and_pull_request() -> None:
    ci = _load("ci.yml")
    assert {"push", "pull_request"} <= set(ci["on"])
    assert ".ci/run" in _runs(ci, "test")
    assert "make test" in (ROOT / ".ci/run").read_text()
    assert "bookworm" in ci["jobs"]["test"]["container"]  # .ci/run installs Debian's chromium


def test_pages_builds_and_publishes_site_on_main() -> None:
    pages = _load("pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    assert "make build" in _runs(pages, "build")
    upload = next(s for s in _steps(pages, "build") if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert "actions/deploy-pages" in _uses(pages, "deploy")
    assert {"pages": "write", "id-token": "write"}.items() <= pages["permissions"].items()


def test_links_runs_weekly_with_cache_and_uploads_the_report() -> None:
    links = _load("links.yml")
    assert links["on"]["schedule"] and "workflow_dispatch" in links["on"]
    assert "make linkcheck" in _runs(links, "linkcheck")
    paths = {s["with"]["path"] for s in _steps(links, "linkcheck") if s.get("uses", "").startswith("actions/")
             and "path" in s.get("with", {})}
    assert DEFAULT_CACHE.as_posix() in paths
    assert "linkcheck-report.md" in paths and "linkcheck-report.md" in (ROOT / "Makefile").read_text()


def test_make_test_does_not_check_outside_links() -> None:
    makefile = (ROOT / "Makefile").read_text()
    test_rule = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "linkcheck" not in test_rule
