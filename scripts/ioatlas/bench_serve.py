"""How long a curator waits under ``ioatlas serve``: from saving a record to the changed page being served.

The measure runs the real ``ioatlas serve`` on a synthetic atlas, renames a target (an edit whose effect is on
other records' pages: every trial page that links the target shows its name) and reads a trial page of that
target over HTTP every 20 ms until the new name is on it. The time runs from the moment the file is written,
so it holds the watcher's poll, the regeneration and MkDocs' rebuild of the changed pages; a browser shows the
page one reload later (live reload tells it as soon as MkDocs has rebuilt).
"""

from __future__ import annotations

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from .markdown_text import escape_html

POLL_SECONDS = 0.02
GIVE_UP_SECONDS = 60.0  # a change not served in a minute is a broken preview, not a slow one
_NAME_LINE = re.compile(r"^name: .*$", re.MULTILINE)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, text: str, process: subprocess.Popen[bytes], started: float) -> float:
    """Seconds from ``started`` until the page at ``url`` holds ``text``."""
    while time.perf_counter() - started < GIVE_UP_SECONDS:
        if process.poll() is not None:
            raise RuntimeError(f"ioatlas serve stopped (exit {process.returncode})")
        page = _page(url)
        if page is not None and text in page:
            return time.perf_counter() - started
        time.sleep(POLL_SECONDS)
    raise RuntimeError(f"{url} did not show {text!r} within {GIVE_UP_SECONDS:.0f} s")


@contextmanager
def _serving(work: Path, port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with open(log, "wb") as output:
        process = subprocess.Popen([sys.executable, "-m", "ioatlas.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                   cwd=work, stdout=output, stderr=subprocess.STDOUT,
                                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _edited_target(work: Path) -> tuple[Path, str, str]:
    """A target that a trial links: its file, its name and the trial's page address."""
    for trial_file in sorted((work / "data" / "trials").glob("*.yaml")):
        text = trial_file.read_text(encoding="utf-8")
        found = re.search(r"^targets:\n- (\S+)$", text, re.MULTILINE)
        if found:
            target_file = work / "data" / "targets" / f"{found.group(1)}.yaml"
            return target_file, str(yaml.safe_load(target_file.read_bytes())["name"]), f"trials/{trial_file.stem}/"
    raise RuntimeError(f"no trial under {work / 'data' / 'trials'} links a target")


def serve_edit_seconds(work: Path, edits: int) -> list[float]:
    """Seconds from each of ``edits`` renames of one target to a trial page served with the new name. ``work``
    is an atlas that builds (its docs/ generated or not); its target file is left as it was."""
    target_file, name, trial_page = _edited_target(work)
    original = target_file.read_bytes()
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{trial_page}"
    seconds: list[float] = []
    try:
        with _serving(work, port, work / "serve-bench.log") as process:
            _wait_for(url, str(escape_html(name)), process, time.perf_counter())  # up and serving
            for edit in range(1, edits + 1):
                renamed = f"{name} edit {edit}"
                time.sleep(1.0)  # MkDocs may still be busy after the last change showed (live reload, logging)
                text = original.decode("utf-8")
                line = _NAME_LINE.search(text)
                assert line is not None  # a record names itself on a top-level line
                text = f"{text[:line.start()]}name: {json.dumps(renamed, ensure_ascii=False)}{text[line.end():]}"
                started = time.perf_counter()
                target_file.write_text(text, encoding="utf-8")
                seconds.append(round(_wait_for(url, str(escape_html(renamed)), process, started), 2))
    except RuntimeError as error:
        log = (work / "serve-bench.log").read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"{error}; serve printed:\n{log}") from None
    finally:
        target_file.write_bytes(original)
    return seconds


def summary(seconds: list[float]) -> dict[str, float | list[float]]:
    return {"serve_edit_s": round(statistics.median(seconds), 2), "serve_edit_s_range": [min(seconds), max(seconds)]}
