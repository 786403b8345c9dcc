"""Demo data: exactly the number of dossiers asked for, whatever the hour (issue 10)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from onestop.clock.calendar import TZ
from onestop.db.models import Dossier, Procedure
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.installation.demo import generate
from onestop.office.codes import format_code, parse_code
from onestop.people.accounts import Actor
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


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_demo_codes_follow_the_deciding_agency_and_the_centralised_form(site_db):
    """The demo numbers its dossiers as an intake would (NĐ 118/2025 Điều 28; TT 03/2025 Điều 13 k3):
    in each deciding agency's series of the day, without gaps, and an intake afterwards continues it."""
    db, site = site_db
    site = site.with_settings(replace(site.settings, centralised_code_digits="07"))
    with db.write() as session:
        for procedure in session.scalars(select(Procedure).where(Procedure.level == "province")):
            procedure.deciding_agency_code = "H55.242"
    now = datetime(2026, 12, 3, 15, 18, tzinfo=TZ)
    generate(db, site, dossiers=400, seed=3, now=now)
    with db.read() as session:
        rows = session.execute(select(Dossier.code, Procedure.level).join(Procedure)).all()
    series: dict[tuple[str, str], list[int]] = {}
    for code, level in rows:
        identifier, day, number = parse_code(code, "07")
        assert code == format_code(identifier, date(2000 + int(day[:2]), int(day[2:4]), int(day[4:])), number, "07")
        assert identifier == ("H55.242" if level == "province" else site.agency.code)
        series.setdefault((identifier, day), []).append(number)
    assert {identifier for identifier, _ in series} == {"H55.242", site.agency.code}
    assert all(sorted(numbers) == list(range(1, len(numbers) + 1)) for numbers in series.values())
    (identifier, day), numbers = max(((key, n) for key, n in series.items() if key[0] == "H55.242"),
                                     key=lambda item: item[0][1])
    received = datetime(2000 + int(day[:2]), int(day[2:4]), int(day[4:]), 16, 30, tzinfo=TZ)
    saved = save_intake(db, site, IntakeRequest(procedure_code="DP.LLTP.01", name="Lê Văn Tám",
                                                id_number="001080000001"), now=received, actor=Actor.named("cb"))
    assert saved.code == f"H55.242-{day}-07{len(numbers) + 1:04d}"
