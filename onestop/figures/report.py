"""The periodic report on dossier handling (issue 4), aggregated in SQL.

For a period [start, end] of local dates (both included; the period runs from start 00:00 to the
day after end 00:00, Asia/Ho_Chi_Minh), grouped by field or by procedure, each row counts:

- carried_over: received before the period and still open when it starts (not closed before it);
- received_online / received_direct: received within the period online / in person or by post;
- resolved_early / resolved_on_time / resolved_late: result ready (finished_at) within the period,
  refusals excluded, classified against due_at as DESIGN.md says; late also when the file was late
  once before (first_late_at: a restart, a resume or an extension changes nothing);
- in_progress_within / in_progress_overdue: received before the period's end and still open at
  its end — or now, for a period not yet over; overdue when it was late once by then, or the
  appointment in force then had passed — the latest receipt, restart or resume appointment given by
  then (not an apology's or an extension's) — except that a dossier whose clock was stopped then
  counts as overdue only if it was already late when the clock stopped;
- returned / refused / withdrawn / closed: returned_at / refusal (at reception's counterpart or
  after review) / withdrawal or stop at the applicant's request / closure for papers never
  supplemented (NĐ 118/2025 Điều 19 k5; never counted as resolved) within the period.

Dossiers cancelled as mistaken intakes are in no count.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    case,
    func,
    literal,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from onestop.clock.periods import instants
from onestop.db.models import Appointment, Dossier, DossierPause, Field, Procedure
from onestop.db.types import UTCDateTime
from onestop.dossiers.lateness import result_on_time
from onestop.dossiers.statuses import REFUSALS
from onestop.files.spreadsheet_safety import csv_row
from onestop.office.site import Site
from onestop.text import fold

COUNTS = ("carried_over", "received_online", "received_direct", "resolved_early", "resolved_on_time",
          "resolved_late", "in_progress_within", "in_progress_overdue", "returned", "refused", "withdrawn",
          "closed")
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
            writer.writerow(csv_row([r.key, r.name, *(r.counts[c] for c in COUNTS)]))  # OWASP
        writer.writerow(["total", "Tổng cộng", *(self.total[c] for c in COUNTS)])
        return out.getvalue()


def _early(dialect: str, finished: ColumnElement, due: ColumnElement) -> ColumnElement[bool]:
    """The result came on an earlier Hà Nội date than the appointment's; only for finished <= due."""
    if dialect == "postgresql":
        local = lambda c: func.date(func.timezone("Asia/Ho_Chi_Minh", c))  # noqa: E731
        return local(finished) < local(due)
    # SQLite keeps naive UTC text (db/types.py). date(x, '+7 hours') on every row of a year cost
    # seconds; the local date is the UTC date, plus one from 17:00 UTC on. With finished <= due:
    day, hour = (lambda c: func.substr(c, 1, 10)), (lambda c: func.substr(c, 12, 2))
    early = case(
        (day(finished) == day(due), and_(hour(finished) < "17", hour(due) >= "17")),
        (or_(hour(finished) < "17", hour(due) >= "17"), literal(True)),
        # Finished after local midnight, due before it on a later UTC date: compare the dates.
        else_=func.date(finished, "+7 hours") < func.date(due, "+7 hours"))
    return early == literal(True)


def _between(column: ColumnElement, start: ColumnElement, end: ColumnElement) -> ColumnElement[bool]:
    return and_(column >= start, column < end)


def resolved_in(start: ColumnElement | datetime, end: ColumnElement | datetime) -> ColumnElement[bool]:
    """Resolved in [start, end): the result ready then, refusals excluded (counted apart)."""
    return and_(_between(Dossier.finished_at, start, end), Dossier.status.not_in(REFUSALS))


def _open_at(dialect: str, instant: ColumnElement) -> list[ColumnElement[bool]]:
    """Received before `instant` and still open then, as two conditions the closed_at index
    serves one after the other (an OR would make SQLite read every entry of the procedure)."""
    received = Dossier.received_at < instant
    if dialect == "sqlite":
        # Without statistics SQLite would range over received_at: all of history for a recent month.
        received = func.likelihood(received, literal_column("0.9"))
    return [and_(Dossier.closed_at.is_(None), received), and_(Dossier.closed_at >= instant, received)]


@cache
def _statement(dialect: str, by: str) -> Select:
    """One statement per engine and grouping, built once: each count over the range of one
    instant, procedure by procedure (see the indexes on Dossier), so that a month reads about a
    month of index entries and a year a year's; the parts are then summed by field or procedure."""
    d = Dossier
    t0, t1 = bindparam("t0", type_=UTCDateTime()), bindparam("t1", type_=UTCDateTime())
    # "Still open at the end" is counted at min(end, now): a month not over has no open files yet
    # at its end, and those open now are late only if they are late now.
    t_end = bindparam("t_end", type_=UTCDateTime())
    due_then = func.coalesce(
        select(Appointment.due_at).where(Appointment.dossier_id == d.id, Appointment.kind.in_(_CLOCK_KINDS),
                                         Appointment.given_at < t_end)
        .order_by(Appointment.given_at.desc(), Appointment.id.desc()).limit(1).scalar_subquery(),
        d.due_at)
    # Office time left when a clock still stopped at the period's end was stopped (NULL: running).
    left_when_paused = (
        select(DossierPause.committed_left_s).where(
            DossierPause.dossier_id == d.id, DossierPause.started_at < t_end,
            or_(DossierPause.ended_at.is_(None), DossierPause.ended_at >= t_end))
        .order_by(DossierPause.started_at.desc()).limit(1).scalar_subquery())
    # IS NOT NULL first: a NULL in the OR would leave the file in neither in-progress count.
    late_by_then = and_(d.first_late_at.is_not(None), d.first_late_at < t_end)
    overdue_then = or_(late_by_then, func.coalesce(left_when_paused < 0, due_then < t_end))
    on_time = result_on_time()
    early = _early(dialect, d.finished_at, d.due_at)
    # (counts → condition, None for every row), the range they are counted over
    parts = [
        ({"received_online": d.channel == "online", "received_direct": d.channel != "online"},
         _between(d.received_at, t0, t1)),
        ({"resolved_early": and_(on_time, early), "resolved_on_time": and_(on_time, ~early),
          "resolved_late": ~on_time}, resolved_in(t0, t1)),
        ({"returned": None}, _between(d.returned_at, t0, t1)),
        ({"refused": d.status.in_(REFUSALS), "withdrawn": d.status.in_(("withdrawn", "stopped")),
          "closed": d.status == "closed"}, _between(d.closed_at, t0, t1)),
        *(({"carried_over": None}, open_) for open_ in _open_at(dialect, t0)),
        *(({"in_progress_within": ~overdue_then, "in_progress_overdue": overdue_then}, open_)
          for open_ in _open_at(dialect, t_end)),
    ]
    # Walking the procedures makes every range an index range already in procedure order.
    known = and_(d.procedure_id.in_(select(Procedure.id)), d.status != "cancelled")
    selects = []
    for counts, where in parts:
        columns = [((func.count() if counts[c] is None else func.count().filter(counts[c])) if c in counts
                    else literal(0)).label(c) for c in COUNTS]
        selects.append(select(d.procedure_id, *columns).where(known, where).group_by(d.procedure_id))
    each = union_all(*selects).subquery()
    key, name = (Field.name, Field.name) if by == "field" else (Procedure.code, Procedure.name)
    return (select(key.label("key"), name.label("name"), *(func.sum(each.c[c]).label(c) for c in COUNTS))
            .join(Procedure, Procedure.id == each.c.procedure_id).join(Field, Procedure.field_id == Field.id)
            .group_by(key, name))


def periodic_report(session: Session, site: Site, start: date, end: date, by: str = "field", *,
                    now: datetime | None = None) -> Report:
    """The report of [start, end]; `now` (default: the period is over) caps "still open at the end"."""
    if by not in GROUPINGS:
        raise ValueError("Chỉ tổng hợp theo lĩnh vực (field) hoặc thủ tục (procedure).")
    t0, t1 = instants(start, end, site.calendar.tz)
    statement = _statement(session.get_bind().dialect.name, by)
    rows = []
    t_end = t1 if now is None else max(t0, min(t1, now))
    for row in session.execute(statement, {"t0": t0, "t1": t1, "t_end": t_end}):
        counts = {c: int(getattr(row, c) or 0) for c in COUNTS}
        if any(counts.values()):
            rows.append(ReportRow(row.key, row.name, counts))
    # Sorted here, as a reader expects ("Đất đai" among the D's), and the same on every engine.
    rows.sort(key=lambda r: (fold(r.key), r.key))
    total = {c: sum(r.counts[c] for r in rows) for c in COUNTS}
    return Report(start, end, by, rows, total)
