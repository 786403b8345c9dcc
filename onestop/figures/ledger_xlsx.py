"""The dossier ledger (Mẫu 06 of TT 01/2018 / Mẫu 07 of TT 03/2025, onestop.figures.ledger) as a
spreadsheet laid out like the paper book, a cancelled mistaken intake struck through.

Streamed: the workbook is write-only, so a month of a busy centre is written row by row. Letterhead
and signatures as on the periodic report (onestop.figures.report_xlsx); times are real Excel dates with
number formats, counts real numbers. openpyxl is imported only when a workbook is written.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from onestop.figures.ledger import (
    HEADER_GROUPS,
    NO_DOSSIERS,
    LedgerRow,
    column_count,
    column_numbers,
    ledger_form,
    ledger_mark_line,
    ledger_period_line,
)
from onestop.figures.report_xlsx import SheetText, letterhead_texts, local_day, signature_texts
from onestop.figures.table_xlsx import print_landscape_a4
from onestop.files.output_files import closed_on_failure, write_output
from onestop.files.spreadsheet_safety import text_cell
from onestop.office.site import AgencyInfo

__all__ = ["COLUMN_WIDTHS", "DATE_FORMAT", "TIME_FORMAT", "write_ledger_xlsx"]

TIME_FORMAT = "hh:mm dd/mm/yyyy"  # receipt and appointment: hour and date
DATE_FORMAT = "dd/mm/yyyy"  # hand-overs: the date (the time stays in the value)
# In Excel's character units, in the order of the columns (16).
COLUMN_WIDTHS = (4.5, 13, 28, 7, 16, 20, 14, 15, 15, 10.5, 8, 10.5, 8, 10.5, 8, 20)
HEADER_ROW = 8  # the first of the three header rows (groups, sub-headings, column numbers)
_FACE = "Times New Roman"
_CELL_PT = 10
_LINE_PT = 13.5  # row height of one line of 10 pt text
_CHARS_PER_UNIT = 1.25  # 10 pt Times New Roman characters per unit of column width


def _naive(value: datetime | None) -> datetime | None:
    """Excel has no time zones: the local wall-clock time."""
    return None if value is None else value.replace(tzinfo=None)


def _lines(text: str, width: float) -> int:
    per_line = max(1, int(width * _CHARS_PER_UNIT))
    return sum(max(1, -(-len(part) // per_line)) for part in (text or "").split("\n"))


def row_values(row: LedgerRow) -> list:
    """The 16 cells of a row: numbers as numbers, times as naive local datetimes, blanks as None."""
    return [
        row.number, row.code, row.procedure_name, row.sets_count, row.applicant_name, row.address_phone,
        row.department or None, _naive(row.received_at), _naive(row.due_at),
        _naive(row.transferred_at), None, _naive(row.finished_at), None, _naive(row.returned_at), None,
        row.note or None,
    ]


def write_ledger_xlsx(rows: Iterable[LedgerRow], agency: AgencyInfo, start: date, end: date,
                      path: Path | str, made_on: date | datetime | None = None) -> int:
    """Write the ledger to an .xlsx file at path; returns the number of dossiers written.

    The file is created first (a temporary one beside path, onestop.files.output_files): a folder that
    does not exist fails (OSError) before rows, often a query streaming from the database, are
    read. When writing fails, an older file at path stays as it was and nothing is left behind.
    """
    def write(out: BinaryIO) -> int:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        with closed_on_failure(book):
            return _write(book, rows, agency, start, end, out, made_on)

    return write_output(path, write)


def _write(book, rows: Iterable[LedgerRow], agency: AgencyInfo, start: date, end: date, out: BinaryIO,
           made_on: date | datetime | None) -> int:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import CellRange

    made_on = local_day(made_on)
    ncols = column_count()
    sheet = book.create_sheet("Sổ theo dõi")

    regular, bold, italic = (Font(name=_FACE, size=12), Font(name=_FACE, size=12, bold=True),
                             Font(name=_FACE, size=12, italic=True))
    fonts = {"regular": regular, "bold": bold, "italic": italic, "motto": Font(name=_FACE, size=13, bold=True),
             "title": Font(name=_FACE, size=14, bold=True), "period": Font(name=_FACE, size=13, italic=True),
             "mark": Font(name=_FACE, size=10, italic=True)}
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font, numbers_font = Font(name=_FACE, size=10, bold=True), Font(name=_FACE, size=9, italic=True)
    head_fill = PatternFill("solid", fgColor="E7E6E6")
    cell_font = Font(name=_FACE, size=_CELL_PT)

    # A write-only sheet writes its columns and view before the first row: set them now.
    for c, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = f"C{HEADER_ROW + 3}"  # the header rows, TT and code stay in view

    def merge(row: int, col: int, span: int = 1, height: int = 1) -> None:
        if span > 1 or height > 1:
            sheet.merged_cells.add(CellRange(min_row=row, min_col=col, max_row=row + height - 1,
                                             max_col=col + span - 1))

    def text_row(texts: list[SheetText]) -> list:
        """One row of the frame (letterhead, title, signatures) from its texts."""
        cells: list = [None] * ncols
        for t in texts:
            cell = text_cell(WriteOnlyCell(sheet, t.value))  # OWASP: text stays text
            cell.font, cell.alignment = fonts[t.style], centre
            cells[t.col - 1] = cell
            merge(t.row, t.col, t.span)
        return cells

    # Letterhead (rows 1-3), title and period (5-6), as on the periodic report.
    left_span, right_start = 6, 9
    right_span = ncols - right_start + 1
    frame = letterhead_texts(agency, made_on, left_span, right_start, right_span)
    _number, title, _circular = ledger_form(end)
    # The form's number and circular, right of the title row's frame (row 4 is free).
    frame += [SheetText(4, right_start, ledger_mark_line(end), "mark", right_span),
              SheetText(5, 1, title, "title", ncols),
              SheetText(6, 1, ledger_period_line(start, end), "period", ncols)]
    heights = {2: 33, 3: 20, 5: 21, 6: 19}
    for r in range(1, HEADER_ROW):
        if r in heights:
            sheet.row_dimensions[r].height = heights[r]
        sheet.append(text_row([t for t in frame if t.row == r]))

    # Header: groups, sub-headings, column numbers; every cell boxed, merged like the paper form.
    h1, h2, hn = HEADER_ROW, HEADER_ROW + 1, HEADER_ROW + 2
    top: list = []
    sub: list = []
    col = 1
    for heading, subs in HEADER_GROUPS:
        top.append(heading)
        top += [None] * (len(subs) - 1) if subs else []
        sub += list(subs) if subs else [None]
        if subs:
            merge(h1, col, span=len(subs))
        else:
            merge(h1, col, height=2)
        col += max(1, len(subs))

    def boxed(values: list, font, align=centre, fill=head_fill) -> list:
        out = []
        for value in values:
            cell = text_cell(WriteOnlyCell(sheet, value))
            cell.font, cell.alignment, cell.border = font, align, box
            if fill is not None:
                cell.fill = fill
            out.append(cell)
        return out

    sheet.row_dimensions[h1].height = 46
    sheet.append(boxed(top, head_font))
    sheet.row_dimensions[h2].height = 30
    sheet.append(boxed(sub, head_font))
    sheet.append(boxed(column_numbers(), numbers_font))

    # Body, streamed. One named style per kind of column: setting font, border and alignment
    # cell by cell costs more than writing the cells.
    kinds = {"Sổ: chữ": (left, "General"), "Sổ: số": (centre, "General"), "Sổ: giờ": (centre, TIME_FORMAT),
             "Sổ: ngày": (centre, DATE_FORMAT)}
    struck_font = Font(name=_FACE, size=_CELL_PT, strike=True)
    for name, (align, number_format) in kinds.items():
        book.add_named_style(NamedStyle(name=name, font=cell_font, alignment=align, border=box,
                                        number_format=number_format))
        # Issue 11 rule 10: a cancelled mistaken intake keeps its line, struck through.
        book.add_named_style(NamedStyle(name=f"{name}, hủy", font=struck_font, alignment=align, border=box,
                                        number_format=number_format))
    column_style = ["Sổ: số", "Sổ: số", "Sổ: chữ", "Sổ: số", "Sổ: chữ", "Sổ: chữ", "Sổ: chữ", "Sổ: giờ",
                    "Sổ: giờ", "Sổ: ngày", "Sổ: số", "Sổ: ngày", "Sổ: số", "Sổ: ngày", "Sổ: số", "Sổ: chữ"]
    wrapping = (2, 3, 5, 6, 7, 16)
    current = hn
    count = 0
    for row in rows:
        values = row_values(row)
        cells = []
        for col, (value, style) in enumerate(zip(values, column_style), start=1):
            cell = text_cell(WriteOnlyCell(sheet, value))
            # The note says why the line is struck: it stays readable.
            cell.style = f"{style}, hủy" if row.cancelled and col != ncols else style
            cells.append(cell)
        lines = max(_lines(values[c - 1] or "", COLUMN_WIDTHS[c - 1]) for c in wrapping)
        current += 1
        # Neither Excel nor LibreOffice grows a row for wrapped text on opening: size it here.
        sheet.row_dimensions[current].height = _LINE_PT * max(2, lines) + 3
        sheet.append(cells)
        count += 1
    if not count:
        current += 1
        sheet.append(boxed([None], cell_font, fill=None) + boxed([NO_DOSSIERS], italic, left, None)
                     + boxed([None] * (ncols - 2), cell_font, fill=None))
        merge(current, 2, span=ncols - 1)

    # Total and signatures.
    current += 2
    sheet.append([])
    total = WriteOnlyCell(sheet, f"Tổng số: {count} hồ sơ.")
    total.font = italic
    sheet.append([None, total])
    current += 2
    sheet.append([])
    signatures = signature_texts(current, "NGƯỜI LẬP SỔ", left_span, right_start, right_span)
    for r in (current, current + 1):
        sheet.append(text_row([t for t in signatures if t.row == r]))

    print_landscape_a4(sheet, h1, hn)
    sheet.oddFooter.right.text = "Trang &P/&N"
    sheet.oddHeader.right.text = ledger_mark_line(end)
    book.properties.title = f"{title.capitalize()} - {ledger_period_line(start, end)}"
    book.properties.creator = agency.name
    book.save(out)
    return count
