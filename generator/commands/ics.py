"""iCalendar (RFC 5545) pieces shared by the review and drill calendars."""
from __future__ import annotations

import re
from datetime import date, timedelta

_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


def escape(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newlines escaped, control characters dropped."""
    value = (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
             .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n"))
    return _CONTROL.sub(" ", value)  # RFC 5545 allows no control character but tab


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on lines starting with a space."""
    if len(line.encode("utf-8")) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def all_day_event(uid: str, today: date, day: date, summary: str, description: str) -> list[str]:
    """The lines of one all-day, non-blocking event on ``day``."""
    return ["BEGIN:VEVENT", f"UID:{uid}@incident-playbooks", f"DTSTAMP:{today:%Y%m%d}T000000Z",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape(summary)}", f"DESCRIPTION:{escape(description)}", "TRANSP:TRANSPARENT",
            "END:VEVENT"]


def calendar(name: str, product: str, events: list[str]) -> str:
    """A whole VCALENDAR with CRLF line ends and folded lines."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//incident-playbooks//{product}//EN",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{escape(name)}", *events, "END:VCALENDAR"]
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
