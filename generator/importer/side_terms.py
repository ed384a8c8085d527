"""Terms written beside their text, as typed pages set them out:

    CRITICAL  Picking or dispatch stopped at any DC, or label printing
              down for all lanes at a site.
              Respond: 15 mins.

    TECH LEAD          Hands on keyboard. Says what they are about to run.

A short term at the margin, two spaces or more, then its text, the text's further lines indented
to the same column: rewritten as ``**CRITICAL**: Picking or ...`` with the further lines at the
margin (a label and its wrapped text), where two terms or more share that column. Tables aligned
with spaces (several gaps on a line) are not terms: they were read before this, as tables.
"""
from __future__ import annotations

import re

SIDE_TERM = re.compile(r"^(\s{0,3})([A-Za-z][\w'’&/().-]*(?: [\w'’&/().-]+){0,3}?)( {2,})(\S.*)$")
WIDE_GAP = re.compile(r"\S {3,}\S")
OTHER_SHAPES = re.compile(r"\d")          # an id with a number: a level or a step, read elsewhere
LEADS_ON = re.compile(r"^(?:--|[-–—:=|])")   # the text opens with its own separator
LEADERS = re.compile(r"\.{4,}|…{2,}")


def side_terms(lines: list[str], skip: set[int]) -> None:
    """Rewrite each run of side terms in place (see the module's docstring)."""
    entries = [(i, match) for i, match in ((i, _term(lines, i, skip)) for i in range(len(lines))) if match]
    columns: dict[int, list] = {}
    for i, match in entries:
        columns.setdefault(match.end(3), []).append((i, match))
    for column, group in columns.items():
        if len(group) < 2:
            continue
        for i, match in group:
            lines[i] = f"{match.group(1)}**{match.group(2)}**: {match.group(4)}"
            j = i + 1
            while j < len(lines) and j not in skip and lines[j].strip() and _indent(lines[j]) == column:
                lines[j] = lines[j].strip()
                j += 1


def _term(lines: list[str], i: int, skip: set[int]) -> re.Match | None:
    if i in skip or "  " not in lines[i]:
        return None
    match = SIDE_TERM.match(lines[i])
    if not match or WIDE_GAP.search(match.group(4)) or match.group(2).endswith((".", ",", ":", ";")) \
            or OTHER_SHAPES.search(match.group(2)) or LEADS_ON.match(match.group(4)) or LEADERS.search(lines[i]):
        return None   # 'PR1  ...', 'LEVEL 1  -- ...', 'Q1  ... ..... ack 10m': the level passes read those
    if i > 0 and lines[i - 1].strip() and _indent(lines[i - 1]) != match.end(3) and not SIDE_TERM.match(lines[i - 1]):
        return None   # the middle of a paragraph
    return match


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
