"""How instants, spans of working time and figures read at the counter (Vietnamese, local time)."""
from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def short_time(dt: datetime, tz: ZoneInfo) -> str:
    """'16:30 23/11/2026' for tables."""
    return dt.astimezone(tz).strftime("%H:%M %d/%m/%Y")


def long_time(dt: datetime, tz: ZoneInfo) -> str:
    """'16 giờ 30, Thứ Hai, 23/11/2026' for what the applicant is told."""
    local = dt.astimezone(tz)
    return f"{local:%H} giờ {local:%M}, {WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y}"


def working_span(left: timedelta, day_length: timedelta) -> str:
    """Working time as days and hours ('2 ngày 3 giờ'); 'quá …' when negative."""
    seconds = int(abs(left).total_seconds())
    day = int(day_length.total_seconds()) or 1
    days, rest = divmod(seconds, day)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = ([f"{days} ngày"] if days else []) + ([f"{hours} giờ"] if hours else [])
    if not days and (minutes or not hours):
        parts.append(f"{minutes} phút")
    text = " ".join(parts)
    return f"quá {text}" if left < timedelta(0) else text


def one_decimal(value: Fraction | int) -> float:
    """A figure for a report: one decimal, rounded half up as by hand (6,25 → 6,3), not to even."""
    value = Fraction(value)
    rounded = Decimal(value.numerator) / Decimal(value.denominator)
    return float(rounded.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def percent(part: int, whole: int) -> float | None:
    """part / whole × 100 with one decimal (see one_decimal); None when whole is 0."""
    return one_decimal(Fraction(100 * part, whole)) if whole else None


def vn_number(value: float | None, missing: str = "—") -> str:
    """A figure in Vietnamese digits: 1.234 and 85,7 (floats with one decimal); missing for None."""
    if value is None:
        return missing
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{value:,}".replace(",", ".")
