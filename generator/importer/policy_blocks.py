"""A paging tool's escalation policy pasted as a YAML or JSON code block ('steps:' with
'- after: 15m' / 'notify: schedule/primary'): its steps are an escalation chain, in order.

Each step's time and target are structured (the target as written, with the comment beside
it); the block itself also stays in the escalation notes, as written, since the paging tool's
file is what counts and the levels keep only who and when.
"""
from __future__ import annotations

import re

import yaml

from .found import Found
from .mdparse import Block, Section, strip_md, titled
from .text import duration, slug

TIME_KEY = re.compile(r"^(after|delay|wait|timeout|escalate_after|escalation_delay(_in_minutes)?|delay_minutes)$", re.I)
TARGET_KEY = re.compile(r"^(notify|targets?|to|who|contacts?|escalate_to|users?|schedule|recipients?)$", re.I)
CONTEXT = re.compile(r"escalat|on-?call|paging|out of hours|after hours", re.IGNORECASE)


def policy_blocks(root: Section, found: Found, role_contact) -> None:
    for section in root.walk():
        for block in section.blocks:
            if block.kind != "code" or block.lang not in ("yaml", "yml", "json") or block.lines[0] in found.used \
                    or not titled(section, CONTEXT):
                continue
            try:
                data = yaml.safe_load("\n".join(block.code))
            except yaml.YAMLError:
                continue
            steps = _steps(data)
            if len(steps) >= 2:
                _chain(section, block, steps, found, role_contact)


def _steps(data) -> list[tuple[str, object, str]]:
    """(time key, time as the file gives it, target) of the first list whose items each give both."""
    if isinstance(data, dict):
        for value in data.values():
            found = _steps(value)
            if found:
                return found
    if isinstance(data, list) and len(data) >= 2 and all(isinstance(d, dict) for d in data):
        steps = []
        for item in data:
            time = next(((k, v) for k, v in item.items() if TIME_KEY.match(str(k))), None)
            target = next((v for k, v in item.items() if TARGET_KEY.match(str(k))), None)
            if time is None or not isinstance(target, (str, int)) or _after(*time) is None:
                return []
            steps.append((str(time[0]), time[1], str(target)))
        return steps
    return []


def _after(key: str, value) -> str | None:
    text = f"{value} min" if isinstance(value, int) and "minute" in key.lower() else str(value)
    return duration(text) if re.fullmatch(r"\d+\s*[a-z]*", text.strip(), re.I) else None


def _chain(section: Section, block: Block, steps: list, found: Found, role_contact) -> None:
    code = block.code
    position = 0
    for key, after, target in steps:
        time_line = _line(code, position, key, str(after))
        target_line = _line(code, position, "", target)
        if time_line is None or target_line is None:
            return
        position = max(time_line, target_line) + 1
        comment = code[target_line].split("#", 1)[1].strip() if "#" in code[target_line] else ""
        name = f"{target} ({comment})" if comment else target
        found.escalation.append({"id": slug(target), "name": name, "contacts": [role_contact(found, target)],
                                 "triggers": [{"after": _after(key, after)}], "_chain": strip_md(section.title),
                                 "_chain_line": section.line})
        found.mapped["escalation"].extend([block.lines[time_line + 1], block.lines[target_line + 1]])
    found.homes.update({line: "escalation" for line in block.lines})   # and the policy stays, as written, beside it


def _line(code: list[str], start: int, key: str, value: str) -> int | None:
    """The first code line from ``start`` that holds ``value`` (after ``key``, when given)."""
    for index in range(start, len(code)):
        text = code[index].split("#", 1)[0]
        if value in text and (not key or re.search(rf"\b{re.escape(key)}[\"']?\s*[:=]", text)):
            return index
    return None
