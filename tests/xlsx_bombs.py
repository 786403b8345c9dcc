"""Spreadsheet bombs for the import tests, built with zipfile: small on disk, huge unpacked."""
from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
       '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
       '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
       '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>')
_SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
_SHEET_TAIL = '</sheetData></worksheet>'
MB = 1024 * 1024


def _xml_cell(ref: str, value: object) -> str:
    if value is None:
        return f'<c r="{ref}" s="0"/>'
    if isinstance(value, int):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def _col(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def build(path: Path, header: list[str], rows: Iterable[str] = (), shared: Iterable[bytes] = (b"",)) -> Path:
    """An xlsx: `header` in row 1, then the already-made XML of each further row; the shared strings
    part is written from the chunks of `shared` (its one string's text)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                      b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>')
            for chunk in shared:
                out.write(chunk)
            out.write(b"</t></si></sst>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(_SHEET_HEAD.encode())
            cells = "".join(_xml_cell(f"{_col(i)}1", v) for i, v in enumerate(header, start=1))
            out.write(f'<row r="1">{cells}</row>'.encode())
            batch = []
            for row in rows:
                batch.append(row)
                if len(batch) >= 50_000:
                    out.write("".join(batch).encode())
                    batch.clear()
            out.write("".join(batch).encode())
            out.write(_SHEET_TAIL.encode())
    return path


def huge_shared_string(path: Path, header: list[str], megabytes: int) -> Path:
    """One shared string of `megabytes` MB (the probe's 1.5 GB one, scaled): ~1 KB on disk per MB."""
    chunk = b"A" * MB
    return build(path, header, shared=(chunk for _ in range(megabytes)))


def wide_rows(path: Path, header: list[str], count: int, value: str | None = "x") -> Path:
    """`count` rows after the header, each with one cell in column XFD (16,384): the probe's 5 MB
    million-row file; value None writes an empty formatted cell there."""
    return build(path, header, (f'<row r="{r}">{_xml_cell(f"XFD{r}", value)}</row>' for r in range(2, count + 2)))


def ledger_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """A plain small sheet made by the same builder (the bombs are refused for their size alone)."""
    return build(path, header, (
        f'<row r="{r}">' + "".join(_xml_cell(f"{_col(i)}{r}", v) for i, v in enumerate(row, start=1)) + "</row>"
        for r, row in enumerate(rows, start=2)))
