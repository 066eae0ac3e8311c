"""A zip archive whose bytes depend only on the files put into it: the same folder gives the same archive.

The offline copy (offline.py) is attached to releases, where a reader or a mirror can compare it with
their own build; that needs the same bytes on any machine and any day. So entries are sorted by path,
every entry carries the same timestamp (the data's date, never the clock) and the same permissions, and
every file is deflated at one fixed level. No folder entries are written: unzip creates folders from paths.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path, PurePosixPath

LEVEL = 9  # deflate level; fixed, since a different level gives different bytes
EARLIEST = (1980, 1, 1, 0, 0, 0)  # a zip timestamp cannot be older
UNIX = 3  # "made by" system: Unix, so the permission bits below are read as such
FILE_MODE = 0o100644  # a regular file, readable by all, writable by its owner


def entry_time(year: int, month: int, day: int) -> tuple[int, int, int, int, int, int]:
    return max((year, month, day, 0, 0, 0), EARLIEST)


def write_zip(folder: Path, destination: Path, top: PurePosixPath,
              when: tuple[int, int, int, int, int, int] = EARLIEST) -> int:
    """Write every file under ``folder`` into the archive ``destination``, under the folder ``top``.

    The archive is written beside ``destination`` and moved into place once complete. Returns the number
    of files. Symbolic links are refused: an archive for readers holds copies, never links.
    """
    files = sorted((PurePosixPath(path.relative_to(folder).as_posix()), path)
                   for path in folder.rglob("*") if path.is_file() or path.is_symlink())
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w") as archive:
            for name, path in files:
                if path.is_symlink():
                    raise ValueError(f"{path} is a symbolic link")
                info = zipfile.ZipInfo((top / name).as_posix(), date_time=when)
                info.create_system = UNIX
                info.external_attr = FILE_MODE << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes(), compresslevel=LEVEL)
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)
    return len(files)
