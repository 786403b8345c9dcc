"""The audit trail: checking the history of every dossier, and the PostgreSQL grants that make the
event table append-only for the application's role.

Each event's hash covers its fields, what it set on the dossier (`attests`) and the previous event
of the same dossier (db/chain.py); the dossier keeps the last hash. `verify_chain` reads every
event once, in dossier order, and finds:
- an edited, inserted or removed event (its hash, the chain, the dossier's head);
- a dossier row edited behind the history's back: its state replayed from its events, with
  lifecycle's own transitions, must give the stored status, instants, appointments and applicant;
- an event dated before the one it follows (times within a dossier never go back);
- an event under a name that is no account of the site (when the site has accounts);
- a number missing from a day's code series up to its counter (a dossier removed);
- a day whose events no longer give the head signed with the site key (onestop/audit_heads.py):
  a chain recomputed, a dossier removed with its events, an event back-dated into a signed day.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from onestop.clock.calendar import TZ
from onestop.db.chain import APPLICANT, ATTESTED_INSTANTS, applicant_digest, decode_attests, event_hash, instant_text
from onestop.db.models import Account, Applicant, Appointment, CodeCounter, Dossier, DossierEvent
from onestop.db.session import Database
from onestop.dossiers.lifecycle import FIRST_ACTIONS, transition_problem
from onestop.dossiers.statuses import STATUS_LABELS
from onestop.office.codes import format_code, parse_code
from onestop.people import audit_heads
from onestop.people.pg_roles import RolesError

# How each attested field reads in a finding.
FIELD_LABELS = {
    "received_at": "thời điểm tiếp nhận", "due_at": "ngày hẹn trả kết quả",
    "statutory_due_at": "hạn giải quyết theo quy định", "apology_due_at": "ngày hẹn lại (thư xin lỗi)",
    "extended_due_at": "ngày hẹn trả sau gia hạn", "finished_at": "thời điểm có kết quả",
    "returned_at": "thời điểm trả kết quả", "closed_at": "thời điểm kết thúc xử lý",
    "first_late_at": "mốc quá hạn hẹn trả", "first_statutory_late_at": "mốc quá hạn theo quy định",
    APPLICANT: "thông tin người nộp (loại, họ tên, số giấy tờ, điện thoại, thư điện tử, địa chỉ)",
}


@dataclass(frozen=True)
class Breach:
    code: str  # the dossier's code, or «ngày dd/mm/yyyy» for a day's head
    event_id: int | None
    message: str


@dataclass(frozen=True)
class AuditResult:
    dossiers: int
    events: int
    breaches: list[Breach]
    signed_days: int = 0
    unsigned_days: list[date] = field(default_factory=list)
    key_fingerprints: list[str] = field(default_factory=list)
    accounts_checked: bool = False
    # SQLite only: events under names that are no account, counted by name (see verify_chain).
    unattributed: dict[str, int] = field(default_factory=dict)
    # A login that reads CCCD and phones masked (onestop/pg_roles.py) cannot compare identities.
    identities_unchecked: bool = False

    @property
    def ok(self) -> bool:
        return not self.breaches


def _local(value: str) -> str:
    """An attested instant as the officer reads it."""
    if not value:
        return "(trống)"
    try:
        return f"{datetime.fromisoformat(value.replace('Z', '+00:00')).astimezone(TZ):%H:%M:%S %d/%m/%Y}"
    except ValueError:  # a forged attestation: shown as it is
        return f"«{value}»"


class _Replay:
    """One dossier's history as it is read: the chain, the replayed state, the last instant."""

    def __init__(self, row) -> None:
        self.row = row
        self.chain = ""
        self.status: str | None = None
        self.last_at: datetime | None = None
        self.first_user: str | None = None
        self.state: dict[str, str] = {}
        self.events = 0
        self.parts: tuple[str, str, int] | None = None  # the code's series and number
        self.attested_from_start = False  # the first event attests the receipt (written since 0007)
        self.seen: dict[str, set[str]] = {}  # every value the events attested, field by field


def verify_chain(session: Session, system_digits: str = "") -> AuditResult:
    """Reads every dossier once and every event once, both in dossier order (two streams merged:
    the dossier's columns are not repeated on each of its events), then every day's events once for
    the signed heads. `system_digits`: the centralised code prefix (TT 04/2025) of the site."""
    d, e, a = Dossier, DossierEvent, Applicant
    dossier_rows = session.execute(
        select(d.id, d.code, d.last_event_hash, d.status, d.received_by,
               *(getattr(d, name) for name in ATTESTED_INSTANTS),
               a.kind, a.name, a.id_number, a.phone, a.email, a.address)
        .join(a, a.id == d.applicant_id, isouter=True).order_by(d.id).execution_options(yield_per=5000))
    event_rows = session.execute(
        select(e.dossier_id, e.id, e.at, e.user, e.action, e.from_status, e.to_status, e.note, e.handed_to, e.hash,
               e.attests).order_by(e.dossier_id, e.id).execution_options(yield_per=5000))
    appointment_rows = session.execute(
        select(Appointment.dossier_id, Appointment.id, Appointment.kind, Appointment.due_at,
               Appointment.statutory_due_at).order_by(Appointment.dossier_id, Appointment.id)
        .execution_options(yield_per=5000))
    next_appointment = next(appointment_rows, None)
    # Events name the person by user name (command line, and session_user on a PostgreSQL site) or by
    # the full name the desk shows (ui.main_window.officer): either must be an account's.
    accounts = {name for row in session.execute(select(Account.username, Account.full_name)) for name in row}
    # Before the first account there was nobody to name; after it, on PostgreSQL (migration 0008
    # refuses any name but session_user's) an unknown name is forged. A SQLite file has no
    # identities of its own: whoever holds it writes any name, and its headless commands name the
    # operating-system user, so an unknown name there is reported, not judged (the signed daily
    # heads are what anchors a SQLite history).
    accounts_since = session.scalar(select(func.min(Account.created_at)))
    names_enforced = session.get_bind().dialect.name == "postgresql"
    masked = names_enforced and reads_masked_applicants(session)
    unattributed: dict[str, int] = {}
    breaches: list[Breach] = []
    numbers: dict[tuple[str, str], set[int]] = {}
    imported_up_to: dict[tuple[str, str], int] = {}
    dossiers = events = 0

    def close(r: _Replay) -> None:
        code, row = r.row.code, r.row
        if r.events == 0:
            breaches.append(Breach(code, None, "hồ sơ không có sự kiện nào trong lịch sử (lịch sử đã bị xóa)"))
            return
        if r.chain != row.last_event_hash:
            breaches.append(Breach(code, None, "sự kiện cuối cùng của hồ sơ không còn khớp (đã bị xóa hoặc thay)"))
        if row.status != r.status:
            breaches.append(Breach(code, None, f"trạng thái đã bị sửa: đang ghi «{STATUS_LABELS.get(row.status, row.status)}», "
                                               f"theo lịch sử phải là «{STATUS_LABELS.get(r.status or '', r.status)}»"))
        for name, value in r.state.items():  # only what the events attest: a text form per value, no more
            if name == APPLICANT:
                if not masked and applicant_digest(row._mapping) != value:
                    breaches.append(Breach(code, None, f"{FIELD_LABELS[name]} đã bị sửa sau khi tiếp nhận"))
            elif name in ATTESTED_INSTANTS and (stored := instant_text(row._mapping[name])) != value:
                breaches.append(Breach(code, None, f"{FIELD_LABELS[name]} đã bị sửa: đang ghi "
                                                   f"{_local(stored)}, theo lịch sử phải là {_local(value)}"))
        nonlocal next_appointment
        while next_appointment is not None and next_appointment.dossier_id <= row.id:
            given, next_appointment = next_appointment, next(appointment_rows, None)
            if given.dossier_id == row.id and r.attested_from_start:
                problem = _appointment_problem(given, r.seen)
                if problem:
                    breaches.append(Breach(code, None, problem))
        if r.first_user is not None and row.received_by != r.first_user:
            breaches.append(Breach(code, None, f"người tiếp nhận đã bị sửa: đang ghi «{row.received_by}», "
                                               f"theo lịch sử là «{r.first_user}»"))

    def open_(row) -> _Replay:
        nonlocal dossiers
        dossiers += 1
        r = _Replay(row)
        r.parts = parse_code(row.code, system_digits)
        if r.parts is not None:
            numbers.setdefault(r.parts[:2], set()).add(r.parts[2])
        return r

    current: _Replay | None = None
    pending = next(dossier_rows, None)
    for ev in event_rows:
        while current is None or current.row.id != ev.dossier_id:
            if pending is None or pending.id > ev.dossier_id:
                break
            if current is not None:
                close(current)
            current, pending = open_(pending), next(dossier_rows, None)
        events += 1
        eid = ev.id
        if current is None or current.row.id != ev.dossier_id:
            breaches.append(Breach(f"hồ sơ #{ev.dossier_id}", eid, f"sự kiện #{eid} thuộc một hồ sơ không còn "
                                                                   "trong cơ sở dữ liệu (hồ sơ đã bị xóa)"))
            continue
        r, code = current, current.row.code
        r.events += 1
        expected = event_hash(r.chain, code, ev.at, ev.user, ev.action, ev.from_status, ev.to_status,
                              ev.note, ev.handed_to, ev.attests)
        if ev.hash != expected:
            breaches.append(Breach(code, eid, f"sự kiện #{eid} không khớp chuỗi kiểm chứng (đã bị sửa, "
                                              "chèn thêm hoặc một sự kiện trước nó bị xóa)"))
        r.chain = ev.hash  # go on from what is stored: one edit is reported once, not for every later event
        first = r.events == 1
        if first != (ev.action in FIRST_ACTIONS) or (not first and ev.from_status != r.status):
            breaches.append(Breach(code, eid, f"sự kiện #{eid} không nối tiếp trạng thái trước đó của hồ sơ"))
        else:
            problem = transition_problem(ev.action, ev.from_status, ev.to_status)
            if problem:
                breaches.append(Breach(code, eid, f"sự kiện #{eid}: {problem}"))
        if r.last_at is not None and ev.at < r.last_at:
            breaches.append(Breach(code, eid, f"sự kiện #{eid} ghi lùi thời gian: {ev.at.astimezone(TZ):%H:%M:%S %d/%m/%Y}, "
                                              f"sớm hơn sự kiện trước nó ({r.last_at.astimezone(TZ):%H:%M:%S %d/%m/%Y})"))
        if accounts and ev.user not in accounts and ev.at >= accounts_since:
            if names_enforced:
                breaches.append(Breach(code, eid, f"sự kiện #{eid} ghi người thực hiện «{ev.user}», "
                                                  "không phải tài khoản nào của đơn vị"))
            else:
                unattributed[ev.user] = unattributed.get(ev.user, 0) + 1
        if first:
            r.first_user = ev.user if ev.action == "receive" else None
            if ev.action == "import" and r.parts is not None:
                key = r.parts[:2]
                imported_up_to[key] = max(imported_up_to.get(key, 0), r.parts[2])
        r.status, r.last_at = ev.to_status, max(ev.at, r.last_at or ev.at)
        if ev.attests:
            attested = decode_attests(ev.attests)
            r.state.update(attested)
            r.attested_from_start |= first
            for name, value in attested.items():
                r.seen.setdefault(name, set()).add(value)
    while current is not None or pending is not None:  # the dossiers after the last event
        if current is not None:
            close(current)
        current, pending = (open_(pending), next(dossier_rows, None)) if pending is not None else (None, None)
    breaches.extend(_code_gaps(session, numbers, imported_up_to, system_digits))
    heads = _heads(session)
    return AuditResult(dossiers, events, breaches + heads[0], heads[1], heads[2], heads[3], bool(accounts),
                       unattributed, masked)


def reads_masked_applicants(session: Session) -> bool:
    """Whether `applicant` is, for this PostgreSQL login, the masked view its search_path puts first."""
    return session.scalar(text("SELECT relkind FROM pg_class WHERE oid = to_regclass('applicant')")) == "v"


# Which dossier field each kind of appointment sets (lifecycle, intake, the ledger import).
_APPOINTMENT_FIELD = {"receipt": "due_at", "restart": "due_at", "resume": "due_at", "apology": "apology_due_at",
                      "extension": "extended_due_at"}


def _appointment_problem(given, seen: dict[str, set[str]]) -> str | None:
    """An appointment in the history whose date no event of the dossier attests: edited afterwards."""
    name = _APPOINTMENT_FIELD.get(given.kind)
    if name is None:
        return f"lịch hẹn #{given.id} có loại «{given.kind}» không tồn tại"
    if instant_text(given.due_at) not in seen.get(name, ()):
        return f"lịch hẹn #{given.id} ({_local(instant_text(given.due_at))}) không khớp lịch sử của hồ sơ (đã bị sửa)"
    if given.statutory_due_at is not None and instant_text(given.statutory_due_at) not in seen.get("statutory_due_at", ()):
        return f"lịch hẹn #{given.id}: hạn giải quyết theo quy định không khớp lịch sử của hồ sơ (đã bị sửa)"
    return None


def _code_gaps(session: Session, numbers: dict[tuple[str, str], set[int]], imported_up_to: dict[tuple[str, str], int],
               system_digits: str) -> list[Breach]:
    """Every number of a day's series up to its counter has its dossier (codes.py: gapless, a
    rolled-back save gives its number back). Numbers up to the highest imported one come from a
    counter's own ledger, which may skip some."""
    found = []
    for identifier, day, last in session.execute(select(CodeCounter.agency_code, CodeCounter.day,
                                                        CodeCounter.last_number).order_by(CodeCounter.agency_code,
                                                                                         CodeCounter.day)):
        have = numbers.get((identifier, day), set())
        start = imported_up_to.get((identifier, day), 0) + 1
        on = date(2000 + int(day[:2]), int(day[2:4]), int(day[4:]))
        for n in range(start, last + 1):
            if n not in have:
                code = format_code(identifier, on, n, system_digits)
                found.append(Breach(code, None, "mã đã cấp nhưng không còn hồ sơ nào mang mã này "
                                                "(hồ sơ đã bị xóa)"))
        beyond = sorted(n for n in have if n > last)
        if beyond:
            found.append(Breach(format_code(identifier, on, beyond[0], system_digits), None,
                                f"số thứ tự vượt bộ đếm mã của ngày (bộ đếm ghi {last}): bộ đếm đã bị sửa "
                                "hoặc hồ sơ được chèn ngoài chương trình"))
    return found


def _heads(session: Session) -> tuple[list[Breach], int, list[date], list[str]]:
    keys = audit_heads.stored_keys(session)
    found, signed, unsigned = [], 0, []
    last_signed = audit_heads.last_signed_day(session)
    for h in audit_heads.day_heads(session):
        where = f"ngày {h.day:%d/%m/%Y}"
        if h.stored is None:
            if last_signed is not None and h.day < last_signed:
                found.append(Breach(where, None, f"có {h.events} sự kiện của một ngày nằm trước ngày đã ký "
                                                 f"{last_signed:%d/%m/%Y}: sự kiện ghi lùi ngày hoặc chuỗi đã bị tính lại"))
            else:
                unsigned.append(h.day)
            continue
        signed += 1
        if not audit_heads.signature_valid(keys, h.stored):
            found.append(Breach(where, None, "chữ ký của ngày không hợp lệ với khóa công khai của đơn vị "
                                             "(bản ghi chốt ngày đã bị thay)"))
        elif h.stored.head != h.head or h.stored.events != h.events:
            found.append(Breach(where, None, f"sự kiện của ngày không còn khớp bản đã ký ({h.stored.events} sự kiện "
                                             f"khi ký, nay {h.events}): hồ sơ hoặc sự kiện đã bị sửa, xóa, thêm, "
                                             "hoặc chuỗi đã bị tính lại"))
    return found, signed, unsigned, [audit_heads.key_fingerprint(k) for k in keys.values()]


_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def protect_for_role(db: Database, role: str) -> None:
    """PostgreSQL: the application's role may read and add events and dossiers, change dossiers,
    but never change or remove an event, a log entry or a signed head, nor remove a dossier (the owner keeps that power: run the
    program with another role than the tables' owner)."""
    with db.write() as session:
        if session.get_bind().dialect.name != "postgresql":
            raise RolesError("Phân quyền theo vai trò chỉ có trên PostgreSQL; SQLite dùng trigger chặn sửa, xóa.")
        if not _ROLE.match(role):
            raise RolesError(f"Tên vai trò «{role}» không hợp lệ (chữ thường, số, gạch dưới).")
        schema = '"' + session.execute(text("SELECT current_schema()")).scalar_one().replace('"', '""') + '"'
        for statement in (
            f"GRANT USAGE ON SCHEMA {schema} TO {role}",
            f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA {schema} TO {role}",
            f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
            f"REVOKE UPDATE, DELETE, TRUNCATE ON dossier_event, admin_log, export_log FROM {role}",
            f"REVOKE DELETE, TRUNCATE ON dossier FROM {role}",
            # A catalogue import replaces a procedure's papers (delete-orphan, onestop/catalogue.py):
            # papers are the catalogue, not history; a dossier's own list of papers stays (SET NULL).
            f"GRANT DELETE ON required_document TO {role}",
            # The site key's public half and the signed heads: written by the administrator's `audit sign`.
            f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_key, audit_head FROM {role}",
        ):
            session.execute(text(statement))
