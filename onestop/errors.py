"""The program's own errors: one family, each carrying what the person is told in Vietnamese.

Every service raises an `OnestopError` (or one of its two shapes below) before it has saved
anything, so a surface never has to guess: the window shows `str(exc)` in its place
(onestop.ui.errors), the command line prints it after «Lỗi:» (onestop.cli). Database failures are
the other thing a surface reports; onestop.db.failures classifies them by the engines' own codes.
Each class also keeps the built-in base it always had (ValueError, LookupError…), so callers that
catch those keep working.
"""
from __future__ import annotations


class OnestopError(Exception):
    """A Vietnamese message for the person at the desk or the terminal; nothing was changed."""


class FieldErrors(OnestopError):
    """Problems per input of a form, keyed by the field (the window marks each input in red)."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors.values()))


class RowErrors(OnestopError):
    """Problems per row of an imported file, as (row number as the sheet shows it, message);
    row 0 is the file as a whole. An import with any of them writes none of its rows."""

    HEADLINE = "Không nhập được {file}; chưa thay đổi gì."  # said above the rows ({file}: the file named)

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"Dòng {row}: {msg}" if row else msg for row, msg in problems))
