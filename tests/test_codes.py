"""Dossier codes: distinct and consecutive under concurrent desks, and gapless after a failure."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from db.models import CodeCounter, Dossier
from db.session import Database
from onestop.codes import extract_code, format_code
from onestop.intake import DocumentReceived, IntakeRequest, save_intake
from tests.conftest import ENGINES, MONDAY_0915

DESKS = 8
SAVES_PER_DESK = 6


def _request(i: int) -> IntakeRequest:
    return IntakeRequest(procedure_code="1.001193", name="Trần Văn Bình", id_number=f"0011900{i:05d}",
                         phone="0912345678")


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_concurrent_desks_get_distinct_consecutive_codes(site_db, database_url):
    db, site = site_db
    codes: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(DESKS)

    def desk(n: int) -> None:
        own = Database(database_url)  # each desk has its own connection pool, like a separate PC
        try:
            start.wait()
            for k in range(SAVES_PER_DESK):
                saved = save_intake(own, site, _request(n * 100 + k), now=MONDAY_0915, user=f"desk{n}")
                codes.append(saved.code)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(DESKS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    total = DESKS * SAVES_PER_DESK
    day = site.calendar.to_local(MONDAY_0915).date()
    assert sorted(codes) == [format_code(site.agency.code, day, n) for n in range(1, total + 1)]
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == total


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_failed_save_leaves_no_gap(site_db):
    db, site = site_db
    first = save_intake(db, site, _request(1), now=MONDAY_0915, user="cb")
    # A document pointing at a required paper that does not exist fails on its foreign key,
    # after the code was taken and the dossier row written: the whole save must roll back.
    broken = _request(2)
    broken.documents = [DocumentReceived(999_999, "Giấy không có trong danh mục", "original", 1)]
    with pytest.raises(IntegrityError):
        save_intake(db, site, broken, now=MONDAY_0915, user="cb")
    second = save_intake(db, site, _request(3), now=MONDAY_0915, user="cb")
    assert first.code.endswith("-0001")
    assert second.code.endswith("-0002")
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 2
        assert session.scalar(select(CodeCounter.last_number)) == 2


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_sequence_restarts_each_local_day(site_db):
    db, site = site_db
    # 23:30 UTC on Monday is already Tuesday 06:30 in Hà Nội: the code takes the local date.
    late = MONDAY_0915.replace(hour=23, minute=30)
    a = save_intake(db, site, _request(1), now=MONDAY_0915, user="cb")
    b = save_intake(db, site, _request(2), now=late + timedelta(hours=1), user="cb")
    assert a.code == f"{site.agency.code}-261123-0001"
    assert b.code == f"{site.agency.code}-261124-0001"


def test_extract_code_from_scanner_text():
    code = "000.00.12.H26-261123-0007"
    assert extract_code(code) == code
    assert extract_code(f"https://dichvucong.example.vn/tra-cuu?ma={code}") == code
    assert extract_code("  000.00.12.h26-261123-0007\n") == code
    assert extract_code("Nguyễn Văn A") is None
