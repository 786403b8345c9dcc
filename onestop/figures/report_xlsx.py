"""The periodic report (onestop.figures.report) as a spreadsheet, laid out like the paper form
"BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH".

The table layout — the two-level header and the figures of a row, totals included — is defined
here, without heavy imports, and shared with the printed report (onestop.figures.report_pdf);
the sheet is written by onestop.figures.table_xlsx, which imports openpyxl only when a workbook is written.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from onestop.clock.calendar import TZ
from onestop.figures.report import COUNTS, Report
from onestop.formatting import percent
from onestop.office.site import AgencyInfo

__all__ = [
    "HEADER_GROUPS",
    "MOTTO",
    "NATIONAL_TITLE",
    "REPORT_TITLE",
    "UNIT_LINE",
    "SheetText",
    "column_count",
    "figures",
    "letterhead_texts",
    "local_day",
    "name_heading",
    "on_time_rate",
    "period_line",
    "report_total",
    "signature_texts",
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
    ("Rút, dừng giải quyết", ()),  # withdrawn (2018) and stopped at the applicant's request (2025)
    ("Đóng hồ sơ", ()),  # papers never supplemented (NĐ 118/2025 Điều 19 k5): not resolved
    ("Tỷ lệ đúng hạn (%)", ()),
)


def column_count() -> int:
    return sum(max(1, len(subs)) for _, subs in HEADER_GROUPS)


def name_heading(by: str) -> str:
    return "Thủ tục hành chính" if by == "procedure" else "Lĩnh vực"


def period_line(start: date, end: date) -> str:
    return f"Kỳ báo cáo: từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


def on_time_rate(counts: Mapping[str, int]) -> float | None:
    """(early + on time) / resolved × 100, one decimal rounded half up; None if nothing was resolved."""
    resolved = counts["resolved_early"] + counts["resolved_on_time"] + counts["resolved_late"]
    return percent(counts["resolved_early"] + counts["resolved_on_time"], resolved)


def figures(counts: Mapping[str, int]) -> list[int | float | None]:
    """The 16 figures of a row, in column order (after STT and name); the rate last, None if none."""
    c = counts
    received = c["carried_over"] + c["received_online"] + c["received_direct"]
    resolved = c["resolved_early"] + c["resolved_on_time"] + c["resolved_late"]
    in_progress = c["in_progress_within"] + c["in_progress_overdue"]
    return [
        received, c["carried_over"], c["received_online"], c["received_direct"],
        resolved, c["resolved_early"], c["resolved_on_time"], c["resolved_late"],
        in_progress, c["in_progress_within"], c["in_progress_overdue"],
        c["returned"], c["refused"], c["withdrawn"], c["closed"],
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


@dataclass(frozen=True)
class SheetText:
    """A text cell of a sheet's frame (letterhead, signatures), merged over span columns.

    style: "regular", "bold", "italic" or "motto" (the motto is a size larger).
    """

    row: int
    col: int
    value: str
    style: str
    span: int = 1


def local_day(made_on: date | datetime | None) -> date:
    """The date line's date: made_on's date, or today in Hà Nội."""
    if made_on is None:
        made_on = datetime.now(TZ)
    return made_on.date() if isinstance(made_on, datetime) else made_on


def letterhead_texts(agency: AgencyInfo, made_on: date, left_span: int, right_start: int,
                     right_span: int) -> list[SheetText]:
    """Rows 1-3: parent body and agency on the left; national title, motto and date line on the right."""
    return [
        SheetText(1, 1, agency.parent_name.strip().upper(), "regular", left_span),
        SheetText(2, 1, agency.name.strip().upper(), "bold", left_span),
        SheetText(1, right_start, NATIONAL_TITLE, "bold", right_span),
        SheetText(2, right_start, MOTTO, "motto", right_span),
        SheetText(3, right_start, _date_line(agency.place_name, made_on), "italic", right_span),
    ]


def signature_texts(row: int, left_role: str, left_span: int, right_start: int, right_span: int,
                    right_role: str = "THỦ TRƯỞNG ĐƠN VỊ") -> list[SheetText]:
    """Two signature columns at row: the roles, and under them what to write."""
    return [
        SheetText(row, 1, left_role, "bold", left_span),
        SheetText(row + 1, 1, "(Ký, ghi rõ họ tên)", "italic", left_span),
        SheetText(row, right_start, right_role, "bold", right_span),
        SheetText(row + 1, right_start, "(Ký, ghi rõ họ tên, đóng dấu)", "italic", right_span),
    ]


def write_report_xlsx(report: Report, agency: AgencyInfo, path: Path | str,
                      made_on: date | datetime | None = None) -> None:
    """Write the report to an .xlsx file at path (made_on: the date line's date, default today)."""
    from onestop.figures.table_xlsx import SheetTable, write_table_xlsx

    ncols = column_count()
    table = SheetTable(
        title=REPORT_TITLE, period=period_line(report.start, report.end),
        groups=[(heading or name_heading(report.by), subs) for heading, subs in HEADER_GROUPS],
        rows=[[item.name, *figures(_counts(item.counts))] for item in report.rows],
        total=[TOTAL_LABEL, *figures(report_total(report))],
        widths=[5, NAME_WIDTH] + [7.5] * (ncols - 3) + [9], formats={ncols: "0.0"}, unit_line=UNIT_LINE)
    write_table_xlsx(table, agency, path, made_on)
