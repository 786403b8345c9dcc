"""Durations and due times. Holiday facts are those of `holidays` 0.109 (VN)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from onestop.clock.calendar import WorkCalendar
from onestop.clock.deadlines import Duration, cut_percent, due_at, working_time_left

VN = ZoneInfo("Asia/Ho_Chi_Minh")
H = timedelta(hours=1)
DAYS = Duration.working_days
HOURS = Duration.working_hours
SAME_DAY = Duration.same_day()


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


# ---------------------------------------------------------------- Duration


@pytest.mark.parametrize(
    "text, unit, amount",
    [
        ("3d", "working_days", 3),
        ("3D", "working_days", 3),
        ("3 ngày", "working_days", 3),
        ("3 Ngày Làm Việc", "working_days", 3),
        ("  3   ngày làm việc ", "working_days", 3),
        ("0.5d", "working_days", 0.5),
        ("0,5 ngày", "working_days", 0.5),
        ("4h", "working_hours", 4),
        ("4 giờ", "working_hours", 4),
        ("4 GIỜ LÀM VIỆC", "working_hours", 4),
        ("1,5h", "working_hours", 1.5),
        ("same_day", "same_day", 0),
        ("SAME_DAY", "same_day", 0),
        ("trong ngày", "same_day", 0),
        ("Trong Ngày", "same_day", 0),
    ],
)
def test_parse(text, unit, amount):
    d = Duration.parse(text)
    assert (d.unit, d.amount) == (unit, amount)
    assert Duration.parse(d.to_text()) == d


def test_parse_accepts_decomposed_vietnamese():
    import unicodedata

    assert Duration.parse(unicodedata.normalize("NFD", "3 ngày làm việc")) == DAYS(3)


@pytest.mark.parametrize(
    "text", ["", "3", "ba ngày", "3 tuần", "3 days", "0d", "0 giờ", "-1d", "-2 ngày", "1.2.3d", "trong", None, 3]
)
def test_parse_rejects(text):
    with pytest.raises(ValueError) as err:
        Duration.parse(text)
    assert "Thời hạn" in str(err.value)  # Vietnamese message for the counter clerk


def test_constructors_validate():
    with pytest.raises(ValueError):
        Duration.working_days(0)
    with pytest.raises(ValueError):
        Duration.working_hours(-1)
    with pytest.raises(ValueError):
        Duration("weeks", 1)
    with pytest.raises(ValueError):
        Duration("same_day", 1)
    with pytest.raises(ValueError):
        Duration.working_days(float("nan"))
    assert Duration.working_days(3).amount == 3.0
    assert isinstance(Duration.working_days(3).amount, float)
    assert Duration.same_day() == Duration("same_day", 0)


def test_duration_is_frozen_and_hashable():
    d = DAYS(3)
    with pytest.raises(AttributeError):
        d.amount = 4  # type: ignore[misc]
    assert {DAYS(3), DAYS(3.0)} == {d}


def test_to_text_and_label():
    assert DAYS(3).to_text() == "3d"
    assert DAYS(0.5).to_text() == "0.5d"
    assert HOURS(4).to_text() == "4h"
    assert SAME_DAY.to_text() == "same_day"
    assert DAYS(3).label() == "3 ngày làm việc"
    assert DAYS(0.5).label() == "0,5 ngày làm việc"
    assert HOURS(4).label() == "4 giờ làm việc"
    assert SAME_DAY.label() == "Trong ngày"
    assert DAYS(0.00001).to_text() == "0.00001d"  # never an exponent parse() cannot read


@given(st.sampled_from(["working_days", "working_hours"]), st.floats(min_value=1e-6, max_value=1e6))
@settings(max_examples=60)
def test_to_text_round_trips(unit, amount):
    d = Duration(unit, amount)
    assert Duration.parse(d.to_text()) == d


def test_as_timedelta(cal):
    assert DAYS(3).as_timedelta(cal) == 24 * H
    assert DAYS(0.5).as_timedelta(cal) == 4 * H
    assert HOURS(4).as_timedelta(cal) == 4 * H
    with pytest.raises(ValueError):
        SAME_DAY.as_timedelta(cal)
    short = WorkCalendar(office_hours=[(time(7, 30), time(11, 30)), (time(13, 0), time(16, 30))])
    assert DAYS(1).as_timedelta(short) == 7.5 * H


def test_cut_percent(cal):
    assert cut_percent(DAYS(10), DAYS(7), cal) == 30.0
    assert cut_percent(DAYS(3), DAYS(3), cal) == 0.0
    assert cut_percent(DAYS(1), HOURS(4), cal) == 50.0
    assert cut_percent(DAYS(1), SAME_DAY, cal) == 50.0  # same day counts as half a day
    assert cut_percent(DAYS(2), DAYS(3), cal) == -50.0  # longer than the law allows
    assert cut_percent(DAYS(1), DAYS(1), WorkCalendar(office_hours=())) is None


# ------------------------------------------------------------ working days


def test_friday_afternoon_plus_one_day_is_monday(cal):
    assert due_at(at(2026, 3, 6, 16, 30), DAYS(1), cal) == at(2026, 3, 9, 16, 30)


def test_monday_plus_three_days_is_thursday(cal):
    assert due_at(at(2026, 3, 2, 9, 15), DAYS(3), cal) == at(2026, 3, 5, 9, 15)


def test_holiday_in_between_adds_one_day(cal):
    # Tuesday 24/11/2026 is Ngày Văn hóa Việt Nam.
    assert not cal.is_working_day(date(2026, 11, 24))
    assert due_at(at(2026, 11, 23, 9, 15), DAYS(3), cal) == at(2026, 11, 27, 9, 15)


def test_installation_day_off_and_make_up_day():
    off = WorkCalendar(extra_days_off={date(2026, 11, 27)})
    assert due_at(at(2026, 11, 23, 9, 15), DAYS(3), off) == at(2026, 11, 30, 9, 15)
    both = WorkCalendar(extra_days_off={date(2026, 11, 27)}, extra_working_days={date(2026, 11, 28)})
    assert due_at(at(2026, 11, 23, 9, 15), DAYS(3), both) == at(2026, 11, 28, 9, 15)


def test_across_tet_2026(cal):
    # 16–20/2/2026 off: Friday 13 + 1 day -> Monday 23.
    assert due_at(at(2026, 2, 13, 16, 0), DAYS(1), cal) == at(2026, 2, 23, 16, 0)
    assert due_at(at(2026, 2, 12, 9, 15), DAYS(3), cal) == at(2026, 2, 24, 9, 15)
    # Received during Tết: counting starts Monday 23 at 08:00.
    assert due_at(at(2026, 2, 17, 10, 0), DAYS(1), cal) == at(2026, 2, 23, 17, 0)


def test_across_tet_2027(cal):
    # 4–10/2/2027 off (Thursday to Wednesday).
    assert due_at(at(2027, 2, 3, 10, 0), DAYS(1), cal) == at(2027, 2, 11, 10, 0)
    assert due_at(at(2027, 2, 3, 10, 0), DAYS(2), cal) == at(2027, 2, 12, 10, 0)


def test_april_30_and_may_1(cal):
    # 2026: 27/4 (Giỗ Tổ nghỉ bù), 30/4 and 1/5 off.
    assert due_at(at(2026, 4, 24, 10, 0), DAYS(1), cal) == at(2026, 4, 28, 10, 0)
    assert due_at(at(2026, 4, 29, 10, 0), DAYS(1), cal) == at(2026, 5, 4, 10, 0)
    # 2027: 30/4 Friday, 1/5 Saturday -> nghỉ bù Monday 3/5.
    assert due_at(at(2027, 4, 29, 14, 0), DAYS(1), cal) == at(2027, 5, 4, 14, 0)


def test_national_day_2026_and_make_up_saturday(cal):
    # Monday 31/8 (swapped), 1/9 and 2/9 off; Saturday 22/8 worked instead.
    assert due_at(at(2026, 8, 28, 10, 0), DAYS(1), cal) == at(2026, 9, 3, 10, 0)
    assert due_at(at(2026, 8, 21, 10, 0), DAYS(1), cal) == at(2026, 8, 22, 10, 0)
    assert due_at(at(2026, 8, 22, 16, 0), DAYS(1), cal) == at(2026, 8, 24, 16, 0)
    # 2027: 2/9 Thursday and 3/9 Friday off.
    assert due_at(at(2027, 9, 1, 10, 0), DAYS(1), cal) == at(2027, 9, 6, 10, 0)


def test_received_outside_office_time(cal):
    # Sunday -> counting from Monday 08:00.
    assert due_at(at(2026, 3, 8, 10, 0), DAYS(1), cal) == at(2026, 3, 9, 17, 0)
    # Holiday (2/9/2026) -> counting from Thursday 3/9 08:00.
    assert due_at(at(2026, 9, 2, 10, 0), DAYS(1), cal) == at(2026, 9, 3, 17, 0)
    # Lunch -> counting from 13:00.
    assert due_at(at(2026, 3, 2, 12, 30), DAYS(1), cal) == at(2026, 3, 3, 12, 0)
    assert due_at(at(2026, 3, 2, 12, 30), HOURS(2), cal) == at(2026, 3, 2, 15, 0)
    # After closing -> next morning.
    assert due_at(at(2026, 3, 2, 18, 0), DAYS(1), cal) == at(2026, 3, 3, 17, 0)
    assert due_at(at(2026, 3, 2, 18, 0), HOURS(4), cal) == at(2026, 3, 3, 12, 0)
    # Before opening -> that morning.
    assert due_at(at(2026, 3, 2, 7, 0), DAYS(1), cal) == at(2026, 3, 2, 17, 0)
    assert due_at(at(2026, 3, 2, 7, 0), HOURS(4), cal) == at(2026, 3, 2, 12, 0)


def test_half_day(cal):
    assert due_at(at(2026, 3, 2, 8, 0), DAYS(0.5), cal) == at(2026, 3, 2, 12, 0)
    assert due_at(at(2026, 3, 2, 10, 0), DAYS(0.5), cal) == at(2026, 3, 2, 15, 0)


def test_working_hours_cross_lunch(cal):
    assert due_at(at(2026, 3, 2, 10, 0), HOURS(4), cal) == at(2026, 3, 2, 15, 0)
    assert due_at(at(2026, 3, 2, 16, 0), HOURS(4), cal) == at(2026, 3, 3, 11, 0)


def test_due_ending_on_a_closing_stays_there(cal):
    assert due_at(at(2026, 3, 2, 8, 0), HOURS(4), cal) == at(2026, 3, 2, 12, 0)
    assert due_at(at(2026, 3, 2, 8, 0), DAYS(1), cal) == at(2026, 3, 2, 17, 0)
    assert due_at(at(2026, 3, 6, 9, 0), HOURS(7), cal) == at(2026, 3, 6, 17, 0)  # Friday, not Monday


def test_saturday_mornings():
    cal = WorkCalendar(saturday_morning=True)
    # Friday 16:30: 0.5 h Friday + 4 h Saturday + 3.5 h Monday.
    assert due_at(at(2026, 3, 6, 16, 30), DAYS(1), cal) == at(2026, 3, 9, 11, 30)
    assert due_at(at(2026, 3, 7, 10, 0), HOURS(2), cal) == at(2026, 3, 7, 12, 0)
    assert due_at(at(2026, 3, 7, 11, 0), HOURS(2), cal) == at(2026, 3, 9, 9, 0)
    assert due_at(at(2026, 3, 7, 14, 0), HOURS(1), cal) == at(2026, 3, 9, 9, 0)  # Saturday afternoon
    # Saturday 1/5/2027 is a holiday (and 3/5 nghỉ bù): no morning.
    assert due_at(at(2027, 4, 30, 10, 0), HOURS(1), cal) == at(2027, 5, 4, 9, 0)


def test_naive_input_is_local(cal):
    due = due_at(datetime(2026, 3, 2, 9, 15), DAYS(3), cal)
    assert due == at(2026, 3, 5, 9, 15)
    assert due.tzinfo is VN


def test_utc_input_is_converted(cal):
    received = datetime(2026, 3, 2, 2, 15, tzinfo=timezone.utc)  # 09:15 in Hà Nội
    due = due_at(received, DAYS(3), cal)
    assert due.tzinfo is VN
    assert (due.date(), due.hour, due.minute) == (date(2026, 3, 5), 9, 15)
    # 23:00 UTC Sunday is 06:00 Monday local: before opening, not Sunday.
    assert due_at(datetime(2026, 3, 1, 23, 0, tzinfo=timezone.utc), SAME_DAY, cal) == at(2026, 3, 2, 17)


def test_no_office_time_raises():
    with pytest.raises(ValueError):
        due_at(at(2026, 3, 2, 9), DAYS(1), WorkCalendar(office_hours=()))
    with pytest.raises(ValueError):
        due_at(at(2026, 3, 2, 9), SAME_DAY, WorkCalendar(office_hours=()))


# ---------------------------------------------------------------- same day


def test_same_day(cal):
    assert due_at(at(2026, 3, 2, 9, 0), SAME_DAY, cal) == at(2026, 3, 2, 17, 0)
    assert due_at(at(2026, 3, 2, 14, 59), SAME_DAY, cal) == at(2026, 3, 2, 17, 0)
    assert due_at(at(2026, 3, 2, 15, 0), SAME_DAY, cal) == at(2026, 3, 2, 17, 0)  # "sau 15 giờ" is strict
    assert due_at(at(2026, 3, 2, 15, 1), SAME_DAY, cal) == at(2026, 3, 3, 17, 0)
    assert due_at(at(2026, 3, 2, 7, 0), SAME_DAY, cal) == at(2026, 3, 2, 17, 0)
    assert due_at(at(2026, 3, 2, 12, 30), SAME_DAY, cal) == at(2026, 3, 2, 17, 0)
    assert due_at(at(2026, 3, 2, 18, 0), SAME_DAY, cal) == at(2026, 3, 3, 17, 0)
    assert due_at(at(2026, 3, 6, 15, 30), SAME_DAY, cal) == at(2026, 3, 9, 17, 0)  # Friday late
    assert due_at(at(2026, 3, 8, 10, 0), SAME_DAY, cal) == at(2026, 3, 9, 17, 0)  # Sunday
    assert due_at(at(2026, 2, 17, 10, 0), SAME_DAY, cal) == at(2026, 2, 23, 17, 0)  # Tết
    assert due_at(at(2026, 2, 13, 16, 0), SAME_DAY, cal) == at(2026, 2, 23, 17, 0)  # late, before Tết


def test_same_day_custom_cutoff_and_saturday_morning():
    cal = WorkCalendar(same_day_cutoff=time(16, 0), saturday_morning=True)
    assert due_at(at(2026, 3, 2, 15, 30), SAME_DAY, cal) == at(2026, 3, 2, 17, 0)
    assert due_at(at(2026, 3, 7, 10, 0), SAME_DAY, cal) == at(2026, 3, 7, 12, 0)
    # Saturday 12:30 is before the cut-off but after that day's close.
    assert due_at(at(2026, 3, 7, 12, 30), SAME_DAY, cal) == at(2026, 3, 9, 17, 0)


# ------------------------------------------------------------ time left


def test_working_time_left(cal):
    due = at(2026, 3, 9, 16, 30)
    assert working_time_left(at(2026, 3, 6, 16, 30), due, cal) == 8 * H
    assert working_time_left(due, due, cal) == timedelta(0)
    assert working_time_left(at(2026, 3, 10, 9, 0), due, cal) == -(H + 30 * timedelta(minutes=1))
    assert working_time_left(at(2026, 3, 9, 20, 0), due, cal) == -timedelta(minutes=30)


# ------------------------------------------------------------- properties

CALENDARS = [
    WorkCalendar(),
    WorkCalendar(saturday_morning=True),
    WorkCalendar(extra_days_off={date(2026, 11, 27)}, extra_working_days={date(2026, 11, 28)}),
    WorkCalendar(office_hours=[(time(7, 30), time(11, 30)), (time(13, 30), time(17, 30))]),
]

received_st = st.datetimes(min_value=datetime(2025, 6, 1), max_value=datetime(2027, 6, 30)).map(
    lambda d: d.replace(tzinfo=VN)
)
half_days = st.integers(min_value=1, max_value=40).map(lambda k: k / 2)  # exact in binary
durations = st.one_of(
    half_days.map(Duration.working_days),
    st.integers(min_value=1, max_value=60).map(Duration.working_hours),
    st.just(Duration.same_day()),
)
PROPS = settings(max_examples=60, deadline=None)


def _inside_or_closing(cal: WorkCalendar, t: datetime) -> bool:
    return cal.is_office_time(t) or any(e == t for _, e in cal.office_periods(t.date()))


@PROPS
@given(st.sampled_from(CALENDARS), received_st, durations)
def test_due_not_before_receipt_and_inside_office_time(cal, received, duration):
    due = due_at(received, duration, cal)
    assert due >= received
    assert due.tzinfo is VN
    assert _inside_or_closing(cal, due)


@PROPS
@given(st.sampled_from(CALENDARS), received_st, received_st, durations)
def test_later_receipt_never_gives_earlier_due(cal, r1, r2, duration):
    r1, r2 = sorted((r1, r2))
    assert due_at(r1, duration, cal) <= due_at(r2, duration, cal)


@PROPS
@given(st.sampled_from(CALENDARS), received_st, half_days, half_days)
def test_n_then_m_days_is_n_plus_m_days(cal, received, n, m):
    first = due_at(received, DAYS(n), cal)
    assert due_at(first, DAYS(m), cal) == due_at(received, DAYS(n + m), cal)


@PROPS
@given(st.sampled_from(CALENDARS), received_st, half_days)
def test_office_time_to_due_is_n_days(cal, received, n):
    received = cal.next_opening(received)  # received in office time
    assume(cal.is_office_time(received))
    due = due_at(received, DAYS(n), cal)
    assert cal.working_time_between(received, due) == n * cal.working_day_length
    assert working_time_left(received, due, cal) == n * cal.working_day_length
