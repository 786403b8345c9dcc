"""The periodic report (onestop.report) printed like the provincial form
"BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH": A4 landscape, letterhead,
title and period, one table with a two-level header (repeated on every page), signatures.

The table's columns and figures are those of the spreadsheet (onestop.report_xlsx).
"""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from onestop.report import Report
from onestop.report_xlsx import (
    HEADER_GROUPS,
    NO_DATA,
    NO_RATE,
    REPORT_TITLE,
    TOTAL_LABEL,
    UNIT_LINE,
    column_count,
    column_numbers,
    figures,
    name_heading,
    period_line,
    report_total,
)
from onestop.site import AgencyInfo

from .fonts import FontFamily, register_serif
from .layout import SHRINK_STEPS
from .letterhead import (
    LOCAL_TZ,
    SignatureColumn,
    esc,
    letterhead,
    make_styles,
    nfc,
    signature_block,
    title_block,
)

__all__ = ["PAGE_SIZE", "render_report_pdf"]

PAGE_SIZE = landscape(A4)
MARGINS = (15 * mm, 15 * mm, 13 * mm, 20 * mm)  # top, right, bottom, left
BODY_PT = 12.0  # letterhead, title and signatures (13 pt on the portrait forms)
CELL_PT = 10.0  # the table
HEAD_PT = 9.5

# Column widths: STT, name (the rest of the width), 14 counts, the rate.
STT_W = 9 * mm
COUNT_W = 12.6 * mm
RATE_W = 16 * mm


def _number(value: float | None) -> str:
    """Vietnamese digits: 1.234 and 85,7."""
    if value is None:
        return NO_RATE
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{value:,}".replace(",", ".")


def _line(text: str) -> str:
    """Header text with explicit breaks: a slash may end a line ('Trực tiếp/bưu chính')."""
    return esc(text).replace("/", "/<br/>")


def render_report_pdf(report: Report, agency: AgencyInfo, paper_font_path: str | None = None,
                      made_at: datetime | None = None) -> bytes:
    """The report as PDF bytes. made_at: the date line's date (default: now, Hà Nội time).

    FontError (Vietnamese message) when no font with Vietnamese letters is found. A report that
    runs just over one page is set a little smaller (as the other forms are) to fit on one.
    """
    fonts = register_serif(paper_font_path or None)
    made_at = made_at or datetime.now(LOCAL_TZ)
    pdf, pages = _build(report, agency, fonts, made_at, SHRINK_STEPS[0])
    if pages == 2:
        for step in SHRINK_STEPS[1:]:
            small, small_pages = _build(report, agency, fonts, made_at, step)
            if small_pages == 1:
                return small
    return pdf


def _build(report: Report, agency: AgencyInfo, fonts: FontFamily, made_at: datetime,
           step: float) -> tuple[bytes, int]:
    """(PDF, page count) with every size scaled by step."""
    top, right, bottom, left = MARGINS
    width = PAGE_SIZE[0] - left - right
    st = make_styles(fonts, BODY_PT * step)

    def cell_style(name: str, size: float, font: str, align: int) -> ParagraphStyle:
        size *= step
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.18, alignment=align,
                              textColor=colors.black)

    head = cell_style("rp_head", HEAD_PT, fonts.bold, TA_CENTER)
    numbers = cell_style("rp_numbers", HEAD_PT - 1, fonts.italic, TA_CENTER)
    text = cell_style("rp_text", CELL_PT, fonts.regular, TA_LEFT)
    num = cell_style("rp_num", CELL_PT, fonts.regular, TA_CENTER)
    text_b = cell_style("rp_text_b", CELL_PT, fonts.bold, TA_CENTER)
    num_b = cell_style("rp_num_b", CELL_PT, fonts.bold, TA_CENTER)
    note = cell_style("rp_note", CELL_PT, fonts.italic, TA_LEFT)
    unit = cell_style("rp_unit", CELL_PT + 1, fonts.italic, TA_RIGHT)

    ncols = column_count()
    name_w = width - STT_W - RATE_W - COUNT_W * (ncols - 3)
    col_widths = [STT_W, name_w] + [COUNT_W] * (ncols - 3) + [RATE_W]

    # Header: row 0 groups, row 1 sub-headings, row 2 the column numbers.
    row0: list = []
    row1: list = []
    spans: list[tuple] = []
    col = 0
    for heading, subs in HEADER_GROUPS:
        heading = heading or name_heading(report.by)
        if subs:
            row0 += [Paragraph(esc(heading), head)] + [""] * (len(subs) - 1)
            row1 += [Paragraph(_line(s), head) for s in subs]
            spans.append(("SPAN", (col, 0), (col + len(subs) - 1, 0)))
            col += len(subs)
        else:
            row0.append(Paragraph(esc(heading), head))
            row1.append("")
            spans.append(("SPAN", (col, 0), (col, 1)))
            col += 1
    row2 = [Paragraph(n, numbers) for n in column_numbers()]
    rows: list[list] = [row0, row1, row2]

    for index, item in enumerate(report.rows, start=1):
        values = figures({k: int(v) for k, v in item.counts.items()})
        rows.append([Paragraph(str(index), num), Paragraph(esc(item.name), text),
                     *(Paragraph(_number(v), num) for v in values)])
    empty_span: list[tuple] = []
    if not report.rows:
        rows.append(["", Paragraph(esc(NO_DATA), note)] + [""] * (ncols - 2))
        empty_span.append(("SPAN", (1, 3), (-1, 3)))
    rows.append(["", Paragraph(esc(TOTAL_LABEL), text_b),
                 *(Paragraph(_number(v), num_b) for v in figures(report_total(report)))])

    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * step),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * step),
        ("LINEBELOW", (0, 2), (-1, 2), 0.9, colors.black),
    ]
    header, body = rows[:3], rows[3:]

    def table(part: list[list], extra: list[tuple], total: bool) -> Table:
        t = Table(header + part, colWidths=col_widths, repeatRows=3)
        t.setStyle(TableStyle(style + spans + extra
                              + ([("LINEABOVE", (0, -1), (-1, -1), 0.9, colors.black)] if total else [])))
        return t

    def story(tail: int) -> tuple[list, list[int], list[int]]:
        """The story; with tail > 0 the last tail rows and the total form a second table kept with
        the signatures, so that the signatures never stand alone on the last page."""
        out = letterhead(st, width=width, parent_name=agency.parent_name, agency_name=agency.name,
                         place=agency.place_name, date=made_at, left_ratio=0.4)
        out += title_block(st, REPORT_TITLE, space_before=12 * step)
        out.append(Paragraph(esc(period_line(report.start, report.end)), st.place_date))
        out.append(Spacer(1, 4 * step))
        out.append(Paragraph(esc(UNIT_LINE), unit))
        out.append(Spacer(1, 2 * step))
        table_end: list[int] = []
        signed: list[int] = []
        signatures = [
            _PageMark(signed),
            Spacer(1, 8 * mm * step),
            signature_block(st, [SignatureColumn("Người lập biểu"),
                                 SignatureColumn("Thủ trưởng đơn vị", hint="(Ký, ghi rõ họ tên, đóng dấu)")],
                            width),
        ]
        cut = len(body) - 1 - tail  # the total row is always in the tail
        if tail and cut > 0:
            out.append(table(body[:cut], [], False))
            out.append(KeepTogether([table(body[cut:], [], True), *signatures]))
        else:
            out.append(table(body, empty_span, True))
            out.append(_PageMark(table_end))
            out.append(KeepTogether(signatures))
        return out, table_end, signed

    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=PAGE_SIZE, topMargin=top, bottomMargin=bottom, leftMargin=left, rightMargin=right,
        title=f"{nfc(REPORT_TITLE).capitalize()} - {period_line(report.start, report.end)}",
        author=nfc(agency.name).strip(), subject=name_heading(report.by), creator="onestop", lang="vi",
        displayDocTitle=True,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    small = st.small_italic

    def page_number(canvas, doc_) -> None:
        canvas.saveState()
        canvas.setFont(small.fontName, small.fontSize * 0.9)
        canvas.drawRightString(PAGE_SIZE[0] - right, bottom * 0.5, f"Trang {canvas.getPageNumber()}")
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="report", frames=[frame], onPage=page_number)])
    flowables, table_end, signed = story(0)
    doc.build(flowables)
    if table_end and signed and signed[0] > table_end[0]:
        buf.seek(0)
        buf.truncate()
        doc.build(story(2)[0])
    return buf.getvalue(), doc.page


class _PageMark(Flowable):
    """Takes no room; notes the page it is drawn on."""

    def __init__(self, pages: list[int]) -> None:
        super().__init__()
        self.pages = pages

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages.append(self.canv.getPageNumber())
