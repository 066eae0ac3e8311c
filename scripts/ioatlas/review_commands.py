"""Subcommands for reviewers and CI, kept out of cli.py so it stays a short list of stages:

    ioatlas check-links      check site/ offline: local links, #anchors, orphans, missing records
    ioatlas linkcheck        check outside links (network), with a cache and an allowlist
    ioatlas diff <git-ref>   records and pages added, removed and changed since <git-ref>
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .links import allowlist, cache


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
    from .links.fetch import Fetcher

    root = Path(args.root).resolve()
    fetcher = Fetcher(timeout=args.timeout, retries=args.retries, backoff=args.backoff,
                      host_delay=args.host_delay, workers=args.workers)
    try:
        report = check_outside_links(root, fetcher, root / args.cache, root / args.allowlist, args.max_age_days)
    except AllowlistError as err:
        print(f"linkcheck refused: fix the allowlist first\n{err}", file=sys.stderr)
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
    outside = commands.add_parser("linkcheck", help="check outside links (network; cached, allowlisted)")
    outside.add_argument("--max-age-days", type=float, default=7.0, help="reuse OK results this recent (7)")
    outside.add_argument("--cache", default=str(cache.DEFAULT), help="result cache (.cache/linkcheck.json)")
    outside.add_argument("--allowlist", default=allowlist.DEFAULT, help="allowlist (linkcheck-allowlist.yaml)")
    outside.add_argument("--report", default="linkcheck-report.md", help="where to write the report")
    outside.add_argument("--workers", type=int, default=8, help="hosts checked at once (8)")
    outside.add_argument("--host-delay", type=float, default=1.0, help="seconds between requests to one host")
    outside.add_argument("--retries", type=int, default=3, help="retries after a timeout, 429 or 5xx (3)")
    outside.add_argument("--backoff", type=float, default=2.0, help="seconds before the first retry; doubles")
    outside.add_argument("--timeout", type=float, default=20.0, help="seconds per request (20)")
    outside.set_defaults(func=cmd_linkcheck)
    changes = commands.add_parser("diff", help="records and pages changed since a git ref")
    changes.add_argument("ref", help="git ref to compare the working tree's data/ with, e.g. origin/main")
    changes.set_defaults(func=cmd_diff)
