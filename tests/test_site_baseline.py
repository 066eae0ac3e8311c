"""The built site changes only when a commit of code says so.

SITE_BASELINE names the last commit whose code changed the built site on purpose. This test builds the site
twice from the same records (this checkout's data/) and the same hand-written pages (this checkout's docs/,
less its assets): once with the code, templates, configuration, theme overrides and site assets of
SITE_BASELINE, once with this checkout's, and requires every file of the two sites to be byte-identical. A
restructuring passes as it is, and so does a change of data or of a hand-written page. A change of code meant
to alter what readers see is committed first; the next commit sets SITE_BASELINE to it and says in its
message what changed. Outside a git clone (a release tarball) there is no baseline to build, and the test is
skipped, saying so.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from conftest import ROOT
from ioatlas.docs_sync import copy_site_sources
from ioatlas.pipeline import build

SITE_BASELINE = "ff01b8a"  # marks per field, results with safety, corrections, stage in China, Approved in China
BASELINE_PATHS = ("scripts", "mkdocs.yml", "overrides", "docs/assets")  # the code: what makes the site
HAND_WRITTEN = "docs"  # today's hand-written pages go into both builds

# Runs the baseline's CLI and proves that the package imported is the baseline's, not this checkout's.
_RUN_BASELINE = ("import sys, ioatlas; from pathlib import Path; "
                 "assert Path(ioatlas.__file__).is_relative_to(sys.argv[1]), ioatlas.__file__; "
                 "from ioatlas.cli import main; sys.exit(main(sys.argv[2:]))")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _git(*args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, check=False)
    assert result.returncode == 0, (f"git {' '.join(args)} failed: {result.stderr.decode(errors='replace')}\n"
                                    "the test needs the repository's history (a full clone, not a shallow one)")
    return result.stdout


def _skip_outside_a_clone() -> None:
    inside = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--is-inside-work-tree"], capture_output=True,
                            text=True, check=False)
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        pytest.skip("not a git clone (a release tarball?): there is no SITE_BASELINE commit to build the site with")


def baseline_tree(destination: Path) -> Path:
    """The baseline commit's code, configuration and site assets, with this checkout's records and hand-written
    pages."""
    archive = _git("archive", "--format=tar", f"{SITE_BASELINE}^{{commit}}", *BASELINE_PATHS)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(destination, filter="data")
    shutil.copytree(ROOT / "data", destination / "data")
    for name in _git("ls-files", "-z", "--", HAND_WRITTEN).decode().split("\0"):
        if name and not name.startswith("docs/assets/") and (ROOT / name).is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    return destination


def build_with_baseline(tree: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(tree / "scripts")}
    result = subprocess.run([sys.executable, "-c", _RUN_BASELINE, str(tree / "scripts"), "--root", str(tree), "build"],
                            capture_output=True, text=True, env=env, check=False, cwd=tree)
    assert result.returncode == 0, f"the baseline's build failed:\n{result.stdout}\n{result.stderr}"


@pytest.mark.slow
def test_site_is_byte_identical_to_the_baseline_build(tmp_path: Path) -> None:
    _skip_outside_a_clone()
    old = baseline_tree(tmp_path / "baseline")
    build_with_baseline(old)
    new = tmp_path / "current"
    new.mkdir()
    shutil.copytree(ROOT / "data", new / "data")
    copy_site_sources(ROOT, new)
    generated, report = build(new)
    assert generated is not None, report.format()
    before, after = snapshot(old / "site"), snapshot(new / "site")
    assert len(before) > 100, "the baseline built almost nothing: the comparison would prove nothing"
    assert sorted(before.keys() ^ after.keys()) == []
    assert [name for name in sorted(before) if before[name] != after[name]] == []
