"""Load benchmark: N desks in parallel save intakes and move dossiers on one database, then the
result is checked (codes, versions, events) and the throughput and save latency are printed.

    .venv/bin/python benchmarks/bench_load.py --database postgresql+psycopg://postgres@127.0.0.1:5432/onestop_load
    .venv/bin/python benchmarks/bench_load.py --database sqlite:////tmp/load.db --desks 8 --intakes 500

Not a test: nothing here is collected by pytest, and it is not run in CI. The database must hold no
dossier yet (it is migrated and seeded like a first start). Each desk is a separate process
(multiprocessing, spawn), like a separate PC at the counter: it opens its own database with
onestop.installation.bootstrap.open_database, waits at a common start barrier, then saves its intakes with
save_intake (a fixed `now` per save, spread over the office hours of one Monday) and, between
saves, moves its own dossiers: transfer, finish, return. Every CONTEST_EVERY-th dossier is fought
over: its desk transfers it while the partner desk (n xor 1) records a stop at the applicant's request, both on the
version they saw (1); exactly one must win and the other be told ConcurrentChange.

Checked at the end: as many dossiers as saves, codes distinct, numbers per day 1..n with no gap
(and the code counter equal to n), each desk's numbers increasing, one receive event per dossier;
no lost update: every dossier's events are exactly the transitions the desks were told succeeded,
and its version is 1 + their number; every contest has one winner and one refusal.
"""
from __future__ import annotations

import argparse
import itertools
import math
import multiprocessing as mp
import queue as queue_module
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_counter import TZ, StatementLog, machine, median, ms_since, p95  # noqa: E402
from sqlalchemy import event, func, select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from onestop.db.models import CodeCounter, Department, Dossier, DossierEvent, Procedure  # noqa: E402
from onestop.db.session import Database  # noqa: E402
from onestop.dossiers.audit import verify_chain  # noqa: E402
from onestop.dossiers.intake import IntakeRequest, save_intake  # noqa: E402
from onestop.dossiers.lifecycle import ConcurrentChange, TransitionError, TransitionRequest, apply  # noqa: E402
from onestop.installation.bootstrap import open_database  # noqa: E402
from onestop.people.accounts import Actor

DAY = date(2026, 11, 23)  # a Monday: every intake is received during its office hours
OFFICE = ((clock_time(8), clock_time(12)), (clock_time(13), clock_time(17)))
GOALS = {"rate": 200.0, "p95": 50.0}  # intakes per second in total; milliseconds per save
CONTEST_EVERY = 20  # every 20th dossier of a desk is fought over by two desks
DEPARTMENTS = ("Phòng Tư pháp", "Phòng Tài nguyên và Môi trường", "Phòng Kinh tế", "Phòng Quản lý đô thị")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
GIVEN = ("Văn An", "Thị Bình", "Minh Châu", "Thu Hà", "Quốc Hùng", "Thị Lan", "Đức Long", "Ngọc Mai")
CHANNELS = ("direct", "direct", "direct", "post", "online")
RESULT_TIMEOUT_S = 1800  # the whole run, per desk
INBOX_TIMEOUT_S = 300  # waiting for the rival's last fought-over dossier


def office_instant(k: int, intakes: int) -> datetime:
    """The k-th of `intakes` instants spread evenly over DAY's office hours (local time)."""
    morning = (OFFICE[0][1].hour - OFFICE[0][0].hour) * 3600
    total = morning + (OFFICE[1][1].hour - OFFICE[1][0].hour) * 3600
    offset = k * total / max(intakes, 1)
    start, offset = (OFFICE[0][0], offset) if offset < morning else (OFFICE[1][0], offset - morning)
    return datetime.combine(DAY, start, TZ) + timedelta(seconds=offset)


def percentile(samples: list[float], q: float) -> float:
    """As bench_counter.p95, for any fraction q."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


class RoundTrips(StatementLog):
    """StatementLog's statements, plus the transactions and pool check-outs around them.

    On PostgreSQL a transaction costs two more round trips than its statements (psycopg's BEGIN,
    then COMMIT or ROLLBACK), each check-out one more (pool_pre_ping's ";"), and a ROLLBACK after
    psycopg prepared a statement (save_intake's executemany) one more: DEALLOCATE ALL."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self.transactions = 0
        self.checkouts = 0
        event.listen(db.engine, "commit", self._end)
        event.listen(db.engine, "rollback", self._end)
        event.listen(db.engine.pool, "checkout", self._checkout)

    def _end(self, conn) -> None:  # noqa: ANN001
        self.transactions += 1

    def _checkout(self, dbapi_conn, record, proxy) -> None:  # noqa: ANN001
        self.checkouts += 1

    def snapshot(self) -> tuple[int, int, int]:
        return self.statements, self.transactions, self.checkouts


# ---- one desk (a child process) ---------------------------------------------------------------

@dataclass
class DeskPlan:
    number: int
    url: str
    intakes: int
    procedures: list[str]
    seed: int
    move_every: int = 2  # transfer every move_every-th save, finish every 2×, return every 4×; 0: none


@dataclass
class Move:
    """One transition a desk asked for, and what it was told."""

    code: str
    action: str
    user: str
    outcome: str  # ok | conflict | error
    version: int = 0
    event_id: int = 0
    contest: str = ""  # owner | rival, for the fought-over dossiers
    message: str = ""


@dataclass
class DeskResult:
    number: int
    codes: list[str] = field(default_factory=list)
    save_ms: list[float] = field(default_factory=list)
    move_ms: list[float] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    started: float = 0.0
    last_save: float = 0.0
    last_move: float = 0.0
    round_trips: tuple[int, int, int] = (0, 0, 0)  # statements, transactions, check-outs in saves
    error: str = ""


class Desk:
    def __init__(self, plan: DeskPlan, db: Database, site, inbox, rival_inbox) -> None:  # noqa: ANN001
        self.plan, self.db, self.site = plan, db, site
        self.user = f"desk{plan.number}"
        self.inbox, self.rival_inbox = inbox, rival_inbox
        self.rng = random.Random(plan.seed)
        self.result = DeskResult(plan.number)
        self.log = RoundTrips(db)
        self.received: list[str] = []  # own dossiers, oldest first, per state
        self.in_progress: list[str] = []
        self.ready: list[str] = []
        self.mine_to_fight: list[tuple[str, datetime, int]] = []  # code, received, step to act at
        self.rivals_fought = 0

    def request(self, k: int, at: datetime) -> IntakeRequest:
        rng = self.rng
        return IntakeRequest(
            procedure_code=rng.choice(self.plan.procedures),
            name=f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
            id_number=f"001{rng.randint(0, 9)}{self.plan.number:02d}{k:06d}",
            phone=f"09{rng.randint(0, 99_999_999):08d}", channel=rng.choice(CHANNELS),
            address="Số 1 phố Liễu Giai, Ba Đình, Hà Nội", received_at=at)

    def save(self, k: int) -> tuple[str, datetime]:
        at = office_instant(k, self.plan.intakes)
        req = self.request(k, at)
        before = self.log.snapshot()
        start = time.perf_counter()
        saved = save_intake(self.db, self.site, req, now=at, actor=Actor.named(self.user))
        self.result.save_ms.append(ms_since(start))
        self.result.last_save = time.monotonic()
        after = self.log.snapshot()
        self.result.round_trips = tuple(  # type: ignore[assignment]
            total + (b - a) for total, a, b in zip(self.result.round_trips, before, after))
        self.result.codes.append(saved.code)
        return saved.code, at

    def move(self, code: str, action: str, at: datetime, version: int, contest: str = "", **kw) -> Move:
        req = TransitionRequest(action=action, at=at, expected_version=version, **kw)
        start = time.perf_counter()
        try:
            done = apply(self.db, self.site, code, req, actor=Actor.named(self.user), now=at)
            move = Move(code, action, self.user, "ok", done.version, done.event_id, contest)
        except ConcurrentChange as exc:
            move = Move(code, action, self.user, "conflict", contest=contest, message=str(exc))
        except TransitionError as exc:
            move = Move(code, action, self.user, "error", contest=contest, message=str(exc))
        self.result.move_ms.append(ms_since(start))
        self.result.last_move = time.monotonic()
        self.result.moves.append(move)
        return move

    def own_moves(self, k: int, at: datetime) -> None:
        """Moves the desk's oldest dossiers on: transfer, then finish, then return (at half the rate each)."""
        m = self.plan.move_every
        if not m:
            return
        if k % m == m - 1 and self.received:
            code = self.received.pop(0)
            if self.move(code, "transfer", at, 1, to=DEPARTMENTS[k % len(DEPARTMENTS)]).outcome == "ok":
                self.in_progress.append(code)
        if k % (2 * m) == 2 * m - 1 and self.in_progress:
            code = self.in_progress.pop(0)
            if self.move(code, "finish", at, 2).outcome == "ok":
                self.ready.append(code)
        if k % (4 * m) == 4 * m - 1 and self.ready:
            self.move(self.ready.pop(0), "return", at, 3)

    def fight(self, k: int, block: bool = False) -> None:
        """Acts on the dossiers fought over: own ones 1 to 3 steps after saving them (so that either
        desk may come first), the rival's as soon as told."""
        now = office_instant(k, self.plan.intakes)
        due = [f for f in self.mine_to_fight if f[2] <= k]
        self.mine_to_fight = [f for f in self.mine_to_fight if f[2] > k]
        for code, received, _ in due:
            self.move(code, "transfer", max(now, received), 1, "owner", to=DEPARTMENTS[0])
        while True:
            try:
                code, received = self.inbox.get(timeout=INBOX_TIMEOUT_S) if block else self.inbox.get_nowait()
            except queue_module.Empty:
                return
            self.rivals_fought += 1
            self.move(code, "stop", max(now, received), 1, "rival", reason="Người nộp đề nghị dừng")  # NĐ 118/2025 Điều 21
            if block and self.rivals_fought >= contests_per_desk(self.plan.intakes):
                return

    def run(self, barrier) -> DeskResult:  # noqa: ANN001
        barrier.wait()
        self.result.started = time.monotonic()
        for k in range(self.plan.intakes):
            self.fight(k)
            code, at = self.save(k)
            if is_contested(k):
                self.mine_to_fight.append((code, at, k + self.rng.randint(1, 3)))
                self.rival_inbox.put((code, at))
            else:
                self.received.append(code)
            self.own_moves(k, at)
        # The last own fights, then wait for the rival's last dossiers if they are still to come.
        self.fight(self.plan.intakes + 3, block=self.rivals_fought < contests_per_desk(self.plan.intakes))
        return self.result


def is_contested(k: int) -> bool:
    return k % CONTEST_EVERY == CONTEST_EVERY // 2


def contests_per_desk(intakes: int) -> int:
    return sum(1 for k in range(intakes) if is_contested(k))


def desk_process(plan: DeskPlan, barrier, inbox, rival_inbox, results) -> None:  # noqa: ANN001
    try:
        db, site = open_database(plan.url)
    except Exception as exc:  # noqa: BLE001 - reported by the parent
        barrier.abort()
        results.put(DeskResult(plan.number, error=f"open_database: {exc!r}"))
        return
    try:
        results.put(Desk(plan, db, site, inbox, rival_inbox).run(barrier))
    except Exception as exc:  # noqa: BLE001 - reported by the parent
        import traceback
        barrier.abort()
        results.put(DeskResult(plan.number, error=traceback.format_exc() or repr(exc)))
    finally:
        db.dispose()


# ---- the run ----------------------------------------------------------------------------------

def prepare(url: str) -> tuple[list[str], str]:
    """Migrates and seeds the database, adds the departments; returns procedure codes, agency code."""
    db, site = open_database(url)
    try:
        with db.write() as session:
            if session.scalar(select(func.count()).select_from(Dossier)):
                raise SystemExit(f"{url}: the database already holds dossiers; give an empty one.")
            known = set(session.scalars(select(Department.name)))
            session.add_all(Department(name=name) for name in DEPARTMENTS if name not in known)
        with db.read() as session:
            codes = list(session.scalars(select(Procedure.code).where(Procedure.active.is_(True))
                                         .order_by(Procedure.code)))
    finally:
        db.dispose()
    return codes, site.agency.code


def run_desks(url: str, desks: int, intakes: int, procedures: list[str], move_every: int) -> list[DeskResult]:
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(desks)
    inboxes = [ctx.Queue() for _ in range(desks)]
    results = ctx.Queue()
    processes = []
    for n in range(desks):
        rival = n ^ 1 if (n ^ 1) < desks else n  # an odd last desk fights with itself
        plan = DeskPlan(n, url, intakes, procedures, seed=1000 + n, move_every=move_every)
        processes.append(ctx.Process(target=desk_process, name=f"desk{n}",
                                     args=(plan, barrier, inboxes[n], inboxes[rival], results)))
    for p in processes:
        p.start()
    collected = [results.get(timeout=RESULT_TIMEOUT_S) for _ in processes]
    for p in processes:
        p.join()
    return sorted(collected, key=lambda r: r.number)


# ---- checks -----------------------------------------------------------------------------------

@dataclass
class Check:
    label: str
    ok: bool
    detail: str = ""


def check_codes(results: list[DeskResult], dossier_codes: set[str], counters: dict[tuple[str, str], int],
                agency_code: str, expected: int) -> list[Check]:
    acknowledged = [c for r in results for c in r.codes]
    by_day: dict[tuple[str, str], list[int]] = defaultdict(list)
    for code in dossier_codes:
        prefix, day, number = code.rsplit("-", 2)
        by_day[(prefix, day)].append(int(number))
    days = {key: sorted(numbers) for key, numbers in by_day.items()}
    gapless = all(numbers == list(range(1, len(numbers) + 1)) and counters.get(key) == len(numbers)
                  for key, numbers in days.items())
    increasing = all(all(a < b for a, b in itertools.pairwise(numbers))
                     for numbers in ([int(c.rsplit("-", 1)[1]) for c in r.codes] for r in results))
    return [
        Check("every save acknowledged, codes distinct", len(acknowledged) == expected
              and len(set(acknowledged)) == expected, f"{len(set(acknowledged)):,} distinct of {expected:,}"),
        Check("the database holds exactly the acknowledged dossiers", dossier_codes == set(acknowledged),
              f"{len(dossier_codes):,} dossiers"),
        Check("numbers per agency and day are 1..n, no gap or duplicate; counter = n",
              gapless and all(prefix == agency_code for prefix, _ in days),
              "; ".join(f"{p}-{d}: {len(n):,} numbers, counter {counters.get((p, d))}"
                        for (p, d), n in sorted(days.items()))),
        Check("each desk's numbers increase (its saves are sequential)", increasing),
    ]


def check_moves(results: list[DeskResult], dossiers: list, events: list, intakes: int) -> list[Check]:  # noqa: ANN001
    moves = [m for r in results for m in r.moves]
    told: dict[str, set[tuple[int, str, str]]] = defaultdict(set)
    for m in moves:
        if m.outcome == "ok":
            told[m.code].add((m.event_id, m.action, m.user))
    in_db: dict[int, list] = defaultdict(list)
    for e in events:
        in_db[e.dossier_id].append(e)
    lost, receives = [], 0
    for d in dossiers:
        receives += sum(1 for e in in_db[d.id] if e.action == "receive") == 1
        done = {(e.id, e.action, e.user) for e in in_db[d.id] if e.action != "receive"}
        if done != told[d.code] or d.version != 1 + len(told[d.code]):
            lost.append(f"{d.code} (version {d.version}, {len(done)} events, {len(told[d.code])} reported)")
    fought: dict[str, list[Move]] = defaultdict(list)
    for m in moves:
        if m.contest:
            fought[m.code].append(m)
    one_winner = [ms for ms in fought.values() if sorted(m.outcome for m in ms) == ["conflict", "ok"]]
    odd = [f"{code}: " + ", ".join(f"{m.user} {m.action} {m.outcome} {m.message[:80]}" for m in ms)
           for code, ms in fought.items() if sorted(m.outcome for m in ms) != ["conflict", "ok"]]
    owner_won = sum(1 for ms in one_winner for m in ms if m.contest == "owner" and m.outcome == "ok")
    expected_fights = contests_per_desk(intakes) * len(results)
    other = [m for m in moves if m.outcome != "ok" and not m.contest]
    return [
        Check("one receive event per dossier", receives == len(dossiers), f"{receives:,} of {len(dossiers):,}"),
        Check("no lost update: each dossier's events = the transitions reported done, version = 1 + their number",
              not lost, f"{sum(len(s) for s in told.values()):,} transitions" if not lost
              else f"{len(lost)} dossiers differ, e.g. " + ", ".join(lost[:3])),
        Check("each fought-over dossier: exactly one action won, the other was refused (ConcurrentChange)",
              len(one_winner) == len(fought) == expected_fights,
              f"{len(fought)} dossiers, {len(one_winner)} with one winner (owner's transfer {owner_won}, "
              f"rival's stop {len(one_winner) - owner_won})" + "".join(f"; {o}" for o in odd[:3])),
        Check("no other refusal", not other, "" if not other else f"{len(other)}, e.g. {other[0].message}"),
    ]


def verify(url: str, agency_code: str, results: list[DeskResult], expected: int, intakes: int) -> list[Check]:
    db = Database(url)
    try:
        with db.read() as s:
            dossiers = s.execute(select(Dossier.id, Dossier.code, Dossier.version)).all()
            events = s.execute(select(DossierEvent.dossier_id, DossierEvent.id, DossierEvent.action,
                                      DossierEvent.user)).all()
            counters = {(c.agency_code, c.day): c.last_number for c in s.scalars(select(CodeCounter))}
            audit = verify_chain(s)
    finally:
        db.dispose()
    chain = Check("the audit chain of every dossier's events verifies (onestop.dossiers.audit)", audit.ok,
                  f"{audit.dossiers:,} dossiers, {audit.events:,} events"
                  + "".join(f"; {b.code}: {b.message}" for b in audit.breaches[:3]))
    return (check_codes(results, {d.code for d in dossiers}, counters, agency_code, expected)
            + check_moves(results, dossiers, events, intakes) + [chain])


# ---- report -----------------------------------------------------------------------------------

def server_version(url: str) -> str:
    db = Database(url)
    try:
        with db.read() as s:
            if db.dialect == "sqlite":
                return "SQLite " + s.execute(select(func.sqlite_version())).scalar_one()
            return s.execute(select(func.version())).scalar_one().split(" on ")[0]
    finally:
        db.dispose()


def figures(results: list[DeskResult]) -> list[tuple[str, str, str, bool | None]]:
    """(measure, value, goal, met?) rows."""
    start = min(r.started for r in results)
    wall = max(r.last_save for r in results) - start
    moves_wall = max(max(r.last_save, r.last_move) for r in results) - start
    saves = [x for r in results for x in r.save_ms]
    move_ms = [x for r in results for x in r.move_ms]
    moves = [m for r in results for m in r.moves]
    done = sum(1 for m in moves if m.outcome == "ok")
    conflicts = sum(1 for m in moves if m.outcome == "conflict")
    rate = len(saves) / wall
    p95_save = p95(saves)
    statements, transactions, checkouts = (sum(r.round_trips[i] for r in results) / len(saves) for i in range(3))
    rows = [
        ("intakes per second, all desks (start barrier → last save)", f"{rate:,.0f} ({len(saves):,} in {wall:.1f} s)",
         f"≥ {GOALS['rate']:g}", rate >= GOALS["rate"]),
        ("save_intake p50 / p95 / p99", f"{median(saves):.1f} / {p95_save:.1f} / {percentile(saves, 0.99):.1f} ms",
         f"p95 ≤ {GOALS['p95']:g} ms", p95_save <= GOALS["p95"]),
        ("save_intake max", f"{max(saves):.1f} ms", "", None),
        ("transitions done per second (start → last action)",
         f"{done / moves_wall:,.0f} ({done:,} in {moves_wall:.1f} s)", "", None),
        ("transition p50 / p95 (apply, incl. refused)", f"{median(move_ms):.1f} / {p95(move_ms):.1f} ms", "", None),
        ("conflicts detected (ConcurrentChange)", f"{conflicts:,}", "", None),
        ("per save: statements, transactions, pool check-outs",
         f"{statements:.1f}, {transactions:.1f}, {checkouts:.1f}", "", None),
    ]
    return rows


def print_report(args: argparse.Namespace, results: list[DeskResult], checks: list[Check]) -> bool:
    url, desks, intakes, m = args.database, args.desks, args.intakes, args.move_every
    rows = figures(results)
    shown = make_url(url).render_as_string(hide_password=True)
    print()
    print(f"## Load benchmark: {desks} desks × {intakes} intakes, {server_version(url)}")
    print()
    print(f"Machine: {machine()}")
    print(f"Database: {shown}; desks are separate processes; every intake on {DAY:%A %d/%m/%Y} in office hours")
    print("Moves per desk: " + (f"transfer every {m} saves, finish every {2 * m}, return every {4 * m}; " if m else "")
          + f"every {CONTEST_EVERY}th dossier fought over by two desks")
    print()
    print("| measure | value | goal | ok? |")
    print("|---|---:|---|---|")
    for label, value, goal, ok in rows:
        print(f"| {label} | {value} | {goal or '—'} | {'—' if ok is None else ('yes' if ok else '**NO**')} |")
    print()
    for c in checks:
        print(f"- [{'ok' if c.ok else 'FAILED'}] {c.label}" + (f": {c.detail}" if c.detail else ""))
    goals_met = all(ok for *_, ok in rows if ok is not None)
    verified = all(c.ok for c in checks)
    print()
    print(f"Verdict: checks {'passed' if verified else 'FAILED'}; goals "
          f"{'met' if goals_met else 'NOT met'} (≥ {GOALS['rate']:g} intakes/s, p95 ≤ {GOALS['p95']:g} ms).")
    return verified


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="URL of an empty database (PostgreSQL or SQLite)")
    parser.add_argument("--desks", type=int, default=8, help="desks in parallel, one process each (default 8)")
    parser.add_argument("--intakes", type=int, default=500, help="intakes saved by each desk (default 500)")
    parser.add_argument("--move-every", type=int, default=2, metavar="N",
                        help="each desk transfers one of its dossiers every N saves, finishes one every 2N, "
                             "returns one every 4N (default 2; 0: no moves but the contests)")
    args = parser.parse_args(argv)
    if args.desks < 1 or args.intakes < 1 or args.move_every < 0:
        parser.error("--desks and --intakes must be at least 1, --move-every at least 0")
    procedures, agency_code = prepare(args.database)
    print(f"{args.desks} desks × {args.intakes} intakes, {len(procedures)} procedures…", flush=True)
    results = run_desks(args.database, args.desks, args.intakes, procedures, args.move_every)
    failed = [r for r in results if r.error]
    for r in failed:
        print(f"desk{r.number} failed:\n{r.error}", file=sys.stderr)
    if failed:
        return 1
    checks = verify(args.database, agency_code, results, args.desks * args.intakes, args.intakes)
    return 0 if print_report(args, results, checks) else 1


if __name__ == "__main__":
    sys.exit(main())
