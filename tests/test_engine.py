"""The engine boundary: everything that knows MkDocs or Material lives in scripts/ioatlas/engine/, and the one
private MkDocs function the engine uses is refused, with a message saying what to do, on any MkDocs release but
the one it was proved with."""

from __future__ import annotations

import pytest

from conftest import ROOT


def test_the_private_mkdocs_function_is_used_only_with_the_release_it_was_proved_with() -> None:
    import mkdocs
    from mkdocs.exceptions import PluginError

    from ioatlas.engine.page_share import MKDOCS_VERSION, check_mkdocs_version

    assert mkdocs.__version__ == MKDOCS_VERSION  # the pinned release (constraints.txt) is the one proved
    check_mkdocs_version()
    with pytest.raises(PluginError, match=r"MkDocs 1\.7\.0 is installed: install mkdocs==1\.6\.1"):
        check_mkdocs_version("1.7.0")


def test_only_the_engine_imports_mkdocs_or_material() -> None:
    """Everything that knows MkDocs or Material lives in scripts/ioatlas/engine/; no other module imports them."""
    import re

    package = ROOT / "scripts" / "ioatlas"
    knows = re.compile(r"^\s*(?:from|import) (?:mkdocs|material)\b|resources\.files\(\"material\"\)", re.MULTILINE)
    outside = [path.relative_to(package).as_posix() for path in sorted(package.rglob("*.py"))
               if path.parent.name != "engine" and knows.search(path.read_text(encoding="utf-8"))]
    assert outside == []
    assert knows.search((package / "engine" / "page_share.py").read_text(encoding="utf-8"))  # the pattern finds
