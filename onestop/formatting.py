"""How instants and spans of working time read at the counter (Vietnamese, local time)."""
from __future__ import annotations

from datetime import datetime, timedelta
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
