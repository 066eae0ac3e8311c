"""The GitHub Actions workflows stay consistent with .ci/run, the Makefile and the link checker's
defaults (they cannot run here, so at least what they call must exist and match)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
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
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


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


# ---------------------------------------------------------------- security of the workflows (issue #16)

BIN = Path(sys.executable).parent
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w./-]+)@(?P<ref>\S+)\s*#\s*v\d+\.\d+\.\d+\s*$")


def _workflow_names() -> list[str]:
    return sorted(path.name for path in WORKFLOWS.glob("*.yml"))


# the only jobs whose token may write: publishing Pages, and attaching the offline zip to a release
WRITES = {("pages.yml", "deploy"): {"pages", "id-token"}, ("release.yml", "release"): {"contents"}}


@pytest.mark.parametrize("name", _workflow_names())
def test_token_gets_nothing_by_default_and_each_job_only_what_it_needs(name: str) -> None:
    workflow = _load(name)
    assert workflow["permissions"] == {}
    for job_name, job in workflow["jobs"].items():
        granted = job["permissions"]
        writes = {scope for scope, level in granted.items() if level == "write"}
        assert writes <= WRITES.get((name, job_name), set()), job_name


@pytest.mark.parametrize("name", _workflow_names())
def test_actions_are_pinned_to_a_commit_and_scripts_hold_no_expressions(name: str) -> None:
    text = (WORKFLOWS / name).read_text()
    uses = [line for line in text.splitlines() if re.match(r"^\s*(?:-\s+)?uses:", line)]
    assert uses and all(PINNED.match(line) and re.fullmatch(r"[0-9a-f]{40}", PINNED.match(line)["ref"])
                        for line in uses), uses
    workflow = _load(name)
    for job_name in workflow["jobs"]:
        assert "${{" not in _runs(workflow, job_name)  # values reach scripts through env:, never spliced in
        for step in _steps(workflow, job_name):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_dependabot_updates_python_packages_and_actions() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert {(entry["package-ecosystem"], entry["directory"]) for entry in config["updates"]} == {
        ("pip", "/"), ("github-actions", "/")}


def test_make_lint_runs_zizmor_and_the_workflow_schema_offline() -> None:
    makefile = (ROOT / "Makefile").read_text()
    lint_rule = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "zizmor --offline" in lint_rule and "--builtin-schema vendor.github-workflows" in lint_rule
    assert "lint" in makefile.split("\ntest:", 1)[1].split("\n", 1)[0]  # so make test fails on a finding


def _run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, check=False, cwd=ROOT)


def test_zizmor_and_the_schema_find_nothing_in_our_workflows() -> None:
    zizmor = _run(BIN / "zizmor", "--offline", "--no-progress", ".github")
    assert zizmor.returncode == 0, zizmor.stdout + zizmor.stderr
    schema = _run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                  *sorted(WORKFLOWS.glob("*.yml")))
    assert schema.returncode == 0, schema.stdout + schema.stderr


def test_zizmor_and_the_schema_fail_on_a_bad_workflow(tmp_path: Path) -> None:
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "bad.yml").write_text(
        "on: pull_request_target\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-24.04\n    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n')
    zizmor = _run(BIN / "zizmor", "--offline", "--no-progress", tmp_path / ".github")
    assert zizmor.returncode != 0 and "template-injection" in zizmor.stdout, zizmor.stdout + zizmor.stderr
    (workflows / "bad.yml").write_text("on: push\njobs:\n  greet:\n    stepz: []\n")
    schema = _run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", workflows / "bad.yml")
    assert schema.returncode != 0, schema.stdout
