"""Reading the command line's values: dates, instants and counts within the bounds onestop keeps,
and arguments that are not valid UTF-8. Kept apart from onestop.cli so that parsing loads nothing."""
from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date, datetime

from onestop.clock.periods import BOUNDS_TEXT, EARLIEST_DAY, LATEST_DAY


def _within(day: date, text: str, what: str) -> None:
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise argparse.ArgumentTypeError(f"{what} «{text}» ngoài khoảng onestop ghi nhận ({BOUNDS_TEXT})")


def date_arg(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày «{text}» không hợp lệ, cần dạng YYYY-MM-DD") from None
    _within(day, text, "ngày")
    return day


def positive_arg(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"«{text}» phải là số nguyên dương")
    return int(text)


def instant_arg(text: str) -> datetime:
    """ISO 8601; a time without offset is local (Asia/Ho_Chi_Minh), made aware once the site is known.
    Before 2000 is a typing slip (as the ledger import says); year 1 or 9999 would overflow on the
    way to UTC, so both are refused here with the bounds."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"thời điểm «{text}» không hợp lệ, cần dạng ISO 8601 (ví dụ 2026-11-23T09:15)") from None
    _within(value.date(), text, "thời điểm")
    return value


def undecodable(argv: Sequence[str]) -> str | None:
    """The message for an argument that is not valid UTF-8, or None. Python hands such bytes over as
    lone surrogates (PEP 383, surrogateescape); they cannot be saved, so nothing is tried."""
    for position, arg in enumerate(argv, start=1):
        if any("\udc80" <= ch <= "\udcff" or "\ud800" <= ch <= "\udfff" for ch in arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            return (f"tham số thứ {position} («{shown}») có byte không phải UTF-8 (bảng mã khác?). "
                    "Hãy gõ lại bằng UTF-8; chưa lưu gì.")
    return None
