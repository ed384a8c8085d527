"""Checklists: sibling sections of task lists ('- [ ] Declare the incident') are the phases of the process.

Two or more sibling sections whose lists are mostly task items make a checklist document:
each section is a phase named by its heading (emoji dropped), its task items the phase's
checklist, a one-line command fenced under an item part of that item. A heading's time window
is kept only where it says one: '5–15 minutes' is 5m to 15m; 'First 5 minutes' (no start
given) and 'Every 30 minutes' (a cadence) stay in the name as written. Nested
'**Ops lead** — owns mitigation' items (roles being assigned) are roles with their duty.
"""
from __future__ import annotations

import re

from .found import Found
from .mdparse import Block, Section, strip_md
from .text import slug, window

BOLD_DUTY = re.compile(r"^\*\*([^*]{2,60}?)\*\*\s*[—–:-]+\s*(\S.*)$")
EMOJI = re.compile(r"^[^\w(]+")


def _tasks(section: Section) -> list[Block]:
    return [b for b in section.blocks if b.kind == "item" and b.level == 0 and b.checked is not None]


def _is_checklist(section: Section, found: Found) -> bool:
    if section.line in found.used:
        return False
    tasks = _tasks(section)
    others = [b for b in section.blocks if (b.kind == "item" and b.level == 0 and b.checked is None)]
    return len(tasks) >= 2 and len(tasks) >= 2 * len(others) and not any(l in found.used for b in tasks for l in b.lines)


def checklist_phases(root: Section, found: Found) -> None:
    for parent in root.walk():
        # '## 3. Escalation (tick as you go)': the chain's steps to tick, read as the chain (staircase_chains)
        members = [c for c in parent.children if c.level and _is_checklist(c, found)
                   and not re.search(r"escalat", c.title, re.IGNORECASE)]
        # 'WHEN SOMETHING BREAKS - CHECKLIST', the only one (in no playbook): the process's checklist, one phase
        alone = len(members) == 1 and not found.phases \
            and not re.match(r"^\W*phase\b", strip_md(members[0].title), re.IGNORECASE)
        if (len(members) < 2 and not alone) or _phases_elsewhere(parent):
            continue
        for section in members:
            _phase(section, found)


def _phases_elsewhere(parent: Section) -> bool:
    """The document has 'Phase N' sections of its own elsewhere: a checklist of the same phases is theirs."""
    top = parent
    while top.parent is not None and top.level > 0:
        top = top.parent
    return any(s.parent is not parent and re.match(r"^\W*phase\b", strip_md(s.title), re.IGNORECASE)
               for s in top.walk() if s.level)


def _window(title: str) -> tuple[str, str]:
    if re.search(r"\bevery\b", title, re.IGNORECASE):
        return "", ""   # a cadence
    if re.search(r"\d+\s*[a-z]*\s*[-–]\s*\d+\s*[a-z]+", title, re.IGNORECASE):
        return window(title)
    return "", ""


def _phase(section: Section, found: Found) -> None:
    name = EMOJI.sub("", strip_md(section.title)).strip() or strip_md(section.title)
    phase = {"id": slug(name), "name": name, "actions": [], "checklist": []}
    start, end = _window(name)
    if start and end:
        phase["window"] = {"start": start, "end": end}
    found.phases.append(phase)
    found.used.add(section.line)
    found.mapped["process"].append(section.line)
    last = None
    for block in section.blocks:
        if block.kind == "item" and block.level == 0 and block.checked is not None:
            phase["checklist"].append(strip_md(block.text))
            last = block
            found.use("process", block)
        elif block.kind == "item" and block.level > 0 and last is not None:
            duty = BOLD_DUTY.match(block.text.strip())
            if duty:
                role_name = strip_md(duty.group(1))
                role = next((r for r in found.roles if r["id"] == slug(role_name, "role")), None)
                if role is None:
                    found.roles.append({"id": slug(role_name, "role"), "name": role_name,
                                        "responsibilities": [strip_md(duty.group(2))]})
                    found.use("roles", block)
                    continue
            phase["checklist"].append(strip_md(block.text))
            found.use("process", block)
        elif block.kind == "code" and last is not None and len([c for c in block.code if c.strip()]) == 1 \
                and block.lines[0] == last.lines[-1] + 1:
            index = len(phase["checklist"]) - 1
            code = next(c for c in block.code if c.strip()).strip()
            phase["checklist"][index] = f"{phase['checklist'][index]} `{code}`"
            found.use("process", block)


PHASE_HEADER = re.compile(r"^(phases?|stages?)( name)?$", re.IGNORECASE)
ORDER_HEADER = re.compile(r"^(#|no\.?|nr\.?|step|order|n)$", re.IGNORECASE)


def phase_tables(root: Section, found: Found) -> None:
    """| # | Phase | Starts when | Time window | Exit criteria |: one phase a row, by the Phase column.

    A window is kept only where a cell says one ('5-15 min'); '≤ 10 min after ack' or 'same day'
    is no start and end. Every other column is kept with its phase, as written, under its header.
    """
    for section in root.walk():
        for block in section.blocks:
            if block.kind != "table" or len(block.rows) < 3 or block.lines[0] in found.used:
                continue
            header = [strip_md(h) for h in block.rows[0]]
            column = next((i for i, h in enumerate(header) if PHASE_HEADER.match(h)), None)
            if column is None:
                continue
            timing = next((i for i, h in enumerate(header) if i != column and re.search(
                r"window|time|duration|when", h, re.IGNORECASE) and not re.search(r"starts?|begins?", h, re.I)), None)
            order = next((i for i, h in enumerate(header) if i != column and ORDER_HEADER.match(h)), None)
            made = 0
            for row in block.rows[1:]:
                name = strip_md(row[column]) if column < len(row) else ""
                if not name or name in ("—", "-"):
                    continue
                phase = {"id": slug(name), "name": name, "actions": [], "checklist": []}
                if timing is not None and timing < len(row) and re.search(
                        r"\d+\s*[a-z]*\s*[-–]\s*\d+\s*[a-z]+", row[timing], re.IGNORECASE):
                    start, end = window(strip_md(row[timing]))
                    if start and end:
                        phase["window"] = {"start": start, "end": end}
                for i, cell in enumerate(row):   # 'Who', 'Exit criteria', 'Must be done by': kept, under their names
                    if i not in (column, order) and i < len(header) and strip_md(cell) not in ("", "—", "-", "–"):
                        phase.setdefault("details", []).append({"label": header[i], "text": strip_md(cell)})
                found.phases.append(phase)
                made += 1
            if made:
                found.use("process", block)
