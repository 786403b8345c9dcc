"""Start-up check benchmark: what `PRAGMA quick_check` adds to a desk's start on a SQLite file of N
demo dossiers (onestop/file_check.py), beside integrity_check and a start without the check.

    .venv/bin/python benchmarks/bench_quick_check.py --database sqlite:////tmp/1m.db   # filled if empty
    .venv/bin/python benchmarks/bench_quick_check.py --database sqlite:////tmp/small.db --dossiers 20000

Not a test. The file is read once before timing, so the figures are with the file in the OS cache
(a desk's second start); the first start after a reboot reads it from the disk and takes longer.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import closing
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_counter import FIXED_NOW, machine  # noqa: E402

from onestop.db.session import sqlite_path  # noqa: E402
from onestop.installation import (
    demo,
    file_check,  # noqa: E402
)
from onestop.installation.bootstrap import open_database  # noqa: E402


def _timed(fn, repeats: int) -> tuple[float, float]:
    """Median and largest of `repeats` runs, in seconds."""
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), max(runs)


def _pragma(path: Path, pragma: str) -> None:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        assert conn.execute(f"PRAGMA {pragma}").fetchall() == [("ok",)], f"{pragma} found problems"


def _start(url: str, now) -> None:  # noqa: ANN001
    db, _ = open_database(url, now=now)
    db.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="sqlite:///file (filled with demo dossiers if empty)")
    parser.add_argument("--dossiers", type=int, default=1_000_000, help="demo dossiers to load when empty")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-integrity", action="store_true", help="leave out integrity_check (minutes at 1M)")
    args = parser.parse_args(argv)
    path = sqlite_path(args.database)
    if path is None:
        parser.error("a SQLite file URL is needed")
    os.environ["ONESTOP_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-quick-check-")
    every_start_mib = file_check.EVERY_START_BELOW // 2**20
    db, site = open_database(args.database, now=FIXED_NOW)
    with closing(sqlite3.connect(path)) as conn:
        count = conn.execute("SELECT count(*) FROM dossier").fetchone()[0]
    if not count:
        print(f"Loading {args.dossiers:,} demo dossiers…", flush=True)
        demo.generate(db, site, dossiers=args.dossiers, seed=1, now=FIXED_NOW)
        count = args.dossiers
    db.dispose()
    size = path.stat().st_size
    _pragma(path, "quick_check")  # warms the OS cache

    rows = [("PRAGMA quick_check", *_timed(lambda: _pragma(path, "quick_check"), args.repeats))]
    if not args.skip_integrity:
        rows.append(("PRAGMA integrity_check", *_timed(lambda: _pragma(path, "integrity_check"), 1)))
    # A start without the check: the file recorded as checked clean today (large-file policy).
    file_check.EVERY_START_BELOW = 0
    file_check.record_clean(path, FIXED_NOW.date())
    rows.append(("start, check not due", *_timed(lambda: _start(args.database, FIXED_NOW), args.repeats)))
    # A start with the check: what every start would cost if every start checked.
    file_check.EVERY_START_BELOW = float("inf")
    rows.append(("start with quick_check", *_timed(lambda: _start(args.database, FIXED_NOW), args.repeats)))
    file_check.EVERY_START_BELOW = 0
    next_day = FIXED_NOW + timedelta(days=1)
    rows.append(("first start of the day (policy)", *_timed(lambda: _start(args.database, next_day), 1)))

    print()
    print(f"## Start-up check, N = {count:,} dossiers, {size / 2**20:,.0f} MiB")
    print()
    print(f"Machine: {machine()}")
    print(f"Policy: quick_check at every start below {every_start_mib} MiB, "
          "else on the first start of each local day")
    print()
    print("| measure | median | max |")
    print("|---|---:|---:|")
    for name, median, largest in rows:
        print(f"| {name} | {median:.2f} s | {largest:.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
