"""`ioatlas linkcheck`: check the outside links of data/ and the hand-written pages with lychee,
skipping allowlisted ones, and write a report that names the record file, field and line of every
dead link. Needs the network; never part of `make test`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .allowlist import Entry, allowed, load_allowlist
from .collect import OutsideLink, collect
from .outside_lychee import LycheeOptions, Verdict, check_urls

ROBOTS_HINT = ("If a dead link works in a browser, the site may refuse robots: add it to "
               "linkcheck-allowlist.yaml with a reason.")


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@dataclass
class ExternalReport:
    when: dt.datetime
    max_age_days: float
    links: list[OutsideLink] = field(default_factory=list)
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    allowlisted: dict[str, Entry] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)

    def _where(self, test: str) -> dict[str, Verdict]:
        return {t: v for t, v in self.verdicts.items() if getattr(v, test)}

    @property
    def fetched(self) -> dict[str, Verdict]:
        """Checked by a request this run (not from lychee's cache, not excluded by lychee)."""
        return {t: v for t, v in self.verdicts.items() if not (v.cached or v.skipped)}

    @property
    def cached(self) -> dict[str, Verdict]:
        return self._where("cached")

    @property
    def skipped(self) -> dict[str, Verdict]:
        return self._where("skipped")

    @property
    def dead(self) -> list[OutsideLink]:
        return [link for link in self.links if link.probe in self.verdicts and not self.verdicts[link.probe].ok]

    @property
    def offline(self) -> bool:
        """Every request failed without any HTTP answer: the network is down, not the sites."""
        fetched = self.fetched.values()
        return len(fetched) > 1 and all(v.status is None for v in fetched)

    def _summary(self) -> list[str]:
        urls = {link.probe for link in self.links}
        skipped = f", {len(self.skipped)} excluded by lychee" if self.skipped else ""
        return [f"# Outside link check, {self.when.isoformat()}", "",
                f"{len(self.links)} links ({len(urls)} distinct addresses): {len(self.fetched)} fetched, "
                f"{len(self.cached)} from cache (checked OK within {self.max_age_days:g} days), "
                f"{len(self.allowlisted)} allowlisted{skipped}, {len(self.dead)} dead.", ""]

    def _dead_section(self) -> list[str]:
        lines = ["## Dead links", ""]
        for link in self.dead:
            lines.append(f"- {link.file}:{link.line} field `{link.field}`: {link.shown} — "
                         f"{self.verdicts[link.probe].detail}")
        return [*lines, "", ROBOTS_HINT, ""]

    def _allowlisted_section(self) -> list[str]:
        lines = ["## Allowlisted (not fetched)", ""]
        for url, entry in sorted(self.allowlisted.items()):
            used = ", ".join(f"{link.file} `{link.field}`" for link in self.links if link.probe == url)
            lines.append(f"- {url} — {entry.reason} (entry {entry.label}; used by {used})")
        return [*lines, ""]

    def _listing(self, title: str, verdicts: dict[str, Verdict]) -> list[str]:
        lines = [f"## {title}", ""]
        for url, v in sorted(verdicts.items()):
            lines.append(f"- {url}: {'ok' if v.ok else 'DEAD'}, {v.detail}")
        return [*lines, ""]

    def format(self) -> str:
        lines = self._summary()
        lines += [f"- unreadable record, skipped: {u}" for u in self.unreadable]
        if self.offline:
            lines += ["**No site answered at all: is the network down? Nothing below is known to be dead.**", ""]
        if self.dead:
            lines += self._dead_section()
        if self.allowlisted:
            lines += self._allowlisted_section()
        if self.skipped:
            lines += self._listing("Excluded by lychee (not fetched)", self.skipped)
        if self.fetched:
            lines += self._listing("Fetched this run", self.fetched)
        return "\n".join(lines)


def check_outside_links(root: Path, options: LycheeOptions, allowlist_path: Path,
                        now: dt.datetime | None = None) -> ExternalReport:
    """Raises AllowlistError before any request if the allowlist has an entry without a reason;
    LycheeError if lychee cannot run."""
    entries = load_allowlist(allowlist_path)
    links, problems = collect(root)
    report = ExternalReport(now or now_utc(), options.max_age_days, links,
                            unreadable=sorted({p.path for p in problems.problems}))
    to_check: set[str] = set()
    for link in links:
        entry = allowed(entries, link.probe) or allowed(entries, link.shown)
        if entry:
            report.allowlisted[link.probe] = entry
        else:
            to_check.add(link.probe)
    report.verdicts = check_urls(sorted(to_check), options)
    return report
