"""Results of earlier outside-link checks with the date of each, so a link checked OK recently is
not fetched again (kind to the sites we cite, and fast). Only successes are reused: a dead link is
checked on every run, so a fix shows at once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .fetch import Result

DEFAULT = Path(".cache") / "linkcheck.json"
VERSION = 1


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@dataclass
class LinkCache:
    path: Path
    entries: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> LinkCache:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path)
        if not isinstance(raw, dict) or raw.get("version") != VERSION:
            return cls(path)
        return cls(path, dict(raw.get("entries", {})))

    def fresh(self, url: str, now: dt.datetime, max_age_days: float) -> dict | None:
        """The cached entry of ``url`` if it was OK and checked within ``max_age_days``."""
        entry = self.entries.get(url)
        if not entry or not entry.get("ok"):
            return None
        try:
            checked = dt.datetime.fromisoformat(entry["checked"])
        except (KeyError, ValueError):
            return None
        return entry if now - checked <= dt.timedelta(days=max_age_days) else None

    def record(self, result: Result, now: dt.datetime) -> None:
        self.entries[result.url] = {"ok": result.ok, "status": result.status, "detail": result.detail,
                                    "checked": now.isoformat()}

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".linkcheck-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"version": VERSION, "entries": dict(sorted(self.entries.items()))}, handle, indent=1)
            handle.write("\n")
        os.replace(tmp, self.path)
