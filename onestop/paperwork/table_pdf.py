"""A report table printed like the provincial forms: A4 landscape, letterhead, title and period,
a few lines above the table, one table whose header repeats on every page, a total row, the
signatures of the compiler and the head of the unit, page numbers.

What a report puts in the table is its own business (a TablePlan, made for the cell styles and the
scale the engine asks for); the page, its blocks and the fitting are here, shared by the periodic
report (report_pdf) and the cut-time targets (targets_pdf).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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

from onestop.formatting import vn_number
from onestop.office.site import AgencyInfo
from onestop.paperwork.fonts import FontFamily, register_serif, width_scale
from onestop.paperwork.layout import SHRINK_STEPS
from onestop.paperwork.letterhead import (
    LOCAL_TZ,
    FormStyles,
    SignatureColumn,
    esc,
    letterhead,
    make_styles,
    nfc,
    signature_block,
    title_block,
)

__all__ = ["PAGE_SIZE", "STT_W", "CellStyles", "TablePlan", "cell", "group_header", "render_table_pdf"]

PAGE_SIZE = landscape(A4)


def numbered_document(buf: io.BytesIO, margins: tuple[float, float, float, float], title: str, agency: AgencyInfo,
                      subject: str, footer: ParagraphStyle, footer_left: str = "") -> BaseDocTemplate:
    """An A4 landscape document with one full frame and "Trang N" at the bottom right of each page;
    `footer_left` at the bottom left of each page (the ledger's audit mark)."""
    top, right, bottom, left = margins
    doc = BaseDocTemplate(
        buf, pagesize=PAGE_SIZE, topMargin=top, bottomMargin=bottom, leftMargin=left, rightMargin=right,
        title=title, author=nfc(agency.name).strip(), subject=subject, creator="onestop", lang="vi",
        displayDocTitle=True,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")

    def page_number(canvas, doc_) -> None:
        canvas.saveState()
        canvas.setFont(footer.fontName, footer.fontSize * 0.9)
        canvas.drawRightString(PAGE_SIZE[0] - right, bottom * 0.5, f"Trang {canvas.getPageNumber()}")
        if footer_left:
            canvas.drawString(left, bottom * 0.5, footer_left)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="body", frames=[frame], onPage=page_number)])
    return doc
MARGINS = (15 * mm, 15 * mm, 13 * mm, 20 * mm)  # top, right, bottom, left
BODY_PT = 12.0  # letterhead, title and signatures (13 pt on the portrait forms)
CELL_PT = 10.0  # the table
HEAD_PT = 9.5
STT_W = 9 * mm  # the STT column


@dataclass(frozen=True)
class CellStyles:
    head: ParagraphStyle  # header cells, bold, centred
    numbers: ParagraphStyle  # the row of column numbers, italic
    text: ParagraphStyle  # a name, left
    num: ParagraphStyle  # a figure, centred
    text_b: ParagraphStyle  # the total's label, bold, centred
    num_b: ParagraphStyle  # a figure of the total, bold
    note: ParagraphStyle  # "no data", italic
    unit: ParagraphStyle  # "Đơn vị tính: …", italic, right
    line: ParagraphStyle  # a line of text above the table, left


def _cell_styles(fonts: FontFamily, step: float, cell_pt: float, head_pt: float) -> CellStyles:
    def style(name: str, size: float, font: str, align: int) -> ParagraphStyle:
        size *= step
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.18, alignment=align,
                              textColor=colors.black)

    return CellStyles(
        head=style("rp_head", head_pt, fonts.bold, TA_CENTER),
        numbers=style("rp_numbers", head_pt - 1, fonts.italic, TA_CENTER),
        text=style("rp_text", cell_pt, fonts.regular, TA_LEFT),
        num=style("rp_num", cell_pt, fonts.regular, TA_CENTER),
        text_b=style("rp_text_b", cell_pt, fonts.bold, TA_CENTER),
        num_b=style("rp_num_b", cell_pt, fonts.bold, TA_CENTER),
        note=style("rp_note", cell_pt, fonts.italic, TA_LEFT),
        unit=style("rp_unit", cell_pt + 1, fonts.italic, TA_RIGHT),
        line=style("rp_line", cell_pt + 1, fonts.regular, TA_LEFT),
    )


def cell(value: object, style: ParagraphStyle) -> Paragraph:
    """A table cell: numbers in Vietnamese digits (1.234 and 85,7), None as "—", text escaped."""
    if value is None or isinstance(value, int | float):
        return Paragraph(vn_number(value), style)
    return Paragraph(esc(value), style)


def _heading(text: str) -> str:
    """Header text with explicit breaks: a slash may end a line ('Trực tiếp/bưu chính')."""
    return esc(text).replace("/", "/<br/>")


def group_header(groups: Sequence[tuple[str, Sequence[str]]], head: ParagraphStyle, numbers: ParagraphStyle,
                 markup: Callable[[str], str] | None = None) -> tuple[list[list], list[tuple]]:
    """The header rows and their spans: group headings over their sub-headings (a group without
    sub-headings spans both rows), then the column numbers (1), (2)… `markup` turns a heading into
    Paragraph markup (default: group headings escaped, sub-headings broken after a slash)."""
    group_markup, sub_markup = (markup, markup) if markup else (esc, _heading)
    row0: list = []
    row1: list = []
    spans: list[tuple] = []
    col = 0
    for heading, subs in groups:
        if subs:
            row0 += [Paragraph(group_markup(heading), head)] + [""] * (len(subs) - 1)
            row1 += [Paragraph(sub_markup(s), head) for s in subs]
            spans.append(("SPAN", (col, 0), (col + len(subs) - 1, 0)))
            col += len(subs)
        else:
            row0.append(Paragraph(group_markup(heading), head))
            row1.append("")
            spans.append(("SPAN", (col, 0), (col, 1)))
            col += 1
    return [row0, row1, [Paragraph(f"({i})", numbers) for i in range(1, col + 1)]], spans


@dataclass
class TablePlan:
    widths: list[float]  # every column, in points; they fill the width given
    header: list[list]  # repeated on every page; the last header row is underlined
    header_spans: list[tuple]
    rows: list[list]
    total: list | None = None
    empty_note: str = ""  # the row shown when there are no rows
    above: list[Flowable] = field(default_factory=list)  # between the period line and the table


# The plan for given cell styles, page styles, table width and scale.
Planner = Callable[[CellStyles, FormStyles, float, float], TablePlan]


def render_table_pdf(plan: Planner, agency: AgencyInfo, *, title: str, period: str, subject: str = "",
                     paper_font_path: str | None = None, made_at: datetime | None = None,
                     cell_pt: float = CELL_PT, head_pt: float = HEAD_PT) -> bytes:
    """The PDF bytes. made_at: the date line's date (default: now, Hà Nội time).

    FontError (Vietnamese message) when no font with Vietnamese letters is found. A table that
    runs just over one page is set a little smaller (as the other forms are) to fit on one.
    """
    fonts = register_serif(paper_font_path or None)
    made_at = made_at or datetime.now(LOCAL_TZ)
    texts = (title, period, subject, cell_pt * width_scale(fonts), head_pt * width_scale(fonts))
    pdf, pages = _build(plan, agency, fonts, made_at, SHRINK_STEPS[0], texts)
    if pages == 2:
        for step in SHRINK_STEPS[1:]:
            small, small_pages = _build(plan, agency, fonts, made_at, step, texts)
            if small_pages == 1:
                return small
    return pdf


def _build(planner: Planner, agency: AgencyInfo, fonts: FontFamily, made_at: datetime, step: float,
           texts: tuple) -> tuple[bytes, int]:
    """(PDF, page count) with every size scaled by step."""
    title, period, subject, cell_pt, head_pt = texts
    top, right, bottom, left = MARGINS
    width = PAGE_SIZE[0] - left - right
    st = make_styles(fonts, BODY_PT * step)
    styles = _cell_styles(fonts, step, cell_pt, head_pt)
    plan = planner(styles, st, width, step)
    ncols, nh = len(plan.widths), len(plan.header)

    body = list(plan.rows)
    empty_span: list[tuple] = []
    if not body:
        body.append(["", Paragraph(esc(plan.empty_note), styles.note)] + [""] * (ncols - 2))
        empty_span.append(("SPAN", (1, nh), (-1, nh)))
    if plan.total is not None:
        body.append(plan.total)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * step),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * step),
        ("LINEBELOW", (0, nh - 1), (-1, nh - 1), 0.9, colors.black),
        *plan.header_spans,
    ]
    total_line = [("LINEABOVE", (0, -1), (-1, -1), 0.9, colors.black)] if plan.total is not None else []

    def table(part: list[list], extra: list[tuple], last: bool) -> Table:
        t = Table(plan.header + part, colWidths=plan.widths, repeatRows=nh)
        t.setStyle(TableStyle(style + extra + (total_line if last else [])))
        return t

    def story(tail: int) -> tuple[list, list[int], list[int]]:
        """The story; with tail > 0 the last tail rows and the total form a second table kept with
        the signatures, so that the signatures never stand alone on the last page."""
        out = letterhead(st, width=width, parent_name=agency.parent_name, agency_name=agency.name,
                         place=agency.place_name, date=made_at, left_ratio=0.4)
        out += title_block(st, title, space_before=12 * step)
        out.append(Paragraph(esc(period), st.place_date))
        out.append(Spacer(1, 4 * step))
        out += plan.above
        table_end: list[int] = []
        signed: list[int] = []
        signatures = [
            _PageMark(signed),
            Spacer(1, 8 * mm * step),
            signature_block(st, [SignatureColumn("Người lập biểu"),
                                 SignatureColumn("Thủ trưởng đơn vị", hint="(Ký, ghi rõ họ tên, đóng dấu)")],
                            width),
        ]
        cut = len(body) - (plan.total is not None) - tail  # the total row is always in the tail
        if tail and cut > 0:
            out.append(table(body[:cut], [], False))
            out.append(KeepTogether([table(body[cut:], [], True), *signatures]))
        else:
            out.append(table(body, empty_span, True))
            out.append(_PageMark(table_end))
            out.append(KeepTogether(signatures))
        return out, table_end, signed

    buf = io.BytesIO()
    doc = numbered_document(buf, MARGINS, f"{nfc(title).capitalize()} - {period}", agency, subject, st.small_italic)
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
