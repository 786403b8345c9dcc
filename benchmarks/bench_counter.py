"""Counter benchmark: load N demo dossiers, then time what an officer waits for. Prints a table.

    .venv/bin/python benchmarks/bench_counter.py                     # 1,000,000 dossiers (minutes)
    .venv/bin/python benchmarks/bench_counter.py --dossiers 20000    # smoke test (under 30 s)
    .venv/bin/python benchmarks/bench_counter.py --keep /tmp/1m.db   # keep the file; a second run
                                                                     # with the same path reuses it

Not a test: nothing here is collected by pytest, and it is not run in CI. Every measure is also
done with plain `sqlite3` on the same file (same PRAGMAs, same SQL) where that makes sense, so
the table shows what the program adds on top of SQLite. The plain SQL mirrors onestop/queue.py,
onestop/intake.py and onestop/codes.py: keep them in step.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, func, select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from onestop.db.models import Applicant, Dossier, DossierEvent, Procedure, SubmittedDocument  # noqa: E402
from onestop.db.session import Database  # noqa: E402
from onestop.dossiers import (
    intake,
    queue,  # noqa: E402
)
from onestop.dossiers.intake import (  # noqa: E402
    IntakeRequest,
    deadlines_for,
    find_procedure,
    save_intake,
)
from onestop.dossiers.queue import View  # noqa: E402
from onestop.dossiers.statuses import PAUSED  # noqa: E402
from onestop.installation import demo
from onestop.installation.bootstrap import open_database  # noqa: E402
from onestop.office.codes import format_code  # noqa: E402
from onestop.office.site import Site  # noqa: E402
from onestop.paperwork.receipt_pdf import render_receipt  # noqa: E402
from onestop.paperwork.receipts import load_dossier, receipt_data, receipt_pdf  # noqa: E402
from onestop.people.accounts import Actor
from onestop.text import fold  # noqa: E402

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIXED_NOW = datetime(2026, 11, 23, 9, 15, tzinfo=TZ)  # a Monday morning at the counter
SYNCHRONOUS = os.environ.get("BENCH_SYNCHRONOUS", "FULL")  # as db/session.py; NORMAL to compare the plain save
USER = "bench"
# A common procedure with four required documents (the plain-SQL save inserts as many).
PREFERRED_PROCEDURE = "1.001193"  # Thủ tục đăng ký khai sinh
NAME_PREFIX = "le thi hong"  # typed without diacritics: Lê Thị Hồng…
SHORT_PREFIX = "nguyen"  # a family name: one applicant in sixteen
INNER_NAME = "van hung"  # not a prefix: queue.search falls back to a substring search
NO_SUCH_NAME = "nguyen vna"  # a typo: nothing matches, so every dossier is looked at
SAVES = 200
RECEIPTS = 50
REPEATS = 30
STARTS = 5
GOALS = {  # milliseconds, unless the row says otherwise
    "load": 180_000, "save": 20, "ratio": 3, "receipt": 30, "start": 1500, "list": 100, "search": 50,
}


# ---- timing helpers ---------------------------------------------------------------------------

def ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def time_calls(fn: Callable[[], object], repeats: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(ms_since(start))
    return samples


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def stored(t: datetime) -> str:
    """An instant as SQLAlchemy stores UTCDateTime in SQLite (naive UTC text)."""
    return t.astimezone(timezone.utc).replace(tzinfo=None).isoformat(" ", "microseconds")


@dataclass
class Row:
    measure: str
    median: float | None = None
    p95: float | None = None
    plain: float | None = None
    goal: str = ""
    ok: bool | None = None
    unit: str = "ms"

    @property
    def ratio(self) -> float | None:
        if self.median is None or not self.plain:
            return None
        return self.median / self.plain


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, measure: str, samples: list[float] | float | None, *, plain: list[float] | None = None,
            goal_ms: float | None = None, ratio_goal: float | None = None, unit: str = "ms",
            with_p95: bool = True) -> Row:
        if isinstance(samples, list):
            med, high = median(samples), (p95(samples) if with_p95 else None)
        else:
            med, high = samples, None
        row = Row(measure, med, high, median(plain) if plain else None, unit=unit)
        goals, ok = [], True
        if goal_ms is not None:
            goals.append(f"≤ {goal_ms / 1000:g} s" if unit == "s" else f"≤ {goal_ms:g} ms")
            ok = ok and med is not None and med * (1000 if unit == "s" else 1) <= goal_ms
        if ratio_goal is not None:
            goals.append(f"ratio ≤ {ratio_goal:g}×")
            ok = ok and row.ratio is not None and row.ratio <= ratio_goal
        row.goal = ", ".join(goals)
        row.ok = ok if goals else None
        self.rows.append(row)
        return row

    def markdown(self) -> str:
        def num(x: float | None, unit: str) -> str:
            if x is None:
                return "—"
            if unit == "s":
                return f"{x:.1f} s"
            return f"{x:.2f} ms" if x < 10 else f"{x:.1f} ms"

        lines = ["| measure | median | p95 | plain SQL | ratio | goal | ok? |",
                 "|---|---:|---:|---:|---:|---|---|"]
        for r in self.rows:
            ratio = f"{r.ratio:.1f}×" if r.ratio is not None else "—"
            ok = "—" if r.ok is None else ("yes" if r.ok else "**NO**")
            lines.append(f"| {r.measure} | {num(r.median, r.unit)} | {num(r.p95, r.unit)} | "
                         f"{num(r.plain, r.unit)} | {ratio} | {r.goal or '—'} | {ok} |")
        return "\n".join(lines)


# ---- plain sqlite3 --------------------------------------------------------------------------

def plain_connection(path: str) -> sqlite3.Connection:
    """What db/session.py does to each connection, with the bare sqlite3 module."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={SYNCHRONOUS}")
    return conn


class StatementLog:
    """The SQL that SQLAlchemy sends, with its parameters, and the time spent inside the driver."""

    def __init__(self, db: Database) -> None:
        self.last: list[tuple[str, object]] = []
        self.recording = False
        self.driver_seconds = 0.0
        self.statements = 0
        self._started = 0.0
        self.engine = db.engine
        event.listen(db.engine, "before_cursor_execute", self._before)
        event.listen(db.engine, "after_cursor_execute", self._after)

    def _before(self, conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if self.recording:
            self.last.append((statement, parameters))
        self._started = time.perf_counter()

    def _after(self, conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        self.driver_seconds += time.perf_counter() - self._started
        self.statements += 1

    @contextmanager
    def capture(self):
        self.last, self.recording = [], True
        try:
            yield self.last
        finally:
            self.recording = False

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._before)
        event.remove(self.engine, "after_cursor_execute", self._after)

    def reset_counters(self) -> None:
        self.driver_seconds, self.statements = 0.0, 0


def query_plan(conn: sqlite3.Connection, sql: str, params=()) -> list[str]:
    return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]


# ---- the database -----------------------------------------------------------------------------

def prepare_database(args, report: Report) -> tuple[Database, Site, str, str, tempfile.TemporaryDirectory | None]:
    """Opens (and fills if needed) the database; returns it with its URL and the SQLite path."""
    tmp = None
    if args.database:
        url = args.database
    else:
        if args.keep:
            path = Path(args.keep).resolve()
        else:
            tmp = tempfile.TemporaryDirectory(prefix="onestop-bench-")
            path = Path(tmp.name) / "bench.db"
        url = f"sqlite:///{path}"
    parsed = make_url(url)
    sqlite_path = parsed.database if parsed.get_backend_name() == "sqlite" else None

    start = time.perf_counter()
    db, site = open_database(url)
    print(f"open_database (migrate + seed): {ms_since(start):.0f} ms", flush=True)
    with db.read() as session:
        existing = session.scalar(select(func.count()).select_from(Dossier)) or 0
    if existing:
        print(f"Reusing {existing:,} dossiers already in {url} (no load).", flush=True)
        report.notes.append(f"Database reused with {existing:,} dossiers: load not timed.")
    else:
        print(f"Loading {args.dossiers:,} demo dossiers…", flush=True)
        start = time.perf_counter()
        result = demo.generate(db, site, dossiers=args.dossiers, seed=1, now=FIXED_NOW)
        seconds = time.perf_counter() - start
        print(f"Loaded {result.dossiers:,} dossiers in {seconds:.1f} s "
              f"({result.dossiers / seconds:,.0f} dossiers/s).", flush=True)
        report.add(f"load {result.dossiers:,} dossiers (demo.generate)", seconds, unit="s",
                   goal_ms=GOALS["load"], with_p95=False)
    if sqlite_path and args.analyze:
        conn = plain_connection(sqlite_path)
        conn.execute("ANALYZE")
        conn.close()
    return db, site, url, sqlite_path, tmp


def counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
                for model in (Dossier, Applicant, SubmittedDocument, DossierEvent)}


# ---- 1. saving an intake --------------------------------------------------------------------

def pick_procedure(db: Database) -> Procedure:
    with db.read() as session:
        procedure = find_procedure(session, PREFERRED_PROCEDURE)
        if procedure is None or len(procedure.documents) != 4:
            for candidate in session.scalars(select(Procedure).where(Procedure.active.is_(True))
                                             .order_by(Procedure.code)):
                procedure = find_procedure(session, candidate.code)
                if procedure is not None and len(procedure.documents) == 4:
                    break
        assert procedure is not None, "no active procedure in the catalogue"
        return procedure


def intake_requests(procedure: Procedure, count: int, seed: int) -> list[IntakeRequest]:
    rng = random.Random(seed)
    requests = []
    for _ in range(count):
        person = demo._person(rng)
        requests.append(IntakeRequest(procedure_code=procedure.code, name=person["name"],
                                      id_number=person["id_number"], phone=person["phone"],
                                      address=person["address"], note="", documents=None))
    return requests


def bench_save(db: Database, site: Site, sqlite_path: str | None, report: Report) -> None:
    procedure = pick_procedure(db)
    print(f"save_intake ×{SAVES} ({procedure.code}, {len(procedure.documents)} documents)…", flush=True)
    orm = []
    for req in intake_requests(procedure, SAVES + 5, seed=7):
        start = time.perf_counter()
        save_intake(db, site, req, now=FIXED_NOW, actor=Actor.named(USER))
        orm.append(ms_since(start))
    orm = orm[5:]  # warm-up: statement caches, first page reads
    plain = bench_save_plain(site, sqlite_path, procedure) if sqlite_path else None
    report.add("save_intake (code, applicant, dossier, 4 documents, event, appointment)", orm, plain=plain,
               goal_ms=GOALS["save"], ratio_goal=GOALS["ratio"] if plain else None)


SQL_COUNTER = ("INSERT INTO code_counter (agency_code, day, last_number) VALUES (?, ?, 1) "
               "ON CONFLICT (agency_code, day) DO UPDATE SET last_number = last_number + 1 RETURNING last_number")
SQL_APPLICANT = ("INSERT INTO applicant (kind, name, name_folded, id_number, phone, email, address) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
SQL_DOSSIER = ("INSERT INTO dossier (code, agency_id, procedure_id, applicant_id, channel, sets_count, note, "
               "status, received_at, received_by, due_at, statutory_due_at, version) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, 1) RETURNING id")
SQL_DOCUMENT = ("INSERT INTO submitted_document (dossier_id, position, required_document_id, name, form, quantity) "
                "VALUES (?, ?, ?, ?, ?, ?)")
SQL_APPOINTMENT = ("INSERT INTO appointment (dossier_id, given_at, kind, due_at, statutory_due_at, reason, user) "
                   "VALUES (?, ?, 'receipt', ?, ?, '', ?)")
SQL_EVENT = ("INSERT INTO dossier_event (dossier_id, at, user, action, from_status, to_status, note) "
             "VALUES (?, ?, ?, 'receive', NULL, 'received', '')")


def bench_save_plain(site: Site, path: str, procedure: Procedure) -> list[float]:
    """The same rows as save_intake, written with bare sqlite3 (BEGIN IMMEDIATE … COMMIT)."""
    deadlines = deadlines_for(procedure, FIXED_NOW, site.calendar)  # computed once: not SQL
    received, due, stat_due = stored(FIXED_NOW), stored(deadlines.due_at), stored(deadlines.statutory_due_at)
    day = site.calendar.to_local(FIXED_NOW).date()
    agency = site.agency.code
    documents = [(d.id, d.name, d.form, d.quantity) for d in procedure.documents]
    conn = plain_connection(path)
    samples = []
    for req in intake_requests(procedure, SAVES + 5, seed=8):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        number = conn.execute(SQL_COUNTER, (agency, f"{day:%y%m%d}")).fetchone()[0]
        applicant_id = conn.execute(SQL_APPLICANT, ("person", req.name, fold(req.name), req.id_number,
                                                    req.phone, "", req.address)).fetchone()[0]
        dossier_id = conn.execute(SQL_DOSSIER, (
            format_code(agency, day, number), site.agency_id, procedure.id, applicant_id, "direct", 1, "",
            received, USER, due, stat_due)).fetchone()[0]
        conn.executemany(SQL_DOCUMENT, [(dossier_id, i, *doc) for i, doc in enumerate(documents, start=1)])
        conn.execute(SQL_EVENT, (dossier_id, received, USER))
        conn.execute(SQL_APPOINTMENT, (dossier_id, received, due, stat_due, USER))
        conn.execute("COMMIT")
        samples.append(ms_since(start))
    conn.close()
    return samples[5:]


# ---- 2. receipts ------------------------------------------------------------------------------

def bench_receipt(db: Database, site: Site, report: Report) -> None:
    with db.read() as session:
        code = session.scalar(select(Dossier.code).order_by(Dossier.id.desc()).limit(1))

    def full() -> bytes:
        with db.read() as session:
            return receipt_pdf(session, site, code)

    print(f"receipt_pdf ×{RECEIPTS} ({code})…", flush=True)
    report.add("receipt_pdf (load dossier + render A4 PDF)", time_calls(full, RECEIPTS), goal_ms=GOALS["receipt"])
    with db.read() as session:
        data = receipt_data(load_dossier(session, code), site)
    paper, font = site.settings.paper_size, site.settings.font_path or None
    report.add("… render_receipt alone", time_calls(lambda: render_receipt(data, paper, font), RECEIPTS),
               goal_ms=GOALS["receipt"])


# ---- 3. start-up ------------------------------------------------------------------------------

STARTUP_SCRIPT = r"""
import time
t0 = time.perf_counter()
import json, os, sys
from datetime import datetime
from PySide6.QtWidgets import QApplication
from onestop.installation.bootstrap import open_database
from onestop.dossiers import queue
from onestop.ui import main_window as ui_main_window
t_imports = time.perf_counter()
spent = {"count": 0.0, "fetch_page": 0.0}
def timed(name, fn):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start
            key = f"{name}:{args[1].value}"  # (session, view, ...)
            spent[key] = spent.get(key, 0.0) + time.perf_counter() - start
    return wrapper
queue.count = timed("count", queue.count)
queue.fetch_page = timed("fetch_page", queue.fetch_page)
app = QApplication(sys.argv[:1])
t_app = time.perf_counter()
db, site = open_database(sys.argv[1])
t_db = time.perf_counter()
now = datetime.fromisoformat(sys.argv[2])
# The fourth argument was `user: Callable[[], str]`, then `officer: str`: accept both.
import inspect
fourth = list(inspect.signature(ui_main_window.MainWindow.__init__).parameters)[4]
window = ui_main_window.MainWindow(db, site, lambda: now, (lambda: "bench") if fourth == "user" else "bench")
t_init = time.perf_counter()
window.show()
app.processEvents()
t_shown = time.perf_counter()
wall_shown = time.time()
print(json.dumps({"wall_shown": wall_shown, "imports": t_imports - t0, "qapp": t_app - t_imports,
                  "open_database": t_db - t_app, "window_init": t_init - t_db, "show": t_shown - t_init,
                  "after_imports": t_shown - t_imports, "in_process": t_shown - t0,
                  "counts": spent["count"], "first_page": spent["fetch_page"],
                  **{k: v for k, v in spent.items() if ":" in k}}))
sys.stdout.flush()
os._exit(0)  # the time to tear Qt down is not the officer's
"""


def bench_startup(url: str, report: Report) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    runs = []
    print(f"start-up ×{STARTS + 1}…", flush=True)
    for i in range(STARTS + 1):
        started = time.time()
        done = subprocess.run([sys.executable, "-c", STARTUP_SCRIPT, url, FIXED_NOW.isoformat()],
                              env=env, capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            report.notes.append(f"Start-up run failed:\n```\n{done.stderr[-2000:]}\n```")
            return
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["process"] = result["wall_shown"] - started
        if i:  # the first run warms the disk cache and .pyc files
            runs.append(result)

    def col(key: str) -> list[float]:
        return [r[key] * 1000 for r in runs]

    report.add("start → main window shown (new process, wall)", col("process"), goal_ms=GOALS["start"])
    report.add("… in process, from first line", col("in_process"))
    report.add("… imports (PySide6, SQLAlchemy, ui.main_window)", col("imports"))
    report.add("… after imports: QApplication + open_database + window + show", col("after_imports"))
    report.add("… open_database (migration check, site)", col("open_database"))
    report.add("… MainWindow.__init__", col("window_init"))
    report.add("… of which queue.count × 5 lists (cold)", col("counts"))
    slowest = max((k for k in runs[0] if k.startswith("count:")), key=lambda k: runs[0][k], default=None)
    if slowest:
        report.add(f"… … of which the first count, {slowest.split(':')[1]}", col(slowest))
    report.add("… of which first page of the open list", col("first_page"))


# ---- 4. lists and search -------------------------------------------------------------------

def bench_queries(db: Database, site: Site, sqlite_path: str | None, report: Report) -> None:
    log = StatementLog(db)
    conn = plain_connection(sqlite_path) if sqlite_path else None
    now_text = stored(FIXED_NOW)
    paused = ", ".join(f"'{s}'" for s in PAUSED)
    plans: list[str] = []

    def sql(statement: str, *params) -> Callable[[], list] | None:
        return None if conn is None else (lambda: conn.execute(statement, params).fetchall())

    def compare(label: str, orm: Callable[[], object], plain: Callable[[], list] | None,
                goal: float | None = None, keys: Callable[[object], object] = lambda r: r) -> None:
        with log.capture() as sent:
            orm_result = orm()
        samples = time_calls(orm, REPEATS)
        plain_samples = None
        if conn is not None and plain is not None:
            plain_samples = time_calls(plain, REPEATS)
            if keys(orm_result) != keys(plain()):
                report.notes.append(f"WARNING {label}: ORM and plain SQL results differ "
                                    f"({keys(orm_result)!r:.120} vs {keys(plain())!r:.120})")
        if conn is not None:
            selects = [(st, pa) for st, pa in sent if st.lstrip().upper().startswith("SELECT")]
            for i, (statement, parameters) in enumerate(selects, start=1):
                plan = query_plan(conn, statement, parameters)
                number = f" [SELECT {i} of {len(selects)}]" if len(selects) > 1 else ""
                plans.append(f"{label}{number}:\n    " + "\n    ".join(plan))
        report.add(label, samples, plain=plain_samples, goal_ms=goal)

    def in_session(fn):
        def run():
            with db.read() as session:
                return fn(session)
        return run

    select_rows = ("SELECT d.id, d.code, a.name, a.phone, a.id_number, p.code, p.name, d.received_at, d.due_at, "
                   "d.statutory_due_at, d.finished_at, d.status FROM dossier d "
                   "JOIN applicant a ON d.applicant_id = a.id JOIN procedure p ON d.procedure_id = p.id ")
    ids = lambda rows: [r.id if isinstance(r, queue.QueueRow) else r[0] for r in rows]  # noqa: E731
    number = lambda n: n if isinstance(n, int) else n[0][0]  # noqa: E731

    print("lists…", flush=True)
    overdue = f"d.closed_at IS NULL AND d.due_at < ? AND d.status NOT IN ({paused})"
    compare("overdue: first page (queue.fetch_page, 200 rows)",
            in_session(lambda s: queue.fetch_page(s, View.OVERDUE, FIXED_NOW, site, limit=200)),
            sql(select_rows + f"WHERE {overdue} ORDER BY d.due_at, d.id LIMIT 200", now_text), GOALS["list"], ids)
    compare("overdue: count (queue.count)",
            in_session(lambda s: queue.count(s, View.OVERDUE, FIXED_NOW, site)),
            sql(f"SELECT count(*) FROM dossier d WHERE {overdue}", now_text), GOALS["list"], number)
    # What MainWindow.__init__ and every refresh do: one count per list.
    sizes = []
    for view in View:
        with db.read() as session:
            sizes.append((view, queue.count(session, view, FIXED_NOW, site)))
    report.notes.append("List sizes at FIXED_NOW: " + ", ".join(f"{v.value} {n:,}" for v, n in sizes))
    compare("counts of all 5 lists (MainWindow start and refresh; warm)",
            in_session(lambda s: [queue.count(s, v, FIXED_NOW, site) for v in View]), None, GOALS["list"])
    compare("open: first page (what the window shows at start)",
            in_session(lambda s: queue.fetch_page(s, View.OPEN, FIXED_NOW, site, limit=200)),
            sql(select_rows + "WHERE d.closed_at IS NULL ORDER BY d.due_at, d.id LIMIT 200"), GOALS["list"], ids)

    print("search…", flush=True)
    with db.read() as session:
        middle = (session.scalar(select(func.max(Dossier.id))) or 2) // 2
        sample = session.execute(select(Dossier.code, Applicant.phone, Applicant.id_number)
                                 .join(Applicant).where(Dossier.id == middle)).one()
    order = " ORDER BY d.received_at DESC, d.id DESC LIMIT 200"
    by_number = select_rows + "WHERE a.phone IN (?) OR a.id_number IN (?)" + order
    compare(f"search by code ({sample.code})", in_session(lambda s: queue.search(s, sample.code)),
            sql(select_rows + "WHERE d.code = ?" + order, sample.code), GOALS["search"], ids)
    compare(f"search by phone ({sample.phone})", in_session(lambda s: queue.search(s, sample.phone)),
            sql(by_number, sample.phone, sample.phone), GOALS["search"], ids)
    compare(f"search by CCCD ({sample.id_number})", in_session(lambda s: queue.search(s, sample.id_number)),
            sql(by_number, sample.id_number, sample.id_number), GOALS["search"], ids)

    def plain_name_search(text: str) -> Callable[[], list] | None:
        """queue.search's SQL for a name (SQLite): the plan is chosen by counting matches."""
        if conn is None:
            return None
        count = ("SELECT count(*) FROM (SELECT a.id FROM applicant a "
                 f"WHERE a.name_folded >= ? AND a.name_folded < ? LIMIT {queue.COMMON_PREFIX})")
        by_range = select_rows + "WHERE a.name_folded >= ? AND a.name_folded < ?" + order
        by_substr = select_rows + "WHERE substr(a.name_folded, 1, ?) = ?" + order
        some = f"SELECT id FROM applicant WHERE name_folded LIKE ? ESCAPE '/' LIMIT {queue.COMMON_SUBSTRING}"
        contains = select_rows + "WHERE a.name_folded LIKE ? ESCAPE '/'" + order

        def run() -> list:
            folded = fold(text)
            bounds = (folded, folded + "\x7f")
            if conn.execute(count, bounds).fetchone()[0] >= queue.COMMON_PREFIX:
                return conn.execute(by_substr, (len(folded), folded)).fetchall()
            rows = conn.execute(by_range, bounds).fetchall()
            if rows:
                return rows
            applicants = [r[0] for r in conn.execute(some, (f"%{folded}%",))]
            if len(applicants) < queue.COMMON_SUBSTRING:
                marks = ", ".join("?" * len(applicants))
                return conn.execute(select_rows + f"WHERE d.applicant_id IN ({marks})" + order,
                                    applicants).fetchall() if applicants else []
            return conn.execute(contains, (f"%{folded}%",)).fetchall()
        return run

    for prefix, label in ((NAME_PREFIX, "name prefix"), (SHORT_PREFIX, "name prefix"),
                          (INNER_NAME, "name, not a prefix"), (NO_SUCH_NAME, "name, no match (typo)")):
        compare(f"search by {label} «{prefix}»", in_session(lambda s, p=prefix: queue.search(s, p)),
                plain_name_search(prefix), GOALS["search"], ids)
    print("procedure picker…", flush=True)
    # What the intake form reads when it loads or refreshes (not on each key press): dossiers per
    # procedure for the picker's order, then the catalogue with its papers.
    per_procedure = "SELECT procedure_id, count(*) FROM dossier GROUP BY procedure_id"
    compare("picker: dossiers per procedure (intake.dossiers_per_procedure)",
            in_session(intake.dossiers_per_procedure), sql(per_procedure), GOALS["list"],
            lambda r: dict(r) if isinstance(r, list) else r)
    compare("picker: load (intake.load_procedure_picker: counts + catalogue)",
            in_session(intake.load_procedure_picker), None, GOALS["list"])
    with db.read() as session:
        picker = intake.load_procedure_picker(session)
    compare("picker: rank «dang ky kinh doanh ho» (each key press, no SQL)",
            lambda: picker.search("dang ky kinh doanh ho"), None, GOALS["search"])
    if plans:
        report.notes.append("EXPLAIN QUERY PLAN of each SELECT SQLAlchemy sent:\n" + "\n".join(plans))
    if conn is not None:
        conn.close()
    log.close()


# ---- main -------------------------------------------------------------------------------------

def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import PySide6
    import sqlalchemy
    return (f"nproc {os.cpu_count()} ({cpu or platform.processor()}), Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}, SQLAlchemy {sqlalchemy.__version__}, PySide6 {PySide6.__version__}, "
            f"{platform.system()} {platform.release()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000, help="demo dossiers to load (default 1,000,000)")
    parser.add_argument("--database", help="database URL to use instead of a new SQLite file "
                                           "(filled only if it has no dossiers)")
    parser.add_argument("--keep", metavar="PATH", help="SQLite file to create and keep (reused if it has dossiers)")
    parser.add_argument("--analyze", action="store_true", help="run ANALYZE after loading (the program does not)")
    parser.add_argument("--skip", action="append", default=[], choices=["save", "receipt", "startup", "queries"],
                        help="leave a part out (repeatable)")
    args = parser.parse_args(argv)
    if args.database and args.keep:
        parser.error("--database and --keep exclude each other")

    report = Report()
    db, site, url, sqlite_path, tmp = prepare_database(args, report)
    try:
        sizes = counts(db)
        if "queries" not in args.skip:
            bench_queries(db, site, sqlite_path, report)
        if "receipt" not in args.skip:
            bench_receipt(db, site, report)
        if "startup" not in args.skip:
            bench_startup(url, report)
        if "save" not in args.skip:  # last: it adds dossiers
            bench_save(db, site, sqlite_path, report)
    finally:
        db.dispose()
    print()
    print(f"## Counter benchmark, N = {sizes['dossier']:,} dossiers")
    print()
    print(f"Machine: {machine()}")
    print("Rows: " + ", ".join(f"{t} {n:,}" for t, n in sizes.items()) + f"; now = {FIXED_NOW.isoformat()}")
    if sqlite_path:
        print(f"Database file: {sqlite_path} ({Path(sqlite_path).stat().st_size / 2**20:,.0f} MiB)"
              + ("" if args.keep or args.database else ", deleted at exit"))
    print()
    print(report.markdown())
    for note in report.notes:
        print()
        print(note)
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
