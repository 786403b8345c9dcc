"""The counter's lists and search, on real databases with fixed clocks."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import update

from onestop.db.models import Dossier
from onestop.dossiers import queue
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.queue import View
from onestop.installation.demo import generate
from onestop.people.accounts import Actor
from tests.conftest import ENGINES


def _intake(db, site, at: datetime, procedure: str, name: str, cccd: str, phone: str = ""):
    req = IntakeRequest(procedure_code=procedure, name=name, id_number=cccd, phone=phone, received_at=at)
    return save_intake(db, site, req, now=at, actor=Actor.named("cb"))


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_lists_follow_the_appointment_and_the_statutory_time(site_db):
    db, site = site_db
    tz = site.calendar.tz
    # 1.001193 khai sinh: same day. Received Monday 09:00, due Monday 17:00.
    same_day = _intake(db, site, datetime(2026, 11, 23, 9, 0, tzinfo=tz), "1.001193", "Lê Văn Tám", "001080000001")
    # Lý lịch tư pháp: 10 working days by law, 7 committed.
    cut = _intake(db, site, datetime(2026, 11, 23, 9, 30, tzinfo=tz), "DP.LLTP.01", "Đỗ Thị Mai", "001180000002")
    # Finished this morning: not open any more, listed under finished today.
    done = _intake(db, site, datetime(2026, 11, 23, 8, 5, tzinfo=tz), "1.001193", "Phan Văn Hùng", "001080000003")
    finished = datetime(2026, 11, 23, 10, 0, tzinfo=tz)
    with db.write() as s:
        s.execute(update(Dossier).where(Dossier.code == done.code)
                  .values(status="result_ready", finished_at=finished, closed_at=finished))

    def codes(view: View, now: datetime) -> list[str]:
        with db.read() as s:
            rows = queue.fetch_page(s, view, now, site)
            assert queue.count(s, view, now, site) == len(rows)
        return [r.code for r in rows]

    monday_noon = datetime(2026, 11, 23, 12, 0, tzinfo=tz)
    assert codes(View.OPEN, monday_noon) == sorted([same_day.code, cut.code],
                                                   key=lambda c: {same_day.code: same_day.due_at, cut.code: cut.due_at}[c])
    assert codes(View.DUE_SOON, monday_noon) == [same_day.code]  # 4 working hours left < one day
    assert codes(View.OVERDUE, monday_noon) == []
    assert codes(View.FINISHED_TODAY, monday_noon) == [done.code]
    tuesday = datetime(2026, 11, 25, 9, 0, tzinfo=tz)  # 24/11 is a public holiday (Ngày Văn hóa)
    assert codes(View.OVERDUE, tuesday) == [same_day.code]
    assert codes(View.OVER_STATUTORY, tuesday) == [same_day.code]  # same day is also its statutory time
    assert codes(View.FINISHED_TODAY, tuesday) == []
    after_cut = cut.due_at + timedelta(minutes=1)
    assert cut.code in codes(View.OVERDUE, after_cut)
    assert cut.code not in codes(View.OVER_STATUTORY, after_cut)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_search_by_code_name_phone_and_cccd(site_db):
    db, site = site_db
    at = datetime(2026, 11, 23, 9, 0, tzinfo=site.calendar.tz)
    a = _intake(db, site, at, "1.001193", "Nguyễn Văn An", "001080000011", "0987654321")
    b = _intake(db, site, at, "1.001193", "Nguyễn Thị Ánh", "079190000022", "0912000111")
    with db.read() as s:
        def found(text: str) -> set[str]:
            return {r.code for r in queue.search(s, text)}

        assert found(a.code) == {a.code}
        assert found(a.code.lower()) == {a.code}
        assert found(f"https://tra-cuu.example.vn/?ma={b.code}") == {b.code}
        assert found("nguyen van an") == {a.code}
        assert found("NGUYEN") == {a.code, b.code}
        assert found("Nguyễn Thị") == {b.code}
        assert found("anh") == {b.code}  # no name starts with it: falls back to a name containing it
        assert found("0987 654 321") == {a.code}
        assert found("+84912000111") == {b.code}
        assert found("079190000022") == {b.code}
        assert found("không có ai") == set()


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_pages_cover_the_list_once_in_order(site_db):
    db, site = site_db
    now = datetime(2026, 11, 23, 9, 15, tzinfo=site.calendar.tz)
    made = generate(db, site, dossiers=700, seed=5, now=now).dossiers
    with db.write() as s:  # reopen them all, so that the open list is long enough to page
        s.execute(update(Dossier).values(closed_at=None))
    with db.read() as s:
        total = queue.count(s, View.OPEN, now, site)
        seen, after = [], None
        while True:
            page = queue.fetch_page(s, View.OPEN, now, site, after=after, limit=50)
            if not page:
                break
            seen.extend(page)
            after = page[-1].sort_key(View.OPEN)
    assert total == made > 600
    assert len(seen) == total == len({r.id for r in seen})
    keys = [(r.due_at, r.id) for r in seen]
    assert keys == sorted(keys)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_demo_year_has_open_overdue_files_and_intake_still_works(site_db):
    db, site = site_db
    now = datetime(2026, 11, 23, 9, 15, tzinfo=site.calendar.tz)
    generate(db, site, dossiers=1500, seed=11, now=now)
    with db.read() as s:
        assert queue.count(s, View.OVERDUE, now, site) > 0
        assert queue.count(s, View.OPEN, now, site) > queue.count(s, View.OVERDUE, now, site)
    # Demo rows carry explicit ids; the next ordinary save must not collide with them.
    saved = _intake(db, site, now, "1.001193", "Vũ Thị Lan", "001190000099")
    assert saved.code > f"{site.agency.code}-261123-0000"
