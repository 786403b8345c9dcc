"""The counter's lists: open, due soon, overdue, over the statutory time, finished today; search.

Every list pages with a keyset (the last row's sort key), so a screen never loads the whole
table; counts and pages use the (closed_at, due_at, …) indexes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, tuple_
from sqlalchemy.orm import Session

from onestop import validation as v
from onestop.db.models import Applicant, Dossier, Procedure
from onestop.dossiers import lateness
from onestop.dossiers.statuses import PAUSED
from onestop.office.codes import extract_code
from onestop.office.site import Site
from onestop.text import fold


class View(StrEnum):
    OPEN = "open"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    OVER_STATUTORY = "over_statutory"
    NEEDS_APOLOGY = "needs_apology"
    FINISHED_TODAY = "finished_today"


VIEW_LABELS = {
    View.OPEN: "Đang giải quyết",
    View.DUE_SOON: "Sắp đến hạn",
    View.OVERDUE: "Quá hạn hẹn trả",
    View.OVER_STATUTORY: "Quá thời hạn quy định",
    View.NEEDS_APOLOGY: "Cần xin lỗi",
    View.FINISHED_TODAY: "Có kết quả hôm nay",
}


@dataclass(frozen=True)
class QueueRow:
    id: int
    code: str
    applicant_name: str
    phone: str
    id_number: str
    procedure_code: str
    procedure_name: str
    received_at: datetime
    due_at: datetime
    statutory_due_at: datetime
    finished_at: datetime | None
    status: str

    def sort_key(self, view: View) -> tuple:
        column = _ORDER[view][0].key
        return (getattr(self, column), self.id)


_COLUMNS = (Dossier.id, Dossier.code, Applicant.name, Applicant.phone, Applicant.id_number, Procedure.code,
            Procedure.name, Dossier.received_at, Dossier.due_at, Dossier.statutory_due_at,
            Dossier.finished_at, Dossier.status)
_ORDER = {
    View.OPEN: (Dossier.due_at, False),
    View.DUE_SOON: (Dossier.due_at, False),
    View.OVERDUE: (Dossier.due_at, False),
    View.OVER_STATUTORY: (Dossier.statutory_due_at, False),
    View.NEEDS_APOLOGY: (Dossier.due_at, False),
    View.FINISHED_TODAY: (Dossier.finished_at, True),
}


def _where(view: View, now: datetime, site: Site) -> list[ColumnElement[bool]]:
    is_open = Dossier.closed_at.is_(None)
    running = Dossier.status.not_in(PAUSED)
    if view is View.OPEN:
        return [is_open]
    if view is View.DUE_SOON:
        horizon = site.calendar.add_working_time(now, site.settings.due_soon)
        return [is_open, Dossier.due_at >= now, Dossier.due_at < horizon, running, Dossier.first_late_at.is_(None)]
    # Late once, late for good (onestop.dossiers.lateness): a restart or an extension does not take a file
    # out of these lists.
    if view is View.OVERDUE:
        return [is_open, lateness.late(now)]
    if view is View.OVER_STATUTORY:
        return [is_open, lateness.late_statutory(now)]
    if view is View.NEEDS_APOLOGY:
        # Late, and no new appointment (an extension's or an apology's) still ahead; a 2025 dossier
        # already rescheduled once cannot be again (Điều 19 k6): it stays in the overdue lists only.
        promised = func.coalesce(Dossier.extended_due_at, Dossier.apology_due_at)
        return [is_open, lateness.late(now),
                or_(promised.is_(None), and_(promised < now, Dossier.rule_set == "2018"))]
    cal = site.calendar
    start = datetime.combine(cal.to_local(now).date(), datetime.min.time(), tzinfo=cal.tz)
    return [Dossier.finished_at >= start, Dossier.finished_at < start + timedelta(days=1)]


def _rows(session: Session, query: Select) -> list[QueueRow]:
    return [QueueRow(*row) for row in session.execute(query)]


def _base() -> Select:
    return select(*_COLUMNS).join(Applicant, Dossier.applicant_id == Applicant.id).join(
        Procedure, Dossier.procedure_id == Procedure.id)


def count(session: Session, view: View, now: datetime, site: Site) -> int:
    return session.scalar(select(func.count()).select_from(Dossier).where(*_where(view, now, site))) or 0


def fetch_page(session: Session, view: View, now: datetime, site: Site, *,
               after: tuple | None = None, limit: int = 200) -> list[QueueRow]:
    column, descending = _ORDER[view]
    query = _base().where(*_where(view, now, site))
    if after is not None:
        key = tuple_(column, Dossier.id)
        query = query.where(key < tuple_(*after) if descending else key > tuple_(*after))
    order = (column.desc(), Dossier.id.desc()) if descending else (column, Dossier.id)
    return _rows(session, query.order_by(*order).limit(limit))


_DIGITS = re.compile(r"^[\d\s.+-]+$")


def search(session: Session, text: str, limit: int = 200) -> list[QueueRow]:
    """Finds dossiers by code, CCCD or tax code, phone, or the start of the applicant's name."""
    text = text.strip()
    if not text:
        return []
    query = _base().order_by(Dossier.received_at.desc(), Dossier.id.desc()).limit(limit)
    code = extract_code(text)
    if code is not None:
        return _rows(session, query.where(Dossier.code == code))
    if _DIGITS.match(text):
        digits = re.sub(r"\D", "", text)
        keys = {digits}
        try:
            keys.add(v.clean_phone(text))
        except v.ValidationError:
            pass
        return _rows(session, query.where(Applicant.phone.in_(keys) | Applicant.id_number.in_(keys)))
    folded = fold(text)
    name = Applicant.name_folded
    if session.get_bind().dialect.name != "sqlite":
        rows = _rows(session, query.where(name.startswith(folded, autoescape=True)))
        return rows or _rows(session, query.where(name.contains(folded, autoescape=True)))
    # SQLite keeps no statistics, so the plan is chosen here by counting matches (up to a cap).
    # A million dossiers, measured with benchmarks/bench_counter.py.
    prefix = and_(name >= folded, name < folded + "\x7f")  # what the name index can serve
    if _matches(session, prefix, COMMON_PREFIX) >= COMMON_PREFIX:
        # Through the name index SQLite would fetch every match to sort them (250 ms for
        # "nguyen"). The same test written so that the index cannot serve it makes SQLite walk
        # the dossiers newest first and stop at `limit` matches (6 ms).
        return _rows(session, query.where(func.substr(name, 1, len(folded)) == folded))
    rows = _rows(session, query.where(prefix))
    if rows:
        return rows
    inside = name.contains(folded, autoescape=True)
    # At most one pass over the name index (~70 ms), where walking every dossier to find few or
    # no matches (a typo) took 600 ms.
    applicants = session.scalars(select(Applicant.id).where(inside).limit(COMMON_SUBSTRING)).all()
    if len(applicants) < COMMON_SUBSTRING:  # that is all of them: sort their dossiers
        return _rows(session, query.where(Dossier.applicant_id.in_(applicants))) if applicants else []
    return _rows(session, query.where(inside))  # many: newest dossiers first, stopping at `limit`


# Match counts above which walking the dossiers newest first beats sorting all the matches.
COMMON_PREFIX = 5000
COMMON_SUBSTRING = 2000


def _matches(session: Session, condition: ColumnElement[bool], cap: int) -> int:
    """How many applicants match, counting no further than `cap`."""
    matches = select(Applicant.id).where(condition).limit(cap).subquery()
    return session.scalar(select(func.count()).select_from(matches)) or 0


def find_by_code(session: Session, code: str) -> QueueRow | None:
    rows = _rows(session, _base().where(Dossier.code == code.strip()))
    return rows[0] if rows else None
