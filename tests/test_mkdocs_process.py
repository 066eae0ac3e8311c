"""MkDocs' process is started ahead of the build (ioatlas.engine.process): it builds only when asked, exactly
once, and a build that stops early (invalid records) leaves it ended without a site."""

from __future__ import annotations

from pathlib import Path

import pytest

from ioatlas.engine.process import MkDocsProcess
from ioatlas.pipeline import build as build_site


def test_a_process_never_run_leaves_without_building(base_repo: Path) -> None:
    process = MkDocsProcess(base_repo)
    started = process.process
    assert started is not None
    process.stop()
    assert started.returncode == 0
    assert not (base_repo / "site").exists()


@pytest.mark.slow
def test_a_process_runs_mkdocs_once(base_repo: Path, tmp_path: Path) -> None:
    with MkDocsProcess(base_repo) as process:
        code, stdout, stderr = process.run(["--version"], epoch=0)
        assert code == 0 and "mkdocs, version" in stdout + stderr
        with pytest.raises(RuntimeError, match="already run"):
            process.run(["--version"], epoch=0)
    with MkDocsProcess(base_repo) as process:
        code, stdout, stderr = process.run(["build", "--config-file", str(base_repo / "no-such.yml")], epoch=0)
        assert code != 0 and "no-such.yml" in stdout + stderr


def test_invalid_records_stop_the_process_before_it_builds(base_repo: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[MkDocsProcess] = []
    original = MkDocsProcess.__init__

    def keep(self: MkDocsProcess, cwd: Path) -> None:
        original(self, cwd)
        started.append(self)

    monkeypatch.setattr(MkDocsProcess, "__init__", keep)
    (base_repo / "data/targets/example-target.yaml").write_text("id: example-target\nname: EXT1\nbogus: 1\n")
    generated, report = build_site(base_repo)
    assert generated is None and report
    assert len(started) == 1 and started[0].process is None  # stopped, and waited for
    assert not (base_repo / "site").exists()
