"""The periodic report (onestop.figures.report) printed like the provincial form
"BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH": A4 landscape, letterhead,
title and period, one table with a two-level header (repeated on every page), signatures.

The table's columns and figures are those of the spreadsheet (onestop.figures.report_xlsx); the page is
that of every printed report table (table_pdf).
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from onestop.figures.report import Report
from onestop.figures.report_xlsx import (
    HEADER_GROUPS,
    NO_DATA,
    REPORT_TITLE,
    TOTAL_LABEL,
    UNIT_LINE,
    column_count,
    figures,
    name_heading,
    period_line,
    report_total,
)
from onestop.office.site import AgencyInfo
from onestop.paperwork.letterhead import FormStyles, esc
from onestop.paperwork.table_pdf import PAGE_SIZE, STT_W, CellStyles, TablePlan, cell, group_header, render_table_pdf

__all__ = ["PAGE_SIZE", "render_report_pdf"]

# Column widths: STT, name (the rest of the width), 15 counts, the rate.
COUNT_W = 12.6 * mm
RATE_W = 16 * mm


def render_report_pdf(report: Report, agency: AgencyInfo, paper_font_path: str | None = None,
                      made_at: datetime | None = None) -> bytes:
    """The report as PDF bytes. made_at: the date line's date (default: now, Hà Nội time).

    FontError (Vietnamese message) when no font with Vietnamese letters is found. A report that
    runs just over one page is set a little smaller (as the other forms are) to fit on one.
    """

    def plan(styles: CellStyles, page: FormStyles, width: float, step: float) -> TablePlan:
        ncols = column_count()
        name_w = width - STT_W - RATE_W - COUNT_W * (ncols - 3)
        groups = [(heading or name_heading(report.by), subs) for heading, subs in HEADER_GROUPS]
        header, spans = group_header(groups, styles.head, styles.numbers)
        rows = [[cell(index, styles.num), cell(item.name, styles.text),
                 *(cell(v, styles.num) for v in figures({k: int(v) for k, v in item.counts.items()}))]
                for index, item in enumerate(report.rows, start=1)]
        total = ["", Paragraph(esc(TOTAL_LABEL), styles.text_b),
                 *(cell(v, styles.num_b) for v in figures(report_total(report)))]
        return TablePlan([STT_W, name_w] + [COUNT_W] * (ncols - 3) + [RATE_W], header, spans, rows, total,
                         NO_DATA, [Paragraph(esc(UNIT_LINE), styles.unit), Spacer(1, 2 * step)])

    return render_table_pdf(plan, agency, title=REPORT_TITLE, period=period_line(report.start, report.end),
                            subject=name_heading(report.by), paper_font_path=paper_font_path, made_at=made_at)
