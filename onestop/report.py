"""The periodic report on dossier handling (issue 4), aggregated in SQL.

For a period [start, end] of local dates (both included; the period runs from start 00:00 to the
day after end 00:00, Asia/Ho_Chi_Minh), grouped by field or by procedure, each row counts:

- carried_over: received before the period and still open when it starts (not closed before it);
- received_online / received_direct: received within the period online / in person or by post;
- resolved_early / resolved_on_time / resolved_late: result ready (finished_at) within the period,
  refusals excluded, classified against due_at as DESIGN.md says (an apology changes nothing);
- in_progress_within / in_progress_overdue: received before the period's end and still open at
  its end; overdue when the appointment in force at the end had passed — the latest receipt,
  restart or resume appointment given by then (not the apology's) — except that a dossier whose
  clock was stopped at the end counts as overdue only if it was already late when the clock stopped;
- returned / refused / withdrawn: returned_at / refusal / withdrawal within the period.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from db.models import Appointment, Dossier, DossierPause, Field, Procedure
from onestop.site import Site
from onestop.text import fold

COUNTS = ("carried_over", "received_online", "received_direct", "resolved_early", "resolved_on_time",
          "resolved_late", "in_progress_within", "in_progress_overdue", "returned", "refused", "withdrawn")
GROUPINGS = ("field", "procedure")
_CLOCK_KINDS = ("receipt", "restart", "resume")  # appointments that set the deadline; not apologies


@dataclass(frozen=True)
class ReportRow:
    key: str
    name: str
    counts: dict[str, int]


@dataclass(frozen=True)
class Report:
    start: date
    end: date
    by: str
    rows: list[ReportRow]
    total: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "by": self.by,
                "rows": [{"key": r.key, "name": r.name, **r.counts} for r in self.rows],
                "total": dict(self.total)}

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["key", "name", *COUNTS])
        for r in self.rows:
            writer.writerow([r.key, r.name, *(r.counts[c] for c in COUNTS)])
        writer.writerow(["total", "Tổng cộng", *(self.total[c] for c in COUNTS)])
        return out.getvalue()


def _local_date(session: Session, column: ColumnElement) -> ColumnElement:
    """The Hà Nội calendar date of a stored UTC instant (Việt Nam keeps +07:00 all year)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.date(func.timezone("Asia/Ho_Chi_Minh", column))
    return func.date(column, "+7 hours")


def _between(column: ColumnElement, start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(column >= start, column < end)


def periodic_report(session: Session, site: Site, start: date, end: date, by: str = "field") -> Report:
    if by not in GROUPINGS:
        raise ValueError("Chỉ tổng hợp theo lĩnh vực (field) hoặc thủ tục (procedure).")
    if start > end:
        raise ValueError("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")
    tz = site.calendar.tz
    t0 = datetime.combine(start, time(), tz)
    t1 = datetime.combine(end + timedelta(days=1), time(), tz)
    d = Dossier
    received_in = _between(d.received_at, t0, t1)
    finished_in = and_(_between(d.finished_at, t0, t1), d.status != "refused")
    open_at_end = and_(d.received_at < t1, or_(d.closed_at.is_(None), d.closed_at >= t1))
    due_then = func.coalesce(
        select(Appointment.due_at).where(Appointment.dossier_id == d.id, Appointment.kind.in_(_CLOCK_KINDS),
                                         Appointment.given_at < t1)
        .order_by(Appointment.given_at.desc(), Appointment.id.desc()).limit(1).scalar_subquery(),
        d.due_at)
    # Office time left when a clock still stopped at the period's end was stopped (NULL: running).
    left_when_paused = (
        select(DossierPause.committed_left_s).where(
            DossierPause.dossier_id == d.id, DossierPause.started_at < t1,
            or_(DossierPause.ended_at.is_(None), DossierPause.ended_at >= t1))
        .order_by(DossierPause.started_at.desc()).limit(1).scalar_subquery())
    overdue_then = case((left_when_paused.is_not(None), left_when_paused < 0), else_=due_then < t1)
    early = _local_date(session, d.finished_at) < _local_date(session, d.due_at)
    conditions = {
        "carried_over": and_(d.received_at < t0, or_(d.closed_at.is_(None), d.closed_at >= t0)),
        "received_online": and_(received_in, d.channel == "online"),
        "received_direct": and_(received_in, d.channel != "online"),
        "resolved_early": and_(finished_in, d.finished_at <= d.due_at, early),
        "resolved_on_time": and_(finished_in, d.finished_at <= d.due_at, ~early),
        "resolved_late": and_(finished_in, d.finished_at > d.due_at),
        "in_progress_within": and_(open_at_end, ~overdue_then),
        "in_progress_overdue": and_(open_at_end, overdue_then),
        "returned": _between(d.returned_at, t0, t1),
        "refused": and_(d.status == "refused", _between(d.closed_at, t0, t1)),
        "withdrawn": and_(d.status == "withdrawn", _between(d.closed_at, t0, t1)),
    }
    key, name = (Field.name, Field.name) if by == "field" else (Procedure.code, Procedure.name)
    sums = [func.sum(case((cond, literal(1)), else_=literal(0))).label(c) for c, cond in conditions.items()]
    # Only dossiers that can count anywhere: received by the end, not closed and returned before the start.
    relevant = and_(d.received_at < t1, or_(d.closed_at.is_(None), d.closed_at >= t0, d.returned_at >= t0))
    query = (select(key.label("key"), name.label("name"), *sums)
             .select_from(d).join(Procedure, d.procedure_id == Procedure.id).join(Field, Procedure.field_id == Field.id)
             .where(relevant).group_by(key, name))
    rows = []
    for row in session.execute(query):
        counts = {c: int(getattr(row, c) or 0) for c in COUNTS}
        if any(counts.values()):
            rows.append(ReportRow(row.key, row.name, counts))
    # Sorted here, as a reader expects ("Đất đai" among the D's), and the same on every engine.
    rows.sort(key=lambda r: (fold(r.key), r.key))
    total = {c: sum(r.counts[c] for r in rows) for c in COUNTS}
    return Report(start, end, by, rows, total)
