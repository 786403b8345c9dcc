"""Dossier codes: distinct and consecutive under concurrent desks, and gapless after a failure."""
from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError

from onestop.db.models import CodeCounter, Dossier, Procedure
from onestop.db.session import Database
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.office.catalogue import CatalogueError, import_file
from onestop.office.codes import extract_code, format_code, identifier_problem, parse_code
from onestop.office.site import AgencyInfo, SiteSettings, validate_site
from onestop.people.accounts import Actor
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
                saved = save_intake(own, site, _request(n * 100 + k), now=MONDAY_0915, actor=Actor.named(f"desk{n}"))
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
    first = save_intake(db, site, _request(1), now=MONDAY_0915, actor=Actor.named("cb"))
    # The receipt event fails to insert (a fault at the database, after the code was taken and the
    # dossier row written; the intake's checks refuse a paper not of the procedure before that):
    # the whole save must roll back.
    def refuse(conn, cursor, statement, *_):
        if statement.lstrip().upper().startswith("INSERT INTO DOSSIER_EVENT"):
            raise IntegrityError(statement, {}, Exception("injected fault"))

    event.listen(db.engine, "before_cursor_execute", refuse)
    try:
        with pytest.raises(IntegrityError):
            save_intake(db, site, _request(2), now=MONDAY_0915, actor=Actor.named("cb"))
    finally:
        event.remove(db.engine, "before_cursor_execute", refuse)
    second = save_intake(db, site, _request(3), now=MONDAY_0915, actor=Actor.named("cb"))
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
    a = save_intake(db, site, _request(1), now=MONDAY_0915, actor=Actor.named("cb"))
    b = save_intake(db, site, _request(2), now=late + timedelta(hours=1), actor=Actor.named("cb"))
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
    birth = [save_intake(db, site, _request(i), now=MONDAY_0915, actor=Actor.named("cb")).code for i in range(2)]
    record = save_intake(db, site, IntakeRequest(procedure_code="DP.LLTP.01", name="Lê Văn Tám",
                                                 id_number="001080000001"), now=MONDAY_0915, actor=Actor.named("cb")).code
    other = save_intake(db, site, IntakeRequest(procedure_code="1.004884", name="Lê Văn Tám",
                                                id_number="001080000001"), now=MONDAY_0915, actor=Actor.named("cb")).code
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
    code = save_intake(db, central, _request(1), now=MONDAY_0915, actor=Actor.named("cb")).code
    assert code == f"{site.agency.code}-261123-020001"
    assert extract_code(f"https://tracuu.example.vn/?ma={code.lower()}") == code
    for bad in ("2", "AB", "123"):
        errors = validate_site(site.agency, replace(site.settings, centralised_code_digits=bad))
        assert "đúng 2 chữ số" in errors["centralised_code_digits"]
    assert "centralised_code_digits" not in validate_site(site.agency, site.settings)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_two_deciding_agencies_count_two_series_from_0001(site_db):
    """NĐ 118/2025 Điều 28 k2: one day, two procedures decided by two Sở: each series starts at 0001,
    and the counter's own series is untouched."""
    db, site = site_db
    with db.write() as session:
        for code, agency in (("1.001193", "000.17.22.H56"), ("DP.LLTP.01", "H55.242")):
            session.scalar(select(Procedure).where(Procedure.code == code)).deciding_agency_code = agency

    def intake(procedure: str, i: int) -> str:
        return save_intake(db, site, IntakeRequest(procedure_code=procedure, name="Lê Thị Hoa",
                                                   id_number=f"0011900{i:05d}"),
                           now=MONDAY_0915 + timedelta(minutes=i), actor=Actor.named("cb")).code

    codes = [intake(p, i) for i, p in enumerate(["1.001193", "DP.LLTP.01", "1.001193", "DP.LLTP.01", "1.004884"])]
    assert codes == ["000.17.22.H56-261123-0001", "H55.242-261123-0001", "000.17.22.H56-261123-0002",
                     "H55.242-261123-0002", f"{site.agency.code}-261123-0001"]
    with db.read() as session:
        counters = {(c.agency_code, c.day): c.last_number for c in session.scalars(select(CodeCounter))}
    assert counters == {("000.17.22.H56", "261123"): 2, ("H55.242", "261123"): 2, (site.agency.code, "261123"): 1}
    assert [extract_code(c) for c in codes] == codes


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("system_digits", ["", "02"])
def test_the_ten_thousandth_number_of_a_day_grows_to_five_digits(site_db, system_digits):
    """TT 03/2025 Điều 13 (k3 as added by TT 04/2025): at least four digits, as long as the day needs:
    the 10,000th dossier is …-10000 (…-0210000 in the centralised form), never a wrap to 0000."""
    db, site = site_db
    site = site.with_settings(replace(site.settings, centralised_code_digits=system_digits))
    with db.write() as session:
        session.add(CodeCounter(agency_code=site.agency.code, day="261123", last_number=9998))
    codes = [save_intake(db, site, _request(i), now=MONDAY_0915, actor=Actor.named("cb")).code for i in range(2)]
    assert codes == [f"{site.agency.code}-261123-{system_digits}9999", f"{site.agency.code}-261123-{system_digits}10000"]
    assert extract_code(f"https://tracuu.example.vn/ho-so/{codes[1]}?x=1") == codes[1]


def test_identifier_styles():
    """Both styles of mã định danh (QĐ 20/2020/QĐ-TTg as amended): accepted by the settings and the
    catalogue import alike; anything else gets a Vietnamese message that shows both."""
    for good in ("000.17.22.H56", "000.00.12.H26", "H55.242", "H55.242.01", "G01.12"):
        assert identifier_problem(good) is None, good
    for bad in ("H55-242", "0001722H56", "000.17.22", "h55.242", "000.17.22.H56.", "H55", "UBND.XA", ""):
        problem = identifier_problem(bad)
        assert problem and "000.17.22.H56 hoặc H55.242" in problem, bad


def test_site_settings_accept_both_identifier_styles_and_refuse_others():
    agency, settings = AgencyInfo(), SiteSettings()
    for good in ("000.17.22.H56", "H55.242"):
        assert "code" not in validate_site(replace(agency, code=good), settings)
    errors = validate_site(replace(agency, code="H55-242"), settings)
    assert errors["code"].startswith("Mã định danh «H55-242» không đúng dạng")


def test_parse_code_reads_both_forms():
    assert parse_code("000.17.22.H56-261123-0042") == ("000.17.22.H56", "261123", 42)
    assert parse_code("h55.242-261123-10000") == ("H55.242", "261123", 10000)
    assert parse_code("H55.242-261123-020042", "02") == ("H55.242", "261123", 42)
    assert parse_code("H55.242-261123-0042", "02") == ("H55.242", "261123", 42)  # not the AA form
    assert parse_code("SO-CU-261123-0099") is None


def test_extract_code_reads_every_form_from_a_scan():
    for code in ("000.17.22.H56-261123-0001", "H55.242-261123-0001", "H55.242-261123-10000",
                 "000.17.22.H56-261123-020001"):
        assert extract_code(code.lower()) == code
        assert extract_code(f"https://dichvucong.example.gov.vn/tra-cuu?ma={code}&lang=vi") == code
        assert extract_code(f"https://dichvucong.example.gov.vn/tra-cuu?ma%3D{code}") == code
        assert extract_code(f"https://tra-cuu.example.vn/ho-so/{code}") == code


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_catalogue_import_takes_the_deciding_agency_under_its_vietnamese_header(site_db, tmp_path):
    db, site = site_db
    admin = Actor("admin", "Quản trị", "admin")
    header = ("Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp,Thời hạn theo quy định,Thời hạn cam kết,Thành phần hồ sơ,"
              "Mã định danh cơ quan giải quyết\n")
    path = tmp_path / "danh-muc.csv"
    path.write_text(header + 'DP.LLTP.01,Cấp Phiếu lý lịch tư pháp,Lý lịch tư pháp,tỉnh,10d,7d,'
                    '"bản chính x1: Tờ khai",h55.242\n', encoding="utf-8")
    with db.write() as session:
        import_file(session, path, admin, MONDAY_0915)
    with db.read() as session:
        assert session.scalar(select(Procedure.deciding_agency_code).where(Procedure.code == "DP.LLTP.01")) == "H55.242"
    for bad in ("000.17.22", "H55-242"):
        path.write_text(header + f'DP.LLTP.01,Cấp Phiếu lý lịch tư pháp,Lý lịch tư pháp,tỉnh,10d,7d,'
                        f'"bản chính x1: Tờ khai",{bad}\n', encoding="utf-8")
        with pytest.raises(CatalogueError) as caught, db.write() as session:
            import_file(session, path, admin, MONDAY_0915)
        assert f"Dòng 2: mã định danh cơ quan giải quyết «{bad}» không hợp lệ (ví dụ 000.17.22.H56 hoặc H55.242)" \
            in str(caught.value)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_concurrent_desks_in_two_series_stay_distinct_and_consecutive(site_db, database_url):
    """The deciding agency's series and the counter's own, filled at once by concurrent desks."""
    db, site = site_db
    with db.write() as session:
        session.scalar(select(Procedure).where(Procedure.code == "1.001193")).deciding_agency_code = "H55.242"
    codes: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(DESKS)

    def desk(n: int) -> None:
        own = Database(database_url)
        try:
            start.wait()
            for k in range(SAVES_PER_DESK):
                procedure = "1.001193" if (n + k) % 2 else "1.004884"
                req = replace(_request(n * 100 + k), procedure_code=procedure)
                codes.append(save_intake(own, site, req, now=MONDAY_0915, actor=Actor.named(f"desk{n}")).code)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(DESKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    half = DESKS * SAVES_PER_DESK // 2
    day = site.calendar.to_local(MONDAY_0915).date()
    assert sorted(codes) == sorted([format_code("H55.242", day, n) for n in range(1, half + 1)]
                                   + [format_code(site.agency.code, day, n) for n in range(1, half + 1)])
