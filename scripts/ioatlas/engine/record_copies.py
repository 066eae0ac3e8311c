"""Each record's YAML file, byte for byte, published at records/<collection>/<id>.yaml so that a reader can
download exactly what a page was built from.

MkDocs takes them straight from data/ (``record_files``, added by the plugin at ``on_files``) instead of
generation copying them into docs/ first: at 10,000 records they were half of the files ``ioatlas generate``
wrote, and writing them cost a fifth of its time. They are copied into the site, never linked: curators'
editors write data files in place, and the site must keep what it was built from.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File

from ..dataset import record_paths
from ..urls import record_copy


def record_files(root: Path, site_dir: str) -> list[File]:
    """A MkDocs file for every record file under ``root``/data, published at its record copy's address. A
    build runs only when every record is valid, so a file's name is its record's id."""
    return [File(path.relative_to(root).as_posix(), src_dir=str(root), dest_dir=site_dir, use_directory_urls=False,
                 dest_uri=record_copy(collection, path.stem).as_posix())
            for collection, path in record_paths(root)]
