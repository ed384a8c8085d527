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
            elif block.kind == "table" and len(block.rows) > 1 and block.lines[0] not in found.used \
                    and _level_grid(block):
                _row_chains(block, found, role_contact)


# '| Supplier | Level 1 | Level 2 | Level 3 |', '| Service | First line | Second line |'
STEP_HEADER = re.compile(r"^\W*(?:(?:level|tier|step|stage|escalation|l)\s*\d+|(?:first|second|third|fourth)\s+"
                         r"(?:line|level|tier|escalation|contact))\b", re.IGNORECASE)


def _level_grid(block: Block) -> bool:
    """A row per supplier or service and a column per escalation level, in order: a chain per row."""
    header = [strip_md(h) for h in block.rows[0]]
    return len(header) >= 3 and not STEP_HEADER.match(header[0]) and all(STEP_HEADER.match(h) for h in header[1:]) \
        and all(row and strip_md(row[0]) for row in block.rows[1:])


def _grid_contact(found: Found, chain: str, who: str, column: str) -> str:
    """'Duty manager' in Northwind Hosting's row: Northwind Hosting's duty manager (named by the row,
    titled by the cell, of the kind the cell's words or the first column's header give: 'Supplier');
    'Account director Sarah Cole': the person, with her title."""
    from .call_lists import holder
    from .kinds import contact_kind, kind_in_words
    title, person = holder(who)
    cid = slug(f"{chain} {who}")
    found.contacts.setdefault(cid, {"id": cid, "kind": kind_in_words(title) or contact_kind(chain, column),
                                    "name": person or chain, "title": title})
    return cid


def _row_chains(block: Block, found: Found, role_contact) -> None:
    """Each row's cells, left to right, are its chain's levels; when to move on is for a human to say,
    unless the column's header gives a wait ('Level 2 (after 30 min)')."""
    header = [strip_md(h) for h in block.rows[0]]
    for row in block.rows[1:]:
        chain = strip_md(row[0])
        for column in range(1, min(len(header), len(row))):
            cell = strip_md(row[column])
            if cell.lower() in NO_STEP:
                continue
            who = re.split(r",\s*(?=\+?\d)|\s+(?=\+\d)|\s*\(", cell, maxsplit=1)[0].strip(" ,")
            cid = _grid_contact(found, chain, who, header[0])
            reach_fields(found.contacts[cid], cell[len(who):])
            wait = re.search(r"\(\s*(?:after\s+)?(\d+\s*(?:m|min|minutes?|h|hrs?|hours?))\s*\)", header[column], re.I)
            found.escalation.append({"id": slug(f"{chain} {header[column]}"), "name": f"{header[column]}: {cell}",
                                     "contacts": [cid], "triggers": [{"after": duration(wait.group(1))}] if wait else [],
                                     "_chain": chain, "_chain_line": block.lines[0]})
    found.use("escalation", block)


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
