"""Dossier codes: distinct and consecutive under concurrent desks, and gapless after a failure."""
from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from db.models import CodeCounter, Dossier, Procedure
from db.session import Database
from onestop.accounts import Actor
from onestop.catalogue import CatalogueError, import_file
from onestop.codes import extract_code, format_code
from onestop.intake import DocumentReceived, IntakeRequest, save_intake
from onestop.site import validate_site
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


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_each_deciding_agency_has_its_own_series_of_the_day(site_db, tmp_path):
    """NĐ 118/2025 Điều 28 k2a: the code starts with the identifier of the agency that decides the
    case, set per procedure by the catalogue (both identifier styles); the counter's own otherwise."""
    db, site = site_db
    admin = Actor("admin", "Quản trị", "admin")
    header = "code,name,field,level,statutory,committed,documents,deciding_agency_code,supplement_request_days\n"
    good = tmp_path / "so.csv"
    good.write_text(header + '1.001193,Thủ tục đăng ký khai sinh,Hộ tịch,commune,same_day,same_day,'
                    '"bản chính x1: Tờ khai",H55.242,2\n'
                    'DP.LLTP.01,Cấp Phiếu lý lịch tư pháp,Lý lịch tư pháp,province,10d,7d,'
                    '"bản chính x1: Tờ khai",000.17.22.H56,\n', encoding="utf-8")
    with db.write() as session:
        import_file(session, good, admin, MONDAY_0915)
    birth = [save_intake(db, site, _request(i), now=MONDAY_0915, user="cb").code for i in range(2)]
    record = save_intake(db, site, IntakeRequest(procedure_code="DP.LLTP.01", name="Lê Văn Tám",
                                                 id_number="001080000001"), now=MONDAY_0915, user="cb").code
    other = save_intake(db, site, IntakeRequest(procedure_code="1.004884", name="Lê Văn Tám",
                                                id_number="001080000001"), now=MONDAY_0915, user="cb").code
    assert birth == ["H55.242-261123-0001", "H55.242-261123-0002"]
    assert record == "000.17.22.H56-261123-0001"
    assert other == f"{site.agency.code}-261123-0001"
    with db.read() as session:
        windows = dict(session.execute(select(Procedure.code, Procedure.supplement_request_days)
                                       .where(Procedure.code.in_(["1.001193", "DP.LLTP.01"]))).all())
    assert windows == {"1.001193": 2, "DP.LLTP.01": 3}  # an empty cell keeps the default
    bad = tmp_path / "sai.csv"
    bad.write_text(header + '1.001193,Thủ tục đăng ký khai sinh,Hộ tịch,commune,same_day,same_day,'
                   '"bản chính x1: Tờ khai",H55-242,0\n', encoding="utf-8")
    with pytest.raises(CatalogueError) as caught, db.write() as session:
        import_file(session, bad, admin, MONDAY_0915)
    assert "mã định danh cơ quan giải quyết «H55-242» không hợp lệ" in str(caught.value)
    assert "từ 1 đến 30" in str(caught.value)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_centralised_system_puts_its_two_digits_before_the_number(site_db):
    """TT 03/2025 Điều 13 k3, added by TT 04/2025: ‹identifier›-YYMMDD-AAXXXX; the scan box reads it."""
    db, site = site_db
    central = site.with_settings(replace(site.settings, centralised_code_digits="02"))
    code = save_intake(db, central, _request(1), now=MONDAY_0915, user="cb").code
    assert code == f"{site.agency.code}-261123-020001"
    assert extract_code(f"https://tracuu.example.vn/?ma={code.lower()}") == code
    for bad in ("2", "AB", "123"):
        errors = validate_site(site.agency, replace(site.settings, centralised_code_digits=bad))
        assert "đúng 2 chữ số" in errors["centralised_code_digits"]
    assert "centralised_code_digits" not in validate_site(site.agency, site.settings)
