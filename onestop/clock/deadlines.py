"""Statutory / committed processing times and the due instants they give.

A duration is counted in office time on a :class:`~onestop.clock.calendar.WorkCalendar`:
N working days = N × one working day of office time (8 h by default), counted
from the moment of receipt. No Qt here.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import ClassVar

from onestop.clock.calendar import WorkCalendar

__all__ = ["Duration", "calendar_days_end", "due_at", "working_time_left", "cut_percent"]

WORKING_DAYS = "working_days"
WORKING_HOURS = "working_hours"
SAME_DAY = "same_day"

_NUMBER = r"([+-]?\d+(?:[.,]\d+)?)"
_DAYS_RE = re.compile(rf"{_NUMBER}\s*(?:d|ngày|ngày làm việc)")
_HOURS_RE = re.compile(rf"{_NUMBER}\s*(?:h|giờ|giờ làm việc)")
_SAME_DAY_WORDS = frozenset({"same_day", "trong ngày"})
_EXAMPLES = '"3 ngày", "0,5 ngày", "4 giờ", "trong ngày" (hoặc "3d", "4h", "same_day")'


@dataclass(frozen=True, slots=True)
class Duration:
    """A processing time: working days, working hours or same day ("trong ngày")."""

    unit: str
    amount: float = 0.0

    UNITS: ClassVar[tuple[str, ...]] = (WORKING_DAYS, WORKING_HOURS, SAME_DAY)

    def __post_init__(self) -> None:
        if self.unit not in self.UNITS:
            raise ValueError(f"Đơn vị thời hạn không hợp lệ: {self.unit!r}")
        try:
            amount = float(self.amount)
        except (TypeError, ValueError):
            raise ValueError(f"Số lượng thời hạn không hợp lệ: {self.amount!r}") from None
        if not math.isfinite(amount):
            raise ValueError(f"Số lượng thời hạn không hợp lệ: {self.amount!r}")
        if self.unit == SAME_DAY:
            if amount != 0:
                raise ValueError("Thời hạn \"trong ngày\" không có số lượng")
        elif amount <= 0:
            raise ValueError(f"Thời hạn phải lớn hơn 0 (nhận được {_vn_number(amount)})")
        object.__setattr__(self, "amount", amount)

    # ------------------------------------------------------------ builders

    @classmethod
    def working_days(cls, n: float) -> Duration:
        return cls(WORKING_DAYS, n)

    @classmethod
    def working_hours(cls, n: float) -> Duration:
        return cls(WORKING_HOURS, n)

    @classmethod
    def same_day(cls) -> Duration:
        return cls(SAME_DAY, 0.0)

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Parse "3d", "3 ngày (làm việc)", "0,5 ngày", "4h", "4 giờ (làm việc)",
        "same_day", "trong ngày" (case-insensitive)."""
        if not isinstance(text, str):
            raise ValueError(f"Thời hạn không hợp lệ: {text!r}. Ví dụ: {_EXAMPLES}")
        # NFC + casefold: Vietnamese typed on some keyboards arrives decomposed.
        norm = " ".join(unicodedata.normalize("NFC", text).casefold().split())
        if norm in _SAME_DAY_WORDS:
            return cls.same_day()
        for pattern, unit in ((_DAYS_RE, WORKING_DAYS), (_HOURS_RE, WORKING_HOURS)):
            m = pattern.fullmatch(norm)
            if m:
                amount = float(m.group(1).replace(",", "."))
                if amount <= 0:
                    raise ValueError(f"Thời hạn phải lớn hơn 0: {text!r}")
                return cls(unit, amount)
        raise ValueError(f"Thời hạn không hợp lệ: {text!r}. Ví dụ: {_EXAMPLES}")

    # ------------------------------------------------------------ printing

    def to_text(self) -> str:
        """Compact form ("3d", "0.5d", "4h", "same_day") that :meth:`parse` reads back."""
        if self.unit == SAME_DAY:
            return SAME_DAY
        suffix = "d" if self.unit == WORKING_DAYS else "h"
        return _plain_number(self.amount) + suffix

    def label(self) -> str:
        """Vietnamese wording for printed receipts and reports."""
        if self.unit == SAME_DAY:
            return "Trong ngày"
        noun = "ngày" if self.unit == WORKING_DAYS else "giờ"
        return f"{_vn_number(self.amount)} {noun} làm việc"

    def __str__(self) -> str:
        return self.label()

    # ---------------------------------------------------------- arithmetic

    def as_timedelta(self, cal: WorkCalendar) -> timedelta:
        """Office time this duration stands for (not defined for same_day)."""
        if self.unit == WORKING_DAYS:
            return cal.working_day_length * self.amount
        if self.unit == WORKING_HOURS:
            return timedelta(hours=self.amount)
        raise ValueError("Thời hạn \"trong ngày\" không quy đổi được thành số giờ làm việc")


def due_at(received: datetime, duration: Duration, cal: WorkCalendar) -> datetime:
    """Due instant (aware, Asia/Ho_Chi_Minh) of a dossier received at ``received``."""
    received = cal.to_local(received)
    if duration.unit == SAME_DAY:
        return _same_day_due(received, cal)
    delta = duration.as_timedelta(cal)
    if not delta:
        raise ValueError("Lịch làm việc không có giờ làm việc")
    return cal.add_working_time(received, delta)


def calendar_days_end(start: datetime, days: int, cal: WorkCalendar) -> datetime:
    """End of a period of `days` calendar days from `start` (Bộ luật Dân sự 2015, Điều 147–148, as
    counters apply it): the day of `start` is not counted; the period ends at the office's close on
    the last day, or on the next working day when that one is not (weekend, holiday, day off)."""
    last = cal.to_local(start).date() + timedelta(days=days)
    if not cal.is_working_day(last):
        last = cal.next_working_day(last)
    return cal.close_of_day(last)


def _same_day_due(received: datetime, cal: WorkCalendar) -> datetime:
    day = received.date()
    if cal.is_working_day(day):
        close = cal.close_of_day(day)
        # "sau 15 giờ": exactly 15:00 still counts as same day. Also never give a
        # due time before receipt (e.g. a Saturday morning closes before the cut-off).
        if received.time() <= cal.same_day_cutoff and received < close:
            return close
    return cal.close_of_day(cal.next_working_day(day))


def working_time_left(now: datetime, due: datetime, cal: WorkCalendar) -> timedelta:
    """Office time left until ``due``; negative (office time since due) when overdue."""
    now, due = cal.to_local(now), cal.to_local(due)
    if now <= due:
        return cal.working_time_between(now, due)
    return -cal.working_time_between(due, now)


def cut_percent(statutory: Duration, committed: Duration, cal: WorkCalendar) -> float | None:
    """Percentage by which ``committed`` is shorter than ``statutory`` (office time).

    Negative when the commitment is longer than the law allows. Returns None when
    the two cannot be compared (calendar with no office time).
    """
    day = cal.working_day_length
    if not day:
        return None
    stat, comm = _comparable(statutory, day), _comparable(committed, day)
    if not stat:
        return None
    # 100 * diff / stat (not diff / stat * 100) keeps round numbers round: 30.0, not 30.000000000000004.
    return 100 * (stat - comm) / stat


def _comparable(duration: Duration, day: timedelta) -> float:
    # "Trong ngày" has no fixed length; by convention it counts as half a working
    # day (the time between a typical morning receipt and the close of day).
    if duration.unit == SAME_DAY:
        return (day * 0.5).total_seconds()
    if duration.unit == WORKING_DAYS:
        return (day * duration.amount).total_seconds()
    return duration.amount * 3600.0


def _plain_number(x: float) -> str:
    # No exponent ("1e-05") so parse() reads it back; repr() is round-trip exact.
    if x.is_integer():
        return str(int(x))
    return format(Decimal(repr(x)), "f")


def _vn_number(x: float) -> str:
    return _plain_number(x).replace(".", ",")
