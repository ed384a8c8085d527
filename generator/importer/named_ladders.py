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
from .mdparse import Block, Section, item_runs, strip_md

# Gravest first: a rank per name, so that a table's direction can be read from its own words.
RANKS = {"catastrophic": 0, "emergency": 0, "critical": 1, "severe": 2, "major": 2, "high": 2, "serious": 2,
         "significant": 3, "elevated": 3, "medium": 3, "moderate": 3, "minor": 4, "low": 4, "informational": 5,
         "info": 5, "negligible": 5, "trivial": 5, "cosmetic": 5,
         "urgent": 1, "normal": 3, "warning": 3,
         # a status page's impact levels
         "major outage": 1, "partial outage": 2, "degraded performance": 3, "under maintenance": 5}
# 'Red', 'Level Amber', 'Code Green': colour codes, graver first by the usual order of alert colours
COLOURS = {"black": 0, "red": 1, "orange": 2, "amber": 2, "yellow": 3, "green": 4, "blue": 5, "white": 6, "grey": 6,
           "gray": 6}
COLOUR_NAME = re.compile(r"^(?:(?:code|condition|status|level|alert)\s+)?(" + "|".join(COLOURS) + r")$")
TOLD = re.compile(r"\b(?:told|tell|notif\w*|inform\w*|who\b|involve|alert)", re.IGNORECASE)


def named_ladders(root: Section, found: Found, make_level, role_contact) -> None:
    if found.levels:
        return
    for section in root.walk():
        if _names_a_ladder(section) and (_heading_ladder(section, found, make_level)
                                         or _item_ladder(section, found, make_level)
                                         or _label_ladder(section, found, make_level)):
            return
        if _colour_items(section, found, make_level):
            return
        for block in section.blocks:
            if block.kind == "table" and len(block.rows) >= 3 and block.lines[0] not in found.used:
                column = _named_column(block, _names_a_ladder(section))
                if column is not None:
                    _ladder(block, column, found, make_level, role_contact)
                    return


def _gravest_first(named: list) -> list:
    """``named`` is [(name, ...)] in the source's order; gravest first, reversed when the source goes
    from its mildest name to its gravest."""
    ranks = [rank(_name(n[0])) for n in named]
    return named[::-1] if ranks == sorted(ranks, reverse=True) and ranks[0] != ranks[-1] else named


def _heading_ladder(section: Section, found: Found, make_level) -> bool:
    """'## Severity levels' over '### Critical', '### High': a level per sub-heading, its paragraphs
    its description, its key-value bullets ('- Response: 15 minutes') its fields."""
    from .level_items import _level_blocks
    from .mdparse import joined
    from .prose import sentence_facts

    children = _named_run([c for c in section.children if c.line not in found.used])
    names = [_name(c.title) for c in children]
    if len(children) < 2 or len(set(names)) < len(names):
        return False
    for order, (title, child) in enumerate(_gravest_first([(c.title, c) for c in children])):
        entry = make_level(found, level_key(_name(title)), strip_md(title).strip(" *_:."))
        entry["_by_order"], entry["_order"] = True, order
        found.used.add(child.line)
        found.mapped["severities"].append(child.line)
        prose = [b for b in child.blocks if b.kind == "para" and b.text and b.lines[0] not in found.used]
        if prose:
            entry.setdefault("description", joined(prose, child.blocks))
            sentence_facts(entry, entry["description"])
            found.use("severities", *prose)
        _level_blocks(child, entry, found, make_level)
    return True


def _named_run(children: list[Section]) -> list[Section]:
    """The sub-headings that are level names, one after another ('Critical', 'Major', 'Minor'), with
    the page's other sections ('At a glance', 'Changing the level') before or after them."""
    runs, current = [], []
    for child in children:
        if rank(_name(child.title)) is not None:
            current.append(child)
        else:
            runs, current = runs + [current], []
    runs.append(current)
    named = [run for run in runs if len(run) >= 2]
    return named[0] if len(named) == 1 else []


BOLD_LEAD = re.compile(r"^\*\*([^*]{2,30})\*\*\s*(?:[:—–-]+|\s)\s*(\S.*)$")


def _item_ladder(section: Section, found: Found, make_level) -> bool:
    """'- **Critical** — the shop is down. Respond within 15 minutes.': a level per bullet, its text
    the description, a respond or page sentence in it its time and paging."""
    items = [b for b in section.blocks if b.kind == "item" and b.level == 0 and b.lines[0] not in found.used]
    leads = [BOLD_LEAD.match(b.text.strip()) for b in items]
    named = [(m.group(1), m.group(2), b) for m, b in zip(leads, items) if m and rank(_name(m.group(1))) is not None]
    return _named_levels(named, len(items), found, make_level)


COLOUR_ITEM = re.compile(r"^(?:\*\*)?((?:code |level |status )?(?:" + "|".join(COLOURS) + r"))(?:\*\*)?\s*[-–—:]\s+(\S.*)$",
                         re.IGNORECASE | re.DOTALL)


def _colour_items(section: Section, found: Found, make_level) -> bool:
    """'* Red - nobody can take the register ... call you back within 15 minutes' / '* Amber - ...' /
    '* Green - ...', whatever the heading (or none, as an e-mail has): three colours or more, each
    leading one item, one of them with a time at least. Colours lead nothing else in such a list."""
    from .text import duration

    for items in _unused_lists(section, found):
        leads = [COLOUR_ITEM.match(strip_md(b.text).strip()) for b in items]
        named = [(m.group(1), m.group(2), b) for m, b in zip(leads, items) if m]
        if len(named) >= 3 and len(named) == len(items) and any(duration(text) for _, text, _ in named):
            return _named_levels(named, len(items), found, make_level)
    return False


def _unused_lists(section: Section, found: Found) -> list[list[Block]]:
    """The top-level items of each of the section's lists, a list broken where another pass took an item."""
    out: list[list[Block]] = []
    for run in item_runs(section.blocks):
        out.append([])
        for block in (b for b in run if b.level == 0):
            if block.lines[0] in found.used:
                out.append([])
            else:
                out[-1].append(block)
    return [items for items in out if items]


def _named_levels(named: list, candidates: int, found: Found, make_level) -> bool:
    """A level for each (name, text, block), gravest first, its text the description and its facts,
    when every one of the ``candidates`` is named so, by two names or more, each once."""
    from .prose import sentence_facts

    names = [_name(n) for n, _, _ in named]
    if len(named) < 2 or len(named) < candidates or len(set(names)) < len(names):
        return False
    for order, (name, text, block) in enumerate(_gravest_first(named)):
        entry = make_level(found, level_key(_name(name)), strip_md(name).strip(" *_:."))
        entry["_by_order"], entry["_order"] = True, order
        entry.setdefault("description", strip_md(text))
        sentence_facts(entry, strip_md(text))
        found.use("severities", block)
    return True


def _label_ladder(section: Section, found: Found, make_level) -> bool:
    """'**CRITICAL**: Picking stopped at any site. Respond: 15 mins.' (a typed page's 'CRITICAL  text'
    columns read so): a level per label, its text the description and its facts."""
    labels = [b for b in section.blocks if b.kind == "label" and b.text and b.lines[0] not in found.used]
    named = [(b.label, b.text, b) for b in labels if rank(_name(b.label)) is not None]
    return _named_levels(named, len(labels), found, make_level)


IMPACT_HEAD = re.compile(r"^\W*impact(?: level)?\W*$", re.IGNORECASE)   # a status page's 'Impact level' column


def _named_column(block: Block, ladder_section: bool) -> int | None:
    header = [strip_md(h) for h in block.rows[0]]
    body = block.rows[1:]
    for i, head in enumerate(header):
        names = [_name(row[i]) if i < len(row) else "" for row in body]
        if (LADDER_WORD.match(head) or IMPACT_HEAD.match(head) or ladder_section) and all(rank(n) is not None for n in names) and \
                len(set(names)) == len(names):
            return i
    return None


def rank(name: str) -> int | None:
    """How grave a level name is (0 gravest), or None when it is no level name ('critical', 'level red')."""
    if name in RANKS:
        return RANKS[name]
    colour = COLOUR_NAME.match(name)
    return COLOURS[colour.group(1)] if colour else None


def level_key(name: str) -> str:
    """The id of a named level: 'Level Red' -> LEVEL-RED, 'Critical' -> CRITICAL."""
    return re.sub(r"[\s_]+", "-", name.strip()).upper()


def _name(cell: str) -> str:
    return strip_md(cell).strip(" *_:.").lower()


def _ladder(block: Block, column: int, found: Found, make_level, role_contact) -> None:
    header = [strip_md(h) for h in block.rows[0]]
    rows = [row for row in block.rows[1:] if column < len(row)]
    rows = [row for _, row in _gravest_first([(row[column], row) for row in rows])]
    for order, row in enumerate(rows):
        name = strip_md(row[column]).strip(" *_:.")
        entry = make_level(found, level_key(name), name)
        entry["_by_order"], entry["_order"] = True, order
        for i, (head, cell) in enumerate(zip(header, row)):
            text = strip_md(cell)
            if i == column or not text or text in ("-", "—", "–"):
                continue
            if TOLD.search(head) and (people := _people(text)):
                entry["notify"] = [role_contact(found, who) for who in people]
                if len(people) > 1:   # the cell as written too: the page lists them one by one
                    entry.setdefault("details", []).append({"label": head, "text": text})
            elif not apply_level_value(entry, head, text) or not lossless(text):
                entry.setdefault("details", []).append({"label": head, "text": text})
    found.use("severities", block)


def _people(text: str) -> list[str]:
    """'CISO and Legal' -> ['CISO', 'Legal']: the people a cell lists; [] when the cell says more than
    whom ('ICO within 72 hours of becoming aware', 'Not normally required', 'None'): it stays as written."""
    parts = [p.strip(" .") for p in re.split(r"[,;]\s*|\s+(?:and|&|\+)\s+|\s*/\s*", text) if p.strip(" .")]
    if any(len(p.split()) > 4 or re.search(r"\d|\b(?:none|n/?a|not|no|within|if|when|required)\b", p, re.IGNORECASE)
           for p in parts):
        return []
    return parts
