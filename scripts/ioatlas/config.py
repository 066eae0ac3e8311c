"""Settings the pages need from the site configuration: where the site is published, and the repository its
records live in.

``site_url`` comes from the environment variable IOATLAS_SITE_URL when set, else from ``site_url`` in
mkdocs.yml, else it is empty (pages then show addresses relative to the site's root). ``repo_url`` likewise
from IOATLAS_REPO_URL or ``repo_url`` in mkdocs.yml; without it record pages have no "Report an error on this
page" and "Edit this record" links to the repository (the Corrections page says how to report instead). The
Pages workflow sets both from the repository it runs in.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlencode

import yaml

ENV_SITE_URL = "IOATLAS_SITE_URL"
ENV_REPO_URL = "IOATLAS_REPO_URL"
CORRECTION_FORM = "correction.yml"  # .github/ISSUE_TEMPLATE/: its fields 'page' and 'record' are prefilled


def _setting(root: Path, variable: str, key: str) -> str:
    value = os.environ.get(variable)
    if value is None:
        try:
            config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            config = {}
        value = str(config.get(key) or "")
    return value.strip()


def site_url(root: Path) -> str:
    """The published site's address ending in '/', or '' when it is not known."""
    url = _setting(root, ENV_SITE_URL, "site_url")
    return url if not url or url.endswith("/") else url + "/"


def repo_url(root: Path) -> str:
    """The repository's web address without a trailing '/', or '' when it is not known."""
    return _setting(root, ENV_REPO_URL, "repo_url").rstrip("/")


def report_url(repository: str, page: str, record_file: str, title: str) -> str:
    """A new issue on the repository from the correction form, naming the page and the record file."""
    query = urlencode({"template": CORRECTION_FORM, "title": f"Correction: {title}", "page": page,
                       "record": record_file})
    return f"{repository}/issues/new?{query}"


def edit_url(repository: str, record_file: str) -> str:
    return f"{repository}/edit/main/{record_file}"


def left_out(root: Path) -> list[str]:
    """What a build without the site's or the repository's address leaves out, one line each."""
    missing = []
    if not site_url(root):
        missing.append(f"site_url is not set ({ENV_SITE_URL} or mkdocs.yml): addresses in citations, JSON-LD, "
                       "exports, the feed and the calendar are relative, and there is no sitemap or canonical link")
    if not repo_url(root):
        missing.append(f"repo_url is not set ({ENV_REPO_URL} or mkdocs.yml): record pages have no 'Report an "
                       "error on this page' or 'Edit this record' link")
    return missing
