"""Check outside addresses with lychee and read back its verdict on each one.

lychee does the fetching, the concurrency limits and pauses per host, the retries with backoff
(429 with Retry-After, timeouts, dropped connections), redirects and the dated result cache. This
module only builds its command line, hands it the addresses and maps its JSON report back to them.

The addresses are written as ``<a href>`` elements, one per line, into an HTML file lychee reads:
an address given on lychee's command line would be fetched as a page to extract links from, and
plain text would be cut up by lychee's URL finder. The line of each result maps it back, so
lychee's URL normalisation cannot lose one.

lychee writes its cache, ``.lycheecache``, into the folder it runs in and has no option to move it,
so it runs in the cache folder (which also keeps it from reading a stray lychee.toml of the repository).
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# lychee's result cache: successes only, each with its date, so a link checked OK within the window is not
# requested again and a dead one is checked on every run. Git-ignored; links.yml keeps it between runs.
DEFAULT_CACHE = Path(".cache") / "lychee"
USER_AGENT = "ioatlas-linkcheck/2.0 (lychee; checks that cited sources are still online)"
ACCEPT_HEADER = "Accept: text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8"
NO_VERDICT = "lychee gave no verdict (unsupported address or unknown status code)"


class LycheeError(RuntimeError):
    """lychee is missing, refused its options or wrote no report."""


@dataclass(frozen=True)
class Verdict:
    url: str
    ok: bool
    status: int | None  # the HTTP status; None when no server answered
    detail: str
    cached: bool = False  # lychee reused a success from its cache: nothing was requested
    skipped: bool = False  # lychee excludes the address (example domains and the like)


@dataclass(frozen=True)
class LycheeOptions:
    binary: str
    cache_dir: Path  # where lychee keeps its .lycheecache
    max_age_days: float = 7.0
    max_concurrency: int = 8
    host_concurrency: int = 1
    host_delay: float = 1.0  # seconds between two requests to one host
    retries: int = 3
    retry_wait: int = 2  # seconds before the first retry; lychee doubles it each time
    timeout: int = 20


def lychee_command(options: LycheeOptions, inputs: Path, output: Path) -> list[str]:
    binary = Path(shutil.which(options.binary) or options.binary).absolute()  # lychee runs in its cache folder
    return [str(binary), "--no-progress", "--verbose", "--format", "json", "--output", str(output),
            "--cache", "--max-cache-age", f"{max(0, round(options.max_age_days * 86400))}s",
            "--max-concurrency", str(options.max_concurrency),
            "--host-concurrency", str(options.host_concurrency),
            "--host-request-interval", f"{max(0, round(options.host_delay * 1000))}ms",
            "--max-retries", str(options.retries), "--retry-wait-time", str(options.retry_wait),
            "--timeout", str(options.timeout), "--max-redirects", "10",
            "--accept", "200..=299", "--user-agent", USER_AGENT, f"--header={ACCEPT_HEADER}",
            "--", str(inputs)]


def _input_page(urls: list[str]) -> str:
    """Line n holds the n-th address, and nothing else lychee could take for a link."""
    return "".join(f'<a href="{html.escape(url, quote=True)}"></a>\n' for url in urls)


def _bodies(report: dict, key: str) -> Iterator[dict]:
    for bodies in (report.get(key) or {}).values():
        yield from bodies


def _verdict(url: str, body: dict, key: str) -> Verdict:
    status = body.get("status") or {}
    text = str(status.get("text") or status.get("details") or "error")
    code = status.get("code")
    if key == "excluded_map":
        return Verdict(url, True, code, "excluded by lychee (example or unsupported domain)", skipped=True)
    return Verdict(url, key == "success_map", code, text, cached=text.endswith("(cached)"))


def read_report(report: dict, urls: list[str]) -> dict[str, Verdict]:
    """The verdict on each of ``urls`` (line n of the input page is ``urls[n - 1]``)."""
    by_text = {url: index for index, url in enumerate(urls)}
    found: dict[str, Verdict] = {}
    for key in ("success_map", "error_map", "timeout_map", "excluded_map"):
        for body in _bodies(report, key):
            line = (body.get("span") or {}).get("line")
            index = line - 1 if isinstance(line, int) and 0 < line <= len(urls) else by_text.get(body.get("url", ""))
            if index is not None:
                found[urls[index]] = _verdict(urls[index], body, key)
    return {url: found.get(url) or Verdict(url, False, None, NO_VERDICT) for url in urls}


def check_urls(urls: list[str], options: LycheeOptions) -> dict[str, Verdict]:
    """lychee's verdict on each distinct address, from one run in the cache folder."""
    urls = sorted(set(urls))
    if not urls:
        return {}
    options.cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ioatlas-lychee-") as tmp:
        inputs, output = Path(tmp) / "targets.html", Path(tmp) / "report.json"
        inputs.write_text(_input_page(urls), encoding="utf-8")
        done = subprocess.run(lychee_command(options, inputs, output), cwd=options.cache_dir,
                              capture_output=True, text=True, check=False)
        if done.returncode not in (0, 2) or not output.is_file():
            raise LycheeError(f"lychee failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
        try:
            report = json.loads(output.read_text(encoding="utf-8"))
        except ValueError as err:
            raise LycheeError(f"lychee wrote an unreadable report: {err}") from err
    return read_report(report, urls)
