"""``ioatlas bench``: time each build stage and measure the site on synthetic datasets of growing size.

Speed is measured here and only here (tests never time anything). The report shows seconds per
stage and per record for each size, so a stage that grows faster than linearly stands out.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .docs_sync import copy_site_sources
from .pipeline import build
from .synthetic import write_dataset


def _prepare(repo_root: Path, work: Path, size: int) -> int:
    copy_site_sources(repo_root, work)
    # the real home page links to real records, which synthetic data does not have
    (work / "docs" / "index.md").write_text("# IO Atlas (benchmark data)\n\n[Experts](experts/index.md)\n")
    return write_dataset(work, size)


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def run_one(repo_root: Path, size: int) -> dict[str, float | int]:
    with tempfile.TemporaryDirectory(prefix="ioatlas-bench-") as tmp:
        work = Path(tmp)
        records = _prepare(repo_root, work, size)
        generated, report = build(work)
        if generated is None:
            raise RuntimeError("synthetic data is invalid:\n" + report.format())
        seconds = generated.atlas.seconds
        validate_s, generate_s = seconds["load+check"], seconds["graph"] + seconds["generate"]
        total_s = validate_s + generate_s + seconds["mkdocs"]
        pages = len(list((work / "site").rglob("index.html")))
        files, total_bytes = _size(work / "site")
        html_bytes = sum(p.stat().st_size for p in (work / "site").rglob("*.html"))
        return {"records": records, "validate_s": round(validate_s, 3), "generate_s": round(generate_s, 3),
                "mkdocs_s": round(seconds["mkdocs"], 3), "total_s": round(total_s, 3), "pages": pages,
                "site_files": files, "site_mb": round(total_bytes / 1e6, 2),
                "kb_per_page": round(html_bytes / max(pages, 1) / 1e3, 1),
                "ms_per_record": round(total_s / records * 1e3, 2)}


def run(repo_root: Path, sizes: list[int], out: Path | None) -> list[dict[str, float | int]]:
    rows = []
    print(f"{'records':>8} {'validate':>9} {'generate':>9} {'mkdocs':>8} {'total':>7} {'ms/rec':>7} "
          f"{'pages':>6} {'site MB':>8} {'KB/page':>8}")
    for size in sizes:
        row = run_one(repo_root, size)
        rows.append(row)
        print(f"{row['records']:>8} {row['validate_s']:>9} {row['generate_s']:>9} {row['mkdocs_s']:>8} "
              f"{row['total_s']:>7} {row['ms_per_record']:>7} {row['pages']:>6} {row['site_mb']:>8} "
              f"{row['kb_per_page']:>8}", flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = (last["ms_per_record"] / first["ms_per_record"]) if first["ms_per_record"] else 0
        print(f"time per record at {last['records']} vs {first['records']} records: x{growth:.2f} "
              "(about 1 or less means linear growth)")
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(rows, indent=2) + "\n")
        print(f"wrote {out}")
    return rows
