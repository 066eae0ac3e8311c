"""Python's cyclic garbage collector is paused while records are loaded, checked and planned, and back on
afterwards; only a one-shot run (``ioatlas build``, ``ioatlas generate``) freezes what it made
(ioatlas.pipeline.collector_paused)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_RUN = """
import gc, sys
from pathlib import Path
from ioatlas.pipeline import assemble, plan
passes = []
gc.callbacks.append(lambda phase, info: passes.append(phase))  # a collection from here to the end
atlas = assemble(Path(sys.argv[1]), one_shot=sys.argv[2] == "one-shot")
files = plan(atlas.graph, one_shot=sys.argv[2] == "one-shot")
print(gc.isenabled(), gc.get_freeze_count() > 0, len(files) > 0, passes == [])
"""


def _run(repo: Path, mode: str) -> str:
    # a process of its own: a freeze lasts as long as the process
    return subprocess.run([sys.executable, "-c", _RUN, str(repo), mode], capture_output=True, text=True,
                          check=True).stdout.split()


def test_a_one_shot_run_freezes_what_it_made(real_repo: Path) -> None:
    # enabled again, objects frozen, files planned, and no collection ever scanned what the run made
    assert _run(real_repo, "one-shot") == ["True", "True", "True", "True"]


def test_any_other_run_leaves_the_collector_as_it_was(real_repo: Path) -> None:
    # enabled again, nothing frozen, files planned; the collector went over the run's objects once it was back
    assert _run(real_repo, "again") == ["True", "False", "True", "False"]
