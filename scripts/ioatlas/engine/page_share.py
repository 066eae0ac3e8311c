"""Render a share of the pages in a forked process while MkDocs renders the rest, so that ``mkdocs build`` uses
two cores where it would use one.

With our pages already HTML (plugin.py), the theme's render of each page is most of a build: about 4 ms
a page at 5,000 synthetic records. At ``on_env``, when every page has been read and nothing is written yet,
the process forks:

- The child puts the generated static files (the JSON API, the JSON Schemas…) in the site as hard links
  (``_place``) and copies the record files from data/ (record_copies.py), then renders its share
  of the pages exactly as MkDocs would (MkDocs' own ``_build_page``, with every plugin's page events), writes
  them and exits.
- The parent marks those static files excluded, so that MkDocs does not copy them, and gives those pages a
  blank template, which MkDocs renders to nothing and so does not write. Everything else stays with MkDocs in
  the parent, the search plugin's indexing included: it reads a page's content, not its rendered HTML.
- At ``on_post_build`` the parent waits for the child, and fails the build if the child failed or, in strict
  mode, warned. A build that fails earlier stops the child (``on_build_error``).

The pages shared are the generated HTML pages (``body: html``), the many and heavy ones. The site is
byte-identical to one built in one process (tests/test_page_share.py). ``_build_page`` is MkDocs' own private
function, so the MkDocs version is pinned (constraints.txt) and that test would show a change.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2
import mkdocs
from mkdocs.commands.build import _build_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from ..docs_sync import read_manifest

# The child renders half of the shared pages and copies the generated static files; the parent renders the
# other half, renders the child's to nothing and writes the search index. At 5,000 synthetic records the two
# finished within a second of each other (0.45 left the parent last, 0.55 the child).
CHILD_SHARE = 0.5
# _build_page is MkDocs' private function: the page sharing was written and proved byte-identical against this
# release only, and refuses any other (a newer MkDocs may render pages differently, or no longer have it)
MKDOCS_VERSION = "1.6.1"
_SKIPPED = "Page skipped: '{}'. Generated empty output."  # what MkDocs logs for a page rendered to nothing


def check_mkdocs_version(version: str = mkdocs.__version__) -> None:
    """Refuse a MkDocs other than the one the private ``_build_page`` was proved with, saying what to do."""
    if version != MKDOCS_VERSION:
        raise PluginError(f"ioatlas shares page rendering through MkDocs' private _build_page, proved with MkDocs "
                          f"{MKDOCS_VERSION}, but MkDocs {version} is installed: install mkdocs=={MKDOCS_VERSION} "
                          "(constraints.txt), or prove the sharing with the new release (tests/test_page_share.py) "
                          "and move MKDOCS_VERSION in scripts/ioatlas/engine/page_share.py")


def chosen(pages: Sequence[Page], share: float) -> list[Page]:
    """About ``share`` of ``pages``, spread evenly through them so that each process gets every kind."""
    return [page for index, page in enumerate(pages) if int((index + 1) * share) > int(index * share)]


class _HideSkipped(logging.Filter):
    """Drops MkDocs' note that a page rendered to nothing, for the pages the child writes."""

    def __init__(self, sources: set[str]) -> None:
        super().__init__()
        self.messages = {_SKIPPED.format(source) for source in sources}

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() not in self.messages


def _place(file: File) -> None:
    """Put a generated static file in the site as a hard link to the one under docs/, or as a copy where a link
    cannot be made (another file system). Linking saves most of copying ten thousand small files; the site
    keeps its content because docs_sync replaces a generated file (a new inode) and never writes into one."""
    destination = file.abs_dest_path
    os.makedirs(os.path.dirname(destination), exist_ok=True)
    try:
        os.link(file.abs_src_path, destination)
    except OSError:
        file.copy_file()


def _render_and_exit(static: list[File], copied: list[File], pages: list[Page], config: MkDocsConfig,
                     doc_files: Sequence[File], nav: Navigation, env: jinja2.Environment) -> None:
    """In the child: link ``static``, copy ``copied`` and build ``pages`` as MkDocs would, then leave without
    running anything else."""
    code = 1
    try:
        warnings = CountHandler()
        warnings.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(warnings)
        for file in static:
            _place(file)
        for file in copied:
            file.copy_file()
        for page in pages:
            _build_page(page, config, doc_files, nav, env)
        code = 1 if config.strict and warnings.get_counts() else 0
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


class PageShare:
    """The forked process rendering a share of the pages, from ``start`` (on_env) to ``finish`` (on_post_build)."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.hidden: _HideSkipped | None = None

    def start(self, config: MkDocsConfig, files: Files, nav: Navigation, env: jinja2.Environment,
              shared: Callable[[Page], bool], copied: Sequence[File] = ()) -> None:
        """Fork, and leave to the child a share of the pages ``shared`` picks, the generated static files (linked)
        and the files ``copied`` (copied: the record files from data/, which curators edit in place)."""
        check_mkdocs_version()
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)  # what `mkdocs build` renders
        shareable = [file.page for file in doc_files if file.page is not None and shared(file.page)]
        pages = chosen(shareable, CHILD_SHARE)
        if not pages:
            return
        generated = {rel.as_posix() for rel in read_manifest(Path(config.docs_dir))}  # the JSON API, the schemas…
        static = [file for file in files if not file.is_documentation_page() and file.inclusion.is_included()
                  and file.src_uri in generated]
        sys.stdout.flush()
        sys.stderr.flush()
        copied = [file for file in copied if file.inclusion.is_included()]
        pid = os.fork()
        if pid == 0:
            _render_and_exit(static, copied, pages, config, doc_files, nav, env)
        self.pid = pid
        for file in [*static, *copied]:
            file.inclusion = InclusionLevel.EXCLUDED  # so that MkDocs' copy of the static files skips them
        blank = env.from_string("")
        for page in pages:
            page.meta["template"] = blank  # rendered here to nothing, so written only by the child
        self.hidden = _HideSkipped({page.file.src_uri for page in pages})
        logging.getLogger("mkdocs.commands.build").addFilter(self.hidden)

    def _wait(self) -> int:
        assert self.pid is not None
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if self.hidden is not None:
            logging.getLogger("mkdocs.commands.build").removeFilter(self.hidden)
            self.hidden = None
        return os.waitstatus_to_exitcode(status)

    def finish(self) -> None:
        """Wait for the child; a failure, or a warning in strict mode, fails the build."""
        if self.pid is None:
            return
        code = self._wait()
        if code != 0:
            raise PluginError(f"rendering a share of the pages in a second process failed (exit {code}); "
                              "see the messages above")

    def abandon(self) -> None:
        """Stop the child when the build failed, so that it writes nothing into a folder being removed."""
        if self.pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        self._wait()
