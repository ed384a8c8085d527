"""Lifecycle stages written as a numbered list: '1. **Detect** (0-5 min)' with nested actions.

A section whose top-level list items each open with a bold stage name and a bracketed time
window ('**Triage** (5-15 min)', '**Learn** (within 5 working days)') is an incident's phases,
in order; the nested items are each phase's actions (task boxes its checklist). A window the
importer cannot read as minutes or hours stays in the phase's name as written, never guessed.
At least two stages must give a window in digits, so a list of bold terms is not mistaken for
a lifecycle.
"""
from __future__ import annotations

import re

from .found import Found
from .mdparse import Block, Section, strip_md, title_matches
from .text import slug, window

TIME_WINDOW = re.compile(r"\d\s*(?:min|hour|hr|h\b|day|d\b|week|w\b|working|business)", re.IGNORECASE)
STAGE_ITEM = re.compile(r"^\*\*([^*]{2,40}?)\*\*\s*(?:\(([^)]{1,60})\)|[-–—:]\s*\(?([^)]{1,60}?)\)?)?\s*[:.]?\s*$")


def phase_lists(root: Section, found: Found) -> None:
    for section in root.walk():
        blocks = [b for b in section.blocks if b.kind == "item" and b.lines[0] not in found.used]
        tops = [(b, STAGE_ITEM.match(b.text.strip())) for b in blocks if b.level == 0]
        if len(tops) < 3 or not all(m for _, m in tops):
            continue
        timed = sum(bool(TIME_WINDOW.search(m.group(2) or m.group(3) or "")) for _, m in tops)
        if timed < 2:
            continue
        _stages(blocks, {id(b): m for b, m in tops}, found)


def _stages(blocks: list[Block], tops: dict[int, re.Match], found: Found) -> None:
    current = None
    for block in blocks:
        if id(block) in tops:
            current = _phase(tops[id(block)])
            found.phases.append(current)
            found.use("process", block)
        elif current is not None and block.level > 0:
            key = "checklist" if block.checked is not None else "actions"
            current[key].append(strip_md(block.text))
            found.use("process", block)


def _phase(match: re.Match) -> dict:
    name = strip_md(match.group(1)).rstrip(":")
    when = (match.group(2) or match.group(3) or "").strip()
    start, end = window(when) if when else ("", "")
    phase = {"id": slug(name), "name": name, "actions": [], "checklist": []}
    if start:
        phase["window"] = {"start": start, **({"end": end} if end else {})}
    if when and not (start and end):   # '(no fixed window)', '(15 min - first hour)': as written
        phase["name"] = f"{name} ({when})"
    return phase


# 'Expectations per level', 'Responsibilities', 'Who does what': a list of bold names with their duties nested.
DUTY_TITLE = re.compile(r"expect|responsibilit|duties|\broles?\b|who does what", re.IGNORECASE)
BOLD_NAME = re.compile(r"^\*\*([^*]{2,60}?)\*\*\s*:?\s*$")


def duty_lists(root: Section, found: Found) -> None:
    """'- **L2 — Secondary**' with '  - Backup for the primary.' nested under it: a role and what it does."""
    from .role_shapes import _role

    for section in root.walk():
        if not section.level or not title_matches(DUTY_TITLE, section.title):
            continue
        blocks = [b for b in section.blocks if b.kind == "item" and b.lines[0] not in found.used]
        tops = [b for b in blocks if b.level == 0]
        if len(tops) < 2 or not all(BOLD_NAME.match(b.text.strip()) for b in tops):
            continue
        duties: dict[int, list[Block]] = {id(b): [] for b in tops}
        owner = None
        for block in blocks:
            if id(block) in duties:
                owner = block
            elif owner is not None:
                duties[id(owner)].append(block)
        if not all(duties.values()):
            continue
        for top in tops:
            name = strip_md(BOLD_NAME.match(top.text.strip()).group(1))
            found.roles.append(_role(name, [strip_md(b.text) for b in duties[id(top)]]))
            found.use("roles", top, *duties[id(top)])
