"""Weekly figures for the charts, on SQLite and PostgreSQL, worked out by hand."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionRequest, apply
from onestop.figures.trends import WeekFlow, weekly_flow
from onestop.people.accounts import Actor
from tests.conftest import ENGINES

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 1, 9, tzinfo=TZ)


def t(day: int, month: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_weekly_flow(site_db):
    db, site = site_db
    cases = [
        # (procedure, received, finished or None, refused?)
        ("1.004884", t(9, 11, 9), t(11, 11, 10), False),  # 3d: due 12/11 09:00, finished in time
        ("1.004884", t(13, 11, 9), t(19, 11, 9), False),  # due 18/11 09:00 (wk 16/11): late
        ("DP.CT.01", t(15, 11, 23, 30), None, False),  # Sunday 23:30 Hà Nội (16:30 UTC): week of 9/11
        ("DP.CT.01", t(16, 11, 6, 30), t(16, 11, 10), False),  # Monday 06:30 (Sunday 23:30 UTC): week of 16/11
        ("DP.DD.02", t(17, 11, 9), t(18, 11, 9), True),  # refused: received, never resolved
    ]
    for procedure, received, finished, refused in cases:
        req = IntakeRequest(procedure_code=procedure, name="Trần Thị Bình", id_number="001190012345",
                            received_at=received)
        code = save_intake(db, site, req, now=NOW, actor=Actor.named("cb")).code
        if finished is not None:
            action = ({"action": "refuse_after_review", "reason": "Không đủ điều kiện", "legal_basis": "Luật"}
                      if refused else {"action": "finish"})
            apply(db, site, code, TransitionRequest( at=finished, **action), actor=Actor.named("cb"), now=NOW)
    with db.read() as s:
        weeks = weekly_flow(s, site, date(2026, 11, 4), date(2026, 11, 23))
    assert weeks == [
        WeekFlow(date(2026, 11, 2), 0, 0, 0),
        WeekFlow(date(2026, 11, 9), 3, 1, 1),
        WeekFlow(date(2026, 11, 16), 2, 2, 1),
        WeekFlow(date(2026, 11, 23), 0, 0, 0),
    ]
    assert weeks[2].on_time_rate == 50.0 and weeks[0].on_time_rate is None
