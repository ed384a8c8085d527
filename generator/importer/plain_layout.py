"""Layout that plain-text procedures draw with indentation, rewritten line for line.

A typed procedure indents what a word processor would format: a ladder of ``P1  More than ...``
entries, a phone list with dot leaders, a numbered escalation list, a role's description under
its name. Markdown would read the first three as code (four spaces after a blank line) and the
last as one paragraph with the name glued to its text.

- ``is_layout``: an indented block whose entries are all list items, dot-leader lines or
  ``ID  text`` hanging entries (and nothing in it reads as a command) is text, not code;
- ``hanging_terms``: a short line with lines indented under it (``Incident Coordinator`` over
  ``    Normally the Tier 2 engineer ...``) is a term and its definition, as reStructuredText
  writes a definition list;
- ``numbered_subheadings``: ``5.1 BGP session to upstream down`` on a line of its own, beside
  ``5.2 ...``, is a sub-heading of the section it is in.
"""
from __future__ import annotations

import re

from .plain_text import LEADER, _standalone, has_markdown_heading
from .text import EMAIL, PHONE_ANY
from .signs import PART_NUMBERED, SPACED_ID, absent, run_heads

LIST_ENTRY = re.compile(r"^(?:[-*+•]|\d{1,2}[.)])\s+\S")
HANGING_ENTRY = re.compile(r"^([A-Za-z0-9][\w.-]{0,11})\s{2,}([A-Z0-9\"'(“].*)$")
DASH_RULE = re.compile(r"^-{3,}(?:\s{2,}-{3,})+\s*$")
COMMAND_SIGNS = re.compile(r"--\w|&&|\|\||\$\(|\$\{|^\$ |^sudo\b|^#!|\s\|\s")


def _indent(line: str) -> int:
    text = line.expandtabs(4)
    return len(text) - len(text.lstrip())


def _shape(line: str) -> str | None:
    if LIST_ENTRY.match(line):
        return "list"
    if DASH_RULE.match(line):
        return "rule"
    if line.count(".") >= 2 and LEADER.match(line):
        return "leader"
    if HANGING_ENTRY.match(line):
        return "hanging"
    if REACH_ENTRY.match(line) and (PHONE_ANY.search(line) or EMAIL.search(line)):
        return "reach"   # 'Gareth Pryce - Operations Manager - 0161 496 0723': a phone list's line
    return None


# a name first, in words ('Gareth Pryce - ...', 'Lewis Achterberg<TAB>Systems ...'): a typed contact line
REACH_ENTRY = re.compile(r"^[A-Z][\w&'’.]*(?:\s+[A-Z(][\w&'’.()]*)*\s+(?:[-–—]\s+)?\S")


def is_layout(block: list[str]) -> bool:
    """An indented block that is a list, a phone list or a ladder drawn with spaces, not code."""
    filled = [line for line in block if line.strip()]
    if not filled or any(COMMAND_SIGNS.search(line.strip()) for line in filled):
        return False
    base = min(_indent(line) for line in filled)
    entries = [line.expandtabs(4)[base:] for line in filled if _indent(line) == base]
    if any(DASH_RULE.match(line.strip()) for line in filled) and len(filled) >= 3:
        return True   # a table laid out with spaces over a rule of dashes ('-----  -----'), as pandoc reads one
    shapes = {_shape(line) for line in entries}
    if len(entries) < 2 or len(shapes) != 1 or None in shapes:
        return False
    if shapes == {"hanging"}:
        ids = [HANGING_ENTRY.match(line).group(1).lower() for line in entries]
        return len(set(ids)) == len(ids)
    return True


def is_phone_list(block: list[str]) -> bool:
    """Every line of the block names someone and how to reach them: a phone list, a contact a line."""
    filled = [line.strip() for line in block if line.strip()]
    return len(filled) >= 2 and all(_shape(line) == "reach" for line in filled)


def dedent(lines: list[str], start: int, end: int) -> None:
    """Lines start..end-1 moved left by their smallest indent."""
    filled = [lines[j] for j in range(start, end) if lines[j].strip()]
    base = min((_indent(line) for line in filled), default=0)
    for j in range(start, end):
        if lines[j].strip():
            lines[j] = lines[j].expandtabs(4)[base:]


TERM = re.compile(r"^(\s{0,3})([A-Za-z][\w'’&/()-]*(?: [\w'’&/()-]+){0,5})\s*$")


def hanging_terms(lines: list[str], skip: set[int]) -> None:
    """'Incident Coordinator' over lines indented deeper: '**Incident Coordinator**:' and its text,
    where two terms or more are written so."""
    terms = [i for i in range(len(lines) - 1)   # a line with an indented one under it, the cheap test first
             if lines[i + 1].startswith(("  ", "\t")) and _term_at(lines, i, skip)]
    if len(terms) < 2:
        return
    for i in terms:
        match = TERM.match(lines[i])
        lines[i] = f"{match.group(1)}**{match.group(2)}**:"
        j = i + 1
        while j < len(lines) and lines[j].strip() and j not in skip:
            lines[j] = match.group(1) + lines[j].strip()
            j += 1


def _term_at(lines: list[str], i: int, skip: set[int]) -> bool:
    match = TERM.match(lines[i])
    if not match or i in skip or (i > 0 and lines[i - 1].strip()) or (i + 1) in skip:
        return False
    below = lines[i + 1]
    if not below.strip() or _indent(below) < len(match.group(1)) + 2 or re.fullmatch(r"\s*[=\-~^*#]{3,}\s*", below):
        return False
    return not match.group(2).endswith((".", ",", ":", ";"))


SUB_NUMBER = re.compile(r"^\s{0,3}(\d{1,2}(?:\.\d{1,2})+)\.?\s+([A-Za-z].{0,70}?)\s*$")
ATX = re.compile(r"^\s{0,3}(#{1,6})\s")
UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")


def numbered_subheadings(lines: list[str], skip: set[int]) -> None:
    """'5.1 BGP session down' and '5.2 RADIUS failures' on lines of their own: headings one level
    below the heading they are under, where two such lines or more share their first number."""
    found = [(i, SUB_NUMBER.match(line)) for i, line in enumerate(lines) if line[:4].lstrip()[:1].isdigit() and i not in skip]
    found = [(i, m) for i, m in found if m and _standalone(lines, i) and not m.group(2).endswith((".", ":", ","))
             and len(m.group(2).split()) <= 10]
    parents = [m.group(1).rsplit(".", 1)[0] for _, m in found]
    heads = [(i, _level_above(lines, i, skip)) for i, m in found if parents.count(m.group(1).rsplit(".", 1)[0]) >= 2]
    for i, level in heads:   # levels first: a heading written here is not the one the next is under
        lines[i] = "#" * min(6, level + 1) + " " + lines[i].strip()


def atx_level_above(lines: list[str], i: int) -> int:
    """The level of the last '#' heading above line i, 1 where there is none."""
    return next((len(m.group(1)) for m in (ATX.match(lines[j]) for j in range(i - 1, -1, -1)) if m), 1)


def _level_above(lines: list[str], i: int, skip: set[int]) -> int:
    """The level of the last heading above line i (ATX or setext), 1 where there is none."""
    for j in range(i - 1, -1, -1):
        if j in skip:
            continue
        atx = ATX.match(lines[j])
        if atx:
            return len(atx.group(1))
        if j > 0 and UNDERLINE.match(lines[j]) and lines[j - 1].strip():
            return 1 if lines[j].strip().startswith("=") else 2
    return 1


SETEXT_RULE = re.compile(r"^\s{0,3}(?:={3,}|-{3,})\s*$")
NUMBERED_PARAGRAPH = re.compile(r"^(\s{0,6})(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s{2,}(\S.*)$")
NUMBERED_CLAUSE = re.compile(r"^(\s{0,6})(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+([A-Za-z(\"'].*)$")


def numbered_paragraphs(lines: list[str], skip: set[int]) -> None:
    """'2.2  PRIORITY 1 (EMERGENCY)' over lines indented to its text, as typed procedures number every
    paragraph: an item each ('- 2.2 PRIORITY 1 ...'), nested by how many parts its number has, its
    wrapped lines under it; where four such paragraphs or more number the document. A numbered line
    standing alone as a title ('6.1  PROCEDURE A: BILLING DATABASE DOWN') over what it numbers is a
    heading instead, one below the heading above it."""
    if absent(lines, PART_NUMBERED):
        return
    pattern, clauses = NUMBERED_PARAGRAPH, not has_markdown_heading(lines, skip)
    if clauses:   # a typed document: '1.1 This procedure applies ...' too
        pattern = NUMBERED_CLAUSE
    found = [(i, pattern.match(line)) for i, line in enumerate(lines) if i not in skip and line[:7].strip()[:1].isdigit()]
    # ('7.1  Purpose' over '------------': a heading its underline makes, never a numbered paragraph)
    found = [(i, m) for i, m in found if m and not (i + 1 < len(lines) and SETEXT_RULE.match(lines[i + 1]))]
    if len(found) < 4:
        return
    if clauses:
        _numbered_part_headings(lines, skip)
    top = min(m.group(2).count(".") for _, m in found)
    titles = {m.group(2): _level_above(lines, i, skip) + 1 for i, m in found
              if _title_paragraph(lines, i, m) or (clauses and _title_over_clauses(lines, i, m, pattern))}
    for i, match in found:
        number = match.group(2)
        if number in titles:
            lines[i] = "#" * min(6, titles[number]) + f" {number} {match.group(3)}"
            continue
        headed = sum(number.startswith(t + ".") for t in titles)
        indent = "  " * max(0, number.count(".") - top - headed)
        lines[i] = f"{indent}- {number} {match.group(3)}"
        column = len(match.group(1)) + len(number)
        j = i + 1
        while j < len(lines) and j not in skip and lines[j].strip() and not pattern.match(lines[j]) \
                and _indent(lines[j]) > column:
            lines[j] = indent + "  " + lines[j].strip()
            j += 1


def _numbered_part_headings(lines: list[str], skip: set[int]) -> None:
    """'2. INCIDENT LEVELS' standing alone, in capitals, over its numbered clauses: a section heading."""
    from .plain_text import NUMBERED_LINE, _capitals, appendix_subheadings

    for i, line in enumerate(lines):
        match = NUMBERED_LINE.match(line) if i not in skip and "." not in (line.split(".", 1)[1][:1] if "." in line else "x") else None
        if match and "." not in match.group(1) and _capitals(match.group(2)) and _standalone(lines, i):
            lines[i] = "## " + line.strip()
    appendix_subheadings(lines, skip)   # 'APPENDIX B - PLAYBOOKS' over 'B.1 Compromised account'


def _title_over_clauses(lines: list[str], i: int, match: re.Match, pattern: re.Pattern) -> bool:
    """'5.1 Duty Incident Manager' over '    5.1.1 Declares the incident ...': a short title numbering
    the clauses right under it."""
    text = match.group(3).strip()
    if len(text.split()) > 8 or re.search(r"[.,:;]$|[.;]\s", text) or i + 1 >= len(lines):
        return False
    following = next((j for j in range(i + 1, min(len(lines), i + 3)) if lines[j].strip()), None)
    below = pattern.match(lines[following]) if following is not None else None
    return bool(below) and below.group(2).startswith(match.group(2) + ".")


def _title_paragraph(lines: list[str], i: int, match: re.Match) -> bool:
    """A short numbered line with a blank line under it and more text, indented, after that."""
    text = match.group(3).strip()
    if len(text.split()) > 10 or text.endswith((".", ",", ";", ":")) or (i + 1 < len(lines) and lines[i + 1].strip()):
        return False
    following = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
    return following is not None and _indent(lines[following]) > len(match.group(1))


RULE_UNDERLINE = re.compile(r"^\s*([*#~^+])\1{2,}\s*$")


def character_underlines(lines: list[str], attached: dict[int, int], skip: set[int]) -> None:
    """'1. PURPOSE AND SCOPE' over '********' (or '####', '~~~~'): a heading, its underline markup."""
    for i in range(1, len(lines)):
        if lines[i].lstrip()[:1] not in ("*", "#", "~", "^", "+") or i in skip or (i - 1) in skip \
                or not RULE_UNDERLINE.match(lines[i]):
            continue
        above = lines[i - 1].strip()
        if not above or above.startswith("#") or len(lines[i].strip()) < 0.5 * len(above):
            continue
        lines[i - 1] = "## " + above
        lines[i] = ""
        attached[i + 1] = i


FRAME = re.compile(r"^\s*([=*#~-])\1{9,}\s*$")


def framed_headings(lines: list[str], attached: dict[int, int], skip: set[int]) -> None:
    """'CARD 3 OF 9 :: ESCALATION' between two long rules ('=====...'), as printed cards and banners
    set a title apart: a heading, its rules the heading's markup; where two such titles or more are."""
    framed = [i for i in range(1, len(lines) - 1)
              if i not in skip and lines[i].strip() and not lines[i].lstrip().startswith("#")
              and FRAME.match(lines[i - 1]) and FRAME.match(lines[i + 1]) and len(lines[i].split()) <= 12]
    if len(framed) < 2:
        return
    for i in framed:
        lines[i] = "## " + lines[i].strip()
        for rule in (i - 1, i + 1):
            lines[rule] = ""
            attached[rule + 1] = i + 1


SPACED_ENTRY = re.compile(r"^(\s{0,3})(?!\|)(\S{1,10})\s{2,}(\S.*)$")   # ('|  |  |': a table's empty row)
ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$", re.IGNORECASE)


def spaced_entries(lines: list[str], skip: set[int]) -> None:
    """'  RED    Telemetry lost ...' / '  AMBER  ...', or '  1st  Duty Systems Engineer' / '  2nd  ...':
    short ids set off by spaces, one entry a line (its wrapped lines indented to its text), two or more
    in a row: a list item each; numbered when the ids count ('1st', '2nd')."""
    if absent(lines, SPACED_ID):
        return
    for head in run_heads(lines, skip, _spaced_run):
        match = SPACED_ENTRY.match(lines[head])
        ordinal = ORDINAL.match(match.group(2))
        marker = f"{ordinal.group(1)}. " if ordinal else f"- {match.group(2)} "
        lines[head] = f"{marker}{match.group(3)}"   # at the margin: a list of its own, not nested in the text above


def _spaced_run(lines: list[str], start: int, skip: set[int]) -> list[int]:
    first = SPACED_ENTRY.match(lines[start]) if start not in skip and (start == 0 or not lines[start - 1].strip()) else None
    if not first or LIST_ENTRY.match(lines[start].lstrip()) or LEADER.match(lines[start]):
        return []
    from .text_tables import _aligned_header
    if _aligned_header(lines, start):
        return []   # 'CODE   MEANING   RESPOND BY' over its rows: a table laid out with spaces, text_tables reads it
    indent, run, ids, j = len(first.group(1)), [start], [first.group(2).lower()], start + 1
    while j < len(lines) and lines[j].strip() and j not in skip:
        if DASH_RULE.match(lines[j].strip()):
            return []   # a table laid out with spaces over its rule: text_tables reads it
        entry = SPACED_ENTRY.match(lines[j])
        if entry and len(entry.group(1)) == indent and not LEADER.match(lines[j]):
            run.append(j)
            ids.append(entry.group(2).lower())
        elif _indent(lines[j]) <= indent or DASH_RULE.match(lines[j].strip()):
            return []
        j += 1
    if len(run) < 2 or len(set(ids)) != len(ids) or any(COMMAND_SIGNS.search(lines[k].strip()) for k in run):
        return []
    ordinals = [bool(ORDINAL.match(x)) for x in ids]
    if any(ordinals) and not all(ordinals):
        return []
    return run
