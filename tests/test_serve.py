"""`ioatlas serve` never dies on bad input: a broken record, a crashing template or a hand-written file in the
way is printed in the terminal, the last good pages stay served, and the fix is picked up.

The end-to-end test runs the real `ioatlas serve` (and MkDocs under it) on a copy of the repository on a free
port, from a copy of the package whose templates it edits and breaks. Every wait has a generous time limit so
that a slow machine fails nothing; no test measures speed.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ioatlas import serve
from ioatlas.pages.environment import TEMPLATES

RECORD = "data/experts/lu-shun.yaml"
OLD_TEXT = "Lung-cancer oncologist"
LIMIT = 120.0  # seconds any one step may take on a slow, shared machine


def test_records_templates_and_the_mkdocs_config_are_watched(base_repo: Path) -> None:
    watched = serve.watched(base_repo)
    assert base_repo / "data" / "experts" / "example-expert.yaml" in watched
    assert TEMPLATES / "record.md.j2" in watched and TEMPLATES / "experts.md.j2" in watched
    assert base_repo / "mkdocs.yml" in watched


def test_a_crash_in_a_template_is_printed_not_raised(base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(_root: Path, _cache: object = None) -> None:
        raise ZeroDivisionError("division by zero in experts.md.j2")

    monkeypatch.setattr(serve, "generate", crash)
    said: list[str] = []
    assert serve.regenerate(base_repo, said.append) is False
    assert "generator crashed" in said[0] and "ZeroDivisionError" in said[0] and "still served" in said[0]


def test_a_generation_conflict_is_printed_not_raised(base_repo: Path) -> None:
    said: list[str] = []
    assert serve.regenerate(base_repo, said.append) is True
    page = base_repo / "docs" / "experts" / "example-expert.md"
    page.unlink()
    (base_repo / "docs" / ".gitignore").unlink()  # the manifest is lost: the page now looks hand-written
    page.write_text("# Written by hand\n")
    assert serve.regenerate(base_repo, said.append) is False
    assert "not regenerated" in said[-1] and "example-expert.md" in said[-1]
    assert page.read_text() == "# Written by hand\n"


def test_an_invalid_record_is_printed_and_nothing_is_written(base_repo: Path) -> None:
    said: list[str] = []
    assert serve.regenerate(base_repo, said.append)
    page = base_repo / "docs" / "experts" / "example-expert.md"
    before = page.read_bytes()
    record = base_repo / "data" / "experts" / "example-expert.yaml"
    record.write_text(record.read_text().replace("name: Example Expert", "name: Changed\nnmae: typo"))
    assert serve.regenerate(base_repo, said.append) is False
    assert "error[E010]" in said[-1] and "last good pages are still served" in said[-1]
    assert page.read_bytes() == before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, ""
    except OSError:
        return 0, ""


def _wait_for(what: str, condition: Callable[[], bool], log: Path) -> None:
    deadline = time.monotonic() + LIMIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}; serve printed:\n{log.read_text()[-4000:]}")
        time.sleep(0.2)


@pytest.fixture
def served(real_repo: Path, tmp_path: Path) -> Iterator[tuple[Path, str, Path, subprocess.Popen[bytes], Path]]:
    """The real `ioatlas serve` on a copy of the repository, run from a copy of the package so that the test
    may edit its templates; stopped (with MkDocs) at the end."""
    package = tmp_path / "package"
    shutil.copytree(Path(serve.__file__).parent, package / "ioatlas", ignore=shutil.ignore_patterns("__pycache__"))
    log = tmp_path / "serve.log"
    port = _free_port()
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "ioatlas.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                   cwd=real_repo, stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(package)})
    try:
        yield real_repo, f"http://127.0.0.1:{port}", log, process, package / "ioatlas" / "templates"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail("serve did not stop on SIGTERM")


def _children(pid: int) -> list[int]:
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in found.split()]


@pytest.mark.slow
def test_serve_survives_broken_records_and_templates_and_shows_the_fixes(served) -> None:
    repo, base, log, process, templates = served
    page = f"{base}/experts/lu-shun/"
    _wait_for("the first build", lambda: OLD_TEXT in _get(page)[1], log)

    record = repo / RECORD
    good = record.read_text()
    assert OLD_TEXT in good
    record.write_text(good.replace(OLD_TEXT, "BROKEN-MARKER") + "stauts: typo\n")
    _wait_for("the error in the terminal", lambda: "error[E010]" in log.read_text(), log)
    assert "not regenerated" in log.read_text()
    time.sleep(2)  # room for a wrong rebuild to show, if one were made
    status, text = _get(page)
    assert status == 200 and OLD_TEXT in text and "BROKEN-MARKER" not in text
    assert process.poll() is None

    record.write_text(good.replace(OLD_TEXT, "FIXED-MARKER"))
    _wait_for("the fixed record's page", lambda: "FIXED-MARKER" in _get(page)[1], log)

    # a note for curators changes no page, only the record's YAML, which MkDocs publishes from data/
    copy = f"{base}/records/experts/lu-shun.yaml"
    status, text = _get(copy)
    assert status == 200 and "FIXED-MARKER" in text and "NOTE-MARKER" not in text
    record.write_text(good.replace(OLD_TEXT, "FIXED-MARKER") + "curator_note: NOTE-MARKER, for curators only\n")
    _wait_for("the record's YAML with the curator's note", lambda: "NOTE-MARKER" in _get(copy)[1], log)
    assert "NOTE-MARKER" not in _get(page)[1]

    template = templates / "experts.md.j2"
    layout = template.read_text()
    heading = "<h2>Affiliations and roles</h2>"
    template.write_text(layout.replace(heading, "<h2>Affiliations and roles (TEMPLATE-MARKER)</h2>"))
    _wait_for("the edited template's page", lambda: "TEMPLATE-MARKER" in _get(page)[1], log)

    template.write_text(layout.replace(heading, "<h2>{{ 1 / 0 }}</h2>"))
    _wait_for("the template's crash in the terminal", lambda: "ZeroDivisionError" in log.read_text(), log)
    time.sleep(2)
    status, text = _get(page)
    assert status == 200 and "TEMPLATE-MARKER" in text and process.poll() is None

    template.write_text(layout)
    _wait_for("the repaired template's page", lambda: "TEMPLATE-MARKER" not in _get(page)[1], log)
    assert _get(f"{base}/")[0] == 200

    mkdocs = _children(process.pid)
    assert mkdocs, "serve runs MkDocs as a child process"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    _wait_for("MkDocs to stop with serve", lambda: not any(Path(f"/proc/{pid}").exists() for pid in mkdocs), log)
