"""Subcommands for curators, kept out of cli.py so it stays a short list of stages:

    ioatlas new <collection> "Name" [--zh 中文名]   start data/<collection>/<id>.yaml with placeholders to fill in
    ioatlas fmt [--check] [FILE...]                write records (and schema/) in the canonical layout
    ioatlas review [--max-age-days N] [--today D]  records by last review, oldest first, with what needs a look
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..models import MODELS


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldRefused, scaffold

    try:
        made = scaffold(Path(args.root).resolve(), args.collection, args.name, args.zh, args.id)
    except ScaffoldRefused as refusal:
        print(f"ioatlas new: {refusal}", file=sys.stderr)
        return 1
    print(f"wrote {made.rel}: replace every '<TODO: …>' with what the source says, then run `ioatlas validate`")
    if made.name_from_pinyin:
        print(f"note: the English name was made from the pinyin of {args.name}; use the spelling the source uses")
    for other in made.same_name:
        print(f"note: {other} has the same name; if it is the same {args.collection[:-1]}, edit that record "
              f"and delete {made.rel}")
    return 0


def cmd_fmt(args: argparse.Namespace) -> int:
    from .fmt_command import run

    return run(Path(args.root).resolve(), args.files, args.check)


def cmd_review(args: argparse.Namespace) -> int:
    from ..pipeline import assemble
    from ..review import format_queue, queue, reference_day

    atlas = assemble(Path(args.root).resolve())
    today = dt.date.fromisoformat(args.today) if args.today else None
    day = reference_day(atlas.dataset, today)
    print(format_queue(queue(atlas.dataset, args.max_age_days, day), args.max_age_days, day, args.flagged))
    if atlas.report:
        print(f"note: records that do not validate are not listed ({len(atlas.report.sorted())} problem(s); "
              "run `ioatlas validate`)", file=sys.stderr)
    return 0


def _date(text: str) -> str:
    dt.date.fromisoformat(text)  # argparse turns the ValueError into a usage error
    return text


def register(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help="start a record file with placeholders for every field it needs")
    new.add_argument("collection", choices=list(MODELS), metavar="collection", help=", ".join(MODELS))
    new.add_argument("name", help="display name in English, or the Chinese name (the id is then its pinyin)")
    new.add_argument("--zh", help="the Chinese name (name_zh), when a source confirms it")
    new.add_argument("--id", help="the id (file name) when the one made from the name is not right")
    new.set_defaults(func=cmd_new)
    fmt = commands.add_parser("fmt", help="write records and schema/ in the canonical layout")
    fmt.add_argument("--check", action="store_true", help="change nothing; list what would change; exit 1 if any")
    fmt.add_argument("files", nargs="*", help="record files (default: every record, and schema/)")
    fmt.set_defaults(func=cmd_fmt)
    review = commands.add_parser("review", help="records by last review, oldest first, flagged when due")
    review.add_argument("--max-age-days", type=int, default=365, help="flag reviews older than this (default 365)")
    review.add_argument("--today", type=_date, help="count ages from this day (default: the data's date)")
    review.add_argument("--flagged", action="store_true", help="list only flagged records")
    review.set_defaults(func=cmd_review)
