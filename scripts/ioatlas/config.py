"""Settings the pages need from the site configuration: where the site is published.

``site_url`` comes from the environment variable IOATLAS_SITE_URL when set, else from ``site_url`` in
mkdocs.yml, else it is empty (pages then show addresses relative to the site's root).
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

ENV_SITE_URL = "IOATLAS_SITE_URL"


def site_url(root: Path) -> str:
    """The published site's address ending in '/', or '' when it is not known."""
    url = os.environ.get(ENV_SITE_URL)
    if url is None:
        try:
            config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            config = {}
        url = str(config.get("site_url") or "")
    url = url.strip()
    return url if not url or url.endswith("/") else url + "/"
