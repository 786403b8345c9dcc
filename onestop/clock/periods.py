"""Reporting periods as provinces use them: month, quarter, six months, year, or a custom range."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo

# The oldest instant onestop records: an older one is a typing slip ("26" for 2026, or 1900), and the
# dossier code's two-digit year would share 2000's counters. The ledger import refuses it too.
EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)
EARLIEST_DAY = EARLIEST.date()
# The latest day a period, an action or an appointment may name: far enough for any real use, and
# short of 9999-12-31, where the day after (a period's end) no longer fits in a datetime.
LATEST_DAY = date(2100, 12, 31)
BOUNDS_TEXT = f"từ {EARLIEST_DAY:%d/%m/%Y} đến {LATEST_DAY:%d/%m/%Y}"

KINDS = ("month", "quarter", "half", "year", "custom")
KIND_LABELS = {"month": "Tháng", "quarter": "Quý", "half": "Sáu tháng", "year": "Năm", "custom": "Tùy chọn"}
_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}


def count(kind: str) -> int:
    """How many months, quarters or halves a year has (1 for a year)."""
    return 12 // _MONTHS[kind]


def period(kind: str, year: int, number: int = 1) -> tuple[date, date]:
    """First and last day of the `number`-th month, quarter or half of `year` (or the year)."""
    months = _MONTHS.get(kind)
    if months is None:
        raise ValueError(f"Kỳ báo cáo «{kind}» không có.")
    if not 1 <= number <= count(kind):
        raise ValueError(f"{KIND_LABELS[kind]} phải từ 1 đến {count(kind)}.")
    first_month = (number - 1) * months + 1
    start = date(year, first_month, 1)
    end = date(year + (first_month + months > 12), (first_month + months - 1) % 12 + 1, 1) - timedelta(days=1)
    return start, end


def instants(start: date, end: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The instants [t0, t1) covering the local dates start..end, both included."""
    if start > end:
        raise ValueError("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")
    if start < EARLIEST_DAY or end > LATEST_DAY:
        raise ValueError(f"Kỳ báo cáo phải nằm trong khoảng {BOUNDS_TEXT}.")
    return datetime.combine(start, time(), tz), datetime.combine(end + timedelta(days=1), time(), tz)


def number_of(kind: str, day: date) -> int:
    """Which month, quarter or half of its year `day` falls in (1 for a year)."""
    return (day.month - 1) // _MONTHS[kind] + 1


def previous_month(today: date) -> tuple[date, date]:
    """The month a supervisor reports at the start of the next: the last whole month."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last
