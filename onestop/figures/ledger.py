"""The dossier ledger, "Sổ theo dõi hồ sơ" (Mẫu 06 of TT 01/2018, Mẫu 07 of TT 03/2025), for a period.

One line per dossier received in [start, end] (local dates, both included, Asia/Ho_Chi_Minh: the
period runs from start 00:00 to the day after end 00:00, as in onestop.figures.report), ordered by the
time of receipt, then by code. The rows come from one SQL query, streamed (yield_per), so that a
month of a busy centre (tens of thousands of dossiers) never sits in memory as ORM objects:

- the department (Cơ quan chủ trì giải quyết) is Dossier.department, blank when not transferred;
- "chuyển hồ sơ" is the first transfer event (its time and handed_to), whatever came after;
- "nhận kết quả" is finished_at (the result, or the refusal, back at the counter);
- "trả kết quả" is returned_at, and who took the result (returned_to_name);
- the note (Ghi chú) is what a counter officer would write: channel, refusal (at reception or
  after review), withdrawal, stop at the applicant's request, closing for want of papers, a
  mistaken intake cancelled (the row is then struck through, "Hủy do tiếp nhận nhầm"), lateness,
  apology and extension, a result handed to an authorised person;
- a dossier that ended without a result (withdrawn, stopped, closed, cancelled) has nothing in
  the result columns, whatever time its closing left in finished_at.

The columns are those of Mẫu 06 of TT 01/2018: the 2025 form (Mẫu 07) is known by number and
title only (research/legal-2025.md §3.2), so only those change with the rule set.

The form's layout (title, two-level header, column numbers) is defined here, without heavy
imports, and shared by the spreadsheet (onestop.figures.ledger_xlsx) and the print (documents.ledger_pdf).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from onestop.clock import rule_sets
from onestop.clock.calendar import TZ
from onestop.clock.periods import instants
from onestop.db.models import Applicant, Department, Dossier, DossierEvent, Procedure
from onestop.office.site import Site

__all__ = [
    "HEADER_GROUPS",
    "LEDGER_TITLE",
    "NO_DOSSIERS",
    "CANCELLED_NOTE",
    "LedgerRow",
    "column_count",
    "column_numbers",
    "ledger_form",
    "ledger_mark_line",
    "ledger_period_line",
    "ledger_rows",
]

LEDGER_TITLE = "SỔ THEO DÕI HỒ SƠ"
CANCELLED_NOTE = "Hủy do tiếp nhận nhầm"
NO_DOSSIERS = "Không có hồ sơ nào được tiếp nhận trong kỳ."
SIGNED = "Ký nhận"
# (group heading, sub-headings); a group without sub-headings spans both header rows.
HEADER_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("TT", ()),
    ("Mã hồ sơ", ()),
    ("Tên thủ tục hành chính", ()),
    ("Số lượng hồ sơ (bộ)", ()),
    ("Tên cá nhân, tổ chức", ()),
    ("Địa chỉ, số điện thoại", ()),
    ("Cơ quan chủ trì giải quyết", ()),
    ("Nhận hồ sơ (giờ, ngày/tháng/năm)", ()),
    ("Hẹn trả kết quả (giờ, ngày/tháng/năm)", ()),
    ("Chuyển hồ sơ đến cơ quan giải quyết", ("Ngày/tháng/năm", SIGNED)),
    ("Nhận kết quả từ cơ quan giải quyết", ("Ngày/tháng/năm", SIGNED)),
    ("Trả kết quả cho cá nhân, tổ chức", ("Ngày/tháng/năm", SIGNED)),
    ("Ghi chú", ()),
)

_BATCH = 1000  # rows fetched at a time
# The events that end a dossier without a result, and the states they leave.
_CLOSING = ("refuse", "withdraw", "refuse_after_review", "stop", "close_unsupplemented", "cancel")
_CLOSED = ("refused", "withdrawn", "refused_after_review", "stopped", "closed", "cancelled")
_NO_RESULT = ("withdrawn", "stopped", "closed", "cancelled")  # nothing came back from the unit


def column_count() -> int:
    return sum(max(1, len(subs)) for _, subs in HEADER_GROUPS)


def column_numbers() -> list[str]:
    """The row of column numbers under the header: (1), (2)…"""
    return [f"({i})" for i in range(1, column_count() + 1)]


def ledger_form(end: date) -> tuple[str, str, str]:
    """(number, title, circular) of the ledger for a period ending on `end`.

    A period is kept in the book in force on its last day: a ledger from June to July 2025 is the
    Mẫu 07 of TT 03/2025 (NĐ 118/2025 has no transitional article on registers). Its rows still
    follow each dossier's own rule set (the notes).
    """
    rules = rule_sets.for_received(datetime(end.year, end.month, end.day, tzinfo=TZ))
    form = rules.form("ledger")
    return form.number, form.title, rules.circular


def ledger_mark_line(end: date) -> str:
    """'Mẫu số 07 – Thông tư số 03/2025/TT-VPCP' for a period ending on `end`."""
    number, _title, circular = ledger_form(end)
    return f"Mẫu số {number} – {circular}"


def ledger_period_line(start: date, end: date) -> str:
    return f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


@dataclass(frozen=True)
class LedgerRow:
    """One line of the ledger. Times are aware, in Hà Nội local time."""

    number: int  # TT, from 1 in ledger order
    code: str
    procedure_code: str
    procedure_name: str
    sets_count: int
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    department: str  # "" when the dossier was never transferred
    status: str
    channel: str
    received_at: datetime
    due_at: datetime  # the appointment the unit is held to (an apology does not move it)
    apology_due_at: datetime | None
    transferred_at: datetime | None  # the first transfer
    transferred_to: str  # its handed_to: "<department>" or "<department> — <officer>"
    finished_at: datetime | None  # result (or refusal) back at the counter
    returned_at: datetime | None
    returned_to: str  # who took the result
    note: str  # Ghi chú
    extended_due_at: datetime | None = None  # NĐ 118/2025 Điều 19 k6: the one extension's appointment
    first_late_at: datetime | None = None  # the deadline first passed (late once, late for good)

    @property
    def cancelled(self) -> bool:
        """A mistaken intake: printed struck through."""
        return self.status == "cancelled"

    @property
    def address_phone(self) -> str:
        """'<address>, ĐT: <phone>', either part left out when empty."""
        return ", ".join(self.address_lines())

    def address_lines(self) -> list[str]:
        """The address, then 'ĐT: <phone>'; either left out when empty."""
        address, phone = self.applicant_address.strip(), self.applicant_phone.strip()
        return ([address] if address else []) + ([f"ĐT: {phone}"] if phone else [])


def ledger_rows(session: Session, site: Site, start: date, end: date) -> Iterator[LedgerRow]:
    """The ledger's rows for dossiers received in [start, end], streamed from one query.

    A generator: consume it while the session is open. ValueError when start > end.
    """
    return _rows(session, site, *instants(start, end, site.calendar.tz))


def _rows(session: Session, site: Site, t0: datetime, t1: datetime) -> Iterator[LedgerRow]:
    d = Dossier
    first_transfer, closing = aliased(DossierEvent), aliased(DossierEvent)
    first_transfer_id = (
        select(func.min(DossierEvent.id))
        .where(DossierEvent.dossier_id == d.id, DossierEvent.action == "transfer")
        .correlate(d).scalar_subquery())
    closing_id = (
        select(func.max(DossierEvent.id))
        .where(DossierEvent.dossier_id == d.id, DossierEvent.action.in_(_CLOSING))
        .correlate(d).scalar_subquery())
    query = (
        select(d.code, Procedure.code, Procedure.name, d.sets_count, Applicant.name, Applicant.address,
               Applicant.phone, Department.name, d.status, d.channel, d.received_at, d.due_at,
               d.apology_due_at, first_transfer.at, first_transfer.handed_to, d.finished_at, d.returned_at,
               d.returned_to_kind, d.returned_to_name, closing.at, closing.note, d.extended_due_at,
               d.first_late_at)
        .select_from(d)
        .join(Procedure, d.procedure_id == Procedure.id)
        .join(Applicant, d.applicant_id == Applicant.id)
        .outerjoin(Department, d.department_id == Department.id)
        .outerjoin(first_transfer, first_transfer.id == first_transfer_id)
        # Only dossiers closed without a result look for their closing event.
        .outerjoin(closing, and_(d.status.in_(_CLOSED), closing.id == closing_id))
        .where(d.received_at >= t0, d.received_at < t1)
        .order_by(d.received_at, d.code)
        .execution_options(yield_per=_BATCH)
    )
    local = site.calendar.to_local

    def at(value: datetime | None) -> datetime | None:
        return None if value is None else local(value)

    for number, r in enumerate(session.execute(query), start=1):
        (code, procedure_code, procedure_name, sets_count, name, address, phone, department, status,
         channel, received_at, due, apology_due, transferred_at, handed_to, finished_at, returned_at,
         returned_kind, returned_name, closed_at, closing_note, extended_due, first_late) = r
        row = LedgerRow(
            number=number, code=code, procedure_code=procedure_code, procedure_name=procedure_name,
            sets_count=sets_count, applicant_name=name, applicant_address=address or "",
            applicant_phone=phone or "", department=department or "", status=status, channel=channel,
            received_at=local(received_at), due_at=local(due), apology_due_at=at(apology_due),
            transferred_at=at(transferred_at), transferred_to=handed_to or "",
            finished_at=None if status in _NO_RESULT else at(finished_at),
            returned_at=at(returned_at), returned_to=returned_name or "", note="",
            extended_due_at=at(extended_due), first_late_at=at(first_late),
        )
        note = _note(row, returned_kind or "", at(closed_at), closing_note or "")
        yield replace(row, note=note) if note else row


def _reason(note: str) -> str:
    """The 'Lý do: …' line of an event note written by onestop.dossiers.lifecycle."""
    for line in note.splitlines():
        if line.startswith("Lý do: "):
            return line[len("Lý do: "):].strip()
    return ""


def _note(row: LedgerRow, returned_kind: str, closed_at: datetime | None, closing_note: str) -> str:
    """Ghi chú, short, as a counter officer writes it: '…; …', the first letter capital."""
    parts: list[str] = []
    reason = _reason(closing_note)
    because = f": {reason}" if reason else ""
    when = f" ngày {closed_at:%d/%m/%Y}" if closed_at is not None else ""
    if row.cancelled:
        parts.append(CANCELLED_NOTE + because)  # first: it is what the struck row means
    if row.channel == "online":
        parts.append("nộp trực tuyến")
    elif row.channel == "post":
        parts.append("nộp qua bưu chính")
    if row.status == "refused":
        parts.append("từ chối giải quyết" + because)
    elif row.status == "refused_after_review":
        parts.append("từ chối giải quyết sau thẩm tra" + because)  # NĐ 118/2025 Điều 19 k3
    elif row.status == "withdrawn":
        parts.append(f"rút hồ sơ{when}" + because)
    elif row.status == "stopped":
        parts.append(f"dừng giải quyết theo đề nghị{when}" + because)  # Điều 21
    elif row.status == "closed":
        parts.append(f"đóng hồ sơ{when}: không bổ sung hồ sơ trong hạn")  # Điều 19 k5
    late = row.status in ("result_ready", "returned") and row.finished_at is not None \
        and (row.first_late_at is not None or row.finished_at > row.due_at)
    rescheduled = [f"xin lỗi, hẹn lại {row.apology_due_at:%d/%m/%Y}"] if row.apology_due_at is not None else []
    if row.extended_due_at is not None:
        rescheduled.append(f"gia hạn đến {row.extended_due_at:%d/%m/%Y}")
    if late:
        parts.append(", ".join(["quá hạn", *rescheduled]))
    elif rescheduled:
        parts.append(", ".join(rescheduled))
    if returned_kind == "authorised" and row.returned_to:
        parts.append(f"trả cho người được ủy quyền: {row.returned_to}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]
