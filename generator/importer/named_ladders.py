"""A ladder of named levels without numbers, as classification tables give them:

    | Level    | Meaning                    | Who must be told |
    |----------|----------------------------|------------------|
    | Low      | One failed attempt         | Service desk     |
    | Critical | Admin accounts taken over  | CISO and Legal   |

Read only when the sources give no other ladder (run after every other ladder pass), from the
first table whose level column (its header says level, severity, priority, category or class, or
the section is about classification) holds only level names (Low, Medium, High, Critical ...),
each once. The ids are the names in capitals (LOW, CRITICAL). The ladder is written most severe
first: a table that goes from its mildest name to its gravest is read from the bottom up; a table
whose names give no such direction keeps its order. A who-must-be-told column gives each level's
`notify` contacts; the other columns go where their header says, else under it as a detail.
With another ladder in the sources the table is left as it was: it stays, as written, with the
document it is in, and the other ladder is the organisation's.
"""
from __future__ import annotations

import re

from .found import Found
from .ladders import LADDER_WORD, _names_a_ladder, apply_level_value, lossless
from .mdparse import Block, Section, strip_md

# Gravest first: a rank per name, so that a table's direction can be read from its own words.
RANKS = {"catastrophic": 0, "emergency": 0, "critical": 1, "severe": 2, "major": 2, "high": 2, "serious": 2,
         "significant": 3, "elevated": 3, "medium": 3, "moderate": 3, "minor": 4, "low": 4, "informational": 5,
         "info": 5, "negligible": 5, "trivial": 5}
TOLD = re.compile(r"\b(?:told|tell|notif\w*|inform\w*|who\b|involve|alert)", re.IGNORECASE)


def named_ladders(root: Section, found: Found, make_level, role_contact) -> None:
    if found.levels:
        return
    for section in root.walk():
        for block in section.blocks:
            if block.kind == "table" and len(block.rows) >= 3 and block.lines[0] not in found.used:
                column = _named_column(block, _names_a_ladder(section))
                if column is not None:
                    _ladder(block, column, found, make_level, role_contact)
                    return


def _named_column(block: Block, ladder_section: bool) -> int | None:
    header = [strip_md(h) for h in block.rows[0]]
    body = block.rows[1:]
    for i, head in enumerate(header):
        names = [_name(row[i]) if i < len(row) else "" for row in body]
        if (LADDER_WORD.match(head) or ladder_section) and all(n in RANKS for n in names) and \
                len(set(names)) == len(names):
            return i
    return None


def _name(cell: str) -> str:
    return strip_md(cell).strip(" *_:.").lower()


def _ladder(block: Block, column: int, found: Found, make_level, role_contact) -> None:
    header = [strip_md(h) for h in block.rows[0]]
    rows = [row for row in block.rows[1:] if column < len(row)]
    ranks = [RANKS[_name(row[column])] for row in rows]
    if ranks == sorted(ranks, reverse=True) and ranks[0] != ranks[-1]:
        rows = rows[::-1]   # mildest first in the source; the ladder is gravest first
    for order, row in enumerate(rows):
        name = strip_md(row[column]).strip(" *_:.")
        entry = make_level(found, name.upper(), name)
        entry["_by_order"], entry["_order"] = True, order
        for i, (head, cell) in enumerate(zip(header, row)):
            text = strip_md(cell)
            if i == column or not text or text in ("-", "—", "–"):
                continue
            if TOLD.search(head):
                people = _people(text)
                entry["notify"] = [role_contact(found, who) for who in people]
                if len(people) > 1:   # the cell as written too: the page lists them one by one
                    entry.setdefault("details", []).append({"label": head, "text": text})
            elif not apply_level_value(entry, head, text) or not lossless(text):
                entry.setdefault("details", []).append({"label": head, "text": text})
    found.use("severities", block)


def _people(text: str) -> list[str]:
    """'CISO and Legal' -> ['CISO', 'Legal']: the people a cell lists."""
    return [p.strip(" .") for p in re.split(r",\s*|\s+(?:and|&|\+)\s+|\s*/\s*", text) if p.strip(" .")]
