"""The cut-time targets (onestop.figures.targets) as a spreadsheet: "KẾT QUẢ THỰC HIỆN CẮT GIẢM THỜI GIAN
GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", with the unit's summary above the table.

The table layout — header, the cells of a row, the summary lines — is defined here, without heavy
imports, and shared with the printed version (onestop.figures.targets_pdf). In the workbook,
shares and cuts are fractions with a per-cent format, days numbers with one decimal.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from onestop.figures.report_xlsx import period_line
from onestop.figures.targets import (
    CUT_TARGET,
    KEPT,
    KEPT_SHARE,
    NO_CUT,
    NO_DOSSIERS,
    NOT_KEPT,
    TOTAL_NAME,
    UNIT_TARGET,
    TargetRow,
    Targets,
    TargetSummary,
)
from onestop.formatting import vn_number
from onestop.office.site import AgencyInfo

__all__ = ["HEADER_GROUPS", "STANDING_LABELS", "TARGETS_TITLE", "row_cells", "summary_lines", "total_cells",
           "write_targets_xlsx"]

TARGETS_TITLE = "KẾT QUẢ THỰC HIỆN CẮT GIẢM THỜI GIAN GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
NO_PROCEDURES = "Danh mục chưa có thủ tục nào đang áp dụng."
STANDING_LABELS = {NOT_KEPT: "Chưa đạt", KEPT: "Đạt", NO_CUT: "Không cắt giảm", NO_DOSSIERS: "Chưa có hồ sơ"}

# (group heading, sub-headings); a group without sub-headings spans both header rows.
HEADER_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("STT", ()),
    ("Mã thủ tục", ()),
    ("Tên thủ tục hành chính", ()),
    ("Lĩnh vực", ()),
    ("Cấp thực hiện", ()),
    ("Thời hạn giải quyết", ("Theo quy định", "Cam kết", "Cắt giảm (%)")),
    ("Số hồ sơ đã giải quyết", ()),
    ("Trong thời hạn cam kết", ("Số hồ sơ", "Tỷ lệ (%)")),
    ("Trong thời hạn quy định", ("Số hồ sơ", "Tỷ lệ (%)")),
    ("Thời gian thực tế (ngày làm việc)", ("Trung vị", "90% hồ sơ không quá")),
    ("Đánh giá", ()),
)
# Columns counted from 1 (STT): cut and shares in per cent, days.
PERCENT_COLUMNS = (8, 11, 13)
DAY_COLUMNS = (14, 15)
TEXT_COLUMNS = (2, 3, 4)
XLSX_WIDTHS = (5, 13, 36, 16, 9, 11, 11, 8, 9, 8, 8, 8, 8, 8, 9, 12)


def row_cells(row: TargetRow) -> list:
    """The 15 cells of a row after STT: texts, counts, per cents (85.7) and days (2.5); None: none."""
    return [row.code, row.name, row.field, row.level_label, row.statutory.label(), row.committed.label(),
            row.cut_percent, row.resolved, row.within_committed, row.within_committed_percent,
            row.within_statutory, row.within_statutory_percent, row.median_days, row.p90_days,
            STANDING_LABELS[row.standing]]


def total_cells(summary: TargetSummary) -> list:
    """The unit's row: its dossiers' figures, blank where a procedure's promise would stand."""
    s = summary
    return ["", TOTAL_NAME, "", "", "", "", "", s.resolved, s.within_committed, s.within_committed_percent,
            s.within_statutory, s.within_statutory_percent, s.median_days, s.p90_days, ""]


def _share(value: float | None) -> str:
    return f"{vn_number(value)}%" if value is not None else vn_number(None)


def summary_lines(targets: Targets) -> list[str]:
    """The unit's standing, in the words of the provincial programmes, above the table."""
    s = targets.summary
    lines = [f"Tỷ lệ thủ tục cắt giảm ≥ {CUT_TARGET}%: {s.cut}/{s.procedures} ({_share(s.cut_percent)}) — "
             f"chỉ tiêu {UNIT_TARGET}%: {'đạt' if s.target_met else 'chưa đạt'}"]
    if s.resolved:
        lines.append(
            f"Hồ sơ đã giải quyết trong kỳ: {vn_number(s.resolved)}; trong thời hạn cam kết: "
            f"{vn_number(s.within_committed)} ({_share(s.within_committed_percent)}); trong thời hạn quy định: "
            f"{vn_number(s.within_statutory)} ({_share(s.within_statutory_percent)}); thời gian thực tế: "
            f"trung vị {vn_number(s.median_days)} ngày làm việc, 90% hồ sơ không quá "
            f"{vn_number(s.p90_days)} ngày làm việc.")
    else:
        lines.append("Không có hồ sơ nào được giải quyết trong kỳ báo cáo.")
    lines.append(
        f"Thủ tục có cắt giảm nhưng chưa giữ được trên thực tế (dưới {KEPT_SHARE}% hồ sơ trong thời hạn cam kết, "
        f"hoặc thời gian thực tế của 90% hồ sơ vượt thời hạn cam kết): "
        + (f"{s.not_kept}, xếp đầu bảng." if s.not_kept else "không có."))
    return lines


def write_targets_xlsx(targets: Targets, agency: AgencyInfo, path: Path | str,
                       made_on: date | datetime | None = None) -> None:
    """Write the targets to an .xlsx file at path (made_on: the date line's date, default today)."""
    from onestop.figures.table_xlsx import SheetTable, write_table_xlsx

    def fractions(cells: list) -> list:
        # Per cents as fractions under a per-cent format: Excel shows 85,7 % and computes with 0,857.
        return [round(v / 100, 6) if i in PERCENT_COLUMNS and isinstance(v, float) else v
                for i, v in enumerate(cells, start=2)]

    formats = {**dict.fromkeys(PERCENT_COLUMNS, "0.0%"), **dict.fromkeys(DAY_COLUMNS, "0.0")}
    table = SheetTable(
        title=TARGETS_TITLE, period=period_line(targets.start, targets.end), groups=HEADER_GROUPS,
        rows=[fractions(row_cells(r)) for r in targets.rows], total=fractions(total_cells(targets.summary)),
        widths=XLSX_WIDTHS, formats=formats, text_columns=TEXT_COLUMNS, notes=summary_lines(targets),
        empty_note=NO_PROCEDURES, sheet_name="Cắt giảm thời gian")
    write_table_xlsx(table, agency, path, made_on)
