"""Severity levels: from tables, "P1 - Critical" headings and bold labels."""
from __future__ import annotations

import re

from .mdparse import Block, Section, strip_md
from .found import Found, _looks_like_scenario
from .text import LEVEL, duration

def _level(found: Found, level_id: str, name: str) -> dict:
    level_id = re.sub(r"-(?=\d)", "", level_id.replace(" ", "")).upper()   # SEV-1 -> SEV1; SEV-A stays
    entry = found.levels.setdefault(level_id, {"id": level_id, "name": name.strip()})
    if _only_id(entry["name"]) and name.strip() and not _only_id(name):
        entry["name"] = name.strip()   # '| | Sev 1 |' named it by its id; 'Sev 1 — Critical' names it
    return entry


def _only_id(name: str) -> bool:
    from .ladders import LEVEL_ONLY
    match = LEVEL_ONLY.match(name)
    return bool(match) and not match.group(2).strip()


def _level_details(entry: dict, text: str) -> None:
    lowered = text.lower()
    if "response" in lowered or "respond" in lowered or re.search(r"\d+\s*-?\s*min", lowered):
        time = duration(text)
        if time and "response_time" not in entry:
            entry["response_time"] = time
    from .ladders import paging_of
    if paging_of(text):
        entry.setdefault("paging", paging_of(text))


def _levels(root: Section, found: Found) -> None:
    for section in root.walk():
        title = LEVEL.match(section.title)
        if title and not _looks_like_scenario(section):
            name = title.group(2) + (f" ({title.group(3)})" if title.group(3) else "")
            entry = _level(found, title.group(1), name)
            _level_details(entry, title.group(3) or "")
            found.mapped["severities"].append(section.line)
            found.used.add(section.line)
            _level_body(section.blocks, entry, found)
            _level_prose(section, entry, found)
        for block in section.blocks:
            if block.kind == "table":
                _level_table(block, found)
        _level_labels(section.blocks, found)


def _level_prose(section: Section, entry: dict, found: Found) -> None:
    """The paragraphs under a level's heading: its description, and the time a sentence gives."""
    from .mdparse import joined
    from .prose import sentence_facts

    # a note box under the level ("Security incidents always start at P1") is a remark, not its description
    prose = [b for b in section.blocks if b.kind == "para" and b.text and not b.aside and b.lines[0] not in found.used]
    if prose and not entry.get("description"):
        entry["description"] = joined(prose, section.blocks)
        sentence_facts(entry, entry["description"])
        found.use("severities", *prose)


def _level_body(blocks: list[Block], entry: dict, found: Found) -> None:
    current = None
    for block in blocks:
        if block.kind == "label":
            current = block.label.lower()
            if "impact" in current or "description" in current:
                entry.setdefault("description", strip_md(block.text))
                found.use("severities", block)
            elif "response" in current:
                _level_details(entry, block.text)
                from .ladders import lossless, paging_of
                parsed = duration(block.text) or paging_of(block.text)
                if parsed and lossless(block.text):
                    found.use("severities", block)
                elif parsed:   # 'Immediate all-hands response, executives notified': more than a time
                    found.mapped["severities"].extend(block.lines)
            elif "example" in current:
                found.use("severities", block)
        elif block.kind == "item" and current and "example" in current:
            entry.setdefault("examples", []).append(strip_md(block.text))
            found.use("severities", block)


def _level_table(block: Block, found: Found) -> None:
    header = [h.lower() for h in block.rows[0]] if block.rows else []
    if not header or not re.search(r"severity|level|priority|sev", header[0]):
        return
    used = False
    for row in block.rows[1:]:
        match = LEVEL.match(strip_md(row[0])) if row else None
        if not match:
            continue
        used = True
        entry = _level(found, match.group(1), match.group(2))
        for head, written, cell in zip(header[1:], block.rows[0][1:], row[1:]):
            cell = strip_md(cell)
            if re.search(r"descr|impact|meaning", head):
                entry.setdefault("description", cell)
            elif "example" in head:
                entry.setdefault("examples", [x.strip() for x in cell.split(",") if x.strip()])
            elif "resolution" in head and duration(cell):
                entry.setdefault("resolution_target", duration(cell))
            elif "response" in head and duration(cell):
                _level_details(entry, "response " + cell)
            elif "escalat" in head:
                entry.setdefault("escalation_text", cell)
                if duration(cell):
                    entry.setdefault("escalate_after", duration(cell))
                from .ladders import paging_of   # 'ticket only' says it; 'open a ticket if ...' does not
                if paging_of(cell):
                    entry.setdefault("paging", paging_of(cell))
            elif cell:
                from .ladders import apply_level_value   # 'Acknowledge', 'Updates'... by what the header says,
                if not apply_level_value(entry, head, cell):   # else kept with the level under its name
                    # under the column's name as written ('Update GM every', not 'Update gm every')
                    entry.setdefault("details", []).append({"label": strip_md(written).strip(), "text": cell})
    if used:
        found.use("severities", block)


def _level_labels(blocks: list[Block], found: Found) -> None:
    current = None
    for block in blocks:
        match = LEVEL.match(block.label) if block.kind == "label" and not block.text else None
        if match:
            name = match.group(2) + (f" ({match.group(3)})" if match.group(3) else "")
            current = _level(found, match.group(1), name)
            _level_details(current, match.group(3) or "")
            found.use("severities", block)
        elif block.kind == "item" and current is not None:
            current.setdefault("examples", []).append(strip_md(block.text))
            found.use("severities", block)
        elif block.kind != "item":
            current = None
