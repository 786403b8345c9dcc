"""Week-by-week figures for the supervisor's charts, counted in SQL by local (Hà Nội) week."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from onestop.db.models import Dossier, Procedure
from onestop.dossiers.lateness import result_on_time
from onestop.figures.report import resolved_in
from onestop.office.site import Site


@dataclass(frozen=True)
class WeekFlow:
    monday: date
    received: int
    resolved: int  # result ready in the week, refusals excluded (as in the periodic report)
    on_time: int  # of those, by the appointment (early included)

    @property
    def on_time_rate(self) -> float | None:
        return 100 * self.on_time / self.resolved if self.resolved else None


def weekly_flow(session: Session, site: Site, first: date, last: date) -> list[WeekFlow]:
    """One entry per week (Monday to Sunday, Hà Nội time) from the week of `first` to that of `last`."""
    first -= timedelta(days=first.weekday())
    mondays = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    tz = site.calendar.tz
    bounds = [datetime.combine(m, time(), tz) for m in [*mondays, mondays[-1] + timedelta(weeks=1)]]
    d = Dossier
    # One index range per week and figure, in one statement: no per-row date arithmetic, no sort.
    by_procedure = d.procedure_id.in_(select(Procedure.id))  # the covering (procedure, finished…) index
    figures = []
    for t0, t1 in zip(bounds, bounds[1:]):
        finished = [by_procedure, resolved_in(t0, t1)]
        figures += [
            select(func.count()).select_from(d).where(d.received_at >= t0, d.received_at < t1).scalar_subquery(),
            select(func.count()).select_from(d).where(*finished).scalar_subquery(),
            select(func.count()).select_from(d).where(*finished, result_on_time()).scalar_subquery(),
        ]
    row = session.execute(select(*figures)).one()
    return [WeekFlow(m, *row[3 * i:3 * i + 3]) for i, m in enumerate(mondays)]
