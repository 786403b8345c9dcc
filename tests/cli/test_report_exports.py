"""The periodic report printed (PDF, A4 landscape) and as a spreadsheet (XLSX), and the CLI for both.

The reports are built by hand (no database) with counts whose totals and rates are worked out below.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from onestop.cli import main
from onestop.figures.report import COUNTS, Report, ReportRow
from onestop.figures.report_pdf import render_report_pdf
from onestop.figures.report_xlsx import on_time_rate, write_report_xlsx
from onestop.office.site import AgencyInfo
from tests.pdf_text import FONTS, pdf_pages

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MADE_AT = datetime(2026, 12, 2, 9, 30, tzinfo=TZ)
AGENCY = AgencyInfo(name="Trung tâm Phục vụ hành chính công phường Ba Đình",
                    parent_name="UBND Thành phố Hà Nội", place_name="Hà Nội")
LONG_NAME = ("Đất đai — Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất "
             "do thay đổi thông tin về người được cấp Giấy chứng nhận")


def counts(carried=0, online=0, direct=0, early=0, on_time=0, late=0, within=0, overdue=0,
           returned=0, refused=0, withdrawn=0, closed=0) -> dict[str, int]:
    values = (carried, online, direct, early, on_time, late, within, overdue, returned, refused, withdrawn, closed)
    return dict(zip(COUNTS, values, strict=True))


ROWS = [
    # received 3+10+25 = 38, resolved 4+12+4 = 20 (on time 16/20 = 80,0 %), in progress 8
    ReportRow("Chứng thực", "Chứng thực", counts(3, 10, 25, 4, 12, 4, 6, 2, 15, 1, 0)),
    # received 14, resolved 3 (2/3 = 66,7 %), in progress 4
    ReportRow("Hộ tịch", "Hộ tịch", counts(2, 7, 5, 1, 1, 1, 3, 1, 3, 0, 1)),
    # received 9, nothing resolved (no rate), in progress 9, one closed for papers never brought
    ReportRow("Đất đai", LONG_NAME, counts(5, 0, 4, 0, 0, 0, 7, 2, 0, 0, 0, 1)),
]
TOTAL = {c: sum(r.counts[c] for r in ROWS) for c in COUNTS}
# Total: received 10+17+34 = 61, resolved 5+13+5 = 23 (18/23 = 78,26… → 78,3 %), in progress 16+5 = 21.
EXPECTED_TOTAL_ROW = [61, 10, 17, 34, 23, 5, 13, 5, 21, 16, 5, 18, 1, 1, 1, 78.3]


def make_report(rows=ROWS, by="field") -> Report:
    total = {c: sum(r.counts[c] for r in rows) for c in COUNTS}
    return Report(date(2026, 11, 1), date(2026, 11, 30), by, list(rows), total)




def test_on_time_rate():
    assert on_time_rate(counts(early=1, on_time=1, late=1)) == 66.7
    assert on_time_rate(counts(early=1, late=7)) == 12.5
    assert on_time_rate(counts(on_time=1, late=15)) == 6.3  # 6,25 rounds half up
    assert on_time_rate(counts(within=4)) is None


@pytest.mark.parametrize("font", FONTS)
def test_pdf_landscape_with_title_period_rows_and_totals(font):
    pages = pdf_pages(render_report_pdf(make_report(), AGENCY, font, made_at=MADE_AT))
    assert len(pages) == 1
    width, height, text = pages[0]
    assert width > height  # A4 landscape
    assert (round(width), round(height)) == (842, 595)
    assert "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text
    assert "Kỳ báo cáo: từ ngày 01/11/2026 đến ngày 30/11/2026" in text
    assert "UBND THÀNH PHỐ HÀ NỘI" in text
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG BA ĐÌNH" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Hà Nội, ngày 02 tháng 12 năm 2026" in text
    for heading in ("Số hồ sơ nhận giải quyết", "Số hồ sơ đã giải quyết", "Số hồ sơ đang giải quyết",
                    "Kỳ trước chuyển qua", "Trực tuyến", "Trước hạn", "Đúng hạn", "Trong hạn",
                    "Đã trả kết quả", "Từ chối", "Rút, dừng giải quyết", "Đóng hồ sơ", "Tỷ lệ đúng hạn (%)",
                    "Lĩnh vực"):
        if heading != WRAPPED_HEADING:
            assert heading in text, heading
        else:
            assert words_read_back(heading, text), heading
    for name in ("Chứng thực", "Hộ tịch", LONG_NAME):
        assert name in text, name  # wrapped names read back whole, diacritics intact
    # Row figures: Chứng thực 38 received, 20 resolved, 80,0 %; Hộ tịch 66,7 %; Đất đai no rate.
    assert "Chứng thực 38 3 10 25 20 4 12 4 8 6 2 15 1 0 0 80,0" in text
    assert "Hộ tịch 14 2 7 5 3 1 1 1 4 3 1 3 0 1 0 66,7" in text
    assert "9 5 0 4 0 0 0 0 9 7 2 0 0 0 1 —" in text
    assert "Tổng cộng 61 10 17 34 23 5 13 5 21 16 5 18 1 1 1 78,3" in text
    assert "NGƯỜI LẬP BIỂU" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text


def test_pdf_by_procedure_repeats_the_header_on_every_page():
    rows = [ReportRow(f"1.00{i:04d}", f"Thủ tục cấp bản sao trích lục hộ tịch số {i} cho người nước ngoài",
                      counts(i % 3, i % 5, i % 7, i % 2, i % 4, i % 3, 1, i % 2, 1, 0, 0)) for i in range(90)]
    pages = pdf_pages(render_report_pdf(make_report(rows, by="procedure"), AGENCY, made_at=MADE_AT))
    assert len(pages) >= 2
    for width, height, text in pages:
        assert width > height
        assert "Thủ tục hành chính" in text
        assert "Số hồ sơ đã giải quyết" in text and words_read_back(WRAPPED_HEADING, text)
    assert "Tổng cộng" in pages[-1][2] and "Tổng cộng" not in pages[0][2]
    assert "THỦ TRƯỞNG ĐƠN VỊ" in pages[-1][2]


def test_pdf_of_an_empty_report():
    _, _, text = pdf_pages(render_report_pdf(make_report([]), AGENCY, made_at=MADE_AT))[0]
    assert "Không có hồ sơ nào trong kỳ báo cáo." in text
    assert "Tổng cộng 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 —" in text


# On three lines, level with its neighbour's «Tổng số»: read back interleaved with it (ReportLab 5
# places the lines so; 4.x did not), so each word is checked whole rather than the phrase.
WRAPPED_HEADING = "Tỷ lệ đúng hạn (%)"


def words_read_back(heading: str, text: str) -> bool:
    return set(heading.split()) <= set(text.split())


def find_cell(sheet, value):
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not in the sheet")


def test_xlsx_header_numbers_and_total(tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    write_report_xlsx(make_report(), AGENCY, path, made_on=MADE_AT)
    sheet = load_workbook(path).active
    assert find_cell(sheet, "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
    assert find_cell(sheet, "Kỳ báo cáo: từ ngày 01/11/2026 đến ngày 30/11/2026")
    assert find_cell(sheet, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG BA ĐÌNH")
    assert find_cell(sheet, "Hà Nội, ngày 02 tháng 12 năm 2026")

    stt = find_cell(sheet, "STT")
    top, sub = stt.row, stt.row + 1
    merged = {str(r) for r in sheet.merged_cells.ranges}
    # Single-level columns span both header rows; groups span their sub-columns.
    for col in ("A", "B", "N", "O", "P", "Q", "R"):
        assert f"{col}{top}:{col}{sub}" in merged
    assert {f"C{top}:F{top}", f"G{top}:J{top}", f"K{top}:M{top}"} <= merged
    assert sheet[f"B{top}"].value == "Lĩnh vực"
    assert sheet[f"C{top}"].value == "Số hồ sơ nhận giải quyết"
    assert sheet[f"G{top}"].value == "Số hồ sơ đã giải quyết"
    assert sheet[f"K{top}"].value == "Số hồ sơ đang giải quyết"
    assert [sheet.cell(sub, c).value for c in range(3, 14)] == [
        "Tổng số", "Kỳ trước chuyển qua", "Trực tuyến", "Trực tiếp/bưu chính",
        "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn"]
    assert [sheet[f"{col}{top}"].value for col in "NOPQR"] == [
        "Đã trả kết quả", "Từ chối", "Rút, dừng giải quyết", "Đóng hồ sơ", "Tỷ lệ đúng hạn (%)"]

    first = sub + 2  # after the row of column numbers
    assert sheet.freeze_panes == f"C{first}"
    names = [sheet.cell(first + i, 2).value for i in range(3)]
    assert names == ["Chứng thực", "Hộ tịch", LONG_NAME]
    data = [[sheet.cell(first + i, c).value for c in range(3, 19)] for i in range(3)]
    assert data[0] == [38, 3, 10, 25, 20, 4, 12, 4, 8, 6, 2, 15, 1, 0, 0, 80.0]
    for i in range(3):
        assert sheet.cell(first + i, 1).value == i + 1
        for c in range(3, 18):
            cell = sheet.cell(first + i, c)
            assert cell.data_type == "n" and type(cell.value) is int, cell.coordinate
    rate = sheet.cell(first + 1, 18)
    assert rate.data_type == "n" and isinstance(rate.value, float) and rate.value == 66.7
    assert rate.number_format == "0.0"
    assert sheet.cell(first + 2, 18).value == "—"  # nothing resolved

    total = first + 3
    assert sheet.cell(total, 2).value == "Tổng cộng"
    assert sheet.cell(total, 2).font.b
    totals = [sheet.cell(total, c).value for c in range(3, 19)]
    assert totals == EXPECTED_TOTAL_ROW
    assert totals[:-1] == [sum(row[j] for row in data) for j in range(15)]
    assert all(sheet.cell(total, c).font.b for c in range(3, 19))
    assert sheet.cell(total, 18).number_format == "0.0"
    assert find_cell(sheet, "NGƯỜI LẬP BIỂU") and find_cell(sheet, "THỦ TRƯỞNG ĐƠN VỊ")
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["C"].width
    assert sheet.page_setup.orientation == "landscape"


def test_cli_report_pdf_and_xlsx(database_url, tmp_path, capsys):
    assert main(["--database", database_url, "demo-data", "--dossiers", "200", "--seed", "2"]) == 0
    today = date.today()
    base = ["--database", database_url, "report", "--from", (today - timedelta(days=400)).isoformat(),
            "--to", today.isoformat()]
    capsys.readouterr()

    assert main([*base, "--format", "pdf"]) == 2
    assert "cần tệp kết quả" in capsys.readouterr().err
    assert main([*base, "--format", "xlsx", "--by", "procedure"]) == 2
    assert "Lỗi:" in capsys.readouterr().err

    pdf_path, xlsx_path = tmp_path / "bao-cao.pdf", tmp_path / "bao-cao.xlsx"
    assert main([*base, "--format", "pdf", "-o", str(pdf_path)]) == 0
    assert "Đã lưu báo cáo" in capsys.readouterr().out
    pages = pdf_pages(pdf_path.read_bytes())
    assert all(w > h for w, h, _ in pages)
    assert "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in pages[0][2]
    assert "Tổng cộng" in pages[-1][2]

    assert main([*base, "--format", "xlsx", "--by", "procedure", "-o", str(xlsx_path)]) == 0
    sheet = load_workbook(xlsx_path).active
    first = find_cell(sheet, "STT").row + 3
    total = find_cell(sheet, "Tổng cộng").row
    assert total > first
    received = [sheet.cell(r, 3).value for r in range(first, total)]
    assert all(type(v) is int for v in received)
    assert sheet.cell(total, 3).value == sum(received) > 0
    # Received = carried over + online + direct, on every row.
    for r in range(first, total + 1):
        assert sheet.cell(r, 3).value == sum(sheet.cell(r, c).value for c in (4, 5, 6))
    assert sheet[f"B{first - 3}"].value == "Thủ tục hành chính"


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(pytest.main([__file__, "-q"]))
