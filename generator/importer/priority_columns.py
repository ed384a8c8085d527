"""An escalation timetable with one column per priority and one row per wait:

    | Time   | P1           | P2           |
    |--------|--------------|--------------|
    | 0 min  | On-call      | On-call      |
    | 30 min | Duty manager | —            |

Each priority column is a chain of its own, named by its header, whose levels are the cells of
that column in the rows' order, each reached after the row's wait; an empty cell or a dash is no
step for that priority. The priorities are the ladder's levels (named by id only, unless the source
describes them elsewhere). A row whose first cell gives no wait is not read: the table is left as
it was for the other passes.
"""
from __future__ import annotations

import re

from .contacts import reach_fields
from .found import Found
from .ladders import level_id
from .mdparse import Block, Section, strip_md
from .text import duration, slug

TIME_HEADER = re.compile(r"^\W*(?:time|wait|after|elapsed|minutes|delay|when|t\s*\+|escalat\w*|step)\b", re.IGNORECASE)
NO_STEP = {"", "-", "—", "–", "n/a", "none"}


def priority_columns(root: Section, found: Found, make_level, role_contact) -> None:
    for section in root.walk():
        for block in section.blocks:
            if block.kind == "table" and len(block.rows) > 2 and block.lines[0] not in found.used \
                    and _timetable(block):
                _chains(block, found, make_level, role_contact)


def _timetable(block: Block) -> bool:
    header = [strip_md(h) for h in block.rows[0]]
    body = block.rows[1:]
    if len(header) < 2 or not all(level_id(h) for h in header[1:]) or level_id(header[0]):
        return False
    waits = [_wait(row[0]) if row else None for row in body]
    people = [strip_md(c) for row in body for c in row[1:] if strip_md(c).lower() not in NO_STEP]
    return all(waits) and bool(TIME_HEADER.match(header[0]) or len(body) >= 2) and bool(people) and \
        not any(re.fullmatch(r"\W*(?:yes|no|\d+\s*\w{0,7})\W*", p, re.IGNORECASE) for p in people)


def _wait(cell: str) -> str | None:
    text = re.sub(r"^\W*T\s*\+\s*", "", strip_md(cell), flags=re.IGNORECASE)   # 'T+30 min': 30 minutes in
    if re.fullmatch(r"\W*(?:at once|immediately|start|0)\W*", text, re.IGNORECASE):
        return "0m"
    after = duration(text)
    return after if after and after != "immediate" else None


def _chains(block: Block, found: Found, make_level, role_contact) -> None:
    header = [strip_md(h) for h in block.rows[0]]
    for column in range(1, len(header)):
        lid = level_id(header[column])
        entry = make_level(found, lid, header[column])
        for row in block.rows[1:]:
            who = strip_md(row[column]) if column < len(row) else ""
            if who.lower() in NO_STEP:
                continue
            wait = _wait(row[0])
            trigger = {"after": wait} if wait != "0m" or re.search(r"\d", row[0]) else {"condition": strip_md(row[0])}
            if entry["id"] in header[column]:   # 'P1' as written; 'Sev 1' is SEV1 by the ladder's reading only
                trigger["severities"] = [entry["id"]]
            bracket = re.search(r"\s*\(([^()]*)\)\s*$", who)   # 'On-call (+1 555 0101)': its number
            cid = role_contact(found, who[:bracket.start()] if bracket else who)
            if bracket:
                reach_fields(found.contacts[cid], bracket.group(1))
            found.escalation.append({"id": slug(f"{entry['id']} {who}"), "name": who,
                                     "contacts": [cid], "triggers": [trigger],
                                     "_chain": header[column], "_chain_line": block.lines[0]})
    found.use("escalation", block)
