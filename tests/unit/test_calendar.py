"""WorkCalendar: working days, office periods and office-time arithmetic.

Holiday facts below are those of the `holidays` package 0.109 (country VN).
"""

from __future__ import annotations

import time as wallclock
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.clock import calendar as calendar_module
from onestop.clock.calendar import WorkCalendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")
H = timedelta(hours=1)


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


# --------------------------------------------------------------- working days


def test_defaults(cal):
    assert cal.tz == VN
    assert cal.working_day_length == timedelta(hours=8)
    assert cal.same_day_cutoff == time(15, 0)
    assert cal.is_working_day(date(2026, 3, 2))  # Monday
    assert cal.is_working_day(date(2026, 3, 6))  # Friday
    assert not cal.is_working_day(date(2026, 3, 7))  # Saturday
    assert not cal.is_working_day(date(2026, 3, 8))  # Sunday


def test_tet_2026_is_off(cal):
    # Giao thừa .. mùng 4: Monday 16 to Friday 20 February 2026.
    for day in range(16, 21):
        assert not cal.is_working_day(date(2026, 2, day)), day
    assert cal.is_working_day(date(2026, 2, 13))
    assert cal.is_working_day(date(2026, 2, 23))
    assert cal.is_working_day(date(2026, 2, 17)) is False
    assert cal.holiday_name(date(2026, 2, 17)) == "Tết Nguyên Đán"


def test_tet_2027_is_off(cal):
    # 29 Tết .. mùng 5: Thursday 4 to Wednesday 10 February 2027.
    for day in range(4, 11):
        assert not cal.is_working_day(date(2027, 2, day)), day
    assert cal.is_working_day(date(2027, 2, 3))
    assert cal.is_working_day(date(2027, 2, 11))


def test_april_may_and_national_day(cal):
    # 2026: Giỗ Tổ on Sunday 26/4 -> nghỉ bù Monday 27/4; 30/4 Thu, 1/5 Fri.
    assert not cal.is_working_day(date(2026, 4, 27))
    assert cal.holiday_name(date(2026, 4, 27)) == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert not cal.is_working_day(date(2026, 4, 30))
    assert not cal.is_working_day(date(2026, 5, 1))
    assert cal.is_working_day(date(2026, 4, 29))
    assert cal.is_working_day(date(2026, 5, 4))
    # 2026: 2/9 with 1/9 and Monday 31/8 (swapped with Saturday 22/8).
    assert not cal.is_working_day(date(2026, 8, 31))
    assert not cal.is_working_day(date(2026, 9, 1))
    assert not cal.is_working_day(date(2026, 9, 2))
    assert cal.is_working_day(date(2026, 9, 3))
    assert cal.holiday_name(date(2026, 9, 2)) == "Quốc khánh"
    # 2027: 1/5 on Saturday -> nghỉ bù Monday 3/5.
    assert not cal.is_working_day(date(2027, 5, 3))


def test_make_up_saturday_from_package(cal):
    assert date(2026, 8, 22) in calendar_module._vn_holidays(2026).weekend_workdays
    assert cal.is_working_day(date(2026, 8, 22))
    assert cal.holiday_name(date(2026, 8, 22)) is None
    periods = cal.office_periods(date(2026, 8, 22))
    assert periods == [(at(2026, 8, 22, 8), at(2026, 8, 22, 12)), (at(2026, 8, 22, 13), at(2026, 8, 22, 17))]


def test_holiday_name_is_vietnamese_whatever_the_locale(monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("LANGUAGE", "en_US")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    calendar_module._vn_holidays.cache_clear()
    try:
        assert WorkCalendar().holiday_name(date(2026, 5, 1)) == "Ngày Quốc tế Lao động"
    finally:
        calendar_module._vn_holidays.cache_clear()


def test_holiday_objects_are_cached_per_year():
    assert calendar_module._vn_holidays(2026) is calendar_module._vn_holidays(2026)
    assert calendar_module._vn_holidays(2026) is not calendar_module._vn_holidays(2027)


def test_holiday_name_none_on_plain_days(cal):
    assert cal.holiday_name(date(2026, 3, 3)) is None
    assert cal.holiday_name(date(2026, 3, 7)) is None  # a weekend is not a holiday


def test_installation_day_off_and_working_day():
    cal = WorkCalendar(extra_days_off={date(2026, 11, 27)}, extra_working_days={date(2026, 11, 28)})
    assert not cal.is_working_day(date(2026, 11, 27))
    assert cal.holiday_name(date(2026, 11, 27)) == "Ngày nghỉ của cơ quan"
    assert cal.is_working_day(date(2026, 11, 28))  # Saturday làm bù: full day
    assert cal.close_of_day(date(2026, 11, 28)) == at(2026, 11, 28, 17)
    assert cal.office_periods(date(2026, 11, 27)) == []


def test_extra_day_off_on_a_public_holiday_keeps_the_public_name():
    cal = WorkCalendar(extra_days_off=[date(2026, 9, 2)])
    assert cal.holiday_name(date(2026, 9, 2)) == "Quốc khánh"


def test_same_date_both_off_and_working_is_rejected():
    with pytest.raises(ValueError):
        WorkCalendar(extra_days_off={date(2026, 11, 27)}, extra_working_days={date(2026, 11, 27)})


def test_datetime_passed_as_date_is_accepted():
    cal = WorkCalendar(extra_days_off={datetime(2026, 11, 27, 9, 0)})
    assert not cal.is_working_day(date(2026, 11, 27))
    assert not cal.is_working_day(datetime(2026, 11, 27, 10, 0))


def test_saturday_morning_setting():
    cal = WorkCalendar(saturday_morning=True)
    sat = date(2026, 3, 7)
    assert cal.is_working_day(sat)
    assert cal.office_periods(sat) == [(at(2026, 3, 7, 8), at(2026, 3, 7, 12))]
    assert cal.close_of_day(sat) == at(2026, 3, 7, 12)
    assert not cal.is_working_day(date(2026, 3, 8))  # Sunday stays off
    assert cal.working_day_length == timedelta(hours=8)  # a weekday's length
    # A Saturday that is a holiday gets no morning.
    assert not cal.is_working_day(date(2027, 5, 1))
    assert not cal.is_working_day(date(2027, 2, 6))
    # An installation day off on a Saturday wins too.
    cal2 = WorkCalendar(saturday_morning=True, extra_days_off={sat})
    assert cal2.office_periods(sat) == []
    # A make-up Saturday is a full day even with the setting on.
    assert cal.close_of_day(date(2026, 8, 22)) == at(2026, 8, 22, 17)


def test_saturday_morning_clips_continuous_hours_at_noon():
    cal = WorkCalendar(office_hours=[(time(7, 30), time(16, 30))], saturday_morning=True)
    assert cal.office_periods(date(2026, 3, 7)) == [(at(2026, 3, 7, 7, 30), at(2026, 3, 7, 12))]
    assert cal.working_day_length == timedelta(hours=9)


# ----------------------------------------------------------- office hours


def test_custom_office_hours_are_sorted_and_validated():
    cal = WorkCalendar(office_hours=[(time(13, 30), time(17, 30)), (time(7, 30), time(11, 30))])
    assert cal.office_hours == ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 30)))
    assert cal.close_of_day(date(2026, 3, 2)) == at(2026, 3, 2, 17, 30)
    with pytest.raises(ValueError):
        WorkCalendar(office_hours=[(time(12, 0), time(8, 0))])
    with pytest.raises(ValueError):
        WorkCalendar(office_hours=[(time(8, 0), time(12, 0)), (time(11, 0), time(17, 0))])


def test_is_office_time_boundaries(cal):
    assert not cal.is_office_time(at(2026, 3, 2, 7, 59))
    assert cal.is_office_time(at(2026, 3, 2, 8, 0))
    assert cal.is_office_time(at(2026, 3, 2, 11, 59))
    assert not cal.is_office_time(at(2026, 3, 2, 12, 0))  # a closing is not inside
    assert not cal.is_office_time(at(2026, 3, 2, 12, 30))
    assert cal.is_office_time(at(2026, 3, 2, 13, 0))
    assert not cal.is_office_time(at(2026, 3, 2, 17, 0))
    assert not cal.is_office_time(at(2026, 3, 7, 10, 0))  # Saturday
    assert not cal.is_office_time(at(2026, 2, 17, 10, 0))  # Tết


def test_next_opening(cal):
    assert cal.next_opening(at(2026, 3, 2, 9, 15)) == at(2026, 3, 2, 9, 15)
    assert cal.next_opening(at(2026, 3, 2, 7, 0)) == at(2026, 3, 2, 8)
    assert cal.next_opening(at(2026, 3, 2, 12, 0)) == at(2026, 3, 2, 13)
    assert cal.next_opening(at(2026, 3, 2, 18, 0)) == at(2026, 3, 3, 8)
    assert cal.next_opening(at(2026, 3, 6, 17, 0)) == at(2026, 3, 9, 8)  # Friday close -> Monday
    assert cal.next_opening(at(2026, 2, 13, 17, 0)) == at(2026, 2, 23, 8)  # across Tết


def test_to_local(cal):
    naive = datetime(2026, 3, 2, 9, 15)
    assert cal.to_local(naive) == at(2026, 3, 2, 9, 15)
    assert cal.to_local(naive).tzinfo is VN
    utc = datetime(2026, 3, 2, 2, 15, tzinfo=timezone.utc)
    local = cal.to_local(utc)
    assert local == at(2026, 3, 2, 9, 15)
    assert (local.hour, local.minute) == (9, 15)
    assert local.tzinfo is VN


# ------------------------------------------------------------- arithmetic


def test_add_working_time_basics(cal):
    mon = at(2026, 3, 2, 9, 15)
    assert cal.add_working_time(mon, timedelta(0)) == mon
    assert cal.add_working_time(mon, 2 * H) == at(2026, 3, 2, 11, 15)
    assert cal.add_working_time(mon, 3 * H) == at(2026, 3, 2, 13, 15)  # 2h45 + 15 min after lunch
    assert cal.add_working_time(at(2026, 3, 2, 8), 4 * H) == at(2026, 3, 2, 12)  # ends on closing
    assert cal.add_working_time(at(2026, 3, 2, 8), 8 * H) == at(2026, 3, 2, 17)
    assert cal.add_working_time(at(2026, 3, 2, 12), timedelta(minutes=1)) == at(2026, 3, 2, 13, 1)
    assert cal.add_working_time(at(2026, 3, 2, 17), 8 * H) == at(2026, 3, 3, 17)
    with pytest.raises(ValueError):
        cal.add_working_time(mon, -H)


def test_add_working_time_is_aware_local_for_naive_and_utc(cal):
    due = cal.add_working_time(datetime(2026, 3, 2, 2, 15, tzinfo=timezone.utc), 8 * H)
    assert due == at(2026, 3, 3, 9, 15)
    assert due.tzinfo is VN
    assert cal.add_working_time(datetime(2026, 3, 2, 9, 15), 8 * H) == at(2026, 3, 3, 9, 15)


def test_working_time_between(cal):
    assert cal.working_time_between(at(2026, 3, 2, 9), at(2026, 3, 2, 9)) == timedelta(0)
    assert cal.working_time_between(at(2026, 3, 2, 10), at(2026, 3, 2, 9)) == timedelta(0)
    assert cal.working_time_between(at(2026, 3, 2, 11), at(2026, 3, 2, 14)) == 2 * H
    assert cal.working_time_between(at(2026, 3, 2, 0), at(2026, 3, 3, 0)) == 8 * H
    assert cal.working_time_between(at(2026, 3, 6, 16), at(2026, 3, 9, 9)) == 2 * H  # weekend
    # Whole Tết week 2026 contributes nothing.
    assert cal.working_time_between(at(2026, 2, 13, 8), at(2026, 2, 24, 8)) == 16 * H
    # UTC end is converted.
    end = datetime(2026, 3, 2, 3, 0, tzinfo=timezone.utc)  # 10:00 local
    assert cal.working_time_between(at(2026, 3, 2, 8), end) == 2 * H


def test_close_of_day(cal):
    assert cal.close_of_day(date(2026, 3, 2)) == at(2026, 3, 2, 17)
    with pytest.raises(ValueError):
        cal.close_of_day(date(2026, 3, 8))


def test_next_working_day(cal):
    assert cal.next_working_day(date(2026, 3, 6)) == date(2026, 3, 9)
    assert cal.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)


def test_no_office_hours_raises_instead_of_looping():
    cal = WorkCalendar(office_hours=())
    assert cal.working_day_length == timedelta(0)
    assert not cal.is_office_time(at(2026, 3, 2, 9))
    with pytest.raises(ValueError):
        cal.add_working_time(at(2026, 3, 2, 9), H)
    with pytest.raises(ValueError):
        cal.next_opening(at(2026, 3, 2, 9))
    with pytest.raises(ValueError):
        cal.next_working_day(date(2026, 3, 2))
    assert cal.working_time_between(at(2026, 3, 2), at(2026, 4, 2)) == timedelta(0)


def test_twenty_working_days_is_fast(cal):
    start = at(2026, 1, 5, 8)
    began = wallclock.perf_counter()
    for i in range(2000):
        cal.add_working_time(start + timedelta(minutes=7 * i), 20 * cal.working_day_length)
    assert wallclock.perf_counter() - began < 2.0


# ------------------------------------------------------------- properties

CALENDARS = [
    WorkCalendar(),
    WorkCalendar(saturday_morning=True),
    WorkCalendar(extra_days_off={date(2026, 11, 27)}, extra_working_days={date(2026, 11, 28)}),
    WorkCalendar(office_hours=[(time(7, 30), time(11, 30)), (time(13, 30), time(17, 30))]),
]

instants = st.datetimes(min_value=datetime(2025, 6, 1), max_value=datetime(2027, 6, 30)).map(
    lambda d: d.replace(tzinfo=VN)
)
office_deltas = st.integers(min_value=0, max_value=30 * 8 * 60).map(lambda m: timedelta(minutes=m))
PROPS = settings(max_examples=60, deadline=None)


def _inside_or_closing(cal: WorkCalendar, t: datetime) -> bool:
    return cal.is_office_time(t) or any(e == t for _, e in cal.office_periods(t.date()))


@PROPS
@given(st.sampled_from(CALENDARS), instants, office_deltas, office_deltas)
def test_add_composes(cal, start, a, b):
    assert cal.add_working_time(cal.add_working_time(start, a), b) == cal.add_working_time(start, a + b)


@PROPS
@given(st.sampled_from(CALENDARS), instants, office_deltas.filter(bool))
def test_add_lands_inside_office_time_or_on_a_closing(cal, start, delta):
    end = cal.add_working_time(start, delta)
    assert end > start
    assert end.tzinfo is VN
    assert _inside_or_closing(cal, end)


@PROPS
@given(st.sampled_from(CALENDARS), instants, office_deltas)
def test_between_inverts_add(cal, start, delta):
    assert cal.working_time_between(start, cal.add_working_time(start, delta)) == delta


@PROPS
@given(st.sampled_from(CALENDARS), instants, instants, instants)
def test_between_is_additive(cal, a, b, c):
    a, b, c = sorted((a, b, c))
    assert cal.working_time_between(a, c) == cal.working_time_between(a, b) + cal.working_time_between(b, c)
