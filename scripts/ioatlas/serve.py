"""``ioatlas serve``: generate pages, run ``mkdocs serve``, and regenerate when data/ changes.

MkDocs watches docs/ itself; this module only watches data/ (by polling modification times, so
it needs no extra dependency) and rewrites the generated pages that changed, which MkDocs then
picks up. Invalid data is reported in the terminal and the last good pages stay served.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from .pipeline import generate
from .site import SITE_CONFIG


def _snapshot(data_dir: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in data_dir.rglob("*.yaml")}


def _regenerate(root: Path) -> None:
    generated, report = generate(root)
    if generated is None:
        print(report.format(), file=sys.stderr, flush=True)
    else:
        print(f"regenerated: {len(generated.summary.written)} page(s) changed", flush=True)


def _watch(root: Path, stop: threading.Event) -> None:
    before = _snapshot(root / "data")
    while not stop.wait(1.0):
        now = _snapshot(root / "data")
        if now != before:
            before = now
            _regenerate(root)


def serve(root: Path, dev_addr: str) -> int:
    generated, report = generate(root)
    if generated is None:
        print(report.format(), file=sys.stderr)
        return 1
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(root, stop), daemon=True)
    watcher.start()
    try:
        return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--config-file", SITE_CONFIG,
                                "--dev-addr", dev_addr, "--livereload"], cwd=root)
    except KeyboardInterrupt:
        return 0
    finally:
        stop.set()
        time.sleep(0)
