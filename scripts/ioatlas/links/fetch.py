"""Polite HTTP checks of outside links: bounded concurrency, one request at a time per host with a
pause between them, HEAD first and GET when HEAD is refused, retries with exponential backoff.

Plain urllib keeps this free of new dependencies. ``sleep`` is injectable so tests can observe the
backoff schedule without waiting for it.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from .target import Target

USER_AGENT = "ioatlas-linkcheck/1.0 (+https://github.com/; checks that cited sources are still online)"
RETRY_STATUSES = {408, 425, 429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class Result:
    url: str
    ok: bool
    status: int | None
    detail: str
    attempts: int = 1
    retryable: bool = False
    retry_after: float | None = None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _retry_after(value: str | None) -> float | None:
    try:
        return min(max(float(value), 0.0), MAX_RETRY_AFTER) if value else None
    except ValueError:
        return None


@dataclass
class Fetcher:
    timeout: float = 15.0
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    host_delay: float = 1.0  # pause between two requests to the same host
    workers: int = 8  # hosts checked at once
    sleep: Callable[[float], None] = time.sleep

    def _request(self, target: Target, method: str) -> Result:
        handlers = [] if target.follow_redirects else [_NoRedirect()]
        opener = urllib.request.build_opener(*handlers)
        request = urllib.request.Request(target.url, method=method, headers={
            "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8"})
        try:
            with opener.open(request, timeout=self.timeout) as response:
                if method == "GET":
                    response.read(1024)
                return Result(target.url, True, response.status, f"{response.status} {response.reason}")
        except urllib.error.HTTPError as err:
            if 300 <= err.code < 400 and not target.follow_redirects:
                return Result(target.url, True, err.code, f"{err.code} redirect to {err.headers.get('Location')}")
            return Result(target.url, False, err.code, f"{err.code} {err.reason}", retryable=err.code in RETRY_STATUSES,
                          retry_after=_retry_after(err.headers.get("Retry-After")))
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as err:
            reason = getattr(err, "reason", err)
            return Result(target.url, False, None, f"unreachable: {reason}", retryable=True)

    def _once(self, target: Target) -> Result:
        """HEAD, and GET when HEAD fails: many servers refuse or mishandle HEAD."""
        head = self._request(target, "HEAD")
        if head.ok:
            return head
        self.sleep(self.host_delay)
        return self._request(target, "GET")

    def check(self, target: Target) -> Result:
        result = self._once(target)
        for attempt in range(1, self.retries + 1):
            if not result.retryable:
                break
            delay = result.retry_after if result.retry_after is not None else self.backoff * 2 ** (attempt - 1)
            self.sleep(max(delay, self.host_delay))
            result = self._once(target)
            result = Result(**{**result.__dict__, "attempts": attempt + 1})
        return result

    def _check_host(self, targets: list[Target]) -> list[Result]:
        results = []
        for index, target in enumerate(targets):
            if index:
                self.sleep(self.host_delay)
            results.append(self.check(target))
        return results

    def check_all(self, targets: list[Target]) -> dict[str, Result]:
        """Check every target; each host's links run in order in one worker, hosts run side by side."""
        by_host: dict[str, list[Target]] = {}
        for target in targets:
            by_host.setdefault(urlsplit(target.url).netloc.lower(), []).append(target)
        with ThreadPoolExecutor(max_workers=max(1, self.workers)) as pool:
            batches = pool.map(self._check_host, by_host.values())
            return {result.url: result for batch in batches for result in batch}
