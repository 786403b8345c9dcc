"""Working-time clock: which instants count as office time in Vietnam.

Public holidays come from the ``holidays`` package (country VN), which already
knows lunar Tết, Giỗ Tổ Hùng Vương, substituted days off (nghỉ bù) and make-up
working Saturdays. The installation adds its own days off and working days on top.

All instants are handled as aware datetimes in Asia/Ho_Chi_Minh. That zone has
had no DST since 1975, so wall-clock arithmetic on local datetimes is exact.
No Qt here: this module is used by services, reports and tests alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

__all__ = ["WorkCalendar", "TZ", "INSTALLATION_DAY_OFF_NAME"]

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
INSTALLATION_DAY_OFF_NAME = "Ngày nghỉ của cơ quan"

DEFAULT_OFFICE_HOURS: tuple[tuple[time, time], ...] = (
    (time(8, 0), time(12, 0)),
    (time(13, 0), time(17, 0)),
)
NOON = time(12, 0)
SATURDAY = 5

# Hard cap on how far any search may walk, so a calendar with no office time
# at all raises instead of looping forever.
MAX_SCAN_DAYS = 366 * 10

# Kinds of day (internal).
_OFF = 0
_FULL = 1
_SATURDAY_MORNING = 2


@lru_cache(maxsize=None)
def _vn_holidays(year: int) -> holidays.HolidayBase:
    # One object per year, shared by every calendar: building one costs ~0.3 ms
    # and deadline computations query the same few years over and over.
    # expand=False so a stray lookup of another year cannot grow the object.
    return holidays.country_holidays("VN", years=year, language="vi", expand=False)


class WorkCalendar:
    """Office hours on working days, in Asia/Ho_Chi_Minh.

    Periods are half-open: 08:00 is office time, 12:00 is not (it is a closing).
    """

    def __init__(
        self,
        *,
        extra_days_off: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        office_hours: Sequence[tuple[time, time]] = DEFAULT_OFFICE_HOURS,
        saturday_morning: bool = False,
        same_day_cutoff: time = time(15, 0),
    ) -> None:
        self.tz: ZoneInfo = TZ
        self.extra_days_off: frozenset[date] = frozenset(_as_date(d) for d in extra_days_off)
        self.extra_working_days: frozenset[date] = frozenset(
            _as_date(d) for d in extra_working_days
        )
        clash = self.extra_days_off & self.extra_working_days
        if clash:
            listed = ", ".join(d.strftime("%d/%m/%Y") for d in sorted(clash))
            raise ValueError(f"Ngày vừa là ngày nghỉ vừa là ngày làm bù: {listed}")
        self.office_hours: tuple[tuple[time, time], ...] = _check_office_hours(office_hours)
        self.saturday_morning: bool = bool(saturday_morning)
        if same_day_cutoff.tzinfo is not None:
            raise ValueError("Giờ chốt nhận hồ sơ trong ngày phải là giờ địa phương (không có múi giờ)")
        self.same_day_cutoff: time = same_day_cutoff
        # Saturday mornings: every period clipped at noon. With the default hours
        # this is exactly 08:00–12:00; it also copes with continuous hours.
        self._saturday_hours: tuple[tuple[time, time], ...] = tuple(
            (s, min(e, NOON)) for s, e in self.office_hours if s < NOON
        )
        self.working_day_length: timedelta = _hours_length(self.office_hours)
        # Per-date caches: deadline lists recompute the same dates constantly.
        self._kind_cache: dict[date, int] = {}
        self._period_cache: dict[date, tuple[tuple[datetime, datetime], ...]] = {}
        self._length_cache: dict[date, timedelta] = {}

    def __repr__(self) -> str:
        return (
            f"WorkCalendar(office_hours={self.office_hours!r}, "
            f"saturday_morning={self.saturday_morning!r}, "
            f"same_day_cutoff={self.same_day_cutoff!r}, "
            f"extra_days_off={sorted(self.extra_days_off)!r}, "
            f"extra_working_days={sorted(self.extra_working_days)!r})"
        )

    # ----------------------------------------------------------------- days

    def _kind(self, d: date) -> int:
        kind = self._kind_cache.get(d)
        if kind is None:
            kind = self._compute_kind(d)
            if len(self._kind_cache) > 100_000:  # keep memory bounded in long sessions
                self._kind_cache.clear()
            self._kind_cache[d] = kind
        return kind

    def _compute_kind(self, d: date) -> int:
        # Explicit installation settings win over the package: they exist to
        # record decisions the package does not (yet) know about.
        if d in self.extra_working_days:
            return _FULL
        if d in self.extra_days_off:
            return _OFF
        vn = _vn_holidays(d.year)
        # The package handles weekends, holidays, nghỉ bù and make-up Saturdays.
        if vn.is_working_day(d):
            return _FULL
        if self.saturday_morning and d.weekday() == SATURDAY and d not in vn:
            return _SATURDAY_MORNING
        return _OFF

    def is_working_day(self, d: date) -> bool:
        """True if ``d`` has office time (a Saturday morning counts when enabled)."""
        return self._kind(_as_date(d)) != _OFF

    def holiday_name(self, d: date) -> str | None:
        """Vietnamese name of the holiday / day off on ``d``, or None."""
        d = _as_date(d)
        if d in self.extra_working_days:
            return None
        name = _vn_holidays(d.year).get(d)
        if name:
            return name
        if d in self.extra_days_off:
            return INSTALLATION_DAY_OFF_NAME
        return None

    def _periods(self, d: date) -> tuple[tuple[datetime, datetime], ...]:
        periods = self._period_cache.get(d)
        if periods is None:
            kind = self._kind(d)
            if kind == _FULL:
                hours = self.office_hours
            elif kind == _SATURDAY_MORNING:
                hours = self._saturday_hours
            else:
                hours = ()
            periods = tuple(
                (datetime.combine(d, s, self.tz), datetime.combine(d, e, self.tz))
                for s, e in hours
            )
            if len(self._period_cache) > 100_000:
                self._period_cache.clear()
                self._length_cache.clear()
            self._period_cache[d] = periods
            self._length_cache[d] = sum((e - s for s, e in periods), timedelta())
        return periods

    def _day_length(self, d: date) -> timedelta:
        length = self._length_cache.get(d)
        if length is None:
            self._periods(d)
            length = self._length_cache[d]
        return length

    def office_periods(self, d: date) -> list[tuple[datetime, datetime]]:
        """Aware local (start, end) office periods of ``d``; empty on a day off."""
        return list(self._periods(_as_date(d)))

    def close_of_day(self, d: date) -> datetime:
        """Last closing of working date ``d`` (17:00 by default, 12:00 on a Saturday morning)."""
        periods = self._periods(_as_date(d))
        if not periods:
            raise ValueError(f"{d:%d/%m/%Y} không phải ngày làm việc")
        return periods[-1][1]

    def next_working_day(self, d: date) -> date:
        """First working date strictly after ``d``."""
        d = _as_date(d)
        for _ in range(MAX_SCAN_DAYS):
            d += timedelta(days=1)
            if self._periods(d):
                return d
        raise ValueError("Không tìm thấy ngày làm việc nào (kiểm tra cấu hình giờ làm việc)")

    # -------------------------------------------------------------- instants

    def to_local(self, dt: datetime) -> datetime:
        """Aware datetime in Asia/Ho_Chi_Minh; a naive one is taken as local time."""
        if not isinstance(dt, datetime):
            raise TypeError(f"expected datetime, got {type(dt).__name__}")
        if dt.tzinfo is None or dt.tzinfo.utcoffset(dt) is None:
            return dt.replace(tzinfo=self.tz)
        return dt.astimezone(self.tz)

    def is_office_time(self, at: datetime) -> bool:
        at = self.to_local(at)
        return any(s <= at < e for s, e in self._periods(at.date()))

    def next_opening(self, at: datetime) -> datetime:
        """``at`` itself if inside office time, else the start of the next period."""
        at = self.to_local(at)
        d = at.date()
        for _ in range(MAX_SCAN_DAYS):
            for s, e in self._periods(d):
                if at < e:
                    return max(s, at)
            d += timedelta(days=1)
        raise ValueError("Không tìm thấy giờ làm việc nào (kiểm tra cấu hình giờ làm việc)")

    def add_working_time(self, start: datetime, delta: timedelta) -> datetime:
        """Earliest instant at which ``delta`` of office time has elapsed since ``start``.

        Time outside office hours is skipped, so counting effectively starts at
        the next opening. Ending exactly at a closing returns that closing
        (12:00, 17:00), never the next opening. A zero delta returns ``start``.
        """
        start = self.to_local(start)
        if delta < timedelta(0):
            raise ValueError("Thời gian cộng thêm không được âm")
        if not delta:
            return start
        remaining = delta
        d = start.date()
        # The first day may be partial; later days are whole, so they can be
        # skipped by their cached length without touching their periods.
        for s, e in self._periods(d):
            if e <= start:
                continue
            begin = max(s, start)
            available = e - begin
            if remaining <= available:  # '<=': ending on a closing stays there
                return begin + remaining
            remaining -= available
        for _ in range(MAX_SCAN_DAYS):
            d += timedelta(days=1)
            length = self._day_length(d)
            if remaining > length:
                remaining -= length
                continue
            for s, e in self._periods(d):
                available = e - s
                if remaining <= available:
                    return s + remaining
                remaining -= available
        raise ValueError(
            "Thời hạn vượt quá 10 năm hoặc không có giờ làm việc (kiểm tra cấu hình giờ làm việc)"
        )

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Office time elapsed between two instants; zero if ``end <= start``."""
        start = self.to_local(start)
        end = self.to_local(end)
        if end <= start:
            return timedelta(0)
        total = timedelta(0)
        first, last = start.date(), end.date()
        for s, e in self._periods(first):
            total += _overlap(s, e, start, end)
        if last == first:
            return total
        d = first + timedelta(days=1)
        one_day = timedelta(days=1)
        while d < last:  # whole days in between: cached lengths only
            total += self._day_length(d)
            d += one_day
        for s, e in self._periods(last):
            total += _overlap(s, e, start, end)
        return total


# ------------------------------------------------------------------ helpers


def _as_date(d: date) -> date:
    # datetime is a subclass of date; equality between them is always False,
    # so a datetime would silently miss every set/dict lookup.
    if isinstance(d, datetime):
        return d.date()
    if not isinstance(d, date):
        raise TypeError(f"expected date, got {type(d).__name__}")
    return d


def _check_office_hours(office_hours: Sequence[tuple[time, time]]) -> tuple[tuple[time, time], ...]:
    periods = tuple((s, e) for s, e in office_hours)
    for s, e in periods:
        if not isinstance(s, time) or not isinstance(e, time):
            raise TypeError("office_hours must be (time, time) pairs")
        if s.tzinfo is not None or e.tzinfo is not None:
            raise ValueError("Giờ làm việc phải là giờ địa phương (không có múi giờ)")
        if not s < e:
            raise ValueError(f"Khoảng giờ làm việc không hợp lệ: {s:%H:%M}–{e:%H:%M}")
    periods = tuple(sorted(periods))
    for (_, e1), (s2, _) in zip(periods, periods[1:]):
        if s2 < e1:
            raise ValueError("Các khoảng giờ làm việc bị chồng lấn nhau")
    return periods


def _hours_length(hours: Iterable[tuple[time, time]]) -> timedelta:
    ref = date(2000, 1, 3)
    return sum(
        (datetime.combine(ref, e) - datetime.combine(ref, s) for s, e in hours), timedelta()
    )


def _overlap(s: datetime, e: datetime, start: datetime, end: datetime) -> timedelta:
    lo, hi = max(s, start), min(e, end)
    return hi - lo if hi > lo else timedelta(0)
