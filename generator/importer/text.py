"""Text helpers for the importer: broken encodings, durations, ids, placeholders."""
from __future__ import annotations

import re

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PLACEHOLDER = re.compile(r"\bTBD\b|\bTBC\b|X{3,}|\bN/A\b", re.IGNORECASE)
# A number starts where no other number or date does ('2024-12-27' is a date, not a phone number).
_NOT_A_DATE = (r"(?<![\w./-])(?!\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?!\d)"
               r"|\d{1,2}-\d{1,2}-\d{4}(?!\d))")
PHONE = re.compile(_NOT_A_DATE + r"(?:\+?\d[\d\s().-]{6,}\d|\+?1-XXX-XXX-XXXX|\+?\d-\d{3}-XXX-XXXX)", re.IGNORECASE)
PHONE_ANY = re.compile(_NOT_A_DATE + r"(?:\+?[\dX][\dX\s().-]{6,}[\dX])", re.IGNORECASE)


# the words a typed phone list writes before a number: 'tel. 0113 ...', 'Mob: 07700 ...'
TEL_WORDS = r"(?:tel|telephone|phone|ph|mob|mobile|cell)"
UNICODE_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def phone_in(text: str) -> str | None:
    """The phone number in a text, without an unbalanced bracket it ran into: '+1 555 0230 (24x7 line)'."""
    match = PHONE_ANY.search(text)
    if not match:
        return None
    value = UNICODE_SPACE.sub(" ", match.group(0)).strip()   # a no-break space between the digit groups
    if value.count(")") > value.count("(") and text[:match.start()].rstrip().endswith("("):
        if not (text[:match.start()].endswith("(") and re.match(r"\d{2,5}\)", value)):
            return None   # '(24x7) ...': a bracket the number ran into, not part of it
        value = "(" + value   # '(608) 555-0100': the area code in brackets, as US numbers are written
    while value.count("(") > value.count(")"):
        value = value[:value.rindex("(")].rstrip(" -.")
    return value or None


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"https?://[^\s)\]>\"'`]+")
CHANNEL = re.compile(r"(?<![\w&])#[a-z0-9][a-z0-9_-]+", re.IGNORECASE)
HANDLE = re.compile(r"(?<![\w.])@[a-z0-9][a-z0-9._-]+", re.IGNORECASE)
LEVEL_ID = r"(?:P|SEV|Sev|S)[\s-]?[0-9]"
LEVEL = re.compile(rf"^\W*({LEVEL_ID})\s*[-–—:]\s*([A-Za-z][A-Za-z ]*?)\s*(?:\((.*)\))?\W*$")
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(min(?:ute)?s?|m\b|h(?:ou)?rs?|hours?|h\b|days?|d\b|weeks?|w\b)",
                       re.IGNORECASE)


def repair(line: str) -> tuple[str, bool]:
    """Undo UTF-8 read as Windows-1252 or Mac Roman ('ðŸš¨' -> '🚨'); report if changed."""
    if line.isascii() and line.isprintable():   # nothing mis-decoded, no control character: most lines
        return line, False
    changed = False

    def fix(match: re.Match) -> str:
        nonlocal changed
        run = match.group(0)
        for encoder in (_sloppy_cp1252, _mac_roman):
            raw = encoder(run)
            if raw is None:
                continue
            fixed = _decode(raw)
            if fixed is not None and fixed != run:
                changed = True
                return fixed
        return run

    fixed = _NON_ASCII_RUN.sub(fix, line)
    cleaned = _CONTROL.sub("", fixed)   # NULs and other controls are not text anyone wrote
    return cleaned, changed or cleaned != fixed


def _sloppy_cp1252(text: str) -> bytes | None:
    """Windows-1252, with its five undefined bytes passed through as themselves."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return None
            out.append(ord(char))
    return bytes(out)


def _mac_roman(text: str) -> bytes | None:
    try:
        return text.encode("mac_roman")
    except UnicodeEncodeError:
        return None


def _decode(raw: bytes) -> str | None:
    """UTF-8, tolerating a truncated tail (a byte the first mis-decoding dropped)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8", errors="ignore")
    if text and any(ord(c) >= 0x2000 for c in text) and len(text) * 2 <= len(raw):
        return text
    return None


# Markdown's backslash escapes ('\\[feature\\]', '\\+353', 'first\\_name'): a reader sees the character.
ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~\"'])")


def unescape(text: str) -> str:
    """The text without Markdown's backslash escapes, as a reader sees it."""
    return ESCAPED.sub(r"\1", text)


def slug(text: str, fallback: str = "item") -> str:
    if not text.isascii():   # 'Lucía' -> 'lucia', not 'luc-a': the letter without its accent
        import unicodedata
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:50].rstrip("-") or fallback


def duration(text: str) -> str | None:
    """'15 minutes' -> '15m', '1 hour' -> '1h', '24-48 hours' -> '48h' (the larger bound)."""
    lowered = text.lower()
    if "immediate" in lowered:
        return "immediate"
    if re.search(r"next (?:business|working) day", lowered):
        return "next-business-day"
    found = _DURATION.findall(_numbers_in_words(text))
    if not found:
        return None
    number, unit = found[-1]
    unit = unit.lower()[0]
    number = float(number)
    if number != int(number):
        number, unit = number * 60, "m"
    unit = {"m": "m", "h": "h", "d": "d", "w": "w"}[unit]
    return f"{int(number)}{unit}"


BUSINESS_TIME = re.compile(r"\b(\d{1,3}|one|two|three|four|five|six|eight|ten|twelve)\s*(?:(?:business|working|office)\s+"
                           r"(hours?|hrs?|days?)\b"
                           # '4 hours (office hours)', '2 hours in working time': hours the clock counts only then
                           r"|(hours?|hrs?)\s*(?:\(|in\s+|during\s+)(?:the\s+)?(?:business|working|office)\s+(?:hours|time)\b)",
                           re.IGNORECASE)


def business_time(text: str) -> str | None:
    """'4 business hours' -> '4bh', 'within 2 working days' -> '2bd': a response counted in business
    time, which no wall-clock duration holds; None when the text gives none."""
    match = BUSINESS_TIME.search(text)
    if not match:
        return None
    count = match.group(1).lower()
    number = int(count) if count.isdigit() else NUMBER_WORDS[count]
    unit = (match.group(2) or match.group(3)).lower()
    return f"{number}{'bh' if unit.startswith('h') else 'bd'}"


NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty-five": 45,
                "sixty": 60, "ninety": 90, "an": 1, "a": 1, "every": 1}
_WORD_UNIT = re.compile(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\s+(minutes?|hours?|days?|weeks?)\b",
                        re.IGNORECASE)


_HALF_HOUR = re.compile(r"\b(?:a\s+)?half[\s-]+(?:an?[\s-]+)?hour\b", re.IGNORECASE)
_THE_HOUR = re.compile(r"\bwithin\s+the\s+hour\b", re.IGNORECASE)
_HOUR_AND_HALF = re.compile(r"\b(?:an|one|1)\s+hour\s+and\s+a\s+half\b|\b(?:one|an?)\s+and\s+a\s+half\s+hours?\b",
                            re.IGNORECASE)


def _numbers_in_words(text: str) -> str:
    """'one hour' -> '1 hour', 'every hour' -> 'every 1 hour'; 'four business hours' stays (not wall-clock)."""
    def digits(match: re.Match) -> str:
        word = match.group(1).lower()
        prefix = "every " if word == "every" else ""
        return f"{prefix}{NUMBER_WORDS[word]} {match.group(2)}"
    text = _HALF_HOUR.sub("30 minutes", _HOUR_AND_HALF.sub("90 minutes", text))   # before 'an hour' reads as 1
    text = _THE_HOUR.sub("within 1 hour", text)
    return _WORD_UNIT.sub(digits, text)


def window(text: str) -> tuple[str, str]:
    """'0-5 minutes' -> ('0m', '5m'); '15 minutes - 4 hours' -> ('15m', '4h'); '' if unknown."""
    match = re.search(r"(\d+)\s*([a-z]*)\s*[-–]\s*(\d+)\s*([a-z]+)", text, re.IGNORECASE)
    if match:
        start_unit = match.group(2) or match.group(4)
        start = duration(f"{match.group(1)} {start_unit}")
        end = duration(f"{match.group(3)} {match.group(4)}")
        return start or "", end or ""
    single = duration(text)
    return (single, "") if single and single != "immediate" else ("", "")


# '[P1]' or '[SEV-2]' in a subject line is a literal tag, not a value to fill in; so is a '[x]' tick.
# So is a status word: '[RESOLVED] Till issue', '[UPDATE]', '[Maintenance]'.
LITERAL_TAG = re.compile(rf"^(?:{LEVEL_ID}|[ xX]|(?i:resolved|update|updated|investigating|identified|monitoring|"
                         r"maintenance|scheduled|completed|outage|major incident|all clear|restored|urgent|"
                         r"action required|fyi|external|internal))$")


SECTION_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)])\s+(?=\S)")


def unnumbered(title: str) -> str:
    """'5.1 Duty Incident Manager' -> 'Duty Incident Manager': a section's number is the document's
    structure, not the name of what it holds."""
    return SECTION_NUMBER.sub("", title)


def placeholders(body: str) -> tuple[str, dict[str, str]]:
    """[ISSUE], [time] or {time, UTC} -> {issue} / {time} / {time_utc}, each declared with the original wording."""
    declared: dict[str, str] = {}

    def name_for(raw: str) -> str:
        key = re.sub(r"[^a-z0-9]+", "_", raw.lower()).strip("_")[:30].strip("_") or "value"
        if key[0].isdigit():
            key = f"value_{key}"
        declared.setdefault(key, f"Fill in: {raw}")
        return "{" + key + "}"

    body = re.sub(r"\{\{?\s*([^{}\n]{1,60}?)\s*\}?\}", lambda m: "\0" + m.group(1) + "\1", body)  # {x}, {{X}}
    body = body.replace("{", "(").replace("}", ")")   # any other brace is text, not a fill-in
    body = re.sub(r"\x00([^\x00\x01]*)\x01", lambda m: name_for(m.group(1)), body)
    body = re.sub(r"\[([^\[\]\n{}]{1,60})\](?!\()", lambda m: m.group(0) if LITERAL_TAG.match(m.group(1))
                  else name_for(m.group(1)), body)
    return body, declared
