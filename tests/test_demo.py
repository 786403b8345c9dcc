"""Demo data: exactly the number of dossiers asked for, whatever the hour (issue 10)."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from db.models import Dossier
from onestop.demo import generate
from onestop.calendar import TZ
from tests.conftest import ENGINES

HOURS = [
    datetime(2026, 12, 3, 7, 10, tzinfo=TZ),    # Thursday, before the office opens
    datetime(2026, 12, 3, 8, 0, tzinfo=TZ),     # the opening instant itself
    datetime(2026, 12, 3, 12, 30, tzinfo=TZ),   # lunch
    datetime(2026, 12, 3, 15, 18, tzinfo=TZ),   # the afternoon hour that used to lose dossiers
    datetime(2026, 12, 3, 22, 0, tzinfo=TZ),    # night
    datetime(2026, 12, 5, 10, 0, tzinfo=TZ),    # Saturday
    datetime(2027, 2, 15, 9, 0, tzinfo=TZ),     # the first working morning after Tết 2027
]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("now", HOURS, ids=lambda t: f"{t:%a-%H%M}")
def test_demo_data_makes_exactly_the_dossiers_asked_for_none_after_now(site_db, now):
    db, site = site_db
    result = generate(db, site, dossiers=30, seed=1, now=now)
    with db.read() as session:
        count, last = session.execute(select(func.count(), func.max(Dossier.received_at))).one()
    assert result.dossiers == count == 30
    assert last <= now and result.last_received == last
    assert site.calendar.is_office_time(last) or last == now
