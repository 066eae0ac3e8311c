"""The one command-line entry point of IO Atlas.

    ioatlas validate          check every record; print every problem; exit 1 on any
    ioatlas generate          validate, then write the generated pages and files under docs/
    ioatlas build             validate, generate, mkdocs build --strict, swap into site/
    ioatlas offline           build the site for reading from disk, search included: dist/ioatlas-offline-<date>.zip
    ioatlas serve             generate, then serve on 127.0.0.1:8000, regenerating when data/ or templates change
    ioatlas check-links       check site/ offline: local links, #anchors, orphan pages, missing records
    ioatlas linkcheck         check outside links (network), with a cache and an allowlist
    ioatlas diff <git-ref>    records and pages added, removed and changed since <git-ref>
    ioatlas bench             time, memory, size at 1k/5k/10k records, against MkDocs alone and a plain floor
    ioatlas new <collection> "Name" [--zh 中文名]   start a record with a placeholder in every field it needs
    ioatlas fmt [--check]     write records (and the editor's schema/) in the canonical layout
    ioatlas review            records by last review, oldest first, flagged when stale or secondary-sourced only

The CLI only wires commands to the pipeline (pipeline.py) and the tools beside it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import left_out
from .docs_sync import GenerationConflict
from .engine.site import BuildError
from .pipeline import assemble, build, generate
from .problems import Report


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve()


def _fail(report_text: str) -> int:
    print(report_text, file=sys.stderr)
    return 1


def _warn(report: Report) -> None:
    """Print the warnings of a run that succeeded: they fail nothing, but a curator should see them."""
    if report.warnings():
        print(report.format(), file=sys.stderr)


def cmd_validate(args: argparse.Namespace) -> int:
    atlas = assemble(_root(args))
    if atlas.report:
        return _fail(atlas.report.format())
    _warn(atlas.report)
    print(f"ok: {atlas.dataset.count()} records in {len(atlas.dataset.records)} collections")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    try:
        generated, report = generate(_root(args), one_shot=True)
    except GenerationConflict as err:
        return _fail(f"generation refused: {err}")
    if generated is None:
        return _fail(report.format())
    _warn(report)
    summary = generated.summary
    print(f"generated: {len(summary.written)} written, {summary.unchanged} unchanged, "
          f"{len(summary.removed)} removed")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    try:
        generated, report = build(_root(args), Path(args.site_dir).resolve() if args.site_dir else None,
                                  one_shot=True)
    except (BuildError, GenerationConflict) as err:
        return _fail(f"build failed; the previous site/ is unchanged.\n{err}")
    if generated is None:
        return _fail(report.format() + "\nbuild refused; nothing was written")
    _warn(report)
    print(f"built site/ from {generated.dataset.count()} records")
    for line in left_out(_root(args)):
        print(f"note: {line}")
    return 0


def cmd_offline(args: argparse.Namespace) -> int:
    from .offline import build_offline

    root = _root(args)
    try:
        offline, report = build_offline(root)
    except (BuildError, GenerationConflict) as err:
        return _fail(f"offline build failed.\n{err}")
    if offline is None:
        return _fail(report.format() + "\noffline build refused; nothing was written")
    _warn(report)
    size = offline.size
    print(f"wrote {offline.path.relative_to(root)}: {size / 1_000_000:.1f} MB ({size:,} bytes), {offline.files} files")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(_root(args), args.dev_addr)


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run

    sizes = [int(s) for s in args.sizes.split(",")]
    run(_root(args), sizes, Path(args.out) if args.out else None, repeats=args.repeats,
        report=Path(args.report) if args.report else None, serve_edits=args.serve_edits)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ioatlas", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=".", help="repository root (default: current folder)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("validate", help="check every record; exit 1 on any error").set_defaults(func=cmd_validate)
    commands.add_parser("generate", help="write generated pages under docs/").set_defaults(func=cmd_generate)
    build_cmd = commands.add_parser("build", help="build site/ (atomic)")
    build_cmd.add_argument("--site-dir", help="where to put the site (default: site/)")
    build_cmd.set_defaults(func=cmd_build)
    commands.add_parser("offline", help="build dist/ioatlas-offline-<date>.zip, the site for reading from disk"
                        ).set_defaults(func=cmd_offline)
    serve = commands.add_parser("serve", help="serve with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(func=cmd_serve)
    # check-links, linkcheck, diff: link checks and the reviewers' build diff (see review_commands.py)
    from .review_commands import register

    register(commands)
    # new, fmt, review: tools for curators (see curator/commands.py)
    from .curator.commands import register as register_curator_tools

    register_curator_tools(commands)
    bench = commands.add_parser("bench", help="time the build on synthetic data of growing size")
    bench.add_argument("--sizes", default="1000,5000,10000", help="comma-separated record counts")
    bench.add_argument("--repeats", type=int, default=3, help="builds per size; the report gives medians")
    bench.add_argument("--out", default="bench-results/latest.json", help="where to write the JSON results")
    bench.add_argument("--report", help="where to write the Markdown report, e.g. docs/contributing/benchmark.md")
    bench.add_argument("--serve-edits", type=int, default=3,
                       help="edits timed under `ioatlas serve` at the smallest size (0: none)")
    bench.set_defaults(func=cmd_bench)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
