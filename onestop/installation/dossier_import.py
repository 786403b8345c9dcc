"""Import of a counter's existing ledger, so that a counter can start with its open files.

The file has the columns of the dossier export (onestop.dossiers.export.COLUMNS), under their English names
or under the Vietnamese headers a counter's own sheet uses (matched without case or diacritics);
other columns (STT, địa chỉ, ghi chú…) are ignored. Times may be Excel date cells (local time),
ISO 8601 text as the export writes it, or "dd/mm/yyyy [hh:mm]". Every row is checked first; when
any row is bad nothing is written and every problem is reported with its row number as the
officer sees it in the sheet (the header is row 1).

A ledger row says less than the database keeps (no CCCD, phone, history, pauses or department):
each dossier gets its applicant by name only, its receipt appointment (and apology, if any), an
open pause when it waits for papers or fees, and one "import" event naming the file; missing
appointments are worked out from the procedure as at intake.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path

from sqlalchemy import case, func, insert, select, text
from sqlalchemy.orm import Session

from onestop import validation as v
from onestop.clock import rule_sets
from onestop.clock.calendar import WorkCalendar
from onestop.clock.deadlines import Duration, due_at, working_time_left
from onestop.clock.periods import EARLIEST as _EARLIEST
from onestop.db.chain import event_hash, first_attests
from onestop.db.models import Applicant, Appointment, CodeCounter, Dossier, DossierEvent, DossierPause, Procedure
from onestop.db.session import UPSERT_INSERT, Database
from onestop.dossiers.export import COLUMNS
from onestop.dossiers.intake import CHANNELS, FUTURE_TOLERANCE
from onestop.dossiers.statuses import STATUS_LABELS
from onestop.errors import RowErrors
from onestop.files.xlsx_input import SpreadsheetRefused, count_text, xlsx_rows
from onestop.office.codes import parse_code
from onestop.office.site import Site
from onestop.people.accounts import Actor
from onestop.people.audit_heads import last_signed_day, sealed_message
from onestop.text import fold, nfc

# How each column is named to the officer, in messages (and the header a counter is likely to use).
COLUMN_LABELS = {
    "code": "Mã hồ sơ", "received_at": "Ngày tiếp nhận", "procedure_code": "Mã thủ tục",
    "procedure_name": "Tên thủ tục", "applicant_name": "Người nộp", "channel": "Hình thức nộp",
    "status": "Trạng thái", "due_at": "Ngày hẹn trả", "statutory_due_at": "Hạn theo quy định",
    "finished_at": "Ngày có kết quả", "returned_at": "Ngày trả kết quả",
    "apology_due_at": "Hẹn trả mới (xin lỗi)", "rule_set": "Quy định áp dụng",
    "first_late_at": "Quá hạn từ", "extended_due_at": "Hẹn trả mới (gia hạn)",
}
# Vietnamese headers accepted, folded (no case, no diacritics, single spaces).
HEADER_ALIASES = {
    **{fold(label): key for key, label in COLUMN_LABELS.items()},
    "so ho so": "code",
    "thoi gian tiep nhan": "received_at", "thoi diem tiep nhan": "received_at", "ngay nhan": "received_at",
    "ngay nhan ho so": "received_at",
    "ma tthc": "procedure_code",
    "ten tthc": "procedure_name", "thu tuc": "procedure_name",
    "ten to chuc, ca nhan": "applicant_name", "ten to chuc ca nhan": "applicant_name",
    "to chuc, ca nhan": "applicant_name", "nguoi nop ho so": "applicant_name",
    "ho ten nguoi nop": "applicant_name", "ho va ten nguoi nop": "applicant_name",
    "kenh": "channel", "kenh tiep nhan": "channel", "hinh thuc tiep nhan": "channel",
    "hinh thuc nop ho so": "channel",
    "tinh trang": "status", "trang thai ho so": "status",
    "hen tra": "due_at", "hen tra ket qua": "due_at", "ngay hen tra ket qua": "due_at",
    "thoi han theo quy dinh": "statutory_due_at", "han giai quyet theo quy dinh": "statutory_due_at",
    "ngay hoan thanh": "finished_at", "ngay co ket qua giai quyet": "finished_at",
    "ngay tra": "returned_at", "ngay tra ket qua cho cong dan": "returned_at",
    "hen tra moi": "apology_due_at", "ngay hen lai": "apology_due_at", "hen lai": "apology_due_at",
}
# Without a channel column every dossier counts as handed in at the counter, as most are.
REQUIRED = ("code", "received_at", "procedure_code", "applicant_name", "status")
_TIME_COLUMNS = ("received_at", "due_at", "statutory_due_at", "finished_at", "returned_at", "apology_due_at",
                 "first_late_at", "extended_due_at")

CHANNEL_VALUES = {
    **{key: key for key in CHANNELS}, **{fold(label): key for key, label in CHANNELS.items()},
    "buu chinh": "post", "qua buu chinh": "post", "buu dien": "post", "buu chinh cong ich": "post",
    "truc tuyen": "online", "dich vu cong truc tuyen": "online", "qua mang": "online",
    "tai bo phan mot cua": "direct", "nop truc tiep": "direct",
}
STATUS_VALUES = {
    **{key: key for key in STATUS_LABELS}, **{fold(label): key for key, label in STATUS_LABELS.items()},
    "da tiep nhan": "received", "tiep nhan": "received", "dang giai quyet": "in_progress",
    "cho bo sung ho so": "awaiting_supplement", "yeu cau bo sung": "awaiting_supplement",
    "cho nop phi": "awaiting_payment", "da co ket qua": "result_ready", "da tra": "returned",
    "tu choi giai quyet": "refused", "khong giai quyet": "refused", "da rut": "withdrawn",
    "rut": "withdrawn", "cong dan rut ho so": "withdrawn",
}
_OPEN = ("received", "in_progress", "awaiting_supplement", "awaiting_payment")
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._/-]*$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:hH](\d{2})(?::(\d{2}))?)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_NAME = Applicant.__table__.c.name.type.length
MAX_CODE = Dossier.__table__.c.code.type.length
BATCH = 5000
MAX_ROWS = 300_000  # sheet rows in one file: more dossiers than a busy centre's year; bounds the memory (~1 KB a row)
_fold_value = lru_cache(maxsize=256)(fold)  # channel, status: a handful of values over 50,000 rows


class DossierImportError(RowErrors, ValueError):
    """Bad rows, each as (row number in the sheet, Vietnamese message); 0: the file itself."""

    HEADLINE = "Không nhập được {file}; chưa nhập hồ sơ nào."


@dataclass(frozen=True, slots=True)
class LedgerRow:
    row: int
    code: str
    received_at: datetime
    procedure_code: str
    applicant_name: str
    channel: str
    status: str
    due_at: datetime | None
    statutory_due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    apology_due_at: datetime | None
    first_late_at: datetime | None = None  # an export's own column: a file late once stays late
    extended_due_at: datetime | None = None
    applicant_kind: str = "person"  # or "organisation", by which of the counter's name rules the name passes


# ------------------------------------------------------------------ reading the file


def read_grid(path: Path) -> Iterator[tuple]:
    """The first sheet's rows (or the CSV's), as raw cell values, streamed; index 0 is sheet row 1.
    More than MAX_ROWS rows, or an .xlsx beyond onestop.files.xlsx_input's bounds, is refused."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        try:
            yield from xlsx_rows(path, MAX_ROWS)
        except SpreadsheetRefused as exc:
            raise DossierImportError([(0, exc.message)]) from exc
        return
    if suffix == ".csv":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DossierImportError([(0, "tệp CSV phải lưu theo bảng mã UTF-8 "
                                          "(trong Excel: Lưu thành «CSV UTF-8»)")]) from exc
        except OSError as exc:
            raise DossierImportError([(0, f"không đọc được tệp {path.name}")]) from exc
        try:
            for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
                if number > MAX_ROWS:
                    raise DossierImportError([(0, f"tệp {path.name} có hơn {count_text(MAX_ROWS)} dòng, quá giới "
                                                  "hạn. Không có gì được nhập. Hãy chia thành nhiều tệp.")])
                yield tuple(row)
        except csv.Error as exc:
            raise DossierImportError([(0, f"tệp CSV không đúng định dạng: {exc}")]) from exc
        return
    raise DossierImportError([(0, "chỉ nhận tệp .xlsx hoặc .csv")])


def _header_key(cell: object) -> str:
    key = " ".join(fold(nfc(_text(cell))).split()).rstrip(":").strip()
    return key if key in COLUMNS else HEADER_ALIASES.get(key, "")


def _columns(header: tuple) -> dict[str, int]:
    """Column index of each known column; unknown headers are ignored."""
    found: dict[str, int] = {}
    problems = []
    for index, cell in enumerate(header):
        key = _header_key(cell)
        if not key:
            continue
        if key in found:
            problems.append(f"cột «{COLUMN_LABELS[key]}» xuất hiện hai lần")
        found[key] = index
    missing = [f"{COLUMN_LABELS[c]} ({c})" for c in REQUIRED if c not in found]
    if missing:
        problems.append("thiếu cột: " + ", ".join(missing))
    if problems:
        raise DossierImportError([(1, p) for p in problems])
    return found


# ------------------------------------------------------------------ one row


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a text column comes back as 123.0
    return " ".join(nfc(str(value)).split())


def _applicant_name(value: object, bad) -> tuple[str, str]:
    """The applicant's name and kind, cleaned as typed at the counter (onestop.validation): a
    person's name, or else an organisation's (a ledger does not say which). A name neither would
    accept (a formula such as «=HYPERLINK(…)», control characters) is refused."""
    text = _text(value)
    if not text:
        bad("tên người nộp trống")
    elif len(text) > MAX_NAME:
        bad(f"tên người nộp dài quá {MAX_NAME} ký tự")
    else:
        try:
            return v.clean_name(text, max_len=MAX_NAME), "person"
        except v.ValidationError:
            pass
        try:
            return v.clean_org_name(text, max_len=MAX_NAME), "organisation"
        except v.ValidationError as exc:
            bad(f"tên người nộp «{text[:60]}» không hợp lệ ({exc.message.rstrip('.')}), như khi nhập tại quầy")
    return "", "person"


def _instant(value: object, cal: WorkCalendar, start_of_day: bool) -> datetime | None:
    """An aware instant, or None when the cell is empty; ValueError when unreadable.

    A date without a time is that day's opening for a receipt and its closing for anything else,
    so that "received 23/11, result 23/11" stays in order. Excel gives dates as midnight datetimes.
    """
    if value is None or value == "":
        return None
    day: date | None = None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value
        if value.time() != time(0):
            return value.replace(tzinfo=cal.tz)
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        text = str(value).strip()
        if not text:
            return None
        m = _DMY.match(text)
        if m:
            d, mo, y, h, mi, s = m.groups()
            day = date(int(y), int(mo), int(d))
            if h is not None:
                return datetime.combine(day, time(int(h), int(mi), int(s or 0)), cal.tz)
        elif _ISO_DATE.match(text):
            day = date.fromisoformat(text)
        else:
            parsed = datetime.fromisoformat(text)
            return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=cal.tz)
    hours = cal.office_hours
    return datetime.combine(day, hours[0][0] if start_of_day else hours[-1][1], cal.tz)


def _parse_row(number: int, cells: dict[str, object], cal: WorkCalendar, now: datetime,
               problems: list[tuple[int, str]]) -> LedgerRow | None:
    before = len(problems)

    def bad(message: str) -> None:
        problems.append((number, message))

    code = _text(cells.get("code"))
    if not code:
        bad("mã hồ sơ trống")
    elif len(code) > MAX_CODE or not _CODE.match(code):
        bad(f"mã hồ sơ «{code}» không hợp lệ (chữ, số và . - / _, tối đa {MAX_CODE} ký tự)")
    procedure_code = _text(cells.get("procedure_code"))
    if not procedure_code:
        bad("mã thủ tục trống")
    name, kind = _applicant_name(cells.get("applicant_name"), bad)
    raw_channel = _text(cells.get("channel", "direct"))
    channel = CHANNEL_VALUES.get(_fold_value(raw_channel))
    if channel is None:
        bad(f"hình thức nộp «{raw_channel}» không hợp lệ (trực tiếp, bưu chính hoặc trực tuyến)"
            if raw_channel else "hình thức nộp trống")
    raw_status = _text(cells.get("status"))
    status = STATUS_VALUES.get(_fold_value(raw_status))
    if status is None:
        bad(f"trạng thái «{raw_status}» không hợp lệ (một trong: {', '.join(STATUS_LABELS.values())})"
            if raw_status else "trạng thái trống")

    t: dict[str, datetime | None] = {}
    for key in _TIME_COLUMNS:
        value = cells.get(key)
        try:
            t[key] = _instant(value, cal, start_of_day=key == "received_at")
        except (ValueError, OverflowError):
            bad(f"{COLUMN_LABELS[key].lower()} «{_text(value)}» không hợp lệ "
                "(cần dạng dd/mm/yyyy hh:mm hoặc ISO 8601)")
            t[key] = None
    received = t["received_at"]
    if received is None:
        if cells.get("received_at") in (None, ""):
            bad("ngày tiếp nhận trống")
    elif received < _EARLIEST:
        bad(f"ngày tiếp nhận {cal.to_local(received):%d/%m/%Y} quá xa (trước năm 2000)")
    else:
        for key in ("received_at", "finished_at", "returned_at"):
            if t[key] is not None and t[key] > now + FUTURE_TOLERANCE:
                bad(f"{COLUMN_LABELS[key].lower()} không được ở tương lai")
        for key in ("due_at", "statutory_due_at", "finished_at", "apology_due_at"):
            if t[key] is not None and t[key] < received:
                bad(f"{COLUMN_LABELS[key].lower()} trước ngày tiếp nhận")
    finished, returned = t["finished_at"], t["returned_at"]
    if finished is not None and returned is not None and returned < finished:
        bad("ngày trả kết quả trước ngày có kết quả")
    if status is not None:
        label = STATUS_LABELS[status]
        if status in _OPEN and (finished is not None or returned is not None):
            bad(f"hồ sơ «{label}» chưa có kết quả nhưng có ngày có kết quả hoặc ngày trả kết quả")
        if status in ("result_ready", "returned") and finished is None and cells.get("finished_at") in (None, ""):
            bad(f"hồ sơ «{label}» thiếu ngày có kết quả")
        if status == "returned" and returned is None and cells.get("returned_at") in (None, ""):
            bad(f"hồ sơ «{label}» thiếu ngày trả kết quả")
        if status != "returned" and returned is not None:
            bad(f"hồ sơ «{label}» chưa trả kết quả nhưng có ngày trả kết quả")
    if len(problems) > before:
        return None
    assert received is not None and status is not None and channel is not None
    return LedgerRow(number, code, received, procedure_code, name, channel, status, t["due_at"],
                     t["statutory_due_at"], finished, returned, t["apology_due_at"], t["first_late_at"],
                     t["extended_due_at"], kind)


@dataclass
class ParsedLedger:
    rows: list[LedgerRow]  # rows that passed every check needing no database
    problems: list[tuple[int, str]]
    # (row, code, procedure code) of every row, bad ones too, so that the database checks report
    # everything at once rather than one round of corrections after another.
    references: list[tuple[int, str, str]]


def parse_grid(grid: Iterable[tuple], cal: WorkCalendar, now: datetime) -> ParsedLedger:
    rows = enumerate(grid, start=1)  # streamed: each raw row is dropped once parsed
    header = next((r for _, r in rows if any(_text(c) for c in r)), None)
    if header is None:
        raise DossierImportError([(1, "tệp trống")])
    columns = _columns(header)
    parsed = ParsedLedger([], [], [])
    seen: dict[str, int] = {}
    for number, raw in rows:
        if not any(_text(c) for c in raw):
            continue  # blank lines between blocks of a hand-kept sheet
        cells = {key: raw[i] if i < len(raw) else None for key, i in columns.items()}
        row = _parse_row(number, cells, cal, now, parsed.problems)
        code = _text(cells.get("code"))
        parsed.references.append((number, code, _text(cells.get("procedure_code"))))
        if code and code in seen:
            parsed.problems.append((number, f"mã hồ sơ «{code}» trùng với dòng {seen[code]}"))
            continue
        seen.setdefault(code, number)
        if row is not None:
            parsed.rows.append(row)
    return parsed


# ------------------------------------------------------------------ writing


@dataclass(frozen=True)
class ImportResult:
    dossiers: int


def import_dossiers(db: Database, site: Site, path: Path, *, actor: Actor, now: datetime) -> ImportResult:
    """Checks every row, then writes them all in one transaction; DossierImportError otherwise."""
    cal = site.calendar
    parsed = parse_grid(read_grid(path), cal, now)
    rows, problems = parsed.rows, parsed.problems
    with db.write() as session:
        procedures = {code: (pid, Duration.parse(committed), Duration.parse(statutory))
                      for pid, code, committed, statutory in session.execute(
                          select(Procedure.id, Procedure.code, Procedure.committed, Procedure.statutory))}
        existing = _existing_codes(session, [code for _, code, _ in parsed.references if code])
        for number, code, procedure_code in parsed.references:
            if procedure_code and procedure_code not in procedures:
                problems.append((number, f"mã thủ tục «{procedure_code}» không có trong danh mục"))
            if code in existing:
                problems.append((number, f"mã hồ sơ «{code}» đã có trong cơ sở dữ liệu"))
        signed_through = last_signed_day(session)
        problems += [(r.row, sealed) for r in rows if (sealed := sealed_message(signed_through, _event_at(r)))]
        if problems:
            problems.sort(key=lambda p: p[0])  # stable: a row's problems keep their order
            raise DossierImportError(problems)
        for start in range(0, len(rows), BATCH):
            _write_batch(session, site, rows[start:start + BATCH], procedures, now, actor.full_name, path.name)
        _keep_counters_ahead(session, [r.code for r in rows], site.settings.centralised_code_digits)
    return ImportResult(len(rows))


def _event_at(r: LedgerRow) -> datetime:
    """The import event's instant: the last the ledger knows of the row."""
    return max(t for t in (r.received_at, r.finished_at, r.returned_at) if t is not None)


def _existing_codes(session: Session, codes: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(codes), 1000):  # bounded IN lists: SQLite caps bound parameters
        chunk = codes[start:start + 1000]
        found.update(session.scalars(select(Dossier.code).where(Dossier.code.in_(chunk))))
    return found


def _write_batch(session: Session, site: Site, rows: list[LedgerRow], procedures: dict, now: datetime,
                 user: str, source: str) -> None:
    cal = site.calendar
    note = f"Nhập từ sổ theo dõi {source} lúc {cal.to_local(now):%H:%M %d/%m/%Y}"
    applicant_ids = _reserve_ids(session, Applicant, len(rows))
    dossier_ids = _reserve_ids(session, Dossier, len(rows))
    applicants, dossiers, events, appointments, pauses = [], [], [], [], []
    for r, applicant_id, dossier_id in zip(rows, applicant_ids, dossier_ids):
        procedure_id, committed, statutory = procedures[r.procedure_code]
        due = r.due_at or due_at(r.received_at, committed, cal)
        statutory_due = r.statutory_due_at or due_at(r.received_at, statutory, cal)
        # Processing ended when the result was ready (lifecycle stores a refusal's time there too).
        # The ledger has no withdrawal time: a file withdrawn after its result keeps that time, as
        # lifecycle does; otherwise, and for a refusal without a date, the receipt is the best
        # known bound — the file leaves the open lists and counts in the month it came in.
        closed = None if r.status in _OPEN else (r.finished_at or r.received_at)
        applicants.append({"id": applicant_id, "kind": r.applicant_kind, "name": r.applicant_name,
                           "name_folded": fold(r.applicant_name), "id_number": "", "phone": "", "email": "",
                           "address": ""})
        dossiers.append({
            "id": dossier_id, "code": r.code, "agency_id": site.agency_id, "procedure_id": procedure_id,
            "applicant_id": applicant_id, "department_id": None, "channel": r.channel, "sets_count": 1,
            "note": "", "status": r.status, "received_at": r.received_at, "received_by": user,
            "due_at": due, "statutory_due_at": statutory_due, "finished_at": r.finished_at,
            "returned_at": r.returned_at, "closed_at": closed, "apology_due_at": r.apology_due_at, "version": 1,
            "rule_set": rule_sets.for_received(r.received_at).key, "extended_due_at": r.extended_due_at,
            # Late in the ledger is late here: as exported, or a result after its appointment.
            "first_late_at": r.first_late_at or (due if r.finished_at is not None and r.finished_at > due else None),
            "first_statutory_late_at": (statutory_due if r.finished_at is not None and r.finished_at > statutory_due
                                        else None),
        })
        # The event stands at the last instant the ledger knows of, so that an officer may still
        # record what happened since (lifecycle refuses actions earlier than the last event);
        # the note keeps when and from which file the row was imported.
        event = {"at": _event_at(r), "user": user, "action": "import", "from_status": None, "to_status": r.status,
                 "note": f"{note}, dòng {r.row}", "handed_to": "",
                 "attests": first_attests(dossiers[-1], applicants[-1])}
        chain = event_hash("", r.code, **event)
        dossiers[-1]["last_event_hash"] = chain
        events.append({"dossier_id": dossier_id, "hash": chain, **event})
        appointments.append({"dossier_id": dossier_id, "given_at": r.received_at, "kind": "receipt",
                             "due_at": due, "statutory_due_at": statutory_due, "reason": "",
                             "user": user})
        if r.apology_due_at is not None:
            # Given once the appointment was missed: no later than the file closed (or now).
            given = max(r.received_at, min(due, closed or now))
            appointments.append({"dossier_id": dossier_id, "given_at": given, "kind": "apology",
                                 "due_at": r.apology_due_at, "statutory_due_at": None,
                                 "reason": f"Hẹn lại ghi trong sổ theo dõi {source}",
                                 "user": user})
        if r.status in ("awaiting_supplement", "awaiting_payment"):
            # lifecycle ends an open pause when the papers or fees arrive, so one must exist. When
            # the clock stopped is not in the ledger: from receipt, so the import makes no file late.
            pauses.append({
                "dossier_id": dossier_id, "kind": "supplement" if r.status == "awaiting_supplement" else "payment",
                "started_at": r.received_at, "ended_at": None,
                "committed_left_s": int(working_time_left(r.received_at, due, cal).total_seconds()),
                "statutory_left_s": int(working_time_left(r.received_at, statutory_due, cal).total_seconds()),
                "note": f"{note}: không rõ thời điểm dừng, tính từ lúc tiếp nhận"})
    conn = session.connection()
    for model, batch in ((Applicant, applicants), (Dossier, dossiers), (DossierEvent, events),
                         (Appointment, appointments), (DossierPause, pauses)):
        if batch:
            conn.execute(insert(model.__table__), batch)


def _reserve_ids(session: Session, model: type, count: int) -> list[int]:
    """Ids for rows about to be inserted, so that plain multi-row inserts need no RETURNING (which
    went one row per statement on SQLite and through a slow client-side parse on psycopg).
    PostgreSQL: drawn from the table's own sequence, so concurrent desks and later inserts agree.
    SQLite: after the largest id; the write lock taken at BEGIN IMMEDIATE keeps them ours."""
    table = model.__table__.name
    if session.get_bind().dialect.name == "postgresql":
        # The first table of that name on the search_path, not a view: a login that may not see
        # CCCD finds masked views of the same name first (onestop/pg_roles.py), and a view has no
        # sequence of its own.
        return list(session.scalars(text(
            "SELECT nextval(pg_get_serial_sequence((SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = :table "
            "AND c.relkind IN ('r', 'p') AND n.nspname = ANY (current_schemas(false)) "
            "ORDER BY array_position(current_schemas(false), n.nspname) LIMIT 1), 'id')) "
            "FROM generate_series(1, :n)"), {"table": table, "n": count}))
    start = (session.scalar(select(func.max(model.id))) or 0) + 1
    return list(range(start, start + count))


def _keep_counters_ahead(session: Session, codes: list[str], system_digits: str = "") -> None:
    """Moves each (identifier, day) code counter past the imported codes of that series, so that the
    next intake of that day gets a new number; a counter already further ahead stays. Every
    identifier counts, not only the counter's own: a procedure's codes start with its deciding
    agency's (NĐ 118/2025 Điều 28 k2a), and either form of the number (TT 04/2025) is read."""
    highest: dict[tuple[str, str], int] = {}
    for code in codes:
        parts = parse_code(code, system_digits)
        if parts:
            identifier, day, number = parts
            highest[identifier, day] = max(highest.get((identifier, day), 0), number)
    upsert = UPSERT_INSERT[session.get_bind().dialect.name]
    for (agency_code, day), last in highest.items():
        stmt = upsert(CodeCounter).values(agency_code=agency_code, day=day, last_number=last)
        stmt = stmt.on_conflict_do_update(
            index_elements=[CodeCounter.agency_code, CodeCounter.day],
            set_={"last_number": case((CodeCounter.last_number < stmt.excluded.last_number,
                                       stmt.excluded.last_number), else_=CodeCounter.last_number)})
        session.execute(stmt)
