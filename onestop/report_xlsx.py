"""The periodic report (onestop.report) as a spreadsheet, laid out like the paper form
"BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH".

The table layout — the two-level header and the figures of a row, totals included — is defined
here, without heavy imports, and shared with the printed report (onestop.documents.report_pdf).
openpyxl is imported only when a workbook is written.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from onestop.report import COUNTS, Report
from onestop.site import AgencyInfo

__all__ = [
    "HEADER_GROUPS",
    "MOTTO",
    "NATIONAL_TITLE",
    "REPORT_TITLE",
    "UNIT_LINE",
    "column_count",
    "column_numbers",
    "figures",
    "name_heading",
    "on_time_rate",
    "period_line",
    "report_total",
    "write_report_xlsx",
]

REPORT_TITLE = "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
UNIT_LINE = "Đơn vị tính: hồ sơ"
TOTAL_LABEL = "Tổng cộng"
NAME_WIDTH = 32  # the name column, in characters
NO_DATA = "Không có hồ sơ nào trong kỳ báo cáo."
NO_RATE = "—"  # no dossier resolved: no on-time rate

# (group heading, sub-headings); a group without sub-headings spans both header rows.
# The second entry is the name column, whose heading depends on the grouping (name_heading).
HEADER_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("STT", ()),
    ("", ()),
    ("Số hồ sơ nhận giải quyết", ("Tổng số", "Kỳ trước chuyển qua", "Trực tuyến", "Trực tiếp/bưu chính")),
    ("Số hồ sơ đã giải quyết", ("Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn")),
    ("Số hồ sơ đang giải quyết", ("Tổng số", "Trong hạn", "Quá hạn")),
    ("Đã trả kết quả", ()),
    ("Từ chối", ()),
    ("Rút hồ sơ", ()),
    ("Tỷ lệ đúng hạn (%)", ()),
)


def column_count() -> int:
    return sum(max(1, len(subs)) for _, subs in HEADER_GROUPS)


def column_numbers() -> list[str]:
    """The row of column numbers under the header, as on the paper form: (1), (2)…"""
    return [f"({i})" for i in range(1, column_count() + 1)]


def name_heading(by: str) -> str:
    return "Thủ tục hành chính" if by == "procedure" else "Lĩnh vực"


def period_line(start: date, end: date) -> str:
    return f"Kỳ báo cáo: từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


def on_time_rate(counts: Mapping[str, int]) -> float | None:
    """(early + on time) / resolved × 100, one decimal rounded half up; None if nothing was resolved."""
    resolved = counts["resolved_early"] + counts["resolved_on_time"] + counts["resolved_late"]
    if not resolved:
        return None
    rate = Decimal(100 * (counts["resolved_early"] + counts["resolved_on_time"])) / Decimal(resolved)
    return float(rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def figures(counts: Mapping[str, int]) -> list[int | float | None]:
    """The 15 figures of a row, in column order (after STT and name); the rate last, None if none."""
    c = counts
    received = c["carried_over"] + c["received_online"] + c["received_direct"]
    resolved = c["resolved_early"] + c["resolved_on_time"] + c["resolved_late"]
    in_progress = c["in_progress_within"] + c["in_progress_overdue"]
    return [
        received, c["carried_over"], c["received_online"], c["received_direct"],
        resolved, c["resolved_early"], c["resolved_on_time"], c["resolved_late"],
        in_progress, c["in_progress_within"], c["in_progress_overdue"],
        c["returned"], c["refused"], c["withdrawn"],
        on_time_rate(c),
    ]


def report_total(report: Report) -> dict[str, int]:
    """The report's total, or the sum of its rows when it carries none."""
    if report.total and all(k in report.total for k in COUNTS):
        return dict(report.total)
    return {k: sum(int(r.counts.get(k, 0)) for r in report.rows) for k in COUNTS}


def _counts(raw: Mapping[str, int]) -> dict[str, int]:
    return {k: int(raw.get(k, 0)) for k in COUNTS}


def _date_line(place: str, when: date) -> str:
    """'<place>, ngày 05 tháng 01 năm 2026' (NĐ 30/2020: leading zero for day < 10, month < 3)."""
    day = f"{when.day:02d}" if when.day < 10 else str(when.day)
    month = f"{when.month:02d}" if when.month < 3 else str(when.month)
    prefix = f"{place.strip()}, " if place.strip() else ""
    return f"{prefix}ngày {day} tháng {month} năm {when.year}"


def write_report_xlsx(report: Report, agency: AgencyInfo, path: Path | str,
                      made_on: date | datetime | None = None) -> None:
    """Write the report to an .xlsx file at path (made_on: the date line's date, default today)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins

    if made_on is None:
        from zoneinfo import ZoneInfo

        made_on = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh"))
    if isinstance(made_on, datetime):
        made_on = made_on.date()

    ncols = column_count()
    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"

    face = "Times New Roman"
    regular, bold, italic = Font(name=face, size=12), Font(name=face, size=12, bold=True), \
        Font(name=face, size=12, italic=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    cell_font, cell_bold = Font(name=face, size=11), Font(name=face, size=11, bold=True)
    head_fill = PatternFill("solid", fgColor="E7E6E6")
    total_fill = PatternFill("solid", fgColor="F2F2F2")

    def put(row: int, col: int, value, font=regular, align=centre, span: int = 1, height: int = 1):
        cell = sheet.cell(row=row, column=col, value=value)
        cell.font, cell.alignment = font, align
        if span > 1 or height > 1:
            sheet.merge_cells(start_row=row, start_column=col, end_row=row + height - 1,
                              end_column=col + span - 1)
        return cell

    # Letterhead: parent body and agency on the left, national title and motto on the right.
    left_span, right_start = 6, 8
    right_span = ncols - right_start + 1
    put(1, 1, agency.parent_name.strip().upper(), regular, span=left_span)
    put(2, 1, agency.name.strip().upper(), bold, span=left_span)
    put(1, right_start, NATIONAL_TITLE, bold, span=right_span)
    put(2, right_start, MOTTO, Font(name=face, size=13, bold=True), span=right_span)
    put(3, right_start, _date_line(agency.place_name, made_on), italic, span=right_span)
    sheet.row_dimensions[2].height = 33  # a long agency name takes two lines
    sheet.row_dimensions[3].height = 20

    put(5, 1, REPORT_TITLE, Font(name=face, size=14, bold=True), span=ncols)
    put(6, 1, period_line(report.start, report.end), Font(name=face, size=13, italic=True), span=ncols)
    sheet.row_dimensions[5].height = 21
    sheet.row_dimensions[6].height = 19
    put(7, ncols - 3, UNIT_LINE, italic, Alignment(horizontal="right", vertical="center"), span=4)

    # Two-level header, then the column numbers.
    h1, h2, hn = 8, 9, 10
    head = Font(name=face, size=10, bold=True)
    col = 1
    for heading, subs in HEADER_GROUPS:
        heading = heading or name_heading(report.by)
        if subs:
            put(h1, col, heading, head, span=len(subs))
            for i, sub in enumerate(subs):
                put(h2, col + i, sub, head)
            col += len(subs)
        else:
            put(h1, col, heading, head, height=2)
            col += 1
    for i, number in enumerate(column_numbers(), start=1):
        put(hn, i, number, Font(name=face, size=10, italic=True))
    sheet.row_dimensions[h1].height = 33
    sheet.row_dimensions[h2].height = 48

    row = hn + 1
    rate_format = "0.0"
    for index, item in enumerate(report.rows, start=1):
        put(row, 1, index, cell_font)
        put(row, 2, item.name, cell_font, left)
        for i, value in enumerate(figures(_counts(item.counts)), start=3):
            cell = put(row, i, NO_RATE if value is None else value, cell_font)
            if isinstance(value, float):
                cell.number_format = rate_format
        # Neither Excel nor LibreOffice grows a row for wrapped text on opening: size it here.
        lines = max(1, -(-len(item.name) // int(NAME_WIDTH * 1.45)))
        sheet.row_dimensions[row].height = 15 * lines + 3
        row += 1
    if not report.rows:
        put(row, 1, "")
        put(row, 2, NO_DATA, italic, left, span=ncols - 1)
        row += 1
    put(row, 1, "", bold)
    put(row, 2, TOTAL_LABEL, bold, centre)
    for i, value in enumerate(figures(report_total(report)), start=3):
        cell = put(row, i, NO_RATE if value is None else value, cell_bold)
        if isinstance(value, float):
            cell.number_format = rate_format
    total_row = row

    for r in range(h1, total_row + 1):
        for c in range(1, ncols + 1):
            cell = sheet.cell(row=r, column=c)
            cell.border = box
            if r <= hn:
                cell.fill = head_fill
            elif r == total_row:
                cell.fill = total_fill

    # Signatures.
    sign = total_row + 2
    put(sign, 1, "NGƯỜI LẬP BIỂU", bold, span=left_span)
    put(sign + 1, 1, "(Ký, ghi rõ họ tên)", italic, span=left_span)
    put(sign, right_start, "THỦ TRƯỞNG ĐƠN VỊ", bold, span=right_span)
    put(sign + 1, right_start, "(Ký, ghi rõ họ tên, đóng dấu)", italic, span=right_span)

    widths = {1: 5, 2: NAME_WIDTH, ncols: 9}
    for c in range(1, ncols + 1):
        sheet.column_dimensions[get_column_letter(c)].width = widths.get(c, 7.5)
    sheet.freeze_panes = sheet.cell(row=hn + 1, column=3)  # header rows and STT/name stay in view

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.6, right=0.4, top=0.6, bottom=0.6)
    sheet.print_title_rows = f"{h1}:{hn}"
    sheet.print_options.horizontalCentered = True
    book.properties.title = REPORT_TITLE.capitalize()
    book.properties.creator = agency.name
    book.save(path)
