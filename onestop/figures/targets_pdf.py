"""The cut-time targets (onestop.figures.targets) printed: A4 landscape, letterhead, title and period, the
unit's summary, then one row per procedure — promises not kept first — with the header repeated on
every page, the unit's row and the signatures.

Columns, cells and summary lines are those of the spreadsheet (onestop.figures.targets_xlsx); the page is
that of every printed report table (table_pdf).
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer

from onestop.figures.report_xlsx import period_line
from onestop.figures.targets import NOT_KEPT, Targets
from onestop.figures.targets_xlsx import (
    HEADER_GROUPS,
    NO_PROCEDURES,
    TARGETS_TITLE,
    TEXT_COLUMNS,
    row_cells,
    summary_lines,
    total_cells,
)
from onestop.office.site import AgencyInfo
from onestop.paperwork.letterhead import FormStyles, esc
from onestop.paperwork.table_pdf import STT_W, CellStyles, TablePlan, cell, group_header, render_table_pdf

__all__ = ["render_targets_pdf"]

CELL_PT = 9.0  # sixteen columns: a point smaller than the periodic report
HEAD_PT = 8.5
# Widths of the columns after STT and code; the name takes what is left.
FIELD_W, LEVEL_W, TIME_W, CUT_W, COUNT_W, SHARE_W, DAYS_W, STANDING_W = (
    21 * mm, 14 * mm, 17 * mm, 12 * mm, 11 * mm, 12 * mm, 12 * mm, 21 * mm)


def render_targets_pdf(targets: Targets, agency: AgencyInfo, paper_font_path: str | None = None,
                       made_at: datetime | None = None) -> bytes:
    """The targets as PDF bytes. made_at: the date line's date (default: now, Hà Nội time).

    FontError (Vietnamese message) when no font with Vietnamese letters is found.
    """

    def plan(styles: CellStyles, page: FormStyles, width: float, step: float) -> TablePlan:
        # Codes have no spaces to wrap at: the column is as wide as the longest one.
        code_w = max([16 * mm] + [stringWidth(r.code, styles.text.fontName, styles.text.fontSize) + 6
                                  for r in targets.rows])
        fixed = [STT_W, code_w, None, FIELD_W, LEVEL_W, TIME_W, TIME_W, CUT_W, COUNT_W, COUNT_W, SHARE_W,
                 COUNT_W, SHARE_W, DAYS_W, DAYS_W, STANDING_W]
        fixed[2] = width - sum(w for w in fixed if w is not None)
        header, spans = group_header(HEADER_GROUPS, styles.head, styles.numbers)
        standing_b = ParagraphStyle("tg_standing_b", parent=styles.num, fontName=page.fonts.bold)

        def cells(first: object, values: list, number: ParagraphStyle, emphasis: bool = False) -> list:
            out = [cell(first, number)]
            for col, value in enumerate(values, start=2):
                text = col in TEXT_COLUMNS and number is styles.num
                out.append(cell(value, styles.text if text else number))
            if emphasis:
                out[-1] = cell(values[-1], standing_b)
            return out

        rows = [cells(i, row_cells(r), styles.num, r.standing == NOT_KEPT)
                for i, r in enumerate(targets.rows, start=1)]
        total = cells("", total_cells(targets.summary), styles.num_b)
        above = [Paragraph(esc(line), styles.line) for line in summary_lines(targets)] + [Spacer(1, 3 * step)]
        return TablePlan(fixed, header, spans, rows, total, NO_PROCEDURES, above)

    return render_table_pdf(plan, agency, title=TARGETS_TITLE, period=period_line(targets.start, targets.end),
                            subject="Cắt giảm thời gian giải quyết", paper_font_path=paper_font_path,
                            made_at=made_at, cell_pt=CELL_PT, head_pt=HEAD_PT)
