"""Migration 0006 (issue 11) on a copy of a 100,000-dossier database of the previous release:

    .venv/bin/python benchmarks/bench_migration_0006.py --database sqlite:////tmp/m0006.db
    .venv/bin/python benchmarks/bench_migration_0006.py --database postgresql+psycopg://postgres@127.0.0.1:5432/m0006

The database must be empty: it is built at revision 0005 with dossiers of every state from 2024 to
2026 (tests/migration_0006_data.py), copied row by row in memory, upgraded to 0006, and every row
and value compared; the rule sets and first-late instants are checked against the history. Prints
the time to build, to migrate and to check. Not a test; the suite runs the same check at 3,000.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from onestop.db.session import make_engine  # noqa: E402
from tests.migration_0006_data import build_0005, check_0006, snapshot  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--dossiers", type=int, default=100_000)
    args = parser.parse_args()
    engine = make_engine(args.database)
    try:
        t0 = time.perf_counter()
        build_0005(engine, args.dossiers)
        t1 = time.perf_counter()
        before = snapshot(engine)
        t2 = time.perf_counter()
        counts = check_0006(engine, before)  # the upgrade and the comparison
        t3 = time.perf_counter()
    finally:
        engine.dispose()
    print(f"{engine.dialect.name}: built {args.dossiers:,} dossiers at 0005 in {t1 - t0:.1f} s; snapshot "
          f"{t2 - t1:.1f} s; upgrade to 0006 and check {t3 - t2:.1f} s")
    print("checked: every row and value of every table kept; " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
