"""``ioatlas bench``: build synthetic atlases of growing size and measure time, memory and size, beside two
references measured in the same run on the same machine:

- *MkDocs alone*: ``mkdocs build`` over the Markdown our pipeline generated (what our code adds on top);
- *the floor*: bare mkdocs-material building the same number of plain one-paragraph pages, with only the
  index pages in the navigation (what any MkDocs site of that many pages costs).

Each build runs in its own process, timed as a whole (wall clock) with its peak memory read from the
operating system (``wait4``), so the figures are what a curator waits for. Repeats give medians. Speed is
measured here and only here: tests never time anything.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import bench_serve
from .docs_sync import copy_site_sources
from .engine.site import SITE_CONFIG, floor_config, mkdocs_command
from .synthetic import write_dataset

Row = dict[str, Any]
FLOOR_PARAGRAPH = ("A plain page of the floor benchmark: one heading and one paragraph of about the length of a "
                   "record's summary, with no table, citation or link, so that MkDocs does the least it can. ") * 3


def _timed(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Run ``command``; return its wall seconds, its peak memory in MB (children included) and its output."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"})
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, output


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def child_build(work: str) -> None:
    """Entry point of the timed build process: build ``work`` and print the stage times and the peak memory
    after each of our stages (``ru_maxrss`` only grows, so each is the peak so far) and of MkDocs as JSON."""
    from .engine.process import MkDocsProcess
    from .pipeline import assemble, build_site, generate_from

    folder = Path(work)
    with MkDocsProcess(folder) as mkdocs:  # as pipeline.build does: MkDocs gets ready while records load
        atlas = assemble(folder, one_shot=True)
        if atlas.graph is None:
            raise SystemExit("synthetic data is invalid:\n" + atlas.report.format())
        memory = {"load_check_mb": _peak_mb(resource.RUSAGE_SELF)}
        generated = generate_from(folder, atlas, one_shot=True)
        memory["generate_mb"] = _peak_mb(resource.RUSAGE_SELF)
        build_site(folder, generated, mkdocs=mkdocs)
    memory["mkdocs_mb"] = _peak_mb(resource.RUSAGE_CHILDREN)  # mkdocs runs as a child process
    print("IOATLAS-STAGES " + json.dumps({"seconds": generated.atlas.seconds, "memory": memory}))


def _stages(output: str) -> dict[str, dict[str, float]]:
    line = next(line for line in output.splitlines() if line.startswith("IOATLAS-STAGES "))
    return json.loads(line.removeprefix("IOATLAS-STAGES "))


def _prepare(repo_root: Path, work: Path, size: int) -> int:
    copy_site_sources(repo_root, work)
    # the real home page links to real records, which synthetic data does not have
    (work / "docs" / "index.md").write_text("# IO Atlas (benchmark data)\n\n[Experts](experts/index.md)\n")
    return write_dataset(work, size)


def _write_floor(floor: Path, site: Path) -> None:
    """A bare mkdocs-material project with as many plain pages, in the same folders, as ``site`` has."""
    docs = floor / "docs"
    nav = ["index.md"]
    for page in sorted(site.rglob("index.html")):
        folder = page.parent.relative_to(site)
        if folder == Path("."):
            continue
        nested = folder.parent != Path(".")
        target = docs / folder.parent / f"{folder.name}.md" if nested else docs / folder / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# {folder.name}\n\n{FLOOR_PARAGRAPH}\n")
        if target.name == "index.md":
            nav.append(target.relative_to(docs).as_posix())
    (docs / "index.md").write_text("# Floor\n\n" + FLOOR_PARAGRAPH + "\n")
    (floor / "mkdocs.yml").write_text(floor_config(nav))


def _site_figures(site: Path, collections: set[str]) -> Row:
    html = {p: p.stat().st_size for p in site.rglob("*.html")}
    record_pages = [size for path, size in html.items() if len(path.relative_to(site).parts) == 3
                    and path.relative_to(site).parts[0] in collections and "_" not in path.parent.name]  # not page_2/
    largest = max(html, key=html.__getitem__)
    search_files = [site / "search" / name for name in ("search_index.json", "records.json")]  # what a search loads
    return {"pages": sum(1 for p in html if p.name == "index.html"),
            "site_mb": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6, 1),
            "record_page_kb": round(statistics.median(record_pages) / 1e3, 1) if record_pages else 0,
            "largest_page_kb": round(html[largest] / 1e3), "largest_page": str(largest.relative_to(site).parent),
            "search_index_mb": round(sum(p.stat().st_size for p in search_files if p.exists()) / 1e6, 2)}


def run_one(repo_root: Path, size: int) -> Row:
    from .models import COLLECTIONS

    with tempfile.TemporaryDirectory(prefix="ioatlas-bench-") as tmp:
        work, floor = Path(tmp) / "atlas", Path(tmp) / "floor"
        work.mkdir()
        records = _prepare(repo_root, work, size)
        full_s, full_mb, output = _timed(
            [sys.executable, "-c", f"from ioatlas.bench import child_build; child_build({str(work)!r})"], work)
        measured = _stages(output)
        stages, memory = measured["seconds"], measured["memory"]
        mkdocs = mkdocs_command("build", "--quiet")
        alone_s, _, _ = _timed([*mkdocs, "--config-file", SITE_CONFIG, "--site-dir", str(Path(tmp) / "alone")], work)
        _write_floor(floor, work / "site")
        floor_s, _, _ = _timed([*mkdocs, "--site-dir", str(floor / "site")], floor)
        return {"records": records, "load_check_s": round(stages["load+check"], 2),
                "generate_s": round(stages["graph"] + stages["generate"], 2),
                "mkdocs_s": round(stages["mkdocs"], 2), "full_s": round(full_s, 2), "peak_mb": round(full_mb),
                **{key: round(value) for key, value in memory.items()},
                "mkdocs_alone_s": round(alone_s, 2), "floor_s": round(floor_s, 2),
                "full_vs_alone": round(full_s / alone_s, 2), "full_vs_floor": round(full_s / floor_s, 2),
                "ms_per_record": round(full_s / records * 1e3, 2), **_site_figures(work / "site", set(COLLECTIONS))}


SPREAD_KEYS = ("full_s", "mkdocs_alone_s", "floor_s", "full_vs_alone", "full_vs_floor")


def _median(rows: list[Row]) -> Row:
    """Medians of the repeats. A ratio is the median of each repeat's own ratio (its builds ran one after the
    other, so a slower or faster spell of the machine moves both sides), not a ratio of medians; the lowest and
    highest of each time and ratio are kept (``<key>_range``) to show how noisy the machine was."""
    merged = dict(rows[0])
    for key, value in rows[0].items():
        if isinstance(value, float | int) and key != "records":
            merged[key] = round(statistics.median(row[key] for row in rows), 2)
    for key in SPREAD_KEYS:
        merged[f"{key}_range"] = [min(row[key] for row in rows), max(row[key] for row in rows)]
    merged["repeats"] = len(rows)
    return merged


TIME_COLUMNS = (("records", "records"), ("full_s", "full s"), ("load_check_s", "load+check s"),
                ("generate_s", "generate s"), ("mkdocs_s", "MkDocs s"), ("mkdocs_alone_s", "MkDocs alone s"),
                ("floor_s", "floor s"), ("full_vs_alone", "full / alone"), ("full_vs_floor", "full / floor"),
                ("ms_per_record", "ms/record"))
SIZE_COLUMNS = (("records", "records"), ("peak_mb", "peak MB"), ("load_check_mb", "load+check MB"),
                ("generate_mb", "generate MB"), ("mkdocs_mb", "MkDocs MB"), ("pages", "pages"),
                ("site_mb", "site MB"), ("record_page_kb", "record page KB"), ("largest_page_kb", "largest page KB"),
                ("search_index_mb", "search index MB"))
COLUMNS = TIME_COLUMNS + SIZE_COLUMNS[1:]


@dataclass(frozen=True)
class Target:
    """A figure of the largest size measured and the bound the scale issue sets for it."""

    label: str
    key: str
    limit: float
    strict: bool = False  # '<' rather than '<='
    smallest: bool = False  # measured at the smallest size (serve), not the largest

    def holds(self, value: float) -> bool:
        return value < self.limit if self.strict else value <= self.limit


TARGETS = (Target("full / MkDocs alone", "full_vs_alone", 1.05),
           Target("full / plain-page floor", "full_vs_floor", 1.5),
           Target("time per record, largest size over smallest", "growth", 1.1),
           Target("record page KB", "record_page_kb", 30), Target("search index MB", "search_index_mb", 5),
           Target("largest page KB", "largest_page_kb", 1000), Target("peak MB", "peak_mb", 1000, strict=True),
           Target("serve: an edit served, s (smallest size)", "serve_edit_s", 3, smallest=True))
SERVE_EDITS = 3  # renames timed under `ioatlas serve`, at the smallest size (the issue names 1,000 records)


def growth(rows: list[Row]) -> float:
    """Time per record at the largest size over that at the smallest: about 1 or less is linear."""
    return round(rows[-1]["ms_per_record"] / rows[0]["ms_per_record"], 2) if len(rows) > 1 else 1.0


def _figures(rows: list[Row], target: Target) -> Row:
    return {**rows[0 if target.smallest else -1], "growth": growth(rows)}


def verdicts(rows: list[Row]) -> list[tuple[Target, float, bool]]:
    """Each target against the largest size measured (growth against the whole run, serve at the smallest);
    a figure not measured is left out."""
    measured = [(target, _figures(rows, target).get(target.key)) for target in TARGETS]
    return [(target, value, target.holds(value)) for target, value in measured if value is not None]


def _table(rows: list[Row], columns: tuple[tuple[str, str], ...]) -> list[str]:
    return ["| " + " | ".join(label for _, label in columns) + " |", "|" + "---:|" * len(columns),
            *("| " + " | ".join(str(row[key]) for key, _ in columns) + " |" for row in rows)]


def _spread_table(rows: list[Row]) -> list[str]:
    columns = [("records", "records"), *((key, label) for key, label in TIME_COLUMNS if key in SPREAD_KEYS)]
    return ["| " + " | ".join(label for _, label in columns) + " |", "|" + "---:|" * len(columns),
            *("| " + " | ".join([str(row["records"]), *(f"{row[key + '_range'][0]} – {row[key + '_range'][1]}"
                                                         for key, _ in columns[1:])]) + " |" for row in rows)]


def _range_of(rows: list[Row], target: Target) -> str:
    low_high = _figures(rows, target).get(f"{target.key}_range")
    return f"{low_high[0]} – {low_high[1]}" if low_high else ""


def _serve_line(row: Row) -> list[str]:
    if "serve_edit_s" not in row:
        return []
    low, high = row["serve_edit_s_range"]
    return [f"Under `ioatlas serve` at {row['records']} records, an edited record showed on another record's page "
            f"after **{row['serve_edit_s']} s** (median; {low} – {high} s).", ""]


def markdown_report(rows: list[Row], command: str) -> str:
    largest = ", ".join(f"{row['records']}: `{row['largest_page']}/`" for row in rows)
    checks = ["| figure | measured | runs (lowest – highest) | target | holds |", "|---|---:|---:|---:|---|",
              *(f"| {target.label} | {value} | {_range_of(rows, target)} | {'<' if target.strict else '≤'} "
                f"{target.limit:g} | {'yes' if ok else '**no**'} |" for target, value, ok in verdicts(rows))]
    return "\n".join([
        "# Benchmark", "",
        f"Measured on {dt.date.today().isoformat()} with `{command}` on {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; medians of {rows[0]['repeats']} run(s) per size (a ratio: the median of "
        "each run's own ratio). Synthetic data: every "
        "collection in proportion, valid references and citations, Chinese names (`scripts/ioatlas/synthetic.py`).",
        "", f"## Targets at {rows[-1]['records']} records", "", *checks, "",
        "## Time", "", *_table(rows, TIME_COLUMNS), "",
        f"Time per record at {rows[-1]['records']} records over that at {rows[0]['records']}: "
        f"**{growth(rows)}** (about 1 or less means linear growth).", "", *_serve_line(rows[0]),
        "Lowest – highest of the runs, for the times and the ratios above (each ratio is one run's own):", "",
        *_spread_table(rows), "",
        "## Memory and size", "", *_table(rows, SIZE_COLUMNS), "",
        f"Largest page: {largest}.", "",
        "## What the figures mean", "",
        "*full*: `ioatlas build` as a whole process (load and check, generate, MkDocs, security policy, swap). "
        "*MkDocs alone*: `mkdocs build` over the same generated Markdown. *floor*: bare mkdocs-material "
        "building as many plain one-paragraph pages, only index pages in the navigation. *search index MB*: "
        "Material's index plus the records' entries (search/records.json), what a reader's first search "
        "downloads. *peak MB*: the build's peak resident memory, MkDocs included; *load+check MB* and "
        "*generate MB*: our process's peak after each stage; *MkDocs MB*: the `mkdocs build` process's peak. "
        "*serve*: `ioatlas serve` on a synthetic atlas of the smallest size, a target renamed again and again; "
        "the seconds from writing its file to a trial page that links it being served with the new name (the "
        "watcher's poll, regeneration, MkDocs' rebuild; a browser shows it one live reload later).", "",
        "Rerun with `make bench` (all sizes, three repeats) or `ioatlas bench --sizes 1000 --repeats 1` "
        "for a quick look; `--report` writes this page, `--out` the JSON.", ""])


def run(repo_root: Path, sizes: list[int], out: Path | None = None, repeats: int = 1,
        report: Path | None = None, serve_edits: int = SERVE_EDITS) -> list[Row]:
    rows = []
    print(" ".join(f"{label:>{max(len(label), 7)}}" for _, label in COLUMNS), flush=True)
    for size in sizes:
        row = _median([run_one(repo_root, size) for _ in range(repeats)])
        rows.append(row)
        print(" ".join(f"{row[key]!s:>{max(len(label), 7)}}" for key, label in COLUMNS), flush=True)
    print(f"time per record at {rows[-1]['records']} vs {rows[0]['records']} records: x{growth(rows)} "
          "(about 1 or less means linear growth)")
    if serve_edits:
        with tempfile.TemporaryDirectory(prefix="ioatlas-bench-serve-") as tmp:
            _prepare(repo_root, Path(tmp), sizes[0])
            rows[0].update(bench_serve.summary(bench_serve.serve_edit_seconds(Path(tmp), serve_edits)))
        print(f"serve at {rows[0]['records']} records: an edit served after {rows[0]['serve_edit_s']} s (median; "
              f"runs {rows[0]['serve_edit_s_range'][0]} - {rows[0]['serve_edit_s_range'][1]})")
    for target, value, ok in verdicts(rows):
        print(f"{'ok  ' if ok else 'MISS'} {target.label}: {value} (target {'<' if target.strict else '<='} "
              f"{target.limit:g})")
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(rows, indent=2) + "\n")
        print(f"wrote {out}")
    if report:
        command = f"ioatlas bench --sizes {','.join(map(str, sizes))} --repeats {repeats}"
        report.write_text(markdown_report(rows, command))
        print(f"wrote {report}")
    return rows
