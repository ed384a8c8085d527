"""Durations (15m, 4h), review intervals (quarterly, 6m) and their arithmetic."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_DURATION = re.compile(r"^([0-9]+)(m|h|d|w)$")
_INTERVAL = re.compile(r"^([0-9]+)([dwmy])$")
NAMED_INTERVALS = {"weekly": "1w", "monthly": "1m", "quarterly": "3m", "yearly": "1y",
                   "annually": "1y"}
_UNIT_WORDS = {"m": ("minute", "minutes"), "h": ("hour", "hours"), "d": ("day", "days"),
               "w": ("week", "weeks")}


def minutes(text: str) -> int | None:
    """'15m' -> 15, '2h' -> 120; None for words like 'next-business-day' or business time ('4bh'),
    which no count of wall-clock minutes is; 0 for 'immediate'."""
    match = _DURATION.match(text or "")
    if not match:
        return 0 if text == "immediate" else None
    count, unit = int(match.group(1)), match.group(2)
    return count * {"m": 1, "h": 60, "d": 1440, "w": 10080}[unit]


_BUSINESS = re.compile(r"^([0-9]+)(bh|bd)$")   # a response counted in business time: '4bh', '2bd'


def human(text: str) -> str:
    """'15m' -> '15 minutes', 'next-business-day' -> 'next business day', '4bh' -> '4 business hours'."""
    match = _DURATION.match(text or "")
    business = _BUSINESS.match(text or "")
    if business:
        count, unit = int(business.group(1)), "hour" if business.group(2) == "bh" else "day"
        return f"{count} business {unit}{'' if count == 1 else 's'}"
    if not match:
        return (text or "").replace("-", " ")
    count, unit = int(match.group(1)), match.group(2)
    singular, plural = _UNIT_WORDS[unit]
    return f"{count} {singular if count == 1 else plural}"


def short(text: str) -> str:
    """'15m' -> '15 min', '4h' -> '4 h'; compact form for tables and cards."""
    match = _DURATION.match(text or "")
    if not match:
        return human(text)
    count, unit = match.group(1), match.group(2)
    return f"{count} {dict(m='min', h='h', d='d', w='wk')[unit]}"


def add_months(start: date, months: int) -> date:
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def add_interval(start: date, interval: str) -> date:
    """last_reviewed + interval; months clamp to the month's last day."""
    spec = NAMED_INTERVALS.get(interval, interval)
    match = _INTERVAL.match(spec)
    if not match:
        raise ValueError(f"not an interval: {interval!r}")
    count, unit = int(match.group(1)), match.group(2)
    if unit == "d":
        return start + timedelta(days=count)
    if unit == "w":
        return start + timedelta(weeks=count)
    return add_months(start, count * (12 if unit == "y" else 1))


def parse_date(text: object) -> date | None:
    if not isinstance(text, str):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
