"""Text that a spreadsheet program would run as a formula, written as text (OWASP, "CSV Injection").

Any text cell of an export may hold what an applicant or an imported ledger said (a name, an
address, a department, a catalogue's procedure name). A cell beginning with ``= + - @``, a tab or a
carriage return is a formula to Excel and LibreOffice when the file is opened: ``=HYPERLINK(…)``
leaks data, ``+cmd|' /C calc'!A0`` runs a program (DDE). OWASP's rule, applied by every CSV and
XLSX writer of onestop through this module:

- CSV: such a cell gets a leading single quote (``'=1+1``), which the spreadsheet shows as text;
  the csv module quotes the rest.
- XLSX: such a cell stays exactly as written but as a literal string cell (data_type ``s``):
  openpyxl would otherwise store any text starting with ``=`` as a live formula (and ``#N/A`` as an
  error). A string cell is never evaluated, so no quote is added to the stored text.

Numbers, dates and None are never touched.
"""
from __future__ import annotations

from collections.abc import Iterable

__all__ = ["FORMULA_TRIGGERS", "csv_cell", "csv_row", "formula_like", "text_cell", "xlsx_row"]

# OWASP CSV Injection: the first characters that make a cell a formula (tab and CR included: a
# program that strips leading whitespace leaves the formula behind).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_cell(value: object) -> object:
    """A CSV field: text a spreadsheet would run gets a leading single quote (OWASP)."""
    return "'" + value if formula_like(value) else value  # type: ignore[operator]


def csv_row(values: Iterable[object]) -> list[object]:
    return [csv_cell(v) for v in values]


def text_cell(cell):
    """An openpyxl cell (normal or write-only) holding text: a literal string, never a formula or
    an error value, whatever its first character. Returns the cell."""
    if isinstance(cell.value, str) and cell.data_type in ("f", "e"):
        cell.data_type = "s"
    return cell


def xlsx_row(sheet, values: Iterable[object]) -> list[object]:
    """A row for sheet.append() of a write-only sheet: text that openpyxl would make a formula or an
    error becomes a string cell; every other value is passed as it is."""
    from openpyxl.cell import WriteOnlyCell

    return [text_cell(WriteOnlyCell(sheet, v)) if isinstance(v, str) and (v[:1] == "=" or v[:1] == "#") else v
            for v in values]
