from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onestop.clock.periods import number_of, period, previous_month


@pytest.mark.parametrize(("kind", "number", "expected"), [
    ("month", 2, (date(2028, 2, 1), date(2028, 2, 29))),  # leap year
    ("month", 12, (date(2026, 12, 1), date(2026, 12, 31))),
    ("quarter", 4, (date(2026, 10, 1), date(2026, 12, 31))),
    ("half", 1, (date(2026, 1, 1), date(2026, 6, 30))),
    ("year", 1, (date(2026, 1, 1), date(2026, 12, 31))),
])
def test_periods(kind, number, expected):
    year = expected[0].year
    assert period(kind, year, number) == expected


def test_bad_periods_are_refused_in_vietnamese():
    with pytest.raises(ValueError, match="Quý phải từ 1 đến 4"):
        period("quarter", 2026, 5)
    with pytest.raises(ValueError, match="không có"):
        period("week", 2026, 1)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["month", "quarter", "half", "year"]))
def test_every_day_is_in_the_period_numbered_for_it(day, kind):
    start, end = period(kind, day.year, number_of(kind, day))
    assert start <= day <= end


def test_previous_month_crosses_the_year():
    assert previous_month(date(2027, 1, 15)) == (date(2026, 12, 1), date(2026, 12, 31))
