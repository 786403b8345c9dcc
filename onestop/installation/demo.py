"""Demo data: a realistic past year of a counter, for trying the program and for benchmarks."""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cache
from operator import itemgetter

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import selectinload

from onestop.clock import rule_sets
from onestop.clock.deadlines import Duration, due_at
from onestop.db.chain import changes, dossier_state, event_hash, first_attests
from onestop.db.models import Applicant, CodeCounter, Department, Dossier, DossierEvent, Procedure, SubmittedDocument
from onestop.db.sequences import advance_sequences
from onestop.db.session import UPSERT_INSERT, Database
from onestop.dossiers.lifecycle import ACTIONS
from onestop.errors import OnestopError
from onestop.office.codes import format_code, series_identifier
from onestop.office.site import Site
from onestop.people.accounts import Actor
from onestop.text import fold
from onestop.validation import PROVINCE_CODES

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Công", "Xuân", "Đình"]
MIDDLE_F = ["Thị", "Thị Thu", "Thị Hồng", "Ngọc", "Thị Thanh", "Thùy", "Phương"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quang",
           "Sơn", "Thắng", "Tuấn", "Việt"]
GIVEN_F = ["Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hương", "Lan", "Linh", "Mai", "Nga", "Nhung",
           "Oanh", "Phượng", "Trang", "Yến"]
STREETS = ["Liễu Giai", "Đội Cấn", "Kim Mã", "Hoàng Hoa Thám", "Ngọc Hà", "Văn Cao", "Đào Tấn"]
MOBILE_PREFIXES = ["032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078", "079",
                   "081", "083", "084", "085", "086", "088", "089", "090", "091", "093", "094", "096", "097", "098"]
CHANNELS = ("direct", "post", "online")
DEMO = Actor.named("demo")
CHANNEL_CUM_WEIGHTS = (70, 75, 100)  # 70 % direct, 5 % by post, 25 % online
PROVINCES = list(PROVINCE_CODES)
BATCH = 5000
# The command line's bound: a few years of a busy centre. Benchmarks call generate() for more.
MAX_COMMAND_DOSSIERS = 100_000
# Where each field's dossiers go after the counter, and who handles them there.
DEPARTMENTS = {
    "Phòng Tư pháp": ("Hộ tịch", "Chứng thực", "Lý lịch tư pháp", "Nuôi con nuôi", "Tư pháp"),
    "Phòng Tài nguyên và Môi trường": ("Đất đai", "Tài nguyên và Môi trường"),
    "Phòng Kinh tế, Hạ tầng và Đô thị": ("Xây dựng", "Giao thông vận tải", "Đăng ký kinh doanh"),
    "Phòng Văn hóa - Xã hội": ("Văn hóa", "Giáo dục và Đào tạo", "Y tế", "Lao động - Thương binh và Xã hội"),
}
HANDLERS = ("Nguyễn Thị Lan", "Trần Văn Hải", "Lê Minh Quang", "Phạm Thu Hà", "Vũ Đức Long", "Đỗ Ngọc Mai",
            "Bùi Quốc Nam", "Hoàng Thùy Linh")


class DemoRefused(OnestopError, ValueError):
    """Demo data would mix with real figures; a Vietnamese message, nothing was made."""


def _refuse_real_dossiers(session) -> None:
    # Demo dossiers carry no mark of their own (their user is whoever ran the command), so any
    # dossier already there counts as real: fake ones would be added to its reports and counters.
    existing = session.scalar(select(func.count()).select_from(Dossier)) or 0
    if existing:
        raise DemoRefused(f"Cơ sở dữ liệu này đã có {existing} hồ sơ: không tạo dữ liệu mẫu lẫn vào số liệu thật. "
                          "Chưa tạo gì. Hãy chỉ định một cơ sở dữ liệu trống, ví dụ "
                          "--database sqlite:///du-lieu-mau.db")


@dataclass(frozen=True)
class DemoResult:
    dossiers: int
    first_received: datetime
    last_received: datetime


@dataclass(frozen=True, slots=True)
class _Kind:
    """What the loop needs of a procedure, as plain values (ORM attribute access is slow)."""

    id: int
    committed: Duration
    statutory: Duration
    documents: tuple[dict, ...]  # submitted_document rows but for id and dossier_id
    department: str
    handlers: tuple[str, ...]
    series: str  # the identifier its codes start with (NĐ 118/2025 Điều 28 k2a)


def _kind(p: Procedure, own_code: str) -> _Kind:
    documents = tuple({"position": pos, "required_document_id": d.id, "name": d.name, "form": d.form,
                       "quantity": d.quantity} for pos, d in enumerate(p.documents, start=1))
    index, department = next(((i, name) for i, (name, fields) in enumerate(DEPARTMENTS.items())
                              if p.field.name in fields), (0, next(iter(DEPARTMENTS))))
    handlers = HANDLERS[2 * index:2 * index + 2]
    return _Kind(p.id, Duration.parse(p.committed), Duration.parse(p.statutory), documents, department, handlers,
                 series_identifier(p.deciding_agency_code, own_code))


_fold_name = cache(fold)  # a few thousand distinct names, a million applicants


def _person(rng: random.Random) -> dict[str, str]:
    female = rng.random() < 0.5
    name = " ".join([rng.choice(FAMILY), rng.choice(MIDDLE_F if female else MIDDLE_M),
                     rng.choice(GIVEN_F if female else GIVEN_M)])
    year = rng.randint(1950, 2006)
    century_sex = (0 if year < 2000 else 2) + (1 if female else 0)
    cccd = f"{rng.choice(PROVINCES)}{century_sex}{year % 100:02d}{rng.randrange(10**6):06d}"
    phone = f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7):07d}"
    address = f"Số {rng.randint(1, 200)} phố {rng.choice(STREETS)}, phường Ba Đình, Hà Nội"
    return {"kind": "person", "name": name, "name_folded": _fold_name(name), "id_number": cccd, "phone": phone,
            "email": "", "address": address}


def _office_periods_until(cal, day: date, now: datetime) -> list[tuple[datetime, datetime]]:
    """The office periods of `day` cut at `now`: a dossier cannot have been received later."""
    return [(start, min(end, now)) for start, end in cal.office_periods(day) if start <= now]


def _reception_instant(rng: random.Random, periods: dict[date, list], day: date) -> datetime:
    start, end = rng.choice(periods[day])
    seconds = int((end - start).total_seconds())
    return start + timedelta(seconds=rng.randrange(max(seconds - 60, 1)))


def generate(db: Database, site: Site, *, dossiers: int, seed: int, now: datetime,
             actor: Actor = DEMO) -> DemoResult:
    """Adds `dossiers` dossiers received over the year before `now`; old ones mostly returned,
    a few late, refused or withdrawn (stopped under NĐ 118/2025), recent ones still open (some overdue)."""
    if dossiers < 1:
        raise ValueError("Số hồ sơ mẫu phải từ 1 trở lên.")
    rng = random.Random(seed)
    user = actor.full_name
    cal = site.calendar
    today = cal.to_local(now).date()
    # Every instant is drawn from office time up to `now`, so exactly `dossiers` are made at any
    # hour (dropping the ones drawn later today made 29 of 30 before the afternoon).
    periods = {d: _office_periods_until(cal, d, now) for d in (today - timedelta(days=i) for i in range(365, -1, -1))}
    days = [d for d, day_periods in periods.items() if day_periods]
    with db.read() as session:
        _refuse_real_dossiers(session)
        # Documents and field are used after the session closes: load them now.
        procedures = list(session.scalars(
            select(Procedure).options(selectinload(Procedure.documents), selectinload(Procedure.field))
            .where(Procedure.active.is_(True)).order_by(Procedure.id)))
        ids = {t: (session.scalar(select(func.max(t.id))) or 0) for t in
               (Applicant, Dossier, SubmittedDocument, DossierEvent)}
        # Codes as an intake makes them: one series per deciding agency's identifier per day.
        counters = {(agency, day): last for agency, day, last in session.execute(
            select(CodeCounter.agency_code, CodeCounter.day, CodeCounter.last_number))}
    kinds = [_kind(p, site.agency.code) for p in procedures]
    system_digits = site.settings.centralised_code_digits  # TT 03/2025 Điều 13 k3 (TT 04/2025)
    department_ids = _departments(db)
    weights = [5 if p.field.name in ("Hộ tịch", "Chứng thực") else 1 for p in procedures]
    # Receipt instants, sorted, so that the per-day numbers follow the order of arrival.
    instants = sorted(_reception_instant(rng, periods, rng.choice(days)) for _ in range(dossiers))
    chosen = rng.choices(kinds, weights=weights, k=len(instants))
    rows: dict[type, list[dict]] = {Applicant: [], Dossier: [], SubmittedDocument: [], DossierEvent: []}
    bulk = len(instants) >= 50_000
    agency_id = site.agency_id
    with db.write() as session:
        _refuse_real_dossiers(session)  # again under the write lock: a desk may have saved one since
        if bulk:
            _drop_indexes(session)
        store = _instant_storer(session)
        for received, proc in zip(instants, chosen):
            day = cal.to_local(received).date()
            key = (proc.series, f"{day:%y%m%d}")
            counters[key] = counters.get(key, 0) + 1
            due = due_at(received, proc.committed, cal)
            stat_due = due if proc.statutory == proc.committed else due_at(received, proc.statutory, cal)
            ids[Applicant] += 1
            ids[Dossier] += 1
            did = ids[Dossier]
            rows[Applicant].append({"id": ids[Applicant], **_person(rng)})
            status, finished, returned, events = _fate(rng, cal, received, due, stat_due, now)
            transferred = len(events) > 1
            handler = rng.choice(proc.handlers) if transferred else ""
            closed = events[-1][0] if status in ("withdrawn", "stopped") else finished
            # Each instant converted once (events repeat the dossier's); stored(None) is None.
            stored = {t: store(t) for t in (received, due, stat_due, *(e[0] for e in events))}.get
            code = format_code(proc.series, day, counters[key], system_digits)
            rows[Dossier].append({
                "id": did, "code": code, "agency_id": agency_id,
                "procedure_id": proc.id, "applicant_id": ids[Applicant],
                "department_id": department_ids[proc.department] if transferred else None, "handler": handler,
                "channel": rng.choices(CHANNELS, cum_weights=CHANNEL_CUM_WEIGHTS)[0], "sets_count": 1,
                "note": "", "status": status, "received_at": stored(received), "received_by": user,
                "due_at": stored(due), "statutory_due_at": stored(stat_due), "finished_at": stored(finished),
                "returned_at": stored(returned), "closed_at": stored(closed), "version": 1,
                "rule_set": rule_sets.for_received(received).key,
                "first_late_at": stored(due) if finished is not None and finished > due else None,
                "first_statutory_late_at": stored(stat_due) if finished is not None and finished > stat_due else None,
            })
            for doc in proc.documents:
                ids[SubmittedDocument] += 1
                rows[SubmittedDocument].append({"id": ids[SubmittedDocument], "dossier_id": did, **doc})
            # The first event attests the receipt, the last what the file's end set (db/chain.py).
            receipt = {"received_at": received, "due_at": due, "statutory_due_at": stat_due}
            final = dossier_state({**receipt, "finished_at": finished, "returned_at": returned, "closed_at": closed,
                                   "first_late_at": due if finished is not None and finished > due else None,
                                   "first_statutory_late_at": stat_due if finished is not None and finished > stat_due
                                   else None})
            previous, chain = None, ""
            for i, (at, action, to_status) in enumerate(events):
                ids[DossierEvent] += 1
                handed_to = _handed_to(action, proc.department, handler)
                attests = (first_attests(receipt, rows[Applicant][-1]) if i == 0
                           else changes(dossier_state(receipt), final) if i == len(events) - 1 else "")
                chain = event_hash(chain, code, at, user, action, previous, to_status, "", handed_to, attests)
                rows[DossierEvent].append({"id": ids[DossierEvent], "dossier_id": did, "at": stored(at), "user": user,
                                           "action": action, "from_status": previous, "to_status": to_status,
                                           "note": "", "handed_to": handed_to, "hash": chain, "attests": attests})
                previous = to_status
            rows[Dossier][-1]["last_event_hash"] = chain
            if len(rows[Dossier]) >= BATCH:
                _flush(session, rows)
        _flush(session, rows)
        _store_counters(session, counters)
        if bulk:
            _create_indexes(session)
        # Rows went in with explicit ids: PostgreSQL's id sequences must move past them.
        advance_sequences(session.connection(), [model.__table__ for model in _BULK_TABLES])
    return DemoResult(len(instants), instants[0], instants[-1])


def _departments(db: Database) -> dict[str, int]:
    """The demo's departments, created if missing, by name."""
    with db.write() as session:
        existing = dict(session.execute(select(Department.name, Department.id)).all())
        for name in DEPARTMENTS:
            if name not in existing:
                department = Department(name=name)
                session.add(department)
                session.flush()
                existing[name] = department.id
    return existing


def _handed_to(action: str, department: str, handler: str) -> str:
    return f"{department} — {handler}" if action == "transfer" else ""


def _fate(rng: random.Random, cal, received: datetime, due: datetime, stat_due: datetime, now: datetime):
    """Status, finished_at, returned_at and events (at, action, to_status) of one dossier."""
    events = [(received, "receive", "received")]
    start = cal.add_working_time(received, timedelta(minutes=rng.randint(10, 120)))
    if start > now:
        return "received", None, None, events
    events.append((start, "transfer", "in_progress"))
    roll = rng.random()
    if roll < 0.01:
        withdrawn = cal.add_working_time(start, timedelta(hours=2))
        if withdrawn > now:
            return "in_progress", None, None, events
        action = rule_sets.for_received(received).end_on_request_action  # a stop under NĐ 118/2025 Điều 21
        return ACTIONS[action].target, None, None, [*events, (withdrawn, action, ACTIONS[action].target)]
    if roll < 0.015:  # stuck in a department: still open, overdue once its appointment passes
        return "in_progress", None, None, events
    span = cal.working_time_between(received, due)
    # Most finish well within the appointment; about 6% late, 1% past the statutory time too.
    if roll < 0.07:
        finished = cal.add_working_time(due, timedelta(hours=rng.randint(1, 24)))
    elif roll < 0.08:
        finished = cal.add_working_time(stat_due, timedelta(hours=rng.randint(1, 16)))
    else:
        finished = cal.add_working_time(received, span * rng.uniform(0.3, 1.0))
    finished = max(finished, start)  # a short procedure's result cannot come before its transfer (audit: times grow)
    if finished > now:
        return "in_progress", None, None, events
    if roll > 0.985:
        action = rule_sets.for_received(received).refuse_action
        events.append((finished, action, ACTIONS[action].target))
        return ACTIONS[action].target, finished, None, events
    events.append((finished, "finish", "result_ready"))
    returned = cal.add_working_time(finished, timedelta(hours=rng.randint(1, 40)))
    if returned > now or rng.random() < 0.03:
        return "result_ready", finished, None, events
    events.append((returned, "return", "returned"))
    return "returned", finished, returned, events


# Loading speed (a million dossiers, 2 cores): SQLAlchemy's per-value processing of the
# inserted rows took longer than generating them, and its ORM bulk path longer still. On SQLite
# the rows therefore go straight to the driver with their instants already in stored form;
# on other databases through Core inserts, which convert aware datetimes themselves.
def _instant_storer(session) -> Callable[[datetime], object]:
    """How an aware instant is written: SQLite keeps UTCDateTime as naive UTC text."""
    dialect = session.get_bind().dialect
    if dialect.name != "sqlite":
        return lambda t: t

    def stored(t: datetime) -> str:
        # "2026-11-23 02:15:00.000000+00:00" without its offset (cheaper than replace(tzinfo=None)).
        return t.astimezone(timezone.utc).isoformat(" ", "microseconds")[:26]

    # Guard against a change of storage format: must be exactly what the column type writes.
    probe = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    column_type = Dossier.__table__.c.due_at.type.dialect_impl(dialect)
    if stored(probe) != column_type.bind_processor(dialect)(probe):
        raise RuntimeError("SQLite datetime storage format changed; update demo._instant_storer")
    return stored


def _flush(session, rows: dict[type, list[dict]]) -> None:
    connection = session.connection()
    sqlite_fast = connection.dialect.name == "sqlite"
    for model in _BULK_TABLES:
        batch = rows[model]
        if not batch:
            continue
        if sqlite_fast:
            # Positional parameters: sqlite3 binds tuples about a third faster than dicts.
            statement = insert(model.__table__).compile(dialect=connection.dialect, column_keys=list(batch[0]))
            values = itemgetter(*statement.positiontup)
            connection.exec_driver_sql(str(statement), [values(row) for row in batch])
        else:
            session.execute(insert(model.__table__), batch)
        batch.clear()


def _store_counters(session, counters: dict[tuple[str, str], int]) -> None:
    insert_ = UPSERT_INSERT[session.get_bind().dialect.name]
    for (agency_code, day), last in counters.items():
        stmt = insert_(CodeCounter).values(agency_code=agency_code, day=day, last_number=last)
        session.execute(stmt.on_conflict_do_update(index_elements=[CodeCounter.agency_code, CodeCounter.day],
                                                   set_={"last_number": last}))


_BULK_TABLES = (Applicant, Dossier, SubmittedDocument, DossierEvent)


def _drop_indexes(session) -> None:
    # Building secondary indexes once after a large load is about 3x faster than maintaining them.
    for model in _BULK_TABLES:
        for index in model.__table__.indexes:
            session.execute(text(f"DROP INDEX IF EXISTS {index.name}"))


def _create_indexes(session) -> None:
    for model in _BULK_TABLES:
        for index in model.__table__.indexes:
            index.create(session.connection(), checkfirst=True)
