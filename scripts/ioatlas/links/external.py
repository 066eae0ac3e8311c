"""`ioatlas linkcheck`: check the outside links of data/ and the hand-written pages, skipping
allowlisted ones and ones checked OK within the cache window, and write a report that names the
record file and field of every dead link. Needs the network; never part of `make test`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .allowlist import Entry, allowed, load_allowlist
from .cache import LinkCache, now_utc
from .collect import OutsideLink, collect
from .fetch import Fetcher, Result
from .target import Target


@dataclass
class ExternalReport:
    when: dt.datetime
    max_age_days: float
    links: list[OutsideLink] = field(default_factory=list)
    fetched: dict[str, Result] = field(default_factory=dict)
    cached: dict[str, dict] = field(default_factory=dict)
    allowlisted: dict[str, Entry] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)

    @property
    def dead(self) -> list[OutsideLink]:
        return [link for link in self.links if link.target.url in self.fetched
                and not self.fetched[link.target.url].ok]

    @property
    def offline(self) -> bool:
        """Every fetch failed without any HTTP answer: the network is down, not the sites."""
        return len(self.fetched) > 1 and all(r.status is None for r in self.fetched.values())

    def format(self) -> str:
        urls = {link.target.url for link in self.links}
        lines = [f"# Outside link check, {self.when.isoformat()}", "",
                 f"{len(self.links)} links ({len(urls)} distinct addresses): {len(self.fetched)} fetched, "
                 f"{len(self.cached)} from cache (checked OK within {self.max_age_days:g} days), "
                 f"{len(self.allowlisted)} allowlisted, {len(self.dead)} dead.", ""]
        lines += [f"- unreadable record, skipped: {u}" for u in self.unreadable]
        if self.offline:
            lines += ["**No site answered at all: is the network down? Nothing below is known to be dead.**", ""]
        if self.dead:
            lines += ["## Dead links", ""]
            for link in self.dead:
                result = self.fetched[link.target.url]
                lines.append(f"- {link.file}:{link.line} field `{link.field}`: {link.shown} — {result.detail}"
                             f" (after {result.attempts} attempt(s))")
            lines += ["", "If a dead link works in a browser, the site may refuse robots: add it to "
                      "linkcheck-allowlist.yaml with a reason.", ""]
        if self.allowlisted:
            lines += ["## Allowlisted (not fetched)", ""]
            for url, entry in sorted(self.allowlisted.items()):
                used = ", ".join(f"{link.file} `{link.field}`" for link in self.links if link.target.url == url)
                lines.append(f"- {url} — {entry.reason} (entry {entry.label}; used by {used})")
            lines.append("")
        if self.fetched:
            lines += ["## Fetched this run", ""]
            lines += [f"- {url}: {'ok' if r.ok else 'DEAD'}, {r.detail}" for url, r in sorted(self.fetched.items())]
            lines.append("")
        return "\n".join(lines)


def check_outside_links(root: Path, fetcher: Fetcher, cache_path: Path, allowlist_path: Path,
                        max_age_days: float = 7.0, now: dt.datetime | None = None) -> ExternalReport:
    """Raises AllowlistError before any request if the allowlist has an entry without a reason."""
    entries = load_allowlist(allowlist_path)
    now = now or now_utc()
    links, problems = collect(root)
    report = ExternalReport(now, max_age_days, links, unreadable=sorted({p.path for p in problems.problems}))
    cache = LinkCache.load(cache_path)
    to_fetch: dict[str, Target] = {}
    for link in links:
        url = link.target.url
        entry = allowed(entries, url) or allowed(entries, link.shown)
        if entry:
            report.allowlisted[url] = entry
        elif (hit := cache.fresh(url, now, max_age_days)) is not None:
            report.cached[url] = hit
        else:
            to_fetch[url] = link.target
    report.fetched = fetcher.check_all(list(to_fetch.values()))
    for result in report.fetched.values():
        cache.record(result, now)
    cache.save()
    return report
