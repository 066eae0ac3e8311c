"""The site's search worker: Material's own worker wrapped by assets/search-worker.js, which makes lunr keep
hyphenated words whole and rank an exact name or alias first (the file's comment says how and why).

The wrapper is named after Material's worker (``search.<hash>.min.js`` → ``ioatlas-search.<hash>.min.js``)
and written beside it, because Material's worker loads its language files from ``../lunr`` relative to
itself. ``overrides/main.html`` renames the worker in the theme's configuration the same way, so a new
Material release with a new hash needs no edit here.
"""

from __future__ import annotations

from importlib import resources
from pathlib import PurePosixPath

from ..graph import Graph

WORKERS = PurePosixPath("assets/javascripts/workers")
MATERIAL_PREFIX = "search."
OUR_PREFIX = "ioatlas-search."
PLACEHOLDER = "MATERIAL_WORKER"


def material_worker_name() -> str:
    folder = resources.files("material").joinpath("templates", *WORKERS.parts)
    names = sorted(entry.name for entry in folder.iterdir()
                   if entry.name.startswith(MATERIAL_PREFIX) and entry.name.endswith(".min.js"))
    if len(names) != 1:
        raise RuntimeError(f"expected one Material search worker in {folder}, found {names}")
    return names[0]


def write(_graph: Graph) -> dict[PurePosixPath, bytes]:
    material = material_worker_name()
    wrapper = resources.files("ioatlas").joinpath("assets", "search-worker.js").read_text(encoding="utf-8")
    ours = OUR_PREFIX + material.removeprefix(MATERIAL_PREFIX)
    return {WORKERS / ours: wrapper.replace(PLACEHOLDER, material).encode()}
