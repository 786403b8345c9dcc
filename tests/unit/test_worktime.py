"""The office timeline (onestop.clock.worktime) gives the same office time as the calendar's own walk."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.clock.calendar import WorkCalendar
from onestop.clock.deadlines import working_time_left
from onestop.clock.worktime import OfficeTimeline, posix_us

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST, LAST = date(2025, 4, 1), date(2027, 8, 31)  # the instants below, ± 40 days

CALENDARS = [
    WorkCalendar(),
    WorkCalendar(saturday_morning=True),
    WorkCalendar(extra_days_off={date(2026, 11, 27)}, extra_working_days={date(2026, 11, 28)}),
    WorkCalendar(office_hours=[(time(7, 30), time(11, 30)), (time(13, 30), time(17, 30))]),
    WorkCalendar(office_hours=[(time(7), time(16))], saturday_morning=True),  # continuous hours
]


@cache
def timeline(index: int) -> OfficeTimeline:
    return OfficeTimeline(CALENDARS[index], FIRST, LAST)


# Any microsecond in two years, and instants exactly on openings and closings (where off-by-one
# errors live): a local date with an office boundary time, or a minute of the day.
anywhere = st.datetimes(min_value=datetime(2025, 6, 1), max_value=datetime(2027, 6, 30)).map(
    lambda d: d.replace(tzinfo=VN))
boundaries = st.builds(
    lambda d, t: datetime.combine(d, t, VN),
    st.dates(min_value=date(2025, 6, 1), max_value=date(2027, 6, 30)),
    st.sampled_from([time(h, m) for h in (7, 8, 11, 12, 13, 16, 17) for m in (0, 30)] + [time(0), time(23, 59)]))
instants = st.one_of(anywhere, boundaries)


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=len(CALENDARS) - 1), instants, instants)
def test_left_agrees_with_working_time_left(index, now, due):
    assert timeline(index).left(now, due) == working_time_left(now, due, CALENDARS[index])


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(CALENDARS) - 1), instants,
       st.integers(min_value=-40 * 24 * 60, max_value=40 * 24 * 60))
def test_between_many_agrees_pair_by_pair(index, start, minutes):
    """The batch look-up (used per dossier) against the calendar, both directions at once."""
    end = start + timedelta(minutes=minutes)
    line, cal = timeline(index), CALENDARS[index]
    got = line.between([posix_us(start), posix_us(end)], [posix_us(end), posix_us(start)])
    want = working_time_left(start, end, cal)
    assert got == [want // timedelta(microseconds=1), -want // timedelta(microseconds=1)]


def test_hand_figures_around_a_holiday():
    # Monday 23/11/2026 09:15 to Wednesday 25/11 09:15: Tuesday 24/11 is a public holiday.
    line = timeline(0)
    assert line.left(datetime(2026, 11, 23, 9, 15, tzinfo=VN), datetime(2026, 11, 25, 9, 15, tzinfo=VN)) \
        == timedelta(hours=8)
    # Saturday night to Monday 08:30: half an hour; and backwards, negative.
    sat, mon = datetime(2026, 11, 21, 22, tzinfo=VN), datetime(2026, 11, 23, 8, 30, tzinfo=VN)
    assert line.left(sat, mon) == timedelta(minutes=30)
    assert line.left(mon, sat) == -timedelta(minutes=30)
    assert line.elapsed(line.lowest) == 0


def test_instants_outside_the_dates_are_refused():
    line = OfficeTimeline(WorkCalendar(), date(2026, 11, 1), date(2026, 11, 30))
    inside = datetime(2026, 11, 10, 9, tzinfo=VN)
    with pytest.raises(ValueError):
        line.left(inside, datetime(2026, 12, 1, 0, 0, 1, tzinfo=VN))
    with pytest.raises(ValueError):
        line.left(datetime(2026, 10, 31, 23, 59, tzinfo=VN), inside)
    assert line.left(datetime(2026, 11, 1, tzinfo=VN), datetime(2026, 12, 1, tzinfo=VN)) \
        == timedelta(hours=8 * 20)  # 21 weekdays in November 2026, less 24/11
