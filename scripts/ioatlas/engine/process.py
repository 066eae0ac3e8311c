"""The ``mkdocs`` command in a process of its own, started before it is needed.

``ioatlas build`` runs MkDocs in a separate process (its own memory, logging and plugin state). Starting one
costs about 1.3 s before MkDocs reads a page: Python, the imports of MkDocs, Material and their plugins, and
jieba's dictionary for the search plugin's Chinese words. ``MkDocsProcess`` starts that process when the build
starts, so that it makes itself ready on the second core while this one loads and checks the records; it
then waits for one line on its standard input. ``run`` sends the command line and the build's date and
returns what ``mkdocs`` printed and its exit code, exactly as a new ``python -m mkdocs`` would have; ``stop``
(or leaving the ``with`` block) ends a process that was never run, without building anything.

Run as ``python -m ioatlas.engine.process``, this module is that waiting process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from types import TracebackType


class MkDocsProcess:
    def __init__(self, cwd: str | os.PathLike[str]) -> None:
        env = {**os.environ, "PYTHONHASHSEED": "0", "NO_MKDOCS_2_WARNING": "1"}
        self.process: subprocess.Popen[str] | None = subprocess.Popen(
            [sys.executable, "-m", "ioatlas.engine.process"], cwd=cwd, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def run(self, arguments: list[str], epoch: int) -> tuple[int, str, str]:
        """``mkdocs ARGUMENTS`` with SOURCE_DATE_EPOCH ``epoch`` unless the environment sets it: (exit code,
        standard output, standard error). A process runs once."""
        if self.process is None:
            raise RuntimeError("this MkDocs process has already run")
        process, self.process = self.process, None
        request = json.dumps({"arguments": arguments, "epoch": epoch}) + "\n"
        stdout, stderr = process.communicate(request)
        return process.returncode, stdout, stderr

    def stop(self) -> None:
        if self.process is None:
            return
        process, self.process = self.process, None
        process.communicate("")  # end of input: the process leaves without building

    def __enter__(self) -> MkDocsProcess:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.process is not None and kind is not None:
            self.process.kill()  # interrupted or failed: no need to wait for a clean stop
        self.stop()


def _wait_and_run() -> int:
    import jieba
    import material.plugins.search.plugin  # noqa: F401  (imported now rather than when MkDocs loads the plugin)
    from mkdocs.__main__ import cli

    from . import plugin  # noqa: F401

    jieba.initialize()  # the default dictionary, which the search plugin would load at its first Chinese word
    line = sys.stdin.readline()
    if not line.strip():
        return 0
    request = json.loads(line)
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(request["epoch"]))
    try:
        cli.main(args=request["arguments"], prog_name="mkdocs", standalone_mode=True)
    except SystemExit as leaving:
        return leaving.code if isinstance(leaving.code, int) else (0 if leaving.code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(_wait_and_run())
