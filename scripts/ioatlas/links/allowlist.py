"""Outside links we knowingly do not fetch, each with the reason a reviewer can judge.

Some sites refuse robots or answer 403 to anything that is not a browser; paywalls do the same.
An entry without a reason is an error: the allowlist must never become a silent dumping ground.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT = "linkcheck-allowlist.yaml"


class AllowlistError(ValueError):
    pass


@dataclass(frozen=True)
class Entry:
    reason: str
    url: str | None = None
    pattern: re.Pattern[str] | None = None

    def matches(self, url: str) -> bool:
        return url == self.url if self.url is not None else bool(self.pattern and self.pattern.search(url))

    @property
    def label(self) -> str:
        return self.url if self.url is not None else f"pattern {self.pattern.pattern if self.pattern else ''}"


def _entry(index: int, raw: object, problems: list[str]) -> Entry | None:
    where = f"entry {index + 1}"
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a mapping with 'url' or 'pattern', and 'reason'")
        return None
    unknown = set(raw) - {"url", "pattern", "reason"}
    reason = raw.get("reason")
    if unknown:
        problems.append(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    if not isinstance(reason, str) or not reason.strip():
        problems.append(f"{where} ({raw.get('url') or raw.get('pattern')}): every entry needs a 'reason'")
    if ("url" in raw) == ("pattern" in raw):
        problems.append(f"{where}: give exactly one of 'url' or 'pattern'")
        return None
    if "pattern" in raw:
        try:
            pattern = re.compile(str(raw["pattern"]))
        except re.error as err:
            problems.append(f"{where}: pattern {raw['pattern']!r} is not a regular expression: {err}")
            return None
        return Entry(str(reason or "").strip(), pattern=pattern)
    return Entry(str(reason or "").strip(), url=str(raw["url"]))


def load_allowlist(path: Path) -> list[Entry]:
    """The entries of ``path`` (none if it does not exist); raises AllowlistError listing every problem."""
    if not path.is_file():
        return []
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise AllowlistError(f"{path}: not valid YAML: {err}") from err
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise AllowlistError(f"{path}: must be a list of entries")
    problems: list[str] = []
    entries = [_entry(i, item, problems) for i, item in enumerate(raw)]
    if problems:
        raise AllowlistError("\n".join(f"{path.name}: {p}" for p in problems))
    return [e for e in entries if e is not None]


def allowed(entries: list[Entry], url: str) -> Entry | None:
    return next((e for e in entries if e.matches(url)), None)
