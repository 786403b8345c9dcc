"""The dossier ledger, "Sổ theo dõi hồ sơ" (onestop.figures.ledger; Mẫu 06 of TT 01/2018, Mẫu 07 of
TT 03/2025 by the period's last day), printed: A4 landscape, the form's number and circular above
the letterhead, title and period, one long table whose two-level header is repeated on every page,
the count and the signatures, as on the periodic report (report_pdf). A mistaken intake that was
cancelled keeps its line, struck through, with «Hủy do tiếp nhận nhầm» in its note.

A month of a busy centre is tens of thousands of lines, so: the table is laid out page by page in
linear time (paged_table; ReportLab's LongTable is quadratic in the rows), and cells are plain
strings, which ReportLab sets about twice as fast as Paragraphs — text is broken into lines at
word boundaries with the font's metrics beforehand. Paragraphs remain where a cell mixes styles
(a date and, in small italics, who signed for it) or a word is longer than its column.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer

from onestop.figures.ledger import (
    HEADER_GROUPS,
    NO_DOSSIERS,
    LedgerRow,
    ledger_form,
    ledger_period_line,
)
from onestop.office.site import AgencyInfo
from onestop.paperwork.fonts import FontFamily, register_serif, width_scale
from onestop.paperwork.letterhead import (
    LOCAL_TZ,
    SignatureColumn,
    esc,
    letterhead,
    make_styles,
    nfc,
    signature_block,
    title_block,
)
from onestop.paperwork.paged_table import PagedTable
from onestop.paperwork.table_pdf import group_header, numbered_document

__all__ = ["COLUMN_WIDTHS", "PAGE_SIZE", "render_ledger_pdf"]

PAGE_SIZE = landscape(A4)
# Narrower than the report's (15, 15, 13, 20): sixteen columns. Top, right, bottom, left.
MARGINS = (12 * mm, 10 * mm, 12 * mm, 15 * mm)
BODY_PT = 12.0  # letterhead, title and signatures, as on the report
CELL_PT = 8.0
HEAD_PT = 7.5
# Column widths in mm, in the order of the columns; the note (last) takes what is left.
COLUMN_WIDTHS = (8, 21, 32, 9, 22, 27, 20, 15, 15, 15, 10, 15, 10, 15, 10)
PAD = 1.5  # cell padding, pt
_TEXT_COLUMNS = (2, 4, 5, 6, 15)  # left-aligned: procedure, applicant, address, department, note


def _code(code: str) -> str:
    """The code on two lines, after the agency part: '000.00.12.H26-' / '261122-0007'."""
    head, sep, tail = code.partition("-")
    return f"{head}{sep}\n{tail}" if sep else code


def _heading(text: str) -> str:
    """Header markup: a line may end after 'ngày/' (ReportLab breaks lines at spaces only)."""
    return esc(text).replace("/tháng/", "/<br/>tháng/")


def _taken_by(handed_to: str, department: str) -> str:
    """Who took the dossier on, beyond the department already in its column: the officer, or
    the whole hand-over when the first transfer went elsewhere."""
    if handed_to == department:
        return ""
    head = f"{department} — "
    return handed_to[len(head):] if department and handed_to.startswith(head) else handed_to


def _time(value: datetime) -> str:
    return f"{value:%H:%M}\n{value:%d/%m/%Y}"


def _day(value: datetime | None) -> str:
    return "" if value is None else f"{value:%d/%m/%Y}"


def render_ledger_pdf(rows: Iterable[LedgerRow], agency: AgencyInfo, start: date, end: date,
                      paper_font_path: str | None = None, made_at: datetime | None = None,
                      audit_mark: str = "") -> bytes:
    """The ledger as PDF bytes. made_at: the date line's date (default: now, Hà Nội time).
    audit_mark: the audit head of the ledger's last day (onestop.people.audit_heads.ledger_mark), in
    each page's footer, so that the paper copy anchors the history.

    FontError (Vietnamese message) when no font with Vietnamese letters is found.
    """
    fonts = register_serif(paper_font_path or None)
    made_at = made_at or datetime.now(LOCAL_TZ)
    return _build(rows, agency, start, end, fonts, made_at, audit_mark)


def _build(rows: Iterable[LedgerRow], agency: AgencyInfo, start: date, end: date, fonts: FontFamily,
           made_at: datetime, audit_mark: str = "") -> bytes:
    top, right, bottom, left = MARGINS
    width = PAGE_SIZE[0] - left - right
    st = make_styles(fonts, BODY_PT)
    col_widths = [w * mm for w in COLUMN_WIDTHS]
    col_widths.append(width - sum(col_widths))
    cell_pt, head_pt = CELL_PT * width_scale(fonts), HEAD_PT * width_scale(fonts)

    def cell_style(name: str, size: float, font: str, align: int) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.18, alignment=align,
                              textColor=colors.black)

    head = cell_style("lg_head", head_pt, fonts.bold, TA_CENTER)
    numbers = cell_style("lg_numbers", head_pt - 0.5, fonts.italic, TA_CENTER)
    text = cell_style("lg_text", cell_pt, fonts.regular, TA_LEFT)
    centred = cell_style("lg_centred", cell_pt, fonts.regular, TA_CENTER)
    note = cell_style("lg_note", cell_pt + 1, fonts.italic, TA_LEFT)
    small = cell_pt - 1

    header, spans = group_header(HEADER_GROUPS, head, numbers, markup=_heading)

    def with_name(day: str, name: str) -> object:
        """A date with, under it, who took the dossier or the result (small italics)."""
        if not name:
            return day
        return Paragraph(f"{day}<br/><font size={small:g}><i>{esc(name)}</i></font>", centred)

    def wrapped(value: str, col: int) -> object:
        """Plain text broken into lines at word boundaries with the font's metrics, as a Paragraph
        would, but set about twice as fast; a Paragraph only for a word longer than the column."""
        value = nfc(value).strip()
        room = col_widths[col] - 2 * PAD
        lines = [line for part in value.split("\n") for line in simpleSplit(part, fonts.regular, cell_pt, room)]
        if any(stringWidth(line, fonts.regular, cell_pt) > room for line in lines):
            return Paragraph(esc(value).replace("\n", "<br/>"), text)
        return "\n".join(lines)

    def struck(value: str, col: int) -> object:
        """A cancelled line's cell: its text struck through (a Paragraph: plain strings cannot be)."""
        value = nfc(value).strip()
        if not value:
            return ""
        return Paragraph(f"<strike>{esc(value).replace(chr(10), '<br/>')}</strike>",
                         text if col in _TEXT_COLUMNS else centred)

    body: list[list] = []
    for r in rows:
        if r.cancelled:
            # Issue 11 rule 10: the line stays, struck through; its note says why and is not struck.
            values = [str(r.number), _code(r.code), r.procedure_name, str(r.sets_count), r.applicant_name,
                      "\n".join(r.address_lines()), r.department, _time(r.received_at), _time(r.due_at),
                      _day(r.transferred_at), "", _day(r.finished_at), "", _day(r.returned_at), ""]
            body.append([struck(v, c) for c, v in enumerate(values)] + [wrapped(r.note, 15)])
            continue
        body.append([
            str(r.number), wrapped(_code(r.code), 1), wrapped(r.procedure_name, 2), str(r.sets_count),
            wrapped(r.applicant_name, 4),
            wrapped("\n".join(r.address_lines()), 5),
            wrapped(r.department, 6), _time(r.received_at), _time(r.due_at),
            with_name(_day(r.transferred_at), _taken_by(r.transferred_to, r.department))
            if r.transferred_at else "", "",
            _day(r.finished_at), "",
            with_name(_day(r.returned_at), r.returned_to) if r.returned_at else "", "",
            wrapped(r.note, 15),
        ])
    count = len(body)
    if not count:
        body.append([Paragraph(esc(NO_DOSSIERS), note)])  # one cell across the table

    # The count and the signatures, kept on one page with the last two lines.
    closing = [
        Spacer(1, 4 * mm),
        Paragraph(esc(f"Tổng số: {count} hồ sơ."), st.small_italic),
        Spacer(1, 6 * mm),
        signature_block(st, [SignatureColumn("Người lập sổ"),
                             SignatureColumn("Thủ trưởng đơn vị", hint="(Ký, ghi rõ họ tên, đóng dấu)")], width),
    ]
    cells = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        *(("ALIGN", (c, 0), (c, -1), "LEFT") for c in _TEXT_COLUMNS),
        ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
        ("FONTSIZE", (0, 0), (-1, -1), cell_pt),
        ("LEADING", (0, 0), (-1, -1), cell_pt * 1.18),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), PAD + 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD + 1),
    ]
    table = PagedTable(header, body, col_widths, cells,
                       header_style=[*spans, ("LINEBELOW", (0, 2), (-1, 2), 0.9, colors.black)],
                       closing=closing, keep=2)

    number, title, circular = ledger_form(end)
    mark = ParagraphStyle("lg_mark", parent=st.small_italic, alignment=TA_RIGHT, fontSize=st.small.fontSize * 0.9,
                          leading=st.small.fontSize * 1.1)
    story: list = [Paragraph(f"<b><i>Mẫu số {number}</i></b> – {esc(circular)}", mark), Spacer(1, 2)]
    story += letterhead(st, width=width, parent_name=agency.parent_name, agency_name=agency.name,
                        place=agency.place_name, date=made_at, left_ratio=0.46)
    story += title_block(st, title, space_before=10)
    story.append(Paragraph(esc(ledger_period_line(start, end)), st.place_date))
    story.append(Spacer(1, 6))
    story.append(table)

    buf = io.BytesIO()
    doc = numbered_document(buf, MARGINS, f"{nfc(title).capitalize()} - {ledger_period_line(start, end)}",
                            agency, f"Mẫu số {number} – {circular}", st.small_italic, nfc(audit_mark))
    doc.build(story)
    return buf.getvalue()
