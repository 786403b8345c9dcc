"""The supervisor's review of late and at-risk dossiers (issue 4).

One SQL query finds the open dossiers that are over the statutory time, past the appointment
(overdue) or due soon at `now`; group counts by department, field, procedure or officer are
aggregated in SQL too. A dossier whose clock is stopped (awaiting papers or payment) is late only
if it was already late when the clock stopped, as in the periodic report; it is never "due soon".
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cache, lru_cache
from typing import NamedTuple

from sqlalchemy import ColumnElement, Select, and_, bindparam, case, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from onestop.clock.calendar import WorkCalendar
from onestop.clock.worktime import OfficeTimeline, posix_us
from onestop.db.models import Applicant, Department, Dossier, DossierPause, Field, Procedure
from onestop.db.types import UTCDateTime
from onestop.dossiers.lateness import late as late_at
from onestop.dossiers.lateness import late_statutory as late_statutory_at
from onestop.dossiers.statuses import RUNNING
from onestop.office.site import Site
from onestop.text import fold


class Lateness(StrEnum):
    OVER_STATUTORY = "over_statutory"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"


_LATENESS = {k.value: k for k in Lateness}  # Lateness(value) costs microseconds a row
LATENESS_LABELS = {
    Lateness.OVER_STATUTORY: "Quá thời hạn quy định",
    Lateness.OVERDUE: "Quá hạn hẹn trả",
    Lateness.DUE_SOON: "Sắp đến hạn",
}
GROUPINGS = ("department", "field", "procedure", "officer")
GROUPING_LABELS = {"department": "Phòng, ban", "field": "Lĩnh vực", "procedure": "Thủ tục", "officer": "Cán bộ xử lý"}
NO_DEPARTMENT = "Chưa chuyển xử lý"
NO_OFFICER = "Chưa giao cán bộ"


@dataclass(frozen=True)
class LateFilter:
    """What the supervisor narrows the review to; None means any."""

    kinds: frozenset[Lateness] = frozenset(Lateness)
    group_by: str | None = None  # with group_key: only the dossiers of one group
    group_key: str | None = None
    apologised: bool | None = None


class LateItem(NamedTuple):  # a tuple: thousands are built per refresh
    id: int
    code: str
    applicant_name: str
    procedure_code: str
    procedure_name: str
    field_name: str
    department: str
    officer: str
    status: str
    due_at: datetime
    apology_due_at: datetime | None
    lateness: Lateness
    days_overdue: float  # working days past the appointment; negative: working days still left

    @property
    def apologised(self) -> bool:
        return self.apology_due_at is not None


@dataclass(frozen=True)
class LateGroup:
    key: str
    over_statutory: int
    overdue: int  # past the appointment, over the statutory time included
    due_soon: int
    apologised: int  # among the overdue

    @property
    def total(self) -> int:
        return self.overdue + self.due_soon


_NOW, _HORIZON = bindparam("now", type_=UTCDateTime()), bindparam("horizon", type_=UTCDateTime())


@cache
def _shape():
    """The lateness expression, the WHERE clause, the groupings and the joins shared by the list
    and the counts; built once (with `now` and `horizon` as parameters), as building it took longer
    than running it."""
    d = Dossier
    pause = aliased(DossierPause)
    running = d.status.in_(RUNNING)
    # Late once, late for good (onestop.dossiers.lateness): a file late when its clock stopped, or before a
    # restart or an extension, stays in the review.
    over_statutory = late_statutory_at(_NOW)
    overdue = late_at(_NOW)
    lateness = case((over_statutory, literal(Lateness.OVER_STATUTORY.value)),
                    (overdue, literal(Lateness.OVERDUE.value)), else_=literal(Lateness.DUE_SOON.value))
    # statutory_due_at >= due_at: open and running up to the horizon, or late already; the index
    # on (closed_at, due_at) serves the open ones.
    where = [d.closed_at.is_(None), or_(and_(running, d.due_at < _HORIZON), d.first_late_at.is_not(None))]
    groups = {
        "department": func.coalesce(Department.name, NO_DEPARTMENT),
        "field": Field.name,
        "procedure": Procedure.code + literal(" — ") + Procedure.name,
        "officer": case((d.handler == "", literal(NO_OFFICER)), else_=d.handler),
    }
    joins = lambda q: (q.select_from(d)  # noqa: E731
                       .join(Procedure, d.procedure_id == Procedure.id)
                       .join(Field, Procedure.field_id == Field.id)
                       .outerjoin(Department, d.department_id == Department.id)
                       .outerjoin(pause, and_(pause.dossier_id == d.id, pause.ended_at.is_(None))))
    return pause, lateness, where, groups, joins


def _promised() -> ColumnElement:
    """The new appointment given to the applicant, by an extension (2025) or an apology."""
    return func.coalesce(Dossier.extended_due_at, Dossier.apology_due_at)


def _params(site: Site, now: datetime) -> dict[str, datetime]:
    return {"now": now, "horizon": site.calendar.add_working_time(now, site.settings.due_soon)}


@lru_cache(maxsize=8)
def _timeline(cal: WorkCalendar, first: date, last: date) -> OfficeTimeline:
    # A year of days for the files stuck since last year: built once per day, not per refresh.
    return OfficeTimeline(cal, first, last)


def _filters(lateness: ColumnElement, groups: dict, flt: LateFilter) -> list[ColumnElement[bool]]:
    where = []
    if flt.kinds != frozenset(Lateness):
        where.append(lateness.in_([k.value for k in flt.kinds]))
    if flt.group_by is not None and flt.group_key is not None:
        where.append(groups[flt.group_by] == flt.group_key)
    if flt.apologised is not None:
        where.append(_promised().is_not(None) if flt.apologised else _promised().is_(None))
    return where


@lru_cache(maxsize=64)
def _list_statement(flt: LateFilter) -> Select:
    pause, late_kind, where, groups, joins = _shape()
    d = Dossier
    return joins(select(
        d.id, d.code, Applicant.name, Procedure.code, Procedure.name, Field.name, groups["department"],
        # The deadline first missed, if any: a restart's later due_at does not shorten the lateness.
        groups["officer"], d.status, func.coalesce(d.first_late_at, d.due_at).label("due_at"), _promised(),
        late_kind.label("lateness"), pause.committed_left_s,
    )).join(Applicant, d.applicant_id == Applicant.id).where(*where, *_filters(late_kind, groups, flt))


def late_review(session: Session, site: Site, now: datetime, flt: LateFilter = LateFilter()) -> list[LateItem]:
    """Every late or at-risk dossier matching the filter, the most overdue first."""
    # Core rows straight from the connection: the ORM layer doubled the cost of a long list.
    rows = session.connection().execute(_list_statement(flt), _params(site, now)).all()
    cal = site.calendar
    instants = [now, *(row.due_at for row in rows)]
    # Some files are months late: one timeline rather than walking their days one by one.
    timeline = _timeline(cal, cal.to_local(min(instants)).date(), cal.to_local(max(instants)).date())
    lefts = timeline.between([posix_us(now)] * len(rows), [posix_us(row.due_at) for row in rows])
    day = -cal.working_day_length.total_seconds() * 1_000_000
    items = [LateItem(*row[:-2], _LATENESS[row[-2]],
                      round((left if row[-1] is None else row[-1] * 1_000_000) / day, 1))  # stopped: left then
             for row, left in zip(rows, lefts)]
    items.sort(key=lambda i: (-i.days_overdue, i.code))
    return items


def late_groups(session: Session, site: Site, now: datetime, by: str,
                flt: LateFilter = LateFilter()) -> list[LateGroup]:
    """Counts per department, field, procedure or officer, largest first."""
    if by not in GROUPINGS:
        raise ValueError(f"Không nhóm được theo «{by}».")
    rows = [LateGroup(row[0], *(int(n or 0) for n in row[1:]))
            for row in session.execute(_groups_statement(by, flt), _params(site, now))]
    rows.sort(key=lambda g: (-g.overdue, -g.total, fold(g.key)))
    return rows


@lru_cache(maxsize=64)
def _groups_statement(by: str, flt: LateFilter) -> Select:
    pause, lateness, where, groups, joins = _shape()
    key = groups[by]

    late = lateness != Lateness.DUE_SOON.value
    return joins(select(
        key.label("key"),
        func.count().filter(lateness == Lateness.OVER_STATUTORY.value),
        func.count().filter(late),
        func.count().filter(lateness == Lateness.DUE_SOON.value),
        func.count().filter(and_(late, _promised().is_not(None))),
    )).where(*where, *_filters(lateness, groups, flt)).group_by(key)
