"""``ioatlas serve``: generate pages, run ``mkdocs serve``, and regenerate when a record or a template changes.

MkDocs watches docs/ itself (hand-written pages, and the generated pages this module rewrites); this module
polls data/, the page templates and mkdocs.yml four times a second (modification times, so it needs no extra
dependency) and regenerates: only the generated files whose content changed are written, and MkDocs rebuilds
the pages written (``--dirty``), so an edit shows in the browser within seconds however large the atlas.

The server never dies on bad input. A record that fails validation, a template that raises, a hand-written
file standing where a generated one belongs (``GenerationConflict``): each is printed in the terminal, nothing
is written, the last good pages stay served, and the next save that fixes it is picked up. The preview is
built without ``strict`` so that one broken link does not freeze it; ``ioatlas build`` stays strict.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from .dataset import LoadCache
from .docs_sync import GenerationConflict
from .engine.site import HAND_CONFIG, SITE_CONFIG, serve_command, write_site_config
from .outputs import prepare_outputs
from .pages import prepare_pages
from .pages.environment import TEMPLATES
from .pipeline import generate

POLL_SECONDS = 0.25


def watched(root: Path) -> list[Path]:
    """Every file whose change means regenerating: records, page templates, the hand-written MkDocs config."""
    files = [*(root / "data").rglob("*.yaml"), *TEMPLATES.glob("*.j2"), root / HAND_CONFIG]
    return sorted(path for path in files if path.is_file())


def _snapshot(root: Path) -> dict[Path, tuple[float, int]]:
    snapshot = {}
    for path in watched(root):
        try:
            info = path.stat()
        except OSError:  # removed between listing and reading: the next poll sees it gone
            continue
        snapshot[path] = (info.st_mtime, info.st_size)
    return snapshot


def regenerate(root: Path, out: Callable[[str], None] | None = None, cache: LoadCache | None = None) -> bool:
    """Generate once; report in the terminal what went wrong, never raise. True when pages were written.
    ``cache`` keeps the records read for the next regeneration, which reads again only the files changed."""
    say = out or (lambda text: print(text, file=sys.stderr, flush=True))
    try:
        generated, report = generate(root, cache)
    except GenerationConflict as err:
        say(f"not regenerated: {err}\nthe last good pages are still served")
        return False
    except Exception:  # a template or an output that crashes must not stop the preview
        say(f"not regenerated: the generator crashed\n{traceback.format_exc()}the last good pages are still served")
        return False
    if generated is None:
        say(f"{report.format()}\nnot regenerated: fix the record(s) above; the last good pages are still served")
        return False
    if report.warnings():
        say(report.format())
    if not generated.summary.written:
        _rebuild_without_page_changes(root)
    seconds = sum(generated.atlas.seconds.values())
    print(f"regenerated: {len(generated.summary.written)} file(s) changed in {seconds:.1f} s", flush=True)
    return True


def _rebuild_without_page_changes(root: Path) -> None:
    """Make MkDocs rebuild although no generated file changed: an edit that no page shows (a note for curators)
    still changes the record's YAML, which MkDocs publishes straight from data/ (engine/record_copies.py) but does not
    watch. Touching the site config it watches is enough; its ``--dirty`` rebuild copies the newer file."""
    with contextlib.suppress(OSError):
        os.utime(root / SITE_CONFIG)


def _watch(root: Path, stop: threading.Event, cache: LoadCache) -> None:
    before = _snapshot(root)
    while not stop.wait(POLL_SECONDS):
        now = _snapshot(root)
        if now != before:
            before = now
            regenerate(root, cache=cache)


def _prepare() -> None:
    """What every regeneration would otherwise make again: jieba's dictionary, the compiled templates. Made once
    here, it is inherited by the process each regeneration forks (pipeline.plan)."""
    prepare_outputs()
    with contextlib.suppress(Exception):  # a broken template: the first regeneration says where
        prepare_pages()


def serve(root: Path, dev_addr: str) -> int:
    _prepare()
    cache = LoadCache()
    # on failure, serve what docs/ holds from the last good run; the next good save regenerates
    if not regenerate(root, cache=cache):
        try:
            write_site_config(root)
        except Exception as err:  # no config, no server: say why
            print(f"cannot write {SITE_CONFIG}: {err}", file=sys.stderr)
            return 1
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(root, stop, cache), daemon=True)
    watcher.start()
    mkdocs = subprocess.Popen(serve_command(dev_addr), cwd=root)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)  # `kill` stops MkDocs too, not only this process
    try:
        return mkdocs.wait()
    except (KeyboardInterrupt, SystemExit):
        return 0
    finally:
        stop.set()
        if mkdocs.poll() is None:
            mkdocs.terminate()
            try:
                mkdocs.wait(timeout=10)
            except subprocess.TimeoutExpired:
                mkdocs.kill()


def _exit_on_sigterm(_signum: int, _frame: object) -> None:
    raise SystemExit(0)
