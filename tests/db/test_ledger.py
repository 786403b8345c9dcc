"""The dossier ledger, "Sổ theo dõi hồ sơ" (issue 4; Mẫu 06 of TT 01/2018, Mẫu 07 of TT 03/2025 since
issue 11): rows, XLSX, PDF and CLI.

A hand-built November 2026 (NĐ 118/2025 rules) on SQLite and PostgreSQL. Every expected value below is worked out by
hand from the ledger's specification (onestop/ledger.py) and DESIGN.md, not from the code. Office
hours Mon–Fri 08:00–12:00 and 13:00–17:00, Asia/Ho_Chi_Minh; N working days from a receipt inside
office hours end at the same time of day N working days later. Default agency code 000.00.12.H26.

Procedures (committed time): DP.LLTP.01 7d · 1.004873 1d · 1.004884 3d · DP.DD.02 7d ·
DP.CT.01 1d · 1.001193 same day.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, select

from onestop.cli import main
from onestop.db.models import Dossier
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionRequest, apply
from onestop.figures.ledger import LedgerRow, ledger_rows
from onestop.figures.ledger_pdf import render_ledger_pdf
from onestop.figures.ledger_xlsx import DATE_FORMAT, TIME_FORMAT, write_ledger_xlsx
from onestop.office.site import AgencyInfo
from onestop.people.accounts import Actor
from tests.conftest import ENGINES
from tests.pdf_text import FONTS, pdf_pages

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
START, END = date(2026, 11, 1), date(2026, 11, 30)
MADE_AT = datetime(2026, 12, 1, 9, 0, tzinfo=TZ)
AGENCY = "000.00.12.H26"


def t(day: int, month: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    """A Hà Nội wall-clock instant."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


NOW = t(15, 1, 9, year=2027)  # "now" for every save and action: after every instant used below

LLTP = "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam"
MARRIAGE = "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân"
BIRTH_AGAIN = "Thủ tục đăng ký lại khai sinh"
BIRTH = "Thủ tục đăng ký khai sinh"
LAND = ("Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, "
        "tặng cho, thừa kế")
CONTRACT = "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản"


@dataclass(frozen=True)
class Case:
    label: str
    procedure: str
    channel: str
    received: datetime
    name: str
    steps: tuple[tuple[str, datetime, dict], ...] = ()
    kind: str = "person"
    id_number: str = "001190012345"
    phone: str = ""
    address: str = ""
    sets: int = 1
    due: datetime | None = None  # due_at after the steps, worked out by hand


# In the order of creation: codes are numbered per day of receipt in that order.
CASES = (
    # Friday 30/10, before the period: not in the ledger.
    Case("OUT_BEFORE", "DP.CT.01", "direct", t(30, 10, 16), "Đinh Văn Hùng", due=t(2, 11, 16)),
    # Online at 06:00 on Sunday 1/11 (23:00 UTC on 31/10): in the period, the first line. Counting
    # starts Monday 08:00, due Monday 17:00; finished Tuesday 10:00: late.
    Case("F", "DP.CT.01", "online", t(1, 11, 6), "Công ty TNHH Hưng Thịnh", kind="organisation",
         id_number="0101234567", phone="0987654321", address="Số 5 phố Kim Mã, phường Ba Đình, Hà Nội",
         steps=(("finish", t(3, 11, 10), {}),), due=t(2, 11, 17)),
    # Two sets, transferred to a named officer, finished early, returned to the applicant.
    Case("A", "DP.LLTP.01", "direct", t(2, 11, 9), "Nguyễn Văn An", phone="0912345678",
         address="Số 12 phố Kim Mã, phường Ba Đình, Hà Nội", sets=2,
         steps=(("transfer", t(2, 11, 10, 30), {"to": "Phòng Tư pháp", "handler": "Lê Văn Cường"}),
                ("finish", t(6, 11, 15), {}), ("return", t(9, 11, 9, 30), {})),
         due=t(11, 11, 9)),  # 3,4,5,6,9,10,11/11
    # Received at the same instant as A, numbered after it: the code breaks the tie. Extended the
    # same afternoon (the day before the appointment's day), then nothing more.
    Case("B", "1.004873", "online", t(2, 11, 9), "Trần Thị Bình", id_number="001190054321",
         steps=(("extend", t(2, 11, 15), {"reason": "Chờ xác minh", "new_due_at": t(5, 11, 17),
                                          "notified_by": "sms"}),),
         due=t(3, 11, 9)),
    # Transferred twice: the ledger shows the first hand-over, the department is the last one.
    # Late (due 11/11 14:00), apologised with a new date 20/11, finished 18/11, returned 19/11
    # to an authorised person.
    Case("E", "DP.LLTP.01", "direct", t(2, 11, 14), "Lê Thị Cúc", phone="0903123456",
         address="Tổ 3, phường Ngọc Hà, Hà Nội",
         steps=(("transfer", t(2, 11, 15), {"to": "Phòng Tư pháp"}),
                ("transfer", t(3, 11, 9), {"to": "Phòng Văn hóa và Thông tin", "handler": "Đỗ Minh Hải"}),
                ("apologise", t(12, 11, 9), {"reason": "Chờ cơ quan phối hợp xác minh",
                                             "new_due_at": t(20, 11, 17)}),
                ("finish", t(18, 11, 10), {}),
                ("return", t(19, 11, 9), {"collector_kind": "authorised", "collector_name": "Trần Thị Bình",
                                          "collector_id": "001190054321"})),
         due=t(11, 11, 14)),  # 3,4,5,6,9,10,11/11
    # Refused after review, after a transfer: the refusal is what comes back from the department.
    Case("C", "DP.DD.02", "direct", t(3, 11, 9), "Phạm Văn Dũng", phone="0388123456",
         steps=(("transfer", t(3, 11, 10), {"to": "Phòng Tài nguyên và Môi trường"}),
                ("refuse_after_review", t(9, 11, 10), {"reason": "Thửa đất đang tranh chấp",
                                                       "legal_basis": "Điều 45 Luật Đất đai"})),
         due=t(12, 11, 9)),  # 4,5,6,9,10,11,12/11
    # By post, stopped at the applicant's request the next day (NĐ 118/2025 Điều 21).
    Case("D", "1.004884", "post", t(9, 11, 9), "Hoàng Thị Em",
         steps=(("stop", t(10, 11, 10), {"reason": "Xin rút để bổ sung giấy tờ",
                                         "returned": "Bản chính tờ khai"}),),
         due=t(12, 11, 9)),  # 10,11,12/11
    # Taken in by mistake and cancelled within the hour: its line stays, struck through.
    Case("H", "1.001193", "direct", t(16, 11, 9), "Ngô Văn Khánh",
         steps=(("cancel", t(16, 11, 9, 40), {"reason": "Nhập nhầm thủ tục", "user": "cb.tiepnhan"}),), due=t(16, 11, 17)),
    # Online at 18:00 on the last day (11:00 UTC): the last line; due the close of 1/12.
    Case("G", "1.001193", "online", t(30, 11, 18), "Vũ Minh Giang", due=t(1, 12, 17)),
    # Online at 06:30 on 1/12 in Hà Nội (23:30 UTC on 30/11): after the period.
    Case("OUT_AFTER", "DP.LLTP.01", "online", t(1, 12, 6, 30), "Bùi Thị Hà", due=t(9, 12, 17)),
)


def expected(number: int, code: str, procedure_code: str, procedure_name: str, applicant: str,
             status: str, channel: str, received: datetime, due: datetime, **kw) -> dict:
    row = {"number": number, "code": f"{AGENCY}-{code}", "procedure_code": procedure_code,
           "procedure_name": procedure_name, "sets_count": 1, "applicant_name": applicant,
           "applicant_address": "", "applicant_phone": "", "department": "", "status": status,
           "channel": channel, "received_at": received, "due_at": due, "apology_due_at": None,
           "transferred_at": None, "transferred_to": "", "finished_at": None, "returned_at": None,
           "returned_to": "", "note": "", "extended_due_at": None, "first_late_at": None}
    assert set(kw) <= set(row)
    row.update(kw)
    return row


EXPECTED = [
    expected(1, "261101-0001", "DP.CT.01", CONTRACT, "Công ty TNHH Hưng Thịnh", "result_ready", "online",
             t(1, 11, 6), t(2, 11, 17), applicant_address="Số 5 phố Kim Mã, phường Ba Đình, Hà Nội",
             applicant_phone="0987654321", finished_at=t(3, 11, 10), note="Nộp trực tuyến; quá hạn",
             first_late_at=t(2, 11, 17)),
    expected(2, "261102-0001", "DP.LLTP.01", LLTP, "Nguyễn Văn An", "returned", "direct", t(2, 11, 9),
             t(11, 11, 9), sets_count=2, applicant_address="Số 12 phố Kim Mã, phường Ba Đình, Hà Nội",
             applicant_phone="0912345678", department="Phòng Tư pháp", transferred_at=t(2, 11, 10, 30),
             transferred_to="Phòng Tư pháp — Lê Văn Cường", finished_at=t(6, 11, 15),
             returned_at=t(9, 11, 9, 30), returned_to="Nguyễn Văn An"),
    expected(3, "261102-0002", "1.004873", MARRIAGE, "Trần Thị Bình", "received", "online", t(2, 11, 9),
             t(3, 11, 9), extended_due_at=t(5, 11, 17), note="Nộp trực tuyến; gia hạn đến 05/11/2026"),
    expected(4, "261102-0003", "DP.LLTP.01", LLTP, "Lê Thị Cúc", "returned", "direct", t(2, 11, 14),
             t(11, 11, 14), applicant_address="Tổ 3, phường Ngọc Hà, Hà Nội", applicant_phone="0903123456",
             department="Phòng Văn hóa và Thông tin", apology_due_at=t(20, 11, 17),
             transferred_at=t(2, 11, 15), transferred_to="Phòng Tư pháp", finished_at=t(18, 11, 10),
             returned_at=t(19, 11, 9), returned_to="Trần Thị Bình", first_late_at=t(11, 11, 14),
             note="Quá hạn, xin lỗi, hẹn lại 20/11/2026; trả cho người được ủy quyền: Trần Thị Bình"),
    expected(5, "261103-0001", "DP.DD.02", LAND, "Phạm Văn Dũng", "refused_after_review", "direct",
             t(3, 11, 9), t(12, 11, 9), applicant_phone="0388123456", department="Phòng Tài nguyên và Môi trường",
             transferred_at=t(3, 11, 10), transferred_to="Phòng Tài nguyên và Môi trường",
             finished_at=t(9, 11, 10), note="Từ chối giải quyết sau thẩm tra: Thửa đất đang tranh chấp"),
    expected(6, "261109-0001", "1.004884", BIRTH_AGAIN, "Hoàng Thị Em", "stopped", "post", t(9, 11, 9),
             t(12, 11, 9),
             note="Nộp qua bưu chính; dừng giải quyết theo đề nghị ngày 10/11/2026: Xin rút để bổ sung giấy tờ"),
    expected(7, "261116-0001", "1.001193", BIRTH, "Ngô Văn Khánh", "cancelled", "direct", t(16, 11, 9),
             t(16, 11, 17), note="Hủy do tiếp nhận nhầm: Nhập nhầm thủ tục"),
    expected(8, "261130-0001", "1.001193", BIRTH, "Vũ Minh Giang", "received", "online", t(30, 11, 18),
             t(1, 12, 17), note="Nộp trực tuyến"),
]
CODES = [row["code"] for row in EXPECTED]
OUTSIDE = [f"{AGENCY}-261030-0001", f"{AGENCY}-261201-0001"]


def _build(db, site) -> dict[str, str]:
    codes = {}
    for case in CASES:
        req = IntakeRequest(procedure_code=case.procedure, name=case.name, id_number=case.id_number,
                            applicant_kind=case.kind, phone=case.phone, address=case.address,
                            channel=case.channel, sets_count=case.sets, received_at=case.received)
        code = save_intake(db, site, req, now=NOW, actor=Actor.named("cb.tiepnhan")).code
        for action, at, kw in case.steps:
            kw = dict(kw)
            user = kw.pop("user", "cb.xuly")
            apply(db, site, code, TransitionRequest(action=action, at=at, **kw), actor=Actor.named(user), now=NOW)
        codes[case.label] = code
    # The fixture's own premises: the codes and appointments worked out by hand are those stored.
    with db.read() as s:
        stored = dict(s.execute(select(Dossier.code, Dossier.due_at)).all())
    assert {c.label: stored[codes[c.label]] for c in CASES} == {c.label: c.due for c in CASES}
    assert [codes[label] for label in ("F", "A", "B", "E", "C", "D", "H", "G")] == CODES
    assert [codes["OUT_BEFORE"], codes["OUT_AFTER"]] == OUTSIDE
    return codes


@pytest.fixture
def november(site_db):
    db, site = site_db
    _build(db, site)
    return db, site


def rows_of(db, site, start=START, end=END) -> list[LedgerRow]:
    with db.read() as s:
        return list(ledger_rows(s, site, start, end))


# ---------------------------------------------------------------------------------------- rows


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_rows_of_november(november):
    db, site = november
    rows = rows_of(db, site)
    assert [r.code for r in rows] == CODES  # by receipt time, then code; October and December left out
    for want, have in zip(EXPECTED, rows):
        assert asdict(have) == want, want["code"]
    assert len(rows) == len(EXPECTED)
    # Times come back in Hà Nội time, whatever the engine stored.
    assert all(r.received_at.utcoffset().total_seconds() == 7 * 3600 for r in rows)
    assert rows[1].address_phone == "Số 12 phố Kim Mã, phường Ba Đình, Hà Nội, ĐT: 0912345678"
    assert rows[2].address_phone == ""


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_period_edges_are_local_days(november):
    db, site = november
    assert [r.code for r in rows_of(db, site, date(2026, 11, 1), date(2026, 11, 1))] == CODES[:1]
    assert [r.code for r in rows_of(db, site, date(2026, 11, 30), date(2026, 11, 30))] == CODES[-1:]
    assert [r.code for r in rows_of(db, site, date(2026, 12, 1), date(2026, 12, 31))] == OUTSIDE[1:]
    assert [r.code for r in rows_of(db, site, date(2026, 10, 1), date(2026, 10, 31))] == OUTSIDE[:1]
    # The numbering starts again at 1 in every ledger.
    assert [r.number for r in rows_of(db, site, date(2026, 11, 2), date(2026, 11, 3))] == [1, 2, 3, 4]
    with pytest.raises(ValueError, match="Ngày bắt đầu"):
        rows_of(db, site, END, START)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_one_select_for_the_whole_period(november):
    """No query per dossier (first transfers, refusals included): one SELECT, however many rows."""
    db, site = november
    selects: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        rows = rows_of(db, site)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(rows) == 8
    assert len(selects) == 1, selects


# ---------------------------------------------------------------------------------------- XLSX


def find_cell(sheet, value):
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not in the sheet")


def naive(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=None)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_xlsx_like_the_paper_book(november, tmp_path):
    db, site = november
    path = tmp_path / "so-theo-doi.xlsx"
    with db.read() as s:
        count = write_ledger_xlsx(ledger_rows(s, site, START, END), site.agency, START, END, path,
                                  made_on=MADE_AT)
    assert count == 8
    sheet = load_workbook(path).active
    assert find_cell(sheet, "SỔ THEO DÕI HỒ SƠ")
    assert find_cell(sheet, "Từ ngày 01/11/2026 đến ngày 30/11/2026")
    assert find_cell(sheet, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG BA ĐÌNH")
    assert find_cell(sheet, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert find_cell(sheet, "Hà Nội, ngày 01 tháng 12 năm 2026")

    top = find_cell(sheet, "TT").row
    sub, numbers, first = top + 1, top + 2, top + 3
    merged = {str(r) for r in sheet.merged_cells.ranges}
    # One-level columns span both header rows; the three hand-over groups span date and signature.
    for col in "ABCDEFGHIP":
        assert f"{col}{top}:{col}{sub}" in merged, col
    assert {f"J{top}:K{top}", f"L{top}:M{top}", f"N{top}:O{top}"} <= merged
    assert [sheet.cell(top, c).value for c in range(1, 17)] == [
        "TT", "Mã hồ sơ", "Tên thủ tục hành chính", "Số lượng hồ sơ (bộ)", "Tên cá nhân, tổ chức",
        "Địa chỉ, số điện thoại", "Cơ quan chủ trì giải quyết", "Nhận hồ sơ (giờ, ngày/tháng/năm)",
        "Hẹn trả kết quả (giờ, ngày/tháng/năm)", "Chuyển hồ sơ đến cơ quan giải quyết", None,
        "Nhận kết quả từ cơ quan giải quyết", None, "Trả kết quả cho cá nhân, tổ chức", None, "Ghi chú"]
    assert [sheet.cell(sub, c).value for c in range(10, 16)] == ["Ngày/tháng/năm", "Ký nhận"] * 3
    assert [sheet.cell(numbers, c).value for c in (1, 16)] == ["(1)", "(16)"]

    body = [[sheet.cell(first + i, c).value for c in range(1, 17)] for i in range(8)]
    assert [r[1] for r in body] == CODES
    assert sheet.cell(first + 8, 1).value is None  # no ninth line: the table ends
    a, e = body[1], body[3]
    assert a == [2, CODES[1], LLTP, 2, "Nguyễn Văn An", "Số 12 phố Kim Mã, phường Ba Đình, Hà Nội, ĐT: 0912345678",
                 "Phòng Tư pháp", datetime(2026, 11, 2, 9), datetime(2026, 11, 11, 9), datetime(2026, 11, 2, 10, 30),
                 None, datetime(2026, 11, 6, 15), None, datetime(2026, 11, 9, 9, 30), None, None]
    assert e[6] == "Phòng Văn hóa và Thông tin" and e[9] == datetime(2026, 11, 2, 15)
    assert e[15] == EXPECTED[3]["note"]
    for i, want in enumerate(EXPECTED):
        row = first + i
        assert type(sheet.cell(row, 1).value) is int and type(sheet.cell(row, 4).value) is int
        times = [sheet.cell(row, c).value for c in (8, 9, 10, 12, 14)]
        assert times == [naive(want[k]) for k in ("received_at", "due_at", "transferred_at", "finished_at",
                                                  "returned_at")]
        for c in (8, 9, 10, 12, 14):
            cell = sheet.cell(row, c)
            assert cell.value is None or (cell.is_date and isinstance(cell.value, datetime)), cell.coordinate
        assert [sheet.cell(row, c).number_format for c in (8, 9, 10, 12, 14)] == \
            [TIME_FORMAT, TIME_FORMAT, DATE_FORMAT, DATE_FORMAT, DATE_FORMAT]
        assert all(sheet.cell(row, c).value is None for c in (11, 13, 15))  # signed by hand
        assert sheet.cell(row, 11).border.left.style == "thin"
    assert sheet.cell(first + 2, 7).value is None  # never transferred: no department

    # The cancelled line (H) struck through but its note; the others not at all.
    assert all(sheet.cell(first + 6, c).font.strike for c in range(1, 16))
    assert not sheet.cell(first + 6, 16).font.strike and body[6][15] == "Hủy do tiếp nhận nhầm: Nhập nhầm thủ tục"
    assert not any(sheet.cell(first + i, c).font.strike for i in (0, 1, 2, 3, 4, 5, 7) for c in range(1, 17))
    assert find_cell(sheet, "Mẫu số 07 – Thông tư số 03/2025/TT-VPCP")
    assert find_cell(sheet, "Tổng số: 8 hồ sơ.").row > first + 7
    assert find_cell(sheet, "NGƯỜI LẬP SỔ").row > first + 7
    assert sheet.freeze_panes == f"C{first}"
    assert sheet.print_title_rows == f"${top}:${numbers}"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["D"].width


def test_xlsx_of_an_empty_period(tmp_path):
    path = tmp_path / "trong.xlsx"
    assert write_ledger_xlsx([], AgencyInfo(), START, END, path, made_on=MADE_AT) == 0
    sheet = load_workbook(path).active
    cell = find_cell(sheet, "Không có hồ sơ nào được tiếp nhận trong kỳ.")
    assert f"B{cell.row}:P{cell.row}" in {str(r) for r in sheet.merged_cells.ranges}
    assert find_cell(sheet, "Tổng số: 0 hồ sơ.")


# ---------------------------------------------------------------------------------------- PDF




def codes_in(text: str) -> list[str]:
    """Dossier codes on a page (printed on two lines, broken after the agency part)."""
    return re.findall(r"\d{3}\.\d{2}\.\d{2}\.H26-\d{6}-\d{4}", re.sub(r"-\s+", "-", text))


HEADINGS = ("Mã hồ sơ", "Tên thủ tục hành chính", "Tên cá nhân, tổ chức", "Cơ quan chủ trì giải quyết",
            "Chuyển hồ sơ đến cơ quan giải quyết", "Nhận kết quả từ cơ quan giải quyết",
            "Trả kết quả cho cá nhân, tổ chức", "Ký nhận", "Ghi chú")


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_pdf_of_november(november, font):
    db, site = november
    rows = rows_of(db, site)
    pages = pdf_pages(render_ledger_pdf(rows, site.agency, START, END, font, made_at=MADE_AT))
    assert [(round(w), round(h)) for w, h, _ in pages] == [(842, 595)] * len(pages)  # A4 landscape
    text = " ".join(page for _, _, page in pages)
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Từ ngày 01/11/2026 đến ngày 30/11/2026" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG BA ĐÌNH" in text
    assert "Hà Nội, ngày 01 tháng 12 năm 2026" in text
    for heading in HEADINGS:
        assert heading in text, heading
    assert codes_in(text) == CODES
    # Wrapped text reads back whole, diacritics intact.
    for words in (LLTP, LAND, "Công ty TNHH Hưng Thịnh", "Phòng Văn hóa và Thông tin",
                  "Từ chối giải quyết sau thẩm tra: Thửa đất đang tranh chấp",
                  "Quá hạn, xin lỗi, hẹn lại 20/11/2026", "dừng giải quyết theo đề nghị ngày 10/11/2026",
                  "Hủy do tiếp nhận nhầm: Nhập nhầm thủ tục", "gia hạn đến 05/11/2026", "ĐT: 0912345678"):
        assert words in text, words
    # A's line: received and due with the hour, the transfer (and who took it), result, return.
    assert "Nguyễn Văn An Số 12 phố Kim Mã, phường Ba Đình, Hà Nội ĐT: 0912345678 Phòng Tư pháp " \
           "09:00 02/11/2026 09:00 11/11/2026 02/11/2026 Lê Văn Cường 06/11/2026 09/11/2026" in text
    # E went first to Phòng Tư pháp, then to Phòng Văn hóa và Thông tin.
    assert "Phòng Văn hóa và Thông tin 14:00 02/11/2026 14:00 11/11/2026 02/11/2026 Phòng Tư pháp" in text
    assert "Mẫu số 07 – Thông tư số 03/2025/TT-VPCP" in text and "SỔ THEO DÕI HỒ SƠ" in text
    assert "Tổng số: 8 hồ sơ." in text and "NGƯỜI LẬP SỔ" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text
    assert [f"Trang {i}" in page for i, (_, _, page) in enumerate(pages, start=1)] == [True] * len(pages)


def long_ledger(n: int) -> list[LedgerRow]:
    base = LedgerRow(number=0, code="", procedure_code="DP.DD.02", procedure_name=LAND, sets_count=1,
                     applicant_name="Nguyễn Thị Hồng Nhung", applicant_address="Số 8 ngõ 12 phố Đội Cấn, Hà Nội",
                     applicant_phone="0912345678", department="Phòng Tài nguyên và Môi trường",
                     status="returned", channel="direct", received_at=t(2, 11, 8), due_at=t(11, 11, 8),
                     apology_due_at=None, transferred_at=t(2, 11, 10), transferred_to="Phòng Tài nguyên và Môi trường",
                     finished_at=t(6, 11, 15), returned_at=t(9, 11, 9), returned_to="Nguyễn Thị Hồng Nhung",
                     note="")
    return [replace(base, number=i, code=f"{AGENCY}-261102-{i:04d}", received_at=t(2, 11, 8, i % 60),
                    note="Nộp trực tuyến" if i % 3 == 0 else "") for i in range(1, n + 1)]


def test_long_pdf_repeats_the_header_and_keeps_the_signatures_with_the_last_lines():
    rows = long_ledger(90)
    pages = pdf_pages(render_ledger_pdf(rows, AgencyInfo(), START, END, made_at=MADE_AT))
    assert len(pages) >= 3
    for width, height, text in pages:
        assert width > height
        for heading in HEADINGS:
            assert heading in text, heading
        assert "Ngày/ tháng/năm" in text
    # Every line once, in order, over the pages; the title only on the first page.
    assert [code for _, _, text in pages for code in codes_in(text)] == [r.code for r in rows]
    assert "SỔ THEO DÕI HỒ SƠ" in pages[0][2] and "SỔ THEO DÕI HỒ SƠ" not in pages[1][2]
    last = pages[-1][2]
    assert "Tổng số: 90 hồ sơ." in last and "NGƯỜI LẬP SỔ" in last
    assert len(codes_in(last)) >= 2 and rows[-1].code in codes_in(last)
    assert "Trang 1" in pages[0][2] and f"Trang {len(pages)}" in last


def test_pdf_of_an_empty_period():
    (_, _, text), = pdf_pages(render_ledger_pdf([], AgencyInfo(), START, END, made_at=MADE_AT))
    assert "Không có hồ sơ nào được tiếp nhận trong kỳ." in text
    assert "Tổng số: 0 hồ sơ." in text and "NGƯỜI LẬP SỔ" in text


# ------------------------------------------------------------ rule sets and cancelled lines (issue 11)


def _path_objects(pdf: bytes) -> int:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    doc = pdfium.PdfDocument(pdf)
    return sum(1 for page in doc for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]))


@pytest.mark.parametrize(("start", "end", "number", "circular"), [
    (date(2025, 6, 1), date(2025, 6, 30), "06", "Thông tư số 01/2018/TT-VPCP"),
    (date(2025, 6, 1), date(2025, 7, 1), "07", "Thông tư số 03/2025/TT-VPCP"),  # the book of the last day
    (START, END, "07", "Thông tư số 03/2025/TT-VPCP"),
])
def test_the_ledger_is_the_form_in_force_on_the_periods_last_day(start, end, number, circular, tmp_path):
    from onestop.figures.ledger import ledger_form

    assert ledger_form(end) == (number, "SỔ THEO DÕI HỒ SƠ", circular)
    (_, _, text), = pdf_pages(render_ledger_pdf(long_ledger(2), AgencyInfo(), start, end, made_at=MADE_AT))
    assert text.startswith(f"Trang 1 Mẫu số {number} – {circular} UBND")  # the page number is drawn first
    path = tmp_path / "so.xlsx"
    write_ledger_xlsx(long_ledger(2), AgencyInfo(), start, end, path, made_on=MADE_AT)
    book = load_workbook(path)
    assert find_cell(book.active, f"Mẫu số {number} – {circular}") is not None
    assert book.active.oddHeader.right.text == f"Mẫu số {number} – {circular}"


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_june_2025_ledger_is_mau_06_with_the_2018_actions(site_db):
    db, site = site_db
    codes = []
    for day, action, kw in ((23, "refuse", {"reason": "Thiếu thẩm quyền", "legal_basis": "Điều 9 Luật Hộ tịch"}),
                            (24, "withdraw", {"reason": "Xin rút"}),
                            (25, "cancel", {"reason": "Nhập nhầm người nộp", "user": "cb.tiepnhan"})):
        req = IntakeRequest(procedure_code="1.004884", name="Đặng Thu Hương", id_number="001190012345",
                            received_at=t(day, 6, 9, year=2025))
        code = save_intake(db, site, req, now=NOW, actor=Actor.named("cb.tiepnhan")).code
        kw = dict(kw)
        user = kw.pop("user", "cb.xuly")
        apply(db, site, code, TransitionRequest(action=action, at=t(day, 6, 10, year=2025), **kw), actor=Actor.named(user), now=NOW)
        codes.append(code)
    start, end = date(2025, 6, 1), date(2025, 6, 30)
    rows = rows_of(db, site, start, end)
    assert [r.code for r in rows] == codes
    assert [(r.status, r.note) for r in rows] == [
        ("refused", "Từ chối giải quyết: Thiếu thẩm quyền"),
        ("withdrawn", "Rút hồ sơ ngày 24/06/2025: Xin rút"),
        ("cancelled", "Hủy do tiếp nhận nhầm: Nhập nhầm người nộp"),
    ]
    assert rows[0].finished_at == t(23, 6, 10, year=2025) and rows[2].finished_at is None
    (_, _, text), = pdf_pages(render_ledger_pdf(rows, site.agency, start, end, made_at=MADE_AT))
    assert "Mẫu số 06 – Thông tư số 01/2018/TT-VPCP" in text and "03/2025" not in text


CANCELLED = replace(long_ledger(1)[0], status="cancelled", transferred_at=None, transferred_to="", department="",
                    finished_at=None, returned_at=None, returned_to="",
                    note="Hủy do tiếp nhận nhầm: Nhập nhầm thủ tục")


def test_a_cancelled_line_is_struck_through_in_the_pdf():
    rows = long_ledger(3)
    plain = render_ledger_pdf(rows, AgencyInfo(), START, END, made_at=MADE_AT)
    rows[1] = replace(CANCELLED, number=2, code=rows[1].code)
    struck = render_ledger_pdf(rows, AgencyInfo(), START, END, made_at=MADE_AT)
    (_, _, text), = pdf_pages(struck)
    assert codes_in(text) == [r.code for r in rows]  # the line keeps its place and reads back
    assert "Hủy do tiếp nhận nhầm: Nhập nhầm thủ tục" in text
    # The strike lines: one per struck line of text (code on two lines, name, address, times…).
    assert _path_objects(struck) >= _path_objects(plain) + 8


def test_a_cancelled_line_is_struck_through_in_the_xlsx(tmp_path):
    rows = long_ledger(2) + [replace(CANCELLED, number=3, code=f"{AGENCY}-261102-0003")]
    path = tmp_path / "so.xlsx"
    write_ledger_xlsx(rows, AgencyInfo(), START, END, path, made_on=MADE_AT)
    sheet = load_workbook(path).active
    first = find_cell(sheet, "TT").row + 3
    assert [sheet.cell(first + i, 2).value for i in range(3)] == [r.code for r in rows]
    assert not any(sheet.cell(first, c).font.strike for c in range(1, 17))
    cancelled = first + 2
    assert all(sheet.cell(cancelled, c).font.strike for c in range(1, 16))
    assert sheet.cell(cancelled, 16).value == "Hủy do tiếp nhận nhầm: Nhập nhầm thủ tục"
    assert not sheet.cell(cancelled, 16).font.strike  # why it is struck stays readable


# ---------------------------------------------------------------------------------------- CLI


def test_cli_ledger_pdf_and_xlsx(november, database_url, tmp_path, capsys):
    base = ["--database", database_url, "ledger", "--from", "2026-11-01", "--to", "2026-11-30"]
    pdf_path, xlsx_path = tmp_path / "so.pdf", tmp_path / "so.xlsx"

    assert main([*base, "--format", "pdf", "-o", str(pdf_path)]) == 0
    assert f"Đã lưu sổ theo dõi hồ sơ (8 hồ sơ) vào {pdf_path}." in capsys.readouterr().out
    assert [c for _, _, text in pdf_pages(pdf_path.read_bytes()) for c in codes_in(text)] == CODES

    assert main([*base, "-o", str(xlsx_path)]) == 0  # the format from the file's suffix
    assert "(8 hồ sơ)" in capsys.readouterr().out
    sheet = load_workbook(xlsx_path).active
    first = find_cell(sheet, "TT").row + 3
    assert [sheet.cell(first + i, 2).value for i in range(8)] == CODES
    assert isinstance(sheet.cell(first, 8).value, datetime)

    assert main([*base[:4], "2026-12-01", "--to", "2026-11-30", "-o", str(pdf_path)]) == 2
    assert "Lỗi: --from phải trước hoặc bằng --to" in capsys.readouterr().err
    assert main([*base, "-o", str(tmp_path / "so.txt")]) == 2
    assert "--format pdf hoặc --format xlsx" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(base)
    assert caught.value.code == 2
    assert "thiếu tham số bắt buộc: -o/--output" in capsys.readouterr().err
    for name in ("so.xlsx", "so.pdf"):
        assert main([*base, "-o", str(tmp_path / "khong-co" / name)]) == 1
        assert "không ghi được tệp" in capsys.readouterr().err


def test_xlsx_into_a_missing_folder_leaves_nothing(tmp_path):
    with pytest.raises(OSError):
        write_ledger_xlsx(long_ledger(3), AgencyInfo(), START, END, tmp_path / "khong-co" / "so.xlsx")
    assert not (tmp_path / "khong-co").exists()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(pytest.main([__file__, "-q"]))
