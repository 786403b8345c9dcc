"""A report table as a spreadsheet laid out like the provincial paper forms: letterhead, title,
period, a few lines above the table, a two-level merged header with column numbers, numbered rows,
a total row, signatures; A4 landscape when printed, the header repeated on every page.

What goes in the table is the report's business (a SheetTable); shared by the periodic report
(onestop.figures.report_xlsx) and the cut-time targets (onestop.figures.targets_xlsx). Numbers stay numbers, with
the number format given for their column. openpyxl is imported only when a workbook is written.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from onestop.figures.report_xlsx import NO_DATA, NO_RATE, letterhead_texts, local_day, signature_texts
from onestop.files.output_files import write_output
from onestop.files.spreadsheet_safety import text_cell
from onestop.office.site import AgencyInfo

__all__ = ["SheetTable", "write_table_xlsx"]

_CHARS_PER_UNIT = 1.45  # 11 pt characters per unit of column width, for sizing wrapped rows


@dataclass(frozen=True)
class SheetTable:
    title: str
    period: str
    groups: Sequence[tuple[str, Sequence[str]]]  # (heading, sub-headings); none: spans both rows
    rows: Sequence[Sequence[object]]  # the cells after STT (numbered here); None is written "—"
    total: Sequence[object] | None  # the total row's cells after STT
    widths: Sequence[float]  # every column, in Excel's character units
    formats: Mapping[int, str] = field(default_factory=dict)  # column (from 1) → format of its numbers
    text_columns: Sequence[int] = (2,)  # left-aligned; a row grows with their text
    notes: Sequence[str] = ()  # lines between the period and the table
    unit_line: str = ""  # right-aligned just above the table
    empty_note: str = NO_DATA
    sheet_name: str = "Báo cáo"


def print_landscape_a4(sheet, h1: int, hn: int) -> None:
    """Printed as the paper form: A4 landscape, one page wide, centred, header rows h1..hn repeated
    (a write-only sheet too)."""
    from openpyxl.worksheet.page import PageMargins

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4 (Worksheet.PAPERSIZE_A4; a write-only sheet has no such name)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.6, right=0.4, top=0.6, bottom=0.6)
    sheet.print_title_rows = f"{h1}:{hn}"
    sheet.print_options.horizontalCentered = True


def write_table_xlsx(table: SheetTable, agency: AgencyInfo, path: Path | str,
                     made_on: date | datetime | None = None) -> None:
    """Write the table to an .xlsx file at path (made_on: the date line's date, default today)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    made_on = local_day(made_on)
    ncols = len(table.widths)
    book = Workbook()
    sheet = book.active
    sheet.title = table.sheet_name

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
        cell = text_cell(sheet.cell(row=row, column=col, value=value))  # OWASP: text stays text
        cell.font, cell.alignment = font, align
        if span > 1 or height > 1:
            sheet.merge_cells(start_row=row, start_column=col, end_row=row + height - 1,
                              end_column=col + span - 1)
        return cell

    def lines(text: str, width: float) -> int:
        return max(1, -(-len(text) // int(width * _CHARS_PER_UNIT)))

    # Letterhead: parent body and agency on the left, national title and motto on the right.
    left_span = max(2, round(ncols * 0.35))
    right_start = left_span + 2
    right_span = ncols - right_start + 1
    fonts = {"regular": regular, "bold": bold, "italic": italic, "motto": Font(name=face, size=13, bold=True)}
    for text in letterhead_texts(agency, made_on, left_span, right_start, right_span):
        put(text.row, text.col, text.value, fonts[text.style], span=text.span)
    sheet.row_dimensions[2].height = 33  # a long agency name takes two lines
    sheet.row_dimensions[3].height = 20

    put(5, 1, table.title, Font(name=face, size=14, bold=True), span=ncols)
    put(6, 1, table.period, Font(name=face, size=13, italic=True), span=ncols)
    sheet.row_dimensions[5].height = 21
    sheet.row_dimensions[6].height = 19
    row = 7
    for note in table.notes:
        put(row, 1, note, regular, left, span=ncols)
        sheet.row_dimensions[row].height = 16 * lines(note, sum(table.widths) * 0.75) + 2
        row += 1
    if table.unit_line:
        put(row, ncols - 3, table.unit_line, italic, Alignment(horizontal="right", vertical="center"), span=4)
    row += 1 if table.unit_line or table.notes else 0

    # Two-level header, then the column numbers.
    h1, h2, hn = row, row + 1, row + 2
    head = Font(name=face, size=10, bold=True)
    col = 1
    for heading, subs in table.groups:
        if subs:
            put(h1, col, heading, head, span=len(subs))
            for i, sub in enumerate(subs):
                put(h2, col + i, sub, head)
            col += len(subs)
        else:
            put(h1, col, heading, head, height=2)
            col += 1
    for i in range(1, ncols + 1):
        put(hn, i, f"({i})", Font(name=face, size=10, italic=True))
    sheet.row_dimensions[h1].height = 33
    sheet.row_dimensions[h2].height = 48

    def put_row(row: int, first, values: Sequence[object], font) -> None:
        put(row, 1, first, font)
        for col, value in enumerate(values, start=2):
            text = col in table.text_columns and font is cell_font
            cell = put(row, col, NO_RATE if value is None else value, font, left if text else centre)
            if col in table.formats and isinstance(value, int | float):
                cell.number_format = table.formats[col]

    row = hn + 1
    for index, values in enumerate(table.rows, start=1):
        put_row(row, index, values, cell_font)
        # Neither Excel nor LibreOffice grows a row for wrapped text on opening: size it here.
        tall = max((lines(str(values[c - 2] or ""), table.widths[c - 1]) for c in table.text_columns), default=1)
        sheet.row_dimensions[row].height = 15 * tall + 3
        row += 1
    if not table.rows:
        put(row, 1, "")
        put(row, 2, table.empty_note, italic, left, span=ncols - 1)
        row += 1
    last = row - 1
    if table.total is not None:
        put_row(row, "", table.total, cell_bold)
        sheet.cell(row=row, column=1).font = bold
        last = row

    for r in range(h1, last + 1):
        for c in range(1, ncols + 1):
            cell = sheet.cell(row=r, column=c)
            cell.border = box
            if r <= hn:
                cell.fill = head_fill
            elif r == last and table.total is not None:
                cell.fill = total_fill

    # Signatures.
    for text in signature_texts(last + 2, "NGƯỜI LẬP BIỂU", left_span, right_start, right_span):
        put(text.row, text.col, text.value, fonts[text.style], span=text.span)

    for c, width in enumerate(table.widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = f"C{hn + 1}"  # header rows and the first two columns stay (a coordinate:
    # the cell there may be merged, when the table is empty)

    print_landscape_a4(sheet, h1, hn)
    book.properties.title = table.title.capitalize()
    book.properties.creator = agency.name
    write_output(path, book.save)  # whole or not at all
