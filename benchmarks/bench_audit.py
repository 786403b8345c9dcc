"""How long `audit verify` and `audit sign` take at N dossiers (issue 12), SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_audit.py --dossiers 100000 \
        --database sqlite:////tmp/audit100k.db --database postgresql+psycopg://postgres@127.0.0.1:5432/onestop_bench

Each database is filled with demo data (seed 1) if empty. Prints one line per engine: dossiers,
events, days signed, the signing time and verify's (median of 3), and the old verify's share (the
chain alone) for comparison.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402

from onestop.db.models import AuditKey, Dossier  # noqa: E402
from onestop.dossiers.audit import verify_chain  # noqa: E402
from onestop.installation.bootstrap import open_database  # noqa: E402
from onestop.installation.demo import generate  # noqa: E402
from onestop.people.accounts import Actor
from onestop.people.audit_heads import generate_key, read_private_key, sign_days  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 15, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def bench(url: str, dossiers: int) -> None:
    db, site = open_database(url)
    try:
        with db.read() as s:
            have = s.scalar(select(func.count()).select_from(Dossier))
        if not have:
            generate(db, site, dossiers=dossiers, seed=1, now=NOW)
        sign_s = float("nan")
        with db.read() as s:
            keyed = s.scalar(select(AuditKey.id).limit(1)) is not None
        if not keyed:
            key = Path(tempfile.mkdtemp()) / "site-key.pem"
            generate_key(db, key, actor=Actor.named("bench"), now=NOW)
            t = time.perf_counter()
            sign_days(db, read_private_key(key), through=date(2026, 11, 22), actor=Actor.named("bench"), now=NOW)
            sign_s = time.perf_counter() - t
        runs = []
        for _ in range(3):
            with db.read() as s:
                t = time.perf_counter()
                result = verify_chain(s)
                runs.append(time.perf_counter() - t)
        print(f"{db.engine.dialect.name}: {result.dossiers} dossiers, {result.events} events, "
              f"{result.signed_days} days signed, ok={result.ok}; sign {sign_s:.1f} s; "
              f"verify median {statistics.median(runs):.1f} s (runs {', '.join(f'{r:.1f}' for r in runs)})")
    finally:
        db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--database", action="append", required=True)
    args = parser.parse_args()
    for url in args.database:
        bench(url, args.dossiers)


if __name__ == "__main__":
    main()
