"""Supervisor benchmark: the periodic report (a month, a year), the late review, the cut-time
targets and the charts' weekly figures, on N demo dossiers, each against hand-written SQL that
gives the same numbers. Prints one table per database.

    .venv/bin/python benchmarks/bench_supervisor.py --database sqlite:////tmp/1m.db \\
        --database postgresql+psycopg://postgres@127.0.0.1:5432/onestop_bench     # filled if empty

Not a test: nothing here is collected by pytest, and it is not run in CI. The hand-written SQL
is sent with the bare driver (sqlite3, psycopg) on a connection set up as db/session.py does, so
the ratio is what the program adds. Two hand-written forms of the report: the obvious one (one
pass over the dossiers, FILTER per count) and one that counts each instant over its own index
range as onestop/report.py does; the ratio is against the faster. Both must give the report's
numbers, or the script says so.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_counter import FIXED_NOW, Report, machine, plain_connection, stored, time_calls  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from onestop.clock.worktime import OfficeTimeline, posix_us  # noqa: E402
from onestop.db.models import Dossier  # noqa: E402
from onestop.dossiers.statuses import PAUSED, RUNNING  # noqa: E402
from onestop.figures.late_review import late_groups, late_review  # noqa: E402
from onestop.figures.report import COUNTS, periodic_report  # noqa: E402
from onestop.figures.targets import cut_time_targets  # noqa: E402
from onestop.figures.trends import weekly_flow  # noqa: E402
from onestop.installation import demo  # noqa: E402
from onestop.installation.bootstrap import open_database  # noqa: E402

MONTH = (date(2026, 10, 1), date(2026, 10, 31))  # the last whole month before FIXED_NOW
YEAR = (date(2025, 12, 1), date(2026, 11, 30))  # twelve months: every demo dossier
GOALS = {"month": 500, "year": 2000, "late": 200, "ratio": 1.5}
REPEATS = 5


# ---- hand-written SQL -------------------------------------------------------------------------

def _sql(dialect: str) -> dict[str, str]:
    """The report and the late review in plain SQL, with :named parameters."""
    pg = dialect == "postgresql"
    local = (lambda c: f"CAST({c} AT TIME ZONE 'Asia/Ho_Chi_Minh' AS date)") if pg else \
        (lambda c: f"date({c}, '+7 hours')")
    likely = (lambda c: c) if pg else (lambda c: f"likelihood({c}, 0.9)")
    fin = "d.finished_at >= :t0 AND d.finished_at < :t1 AND d.status <> 'refused'"
    early = f"{local('d.finished_at')} < {local('d.due_at')}"
    overdue = ("COALESCE((SELECT pa.committed_left_s FROM dossier_pause pa WHERE pa.dossier_id = d.id "
               "AND pa.started_at < :t1 AND (pa.ended_at IS NULL OR pa.ended_at >= :t1) "
               "ORDER BY pa.started_at DESC LIMIT 1) < 0, "
               "COALESCE((SELECT ap.due_at FROM appointment ap WHERE ap.dossier_id = d.id "
               "AND ap.kind IN ('receipt', 'restart', 'resume') AND ap.given_at < :t1 "
               "ORDER BY ap.given_at DESC, ap.id DESC LIMIT 1), d.due_at) < :t1)")
    open_end = "d.received_at < :t1 AND (d.closed_at IS NULL OR d.closed_at >= :t1)"
    one_pass = f"""
SELECT f.name,
  count(*) FILTER (WHERE d.received_at < :t0 AND (d.closed_at IS NULL OR d.closed_at >= :t0)),
  count(*) FILTER (WHERE d.received_at >= :t0 AND d.received_at < :t1 AND d.channel = 'online'),
  count(*) FILTER (WHERE d.received_at >= :t0 AND d.received_at < :t1 AND d.channel <> 'online'),
  count(*) FILTER (WHERE {fin} AND d.finished_at <= d.due_at AND {early}),
  count(*) FILTER (WHERE {fin} AND d.finished_at <= d.due_at AND NOT {early}),
  count(*) FILTER (WHERE {fin} AND d.finished_at > d.due_at),
  count(*) FILTER (WHERE {open_end} AND NOT {overdue}),
  count(*) FILTER (WHERE {open_end} AND {overdue}),
  count(*) FILTER (WHERE d.returned_at >= :t0 AND d.returned_at < :t1),
  count(*) FILTER (WHERE d.status = 'refused' AND d.closed_at >= :t0 AND d.closed_at < :t1),
  count(*) FILTER (WHERE d.status = 'withdrawn' AND d.closed_at >= :t0 AND d.closed_at < :t1)
FROM dossier d JOIN procedure p ON p.id = d.procedure_id JOIN field f ON f.id = p.field_id
WHERE d.received_at < :t1 AND (d.closed_at IS NULL OR d.closed_at >= :t0 OR d.returned_at >= :t0)
GROUP BY f.name"""
    # Per instant, over the procedure-first indexes, as onestop/report.py does.
    parts = [
        ({"received_online": "d.channel = 'online'", "received_direct": "d.channel <> 'online'"},
         "d.received_at >= :t0 AND d.received_at < :t1"),
        ({"resolved_early": f"d.finished_at <= d.due_at AND {early}",
          "resolved_on_time": f"d.finished_at <= d.due_at AND NOT {early}",
          "resolved_late": "d.finished_at > d.due_at"}, fin),
        ({"returned": None}, "d.returned_at >= :t0 AND d.returned_at < :t1"),
        ({"refused": "d.status = 'refused'", "withdrawn": "d.status = 'withdrawn'"},
         "d.closed_at >= :t0 AND d.closed_at < :t1"),
        ({"carried_over": None}, f"d.closed_at IS NULL AND {likely('d.received_at < :t0')}"),
        ({"carried_over": None}, f"d.closed_at >= :t0 AND {likely('d.received_at < :t0')}"),
        ({"in_progress_within": f"NOT {overdue}", "in_progress_overdue": overdue},
         f"d.closed_at IS NULL AND {likely('d.received_at < :t1')}"),
        ({"in_progress_within": f"NOT {overdue}", "in_progress_overdue": overdue},
         f"d.closed_at >= :t1 AND {likely('d.received_at < :t1')}"),
    ]
    selects = []
    for counts, where in parts:
        columns = [(f"count(*) FILTER (WHERE {counts[c]})" if counts[c] else "count(*)") if c in counts else "0"
                   for c in COUNTS]
        selects.append(f"SELECT d.procedure_id, {', '.join(f'{x} AS {c}' for x, c in zip(columns, COUNTS))} "
                       f"FROM dossier d WHERE d.procedure_id IN (SELECT id FROM procedure) AND {where} "
                       f"GROUP BY d.procedure_id")
    per_instant = (f"SELECT f.name, {', '.join(f'sum(u.{c})' for c in COUNTS)} FROM ("
                   + "\nUNION ALL\n".join(selects) + ") u JOIN procedure p ON p.id = u.procedure_id "
                   "JOIN field f ON f.id = p.field_id GROUP BY f.name")
    running = f"d.status IN ({', '.join(repr(s) for s in RUNNING)})"
    late_paused = f"(d.status IN ({', '.join(repr(s) for s in PAUSED)}) AND pa.committed_left_s < 0)"
    late_from = f"""
FROM dossier d JOIN procedure p ON p.id = d.procedure_id JOIN field f ON f.id = p.field_id
LEFT JOIN department dep ON dep.id = d.department_id
LEFT JOIN dossier_pause pa ON pa.dossier_id = d.id AND pa.ended_at IS NULL
WHERE d.closed_at IS NULL AND d.due_at < :horizon AND ({running} OR {late_paused})"""
    lateness = (f"CASE WHEN ({running} AND d.statutory_due_at < :now) OR ({late_paused} AND pa.statutory_left_s < 0) "
                f"THEN 'over_statutory' WHEN ({running} AND d.due_at < :now) OR {late_paused} THEN 'overdue' "
                "ELSE 'due_soon' END")
    late_list = f"""
SELECT d.code, a.name, p.code, p.name, f.name, COALESCE(dep.name, 'Chưa chuyển xử lý'),
  CASE WHEN d.handler = '' THEN 'Chưa giao cán bộ' ELSE d.handler END, d.status, d.due_at,
  d.apology_due_at, {lateness}, pa.committed_left_s
{late_from.replace('WHERE', 'JOIN applicant a ON a.id = d.applicant_id WHERE', 1)}"""
    late_groups_sql = f"""
SELECT COALESCE(dep.name, 'Chưa chuyển xử lý') AS k,
  count(*) FILTER (WHERE {lateness} = 'over_statutory'), count(*) FILTER (WHERE {lateness} <> 'due_soon'),
  count(*) FILTER (WHERE {lateness} = 'due_soon'),
  count(*) FILTER (WHERE {lateness} <> 'due_soon' AND d.apology_due_at IS NOT NULL)
{late_from} GROUP BY k"""
    return {"one_pass": one_pass, "per_instant": per_instant, "late_list": late_list, "late_groups": late_groups_sql}


class Plain:
    """The bare driver on the same database: sqlite3 or psycopg."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        if self.dialect == "sqlite":
            self.conn = plain_connection(parsed.database)
        else:
            import psycopg

            self.conn = psycopg.connect(parsed.set(drivername="postgresql").render_as_string(hide_password=False),
                                        autocommit=True)

    def run(self, sql: str, **params) -> list[tuple]:
        if self.dialect == "sqlite":
            params = {k: stored(v) if isinstance(v, datetime) else v for k, v in params.items()}
            return self.conn.execute(sql, params).fetchall()
        return self.conn.execute(re.sub(r"(?<!:):(\w+)", r"%(\1)s", sql), params).fetchall()

    def explain(self, sql: str, **params) -> list[str]:
        prefix = "EXPLAIN QUERY PLAN " if self.dialect == "sqlite" else "EXPLAIN "
        rows = self.run(prefix + sql, **params)
        return [r[3] if self.dialect == "sqlite" else r[0] for r in rows]


# ---- measures ---------------------------------------------------------------------------------

def bench(url: str, dossiers: int) -> tuple[Report, str]:
    db, site = open_database(url)
    with db.read() as session:
        existing = session.scalar(select(func.count()).select_from(Dossier)) or 0
    report = Report()
    if not existing:
        print(f"Loading {dossiers:,} demo dossiers into {url}…", flush=True)
        start = time.perf_counter()
        existing = demo.generate(db, site, dossiers=dossiers, seed=1, now=FIXED_NOW).dossiers
        report.add(f"load {existing:,} dossiers (demo.generate)", time.perf_counter() - start, unit="s",
                   with_p95=False)
    plain = Plain(url)
    if plain.dialect == "postgresql":
        plain.conn.execute("VACUUM ANALYZE")  # statistics, and the visibility map for index-only scans
    sql = _sql(plain.dialect)
    tz = site.calendar.tz

    def in_session(fn):
        def run():
            with db.read() as session:
                return fn(session)
        return run

    for label, (start, end) in (("month", MONTH), ("year", YEAR)):
        print(f"{plain.dialect}: report, {label}…", flush=True)
        t0 = datetime.combine(start, datetime.min.time(), tz)
        t1 = datetime.combine(end + timedelta(days=1), datetime.min.time(), tz)
        orm = in_session(lambda s, a=start, b=end: periodic_report(s, site, a, b, "field"))
        got = orm()
        want = sorted((r.key, *(r.counts[c] for c in COUNTS)) for r in got.rows)
        timings = {}
        for form in ("one_pass", "per_instant"):
            rows = sorted(tuple(r) for r in plain.run(sql[form], t0=t0, t1=t1) if any(r[1:]))
            if rows != want:
                report.notes.append(f"WARNING report {label}, {form}: hand-written SQL differs from the report")
            timings[form] = time_calls(lambda f=form: plain.run(sql[f], t0=t0, t1=t1), REPEATS)
        best = min(timings, key=lambda f: sorted(timings[f])[len(timings[f]) // 2])
        report.add(f"periodic report, {label} {start:%d/%m/%Y}–{end:%d/%m/%Y}, by field "
                   f"(vs hand-written {best.replace('_', ' ')})", time_calls(orm, REPEATS), plain=timings[best],
                   goal_ms=GOALS[label], ratio_goal=GOALS["ratio"])
        other = "per_instant" if best == "one_pass" else "one_pass"
        report.add(f"… hand-written {other.replace('_', ' ')} query", timings[other])
        report.notes.append(f"Report {label}, totals: {got.total}")

    print(f"{plain.dialect}: late review…", flush=True)
    now = FIXED_NOW
    horizon = site.calendar.add_working_time(now, site.settings.due_soon)
    items = in_session(lambda s: late_review(s, site, now))()
    hand = plain.run(sql["late_list"], now=now, horizon=horizon)
    if sorted(i.code for i in items) != sorted(r[0] for r in hand):
        report.notes.append("WARNING late review: hand-written SQL lists other dossiers")
    # SQL cannot count office time (hours, holidays, make-up days): the hand-written side gets the
    # same OfficeTimeline step over its rows, so that both give the same numbers.
    cal = site.calendar

    def hand_with_days():
        rows = plain.run(sql["late_list"], now=now, horizon=horizon)
        due = [datetime.fromisoformat(r[8]).replace(tzinfo=timezone.utc) if isinstance(r[8], str) else r[8]
               for r in rows]
        timeline = OfficeTimeline(cal, cal.to_local(min([now, *due])).date(), cal.to_local(max([now, *due])).date())
        day = cal.working_day_length.total_seconds() * 1_000_000
        lefts = timeline.between([posix_us(now)] * len(rows), [posix_us(t) for t in due])
        return [(r[0], round(-(left if r[-1] is None else r[-1] * 1_000_000) / day, 1)) for r, left in zip(rows, lefts)]

    if sorted(hand_with_days()) != sorted((i.code, i.days_overdue) for i in items):
        report.notes.append("WARNING late review: working days overdue differ")
    report.add(f"late review: every late or at-risk dossier ({len(items):,}) with working days overdue "
               "(vs hand-written SQL + the same office-time step)",
               time_calls(in_session(lambda s: late_review(s, site, now)), REPEATS),
               plain=time_calls(hand_with_days, REPEATS), goal_ms=GOALS["late"], ratio_goal=GOALS["ratio"])
    report.add("… the hand-written SQL alone (no working days)",
               time_calls(lambda: plain.run(sql["late_list"], now=now, horizon=horizon), REPEATS))
    groups = in_session(lambda s: late_groups(s, site, now, "department"))()
    hand = plain.run(sql["late_groups"], now=now, horizon=horizon)
    if sorted((g.key, g.over_statutory, g.overdue, g.due_soon, g.apologised) for g in groups) != sorted(hand):
        report.notes.append("WARNING late groups: hand-written SQL differs")
    report.add("late review: counts by department", time_calls(in_session(
        lambda s: late_groups(s, site, now, "department")), REPEATS),
        plain=time_calls(lambda: plain.run(sql["late_groups"], now=now, horizon=horizon), REPEATS),
        goal_ms=GOALS["late"], ratio_goal=GOALS["ratio"])

    print(f"{plain.dialect}: targets and charts…", flush=True)
    for label, (start, end) in (("month", MONTH), ("year", YEAR)):
        report.add(f"cut-time targets, {label} (no SQL twin: office time needs the calendar)",
                   time_calls(in_session(lambda s, a=start, b=end: cut_time_targets(s, site, a, b)), 3))
    today = site.calendar.to_local(now).date()
    report.add("charts: received / resolved / on time, 26 weeks", time_calls(in_session(
        lambda s: weekly_flow(s, site, today - timedelta(weeks=25), today)), REPEATS))
    if plain.dialect == "sqlite":  # PostgreSQL's plans run to pages; EXPLAIN them by hand if needed
        t0, t1 = (datetime.combine(d, datetime.min.time(), tz) for d in MONTH)
        plans = [f"{name}:\n    " + "\n    ".join(plain.explain(sql[name], t0=t0, t1=t1, now=now, horizon=horizon))
                 for name in ("per_instant", "late_list")]
        report.notes.append("Plans of the hand-written SQL (report per instant, late list):\n" + "\n".join(plans))
    db.dispose()
    return report, f"{plain.dialect}, {existing:,} dossiers"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", action="append", required=True, metavar="URL",
                        help="a database to measure (repeatable); filled with demo data if it has no dossiers")
    parser.add_argument("--dossiers", type=int, default=1_000_000, help="demo dossiers to load into an empty one")
    args = parser.parse_args(argv)
    results = [bench(url, args.dossiers) for url in args.database]
    print(f"\nMachine: {machine()}; now = {FIXED_NOW.isoformat()}")
    for report, title in results:
        print(f"\n## Supervisor benchmark: {title}\n")
        print(report.markdown())
        for note in report.notes:
            print(f"\n{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
