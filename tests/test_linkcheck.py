"""The outside-link checker against a local HTTP server on 127.0.0.1: statuses, HEAD→GET fallback,
retries with backoff, timeouts, per-host politeness, the dated cache and the allowlist. No real host
is ever contacted, and no assertion depends on how long anything took."""

from __future__ import annotations

import datetime as dt
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ioatlas.cli import main
from ioatlas.links.allowlist import AllowlistError, load_allowlist
from ioatlas.links.collect import collect
from ioatlas.links.external import check_outside_links
from ioatlas.links.fetch import Fetcher, Target

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.hits: Counter[tuple[str, str]] = Counter()
        self.per_path: Counter[str] = Counter()
        self.inflight = 0
        self.max_inflight = 0
        self.release = threading.Event()


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def _done(self) -> None:
        """Leave the in-flight count before answering: the client may send its next request at once."""
        if getattr(self, "_counted", False):
            self._counted = False
            with self.server.state.lock:
                self.server.state.inflight -= 1

    def _reply(self, status: int, headers: dict[str, str] | None = None) -> None:
        self._done()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(b"ok")

    def _serve(self) -> None:
        state = self.server.state
        path = self.path.split("?")[0]
        with state.lock:
            state.hits[(self.command, path)] += 1
            state.per_path[path] += 1
            count = state.per_path[path]
            state.inflight += 1
            state.max_inflight = max(state.max_inflight, state.inflight)
        self._counted = True
        try:
            self._route(path, count, state)
        finally:
            self._done()

    def _route(self, path: str, count: int, state: _State) -> None:
        if path.startswith("/ok"):
            self._reply(200)
        elif path == "/gone":
            self._reply(404)
        elif path == "/forbidden":
            self._reply(403)
        elif path == "/redirect":
            self._reply(302, {"Location": "/ok"})
        elif path == "/no-head":
            self._reply(405 if self.command == "HEAD" else 200)
        elif path == "/flaky":  # fails four requests: HEAD and GET of two attempts
            self._reply(503 if count <= 4 else 200)
        elif path == "/ratelimited":
            self._reply(429, {"Retry-After": "0"}) if count <= 2 else self._reply(200)
        elif path == "/down":
            self._reply(503)
        elif path == "/slow":
            state.release.wait(5)
            self._reply(200)
        else:
            self._reply(404)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: _State

    def handle_error(self, request: object, client_address: object) -> None:
        """The timeout test hangs up on /slow on purpose; the broken pipe that follows is expected."""


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy from the environment would send requests for 127.0.0.1 elsewhere."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[_Server]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.state = _State()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.state.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def _base(server: _Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def _fetcher(sleeps: list[float] | None = None, **options: float) -> Fetcher:
    record = sleeps.append if sleeps is not None else (lambda _s: None)
    settings = {"timeout": 5.0, "retries": 3, "backoff": 0.5, "host_delay": 0.0, "workers": 4, **options}
    return Fetcher(sleep=record, **settings)


def _repo(tmp_path: Path, urls: dict[str, str], page_links: list[str] = ()) -> Path:
    """A repository whose organizations each carry one ``url``, plus a hand-written page of links."""
    repo = tmp_path / "repo"
    (repo / "data/organizations").mkdir(parents=True)
    for record_id, url in urls.items():
        (repo / f"data/organizations/{record_id}.yaml").write_text(
            f"id: {record_id}\nname: {record_id}\nkind: hospital\nurl: {url}\n")
    (repo / "docs").mkdir()
    (repo / "docs/about.md").write_text("# About\n\n" + "\n".join(f"See <{u}>." for u in page_links) + "\n")
    return repo


def test_collect_names_file_field_and_line(tmp_path: Path) -> None:
    repo = _repo(tmp_path, {}, ["https://example.org/a"])
    (repo / "data/sources").mkdir()
    (repo / "data/sources/s.yaml").write_text(
        "id: s\nname: S\ndoi: 10.1158/1078-0432.CCR-19-3259\npmid: 32371538\n"
        "mirrors:\n  - url: https://example.org/m\n")
    (repo / "data/trials").mkdir()
    (repo / "data/trials/t.yaml").write_text("id: t\nregistry_ids: [ChiCTR1800000000, NCT02395250]\n")
    (repo / "docs/targets").mkdir()
    (repo / "docs/targets/x.md").write_text("---\ngenerated_by: ioatlas\n---\nhttps://example.org/generated\n")
    links, problems = collect(repo)
    assert not problems
    found = {(link.file, link.field, link.line): (link.shown, link.target) for link in links}
    assert found[("data/sources/s.yaml", "doi", 3)] == (
        "https://doi.org/10.1158/1078-0432.CCR-19-3259",
        Target("https://doi.org/10.1158/1078-0432.CCR-19-3259", follow_redirects=False))
    assert found[("data/sources/s.yaml", "pmid", 4)][0] == "https://pubmed.ncbi.nlm.nih.gov/32371538/"
    assert found[("data/sources/s.yaml", "mirrors[0].url", 6)][0] == "https://example.org/m"
    assert found[("data/trials/t.yaml", "registry_ids[1]", 2)][0] == "https://clinicaltrials.gov/study/NCT02395250"
    assert found[("docs/about.md", "line 3", 3)][0] == "https://example.org/a"
    assert len(links) == 5  # the ChiCTR id has no checkable address; generated pages are skipped


def test_statuses_redirects_and_head_fallback(server: _Server) -> None:
    base = _base(server)
    results = _fetcher().check_all([Target(f"{base}/{p}") for p in ("ok", "gone", "forbidden", "redirect", "no-head")])
    verdict = {url.rsplit("/", 1)[1]: (r.ok, r.status) for url, r in results.items()}
    assert verdict == {"ok": (True, 200), "gone": (False, 404), "forbidden": (False, 403),
                       "redirect": (True, 200), "no-head": (True, 200)}
    assert server.state.hits[("HEAD", "/no-head")] == 1 and server.state.hits[("GET", "/no-head")] == 1
    assert results[f"{base}/gone"].attempts == 1  # a 404 is not retried


def test_redirect_itself_is_proof_when_not_following(server: _Server) -> None:
    result = _fetcher().check(Target(f"{_base(server)}/redirect", follow_redirects=False))
    assert result.ok and result.status == 302
    assert server.state.hits[("HEAD", "/ok")] == 0


def test_retries_back_off_exponentially(server: _Server) -> None:
    sleeps: list[float] = []
    fetcher = _fetcher(sleeps)
    flaky = fetcher.check(Target(f"{_base(server)}/flaky"))
    assert flaky.ok and flaky.attempts == 3
    assert [s for s in sleeps if s] == [0.5, 1.0]
    sleeps.clear()
    down = fetcher.check(Target(f"{_base(server)}/down"))
    assert not down.ok and down.status == 503 and down.attempts == 4
    assert [s for s in sleeps if s] == [0.5, 1.0, 2.0]


def test_retry_after_is_honoured(server: _Server) -> None:
    sleeps: list[float] = []
    result = _fetcher(sleeps).check(Target(f"{_base(server)}/ratelimited"))
    assert result.ok and result.attempts == 2
    assert sleeps == [0.0, 0.0]  # between HEAD and GET, then Retry-After: 0


def test_slow_server_times_out_and_is_retried(server: _Server) -> None:
    result = _fetcher(timeout=0.2, retries=1).check(Target(f"{_base(server)}/slow"))
    assert not result.ok and result.attempts == 2
    assert "unreachable" in result.detail


def test_one_request_at_a_time_per_host(server: _Server) -> None:
    sleeps: list[float] = []
    targets = [Target(f"{_base(server)}/ok/{n}") for n in range(12)]
    results = _fetcher(sleeps, workers=8, host_delay=0.25).check_all(targets)
    assert all(r.ok for r in results.values()) and len(results) == 12
    assert server.state.max_inflight == 1
    assert sleeps.count(0.25) == 11  # a pause between consecutive requests to the host


def test_cache_and_allowlist(server: _Server, tmp_path: Path) -> None:
    base = _base(server)
    repo = _repo(tmp_path, {"alive": f"{base}/ok", "dead": f"{base}/gone", "walled": f"{base}/forbidden"},
                 [f"{base}/ok/page", f"{base}/ok/private/1"])
    (repo / "allow.yaml").write_text(
        f"- url: {base}/forbidden\n  reason: answers 403 to robots; checked by hand 2026-02\n"
        f"- pattern: '/ok/private/'\n  reason: intranet mirror, only reachable from the hospital network\n")
    cache = repo / ".cache/linkcheck.json"

    first = check_outside_links(repo, _fetcher(), cache, repo / "allow.yaml", max_age_days=7, now=NOW)
    assert set(first.fetched) == {f"{base}/ok", f"{base}/gone", f"{base}/ok/page"}
    text = first.format()
    assert f"data/organizations/dead.yaml:4 field `url`: {base}/gone — 404" in text
    assert "answers 403 to robots; checked by hand 2026-02" in text
    assert "intranet mirror" in text and "docs/about.md `line 4`" in text
    assert server.state.hits[("HEAD", "/forbidden")] == 0

    requests = sum(server.state.hits.values())
    second = check_outside_links(repo, _fetcher(), cache, repo / "allow.yaml", max_age_days=7,
                                 now=NOW + dt.timedelta(days=6))
    assert set(second.fetched) == {f"{base}/gone"}  # only the dead link is checked again
    assert set(second.cached) == {f"{base}/ok", f"{base}/ok/page"}
    assert sum(server.state.hits.values()) - requests == 2  # HEAD and GET of the dead link

    third = check_outside_links(repo, _fetcher(), cache, repo / "allow.yaml", max_age_days=7,
                                now=NOW + dt.timedelta(days=8))
    assert set(third.fetched) == {f"{base}/ok", f"{base}/gone", f"{base}/ok/page"}  # the window has passed


def test_second_run_fetches_nothing_when_all_ok(server: _Server, tmp_path: Path) -> None:
    base = _base(server)
    repo = _repo(tmp_path, {"a": f"{base}/ok/a", "b": f"{base}/ok/b"})
    args = ["--root", str(repo), "linkcheck", "--host-delay", "0", "--backoff", "0", "--allowlist", "none.yaml"]
    assert main(args) == 0
    requests = sum(server.state.hits.values())
    assert main(args) == 0
    assert sum(server.state.hits.values()) == requests
    report = (repo / "linkcheck-report.md").read_text()
    assert "0 fetched, 2 from cache (checked OK within 7 days)" in report


def test_cli_reports_dead_links_and_exits_1(server: _Server, tmp_path: Path) -> None:
    repo = _repo(tmp_path, {"dead": f"{_base(server)}/gone"})
    assert main(["--root", str(repo), "linkcheck", "--host-delay", "0", "--backoff", "0",
                 "--report", "out/report.md"]) == 1
    assert "data/organizations/dead.yaml:4 field `url`" in (repo / "out/report.md").read_text()


def test_allowlist_entry_without_reason_is_refused(server: _Server, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    repo = _repo(tmp_path, {"a": f"{_base(server)}/ok"})
    (repo / "linkcheck-allowlist.yaml").write_text(f"- url: {_base(server)}/ok\n- pattern: 'x'\n  reason: ' '\n")
    with pytest.raises(AllowlistError, match=r"entry 1 .*needs a 'reason'"):
        load_allowlist(repo / "linkcheck-allowlist.yaml")
    assert main(["--root", str(repo), "linkcheck"]) == 2
    assert "entry 2" in capsys.readouterr().err
    assert sum(server.state.hits.values()) == 0


def test_repository_allowlist_is_valid() -> None:
    from conftest import ROOT

    for entry in load_allowlist(ROOT / "linkcheck-allowlist.yaml"):
        assert entry.reason


def test_no_answer_at_all_is_reported_as_no_network(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a port nothing listens on: connections are refused at once
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    repo = _repo(tmp_path, {"a": f"http://127.0.0.1:{port}/a", "b": f"http://127.0.0.1:{port}/b"})
    assert main(["--root", str(repo), "linkcheck", "--host-delay", "0", "--backoff", "0", "--retries", "1"]) == 2
    assert "is the network down?" in capsys.readouterr().out
