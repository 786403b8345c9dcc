"""Reading an imported .xlsx within bounds, row by row (the ledger and the catalogue imports).

An .xlsx is a zip: a 1.5 MB file may unpack to gigabytes (one huge shared string, or a million rows
reaching column XFD) and exhaust a desk PC's memory. So, before openpyxl opens the file, the zip's
own directory is checked (Python's zipfile never inflates a member past the size its directory
declares, so the declared sizes hold); then the first sheet is streamed (read-only, values only,
never wider than the column bound plus one) and refused at the first row past the row bound or the
first value in the column just past the column bound (columns further right are not read at all).
"""
from __future__ import annotations

import zipfile
from collections.abc import Iterator
from functools import partial
from itertools import takewhile
from operator import is_
from pathlib import Path

from onestop.errors import OnestopError

__all__ = ["MAX_COLUMNS", "MAX_MEMBERS", "MAX_RATIO", "MAX_UNPACKED", "MAX_WHOLE_MEMBER", "SpreadsheetRefused",
           "check_archive", "xlsx_rows"]

MB = 1024 * 1024
# Our own export writes ~0.9 KB of sheet XML per dossier: 300,000 dossiers (more than a busy
# centre's year) unpack to ~270 MB. The sheets are streamed, so this bounds the reading time.
MAX_UNPACKED = 400 * MB
# Shared strings, styles and the workbook are parsed whole into memory by openpyxl (only the sheets
# are streamed): 300,000 distinct names take ~20 MB of shared strings.
MAX_WHOLE_MEMBER = 64 * MB
# Apache POI's default zip-bomb guard (ZipSecureFile: inflate ratio at least 0.01): real sheets
# compress 5-20 times; a bomb thousands of times. Checked on members above RATIO_FROM only (small
# repetitive parts compress well and cannot hurt).
MAX_RATIO = 100
RATIO_FROM = 1 * MB
MAX_MEMBERS = 1000  # an .xlsx has about ten parts, one per sheet, a few per picture
MAX_COLUMNS = 200  # the export has 15 columns, a counter's own sheet a few more; Excel's limit is 16,384


class SpreadsheetRefused(OnestopError, ValueError):
    """The file cannot be read, or is beyond the bounds; `message` is Vietnamese, for the officer."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def count_text(n: int) -> str:
    """A whole number as Vietnamese write it: 300.000."""
    return f"{n:,}".replace(",", ".")


def _mb(size: int) -> str:
    return count_text(round(size / MB))


def _unreadable(path: Path) -> SpreadsheetRefused:
    return SpreadsheetRefused(f"không đọc được tệp Excel {path.name} (tệp hỏng hoặc không phải .xlsx)")


def check_archive(path: Path) -> None:
    """Refuses an .xlsx whose zip directory promises more than the bounds (SpreadsheetRefused)."""
    nothing = "Không có gì được nhập."
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise _unreadable(path) from exc
    if len(members) > MAX_MEMBERS:
        raise SpreadsheetRefused(f"tệp Excel {path.name} có {len(members)} thành phần, quá giới hạn {MAX_MEMBERS} "
                                 f"(tệp không bình thường). {nothing}")
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise SpreadsheetRefused(
            f"tệp Excel {path.name} khi giải nén chiếm {_mb(total)} MB, quá giới hạn {_mb(MAX_UNPACKED)} MB "
            f"(tệp quá lớn hoặc bị cố ý làm phình to). {nothing} Hãy chia thành nhiều tệp nhỏ hơn, "
            "hoặc lưu lại chỉ với các dòng và cột cần nhập.")
    for m in members:
        if m.file_size > RATIO_FROM and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise SpreadsheetRefused(
                f"tệp Excel {path.name} nén bất thường (phần {m.filename} giải nén gấp "
                f"{m.file_size // max(m.compress_size, 1)} lần, giới hạn {MAX_RATIO} lần): có thể là tệp "
                f"cố ý gây treo máy. {nothing} Hãy mở tệp trong Excel và lưu lại, hoặc dùng tệp .csv.")
        if m.file_size > MAX_WHOLE_MEMBER and not m.filename.startswith("xl/worksheets/"):
            raise SpreadsheetRefused(
                f"tệp Excel {path.name} có phần {m.filename} chiếm {_mb(m.file_size)} MB, quá giới hạn "
                f"{_mb(MAX_WHOLE_MEMBER)} MB. {nothing} Hãy lưu lại chỉ với các dòng và cột cần nhập, "
                "hoặc dùng tệp .csv.")


def _trimmed(row: tuple) -> tuple:
    """The row without its trailing empty cells (in C: rows are padded to the column bound)."""
    empty = len(list(takewhile(partial(is_, None), reversed(row))))
    return row[:len(row) - empty] if empty else row


def xlsx_rows(path: Path, max_rows: int, max_columns: int = MAX_COLUMNS) -> Iterator[tuple]:
    """The first sheet's rows as tuples of values (index 0 is sheet row 1), streamed, trailing empty
    cells dropped; SpreadsheetRefused past max_rows rows (the header included), a value in column
    max_columns + 1 (columns further right are not read), or when the file
    cannot be read (reading stops there: nothing further is parsed)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_archive(path)
    errors = (OSError, KeyError, IndexError, zipfile.BadZipFile, InvalidFileException, ValueError, SyntaxError)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except SpreadsheetRefused:
        raise
    except errors as exc:
        raise _unreadable(path) from exc
    try:
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # some programs write a wrong size; read every row there is
            # One column past the bound, so that a value there is seen; openpyxl pads every row to
            # that width, never to column XFD.
            rows = sheet.iter_rows(max_row=max_rows + 1, max_col=max_columns + 1, values_only=True)
            for number, row in enumerate(rows, start=1):
                if number > max_rows:
                    raise SpreadsheetRefused(
                        f"tệp Excel {path.name} có hơn {count_text(max_rows)} dòng, quá giới hạn. Không có gì "
                        "được nhập. Hãy xóa các dòng thừa (kể cả dòng trống đã định dạng ở cuối) hoặc chia thành "
                        "nhiều tệp.")
                if row and row[-1] is not None and len(row) > max_columns:
                    raise SpreadsheetRefused(
                        f"tệp Excel {path.name}, dòng {number}: có dữ liệu ở cột thứ {max_columns + 1} trở đi, "
                        f"quá giới hạn {max_columns} cột. Không có gì được nhập. Hãy xóa các cột thừa rồi lưu lại.")
                yield _trimmed(row)
        except SpreadsheetRefused:
            raise
        except errors as exc:
            raise _unreadable(path) from exc
    finally:
        book.close()
