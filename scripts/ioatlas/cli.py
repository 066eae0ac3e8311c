"""The one command-line entry point: ``ioatlas validate | build | serve | bench``.

The CLI only wires stages together; each stage lives in its own module.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .validate import validate


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve()


def cmd_validate(args: argparse.Namespace) -> int:
    dataset, report = validate(_root(args))
    if report:
        print(report.format(), file=sys.stderr)
        return 1
    count = sum(len(r) for r in dataset.records.values())
    print(f"ok: {count} records in {len(dataset.records)} collections")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ioatlas", description=__doc__)
    parser.add_argument("--root", default=".", help="repository root (default: current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every record; exit 1 on any error").set_defaults(func=cmd_validate)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
