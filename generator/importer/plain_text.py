"""What printed phone lists and plain-text sheets draw with characters, rewritten line for line.

- dot leaders: ``Service desk ........ +1 555 0120`` is a name and its number, as a dashed line
  (``- Service desk — +1 555 0120``); a line indented under it with no leader of its own (a second
  number, an address, a remark) is an item nested in it;
- chains drawn downwards: boxes of text joined by lines of ``|`` and a ``v`` arrow head, the label on
  the arrow (``|  no answer in 10 min``) saying when to go on, become a numbered list whose items
  carry on with their arrow's label.

Each runs only where at least two lines have the shape, outside code blocks.
"""
from __future__ import annotations

import re

from .signs import run_heads

LEADER = re.compile(r"^(\s*)(\S.*?\S|\S)(?:\s*(?:\.\s?){4,}\.?|\s+\.{2,3})\s+(\S.*)$")
STEM = re.compile(r"^\s*[|│┃]\s*(.*?)\s*$")
HEAD = re.compile(r"^\s*(?:v|V|↓|▼|\\/)\s*$")


def dot_leaders(lines: list[str], attached: dict[int, int], skip: set[int]) -> None:
    """Rewrite every dot-leader line, and the lines indented under one, as dashed items."""
    # a leader has two dots at least: most lines are ruled out without the pattern
    leaders = [i for i, line in enumerate(lines) if line.count(".") >= 2 and i not in skip and LEADER.match(line)]
    if len(leaders) < 2:
        return
    rewritten: set[int] = set()
    continued: set[int] = set()   # the lines a leader line runs on to ('myoon@...' under its number)
    for i in leaders:
        match = LEADER.match(lines[i])
        indent, name, value = match.groups()
        column = len(indent)
        head = _group_head(lines, i, column, skip)
        if head is not None:   # 'Corran Fibre (internet)' over '    fault line ..... +1 555 0235'
            lines[head] = f"- {lines[head].strip()}"
        lines[i] = f"{'  ' if head is not None or _under_head(lines, i, column, rewritten, continued) else ''}- {name} — {value}"
        rewritten.add(i)
        j = i + 1
        while j < len(lines) and j not in skip and lines[j].strip() and not LEADER.match(lines[j]) \
                and len(lines[j]) - len(lines[j].lstrip()) > column + 2:
            lines[j] = f"  - {lines[j].strip()}"
            continued.add(j)
            j += 1
    return None


def _group_head(lines: list[str], i: int, column: int, skip: set[int]) -> int | None:
    """The line just above the first of a group of indented leader lines, naming what they belong to."""
    above = i - 1
    if column == 0 or above < 0 or above in skip or not lines[above].strip() or LEADER.match(lines[above]):
        return None
    if len(lines[above]) - len(lines[above].lstrip()) >= column or lines[above].lstrip().startswith("- "):
        return None
    if lines[above].rstrip().endswith(":"):   # 'External parties (call only ...):' leads in to them; it is nobody
        return None
    return above


def _under_head(lines: list[str], i: int, column: int, rewritten: set[int], continued: set[int]) -> bool:
    """A later leader line of such a group (the lines above it are the group's, back to its head);
    a leader line right above, written as an item already, is a sibling, nested only if it is."""
    j = i - 1
    while j >= 0 and lines[j].strip() and column > 0:
        if j in continued:
            j -= 1
            continue
        if j in rewritten:
            return lines[j].startswith("  - ")
        if lines[j].startswith("  - ") or lines[j].startswith("- "):
            return lines[j].startswith("  - ") or not LEADER.match(lines[j])
        j -= 1
    return False


def drawn_chains(lines: list[str], attached: dict[int, int], skip: set[int]) -> None:
    """Boxes joined by '|' stems and 'v' heads: a numbered list, one item per box."""
    if not any(HEAD.match(line) for line in lines):   # every chain has an arrow head
        return None
    i = 0
    while i < len(lines):
        boxes = _chain(lines, i, skip)
        if len(boxes) < 2:
            i += 1
            continue
        for number, (box, stems) in enumerate(boxes, start=1):
            lines[box] = f"{number}. {_text(lines[box])}"
            labels = [m.group(1) for m in (STEM.match(lines[k]) for k in stems) if m and m.group(1)]
            for k in stems:
                lines[k] = ""
            if labels and len(stems) >= 3:   # the arrow's label, a paragraph of its own between the steps
                lines[stems[1]] = " ".join(labels)
            label_line = stems[1] if labels and len(stems) >= 3 else None
            for k in stems:
                if k != label_line:
                    attached[k + 1] = (label_line if label_line is not None else box) + 1
        i = boxes[-1][0] + 1
    return None


def _chain(lines: list[str], start: int, skip: set[int]) -> list[tuple[int, list[int]]]:
    """[(box line, the stem and head lines below it)] of a chain starting at ``start``."""
    boxes, i = [], start
    while i < len(lines) and i not in skip and _is_box(lines[i]):
        stems, j = [], i + 1
        while j < len(lines) and j not in skip and (STEM.match(lines[j]) or HEAD.match(lines[j])):
            stems.append(j)
            j += 1
        has_head = any(HEAD.match(lines[k]) for k in stems)
        if not (has_head and j < len(lines) and _is_box(lines[j])):
            boxes.append((i, []))
            break
        boxes.append((i, stems))
        i = j
    return boxes if len(boxes) >= 2 else []


def _is_box(line: str) -> bool:
    return bool(line.strip()) and not STEM.match(line) and not HEAD.match(line) and not line.lstrip().startswith(("#", "-", "*"))


def _text(line: str) -> str:
    leader = LEADER.match(line)
    return f"{leader.group(2)} — {leader.group(3)}" if leader else line.strip()


NUMBERED_LINE = re.compile(r"^\s{0,3}(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.{0,70}?)\s*$")
MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")


def has_markdown_heading(lines: list[str], skip: set[int]) -> bool:
    """A '# Heading' outside ``skip`` ('#<TAB>Section' is a tab-separated table's header, not one)."""
    return any(MARKDOWN_HEADING.match(line) and not TAB_ROW.search(line) for i, line in enumerate(lines) if i not in skip)


def numbered_headings(lines: list[str], skip: set[int]) -> None:
    """'2. INCIDENT LEVELS' on a line of its own, in a document with no Markdown headings, is a
    section heading (as plain-text procedures number them), and '5.1 IT Alert -- initial notice'
    under it a sub-heading: only where two such capitalised headings or more number the document."""
    if has_markdown_heading(lines, skip):
        return
    numbered = {i: m for i, m in ((i, NUMBERED_LINE.match(line)) for i, line in enumerate(lines))
                if m and i not in skip and _standalone(lines, i)}
    heads = {m.group(1).split(".")[0] for m in numbered.values() if _capitals(m.group(2))}
    if len(heads) < 2 and _outline_sections(lines, skip):
        return
    if len(heads) < 2:
        _capital_headings(lines, skip)
        return
    for i, match in numbered.items():
        number, title = match.groups()
        top = "." not in number and _capitals(title)
        sub = "." in number and number.split(".")[0] in heads and _short_title(title, lines, i)
        if top or sub:
            lines[i] = "#" * (number.count(".") + 2) + " " + lines[i].strip()
    for i in _capital_lines(lines, skip):   # 'DOCUMENT CONTROL', 'CONTENTS': the unnumbered parts beside them
        lines[i] = "## " + lines[i].strip()
    appendix_subheadings(lines, skip)


# '3. Priority levels' at the margin after a blank line, its text right under it: a section's number and title
OUTLINE_TITLE = re.compile(r"^(\d{1,2})\.\s+([A-Z][^.!?:;]{1,60}?)\s*$")
OUTLINE_SUB = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s+([A-Z][^.!?:;]{1,70}?)\s*$")
RESTART = re.compile(r"^1[.)]\s+\S")   # another list at the margin, counting from 1 again


def _outline_sections(lines: list[str], skip: set[int]) -> bool:
    """'1. Purpose' ... '6. Procedures' numbering the document (a word processor's heading numbers,
    kept in its plain-text export) with the text right under each: headings, where three or more
    count up from 1 and the document shows they are no list (another list starts again at '1.'
    between them, or '6.1 ...' numbers a part of one). '6.1 HomeLedger unavailable' a heading under
    its own. Whether there were."""
    chain: list[int] = []
    for i, line in enumerate(lines):
        match = OUTLINE_TITLE.match(line) if i not in skip and line[:1].isdigit() else None
        if match and int(match.group(1)) == len(chain) + 1 and (i == 0 or not lines[i - 1].strip()) \
                and i + 1 < len(lines) and lines[i + 1].strip():   # its text (or table) right under it
            chain.append(i)
    if len(chain) < 3:
        return False
    numbers = {str(n) for n in range(1, len(chain) + 1)}
    subs = [i for i, line in enumerate(lines) if i not in skip and (m := OUTLINE_SUB.match(line)) and m.group(1) in numbers
            and (not lines[i - 1].strip() or (i - 1) in chain)]
    restarts = any(RESTART.match(lines[k]) for a, b in zip(chain, chain[1:]) for k in range(a + 1, b))
    if not (subs or restarts):
        return False
    for i in chain:
        lines[i] = "## " + lines[i].strip()
    for i in subs:
        lines[i] = "### " + lines[i].strip()
    return True


APPENDIX_HEAD = re.compile(r"^#{1,6}\s+(?:APPENDIX|ANNEX)\s+([A-Z])\b", re.IGNORECASE)
APPENDIX_LINE = re.compile(r"^\s{0,3}(?:APPENDIX|ANNEX)\s+[A-Z]\b[^a-z]{0,60}(?:\([^()]{1,30}\))?\s*$")
APPENDIX_SUB = re.compile(r"^\s{0,3}([A-Z])\.(\d{1,2})\.?\s+([A-Z][^.:;]{1,70}?)\s*$")


def appendix_subheadings(lines: list[str], skip: set[int]) -> None:
    """'B.1 Compromised employee account' on a line of its own under 'APPENDIX B - PLAYBOOKS': the
    appendix's sub-heading, as its letter numbers it."""
    letter = ""
    for i, line in enumerate(lines):
        if i not in skip and APPENDIX_LINE.match(line) and _standalone(lines, i):
            lines[i] = line = "## " + line.strip()   # 'APPENDIX B - PLAYBOOKS (excerpt)', in capitals
        head = APPENDIX_HEAD.match(line)
        if head:
            letter = head.group(1).upper()
            continue
        sub = APPENDIX_SUB.match(line) if letter and i not in skip and line[:4].strip()[:1] == letter else None
        if sub and sub.group(1) == letter and (i == 0 or not lines[i - 1].strip()):
            lines[i] = f"### {sub.group(1)}.{sub.group(2)} {sub.group(3).strip()}"


# '4.2   Severity Classification', 'Appendix A   Document History': a typeset heading, its number
# set apart from its title by a run of spaces (a numbered list's item has '1.' and one space)
SPACED_NUMBER = re.compile(r"^\s{0,3}(\d{1,2}(?:\.\d{1,2})*|Appendix\s+[A-Z])\s{2,}([A-Z][^.,:;]{1,70}?)\s*$")


def typeset_headings(lines: list[str], skip: set[int]) -> bool:
    """Headings numbered as a typeset document (a PDF's text) numbers them, three top-level ones
    or more, each a short line of its own, in a document with no Markdown heading: rewritten;
    whether there were."""
    if has_markdown_heading(lines, skip):
        return False
    found = {i: m for i, m in ((i, SPACED_NUMBER.match(line)) for i, line in enumerate(lines))
             if m and i not in skip and _standalone(lines, i) and len(m.group(2).split()) <= 8}
    tops = {m.group(1) for m in found.values() if m.group(1).isdigit()}
    if len(tops) < 3:
        return False
    for i, match in found.items():
        number = match.group(1)
        lines[i] = "#" * (number.count(".") + 2 if number[0].isdigit() else 2) + " " + \
            f"{number} {match.group(2)}"
    return True


def _short_title(title: str, lines: list[str], i: int) -> bool:
    """'3.1 Internal', not '1.1 This procedure applies to incidents affecting telemetry,' (a clause
    wrapped onto the indented line under it) or '6.1.1 Confirm the scope. Check the' (sentences)."""
    if re.search(r"[.,:;]$|[.;]\s", title) or len(title.split()) > 8:
        return False
    after = lines[i + 1] if i + 1 < len(lines) else ""
    return not (after.startswith(" ") and after.strip()[:1].islower())


CAPITAL_LINE = re.compile(r"^\s{0,3}([A-Z][A-Z0-9 &/,'’-]{2,60}[A-Z0-9])(?:\s+\([^()]{1,80}\))?:?\s*$")


def _capital_headings(lines: list[str], skip: set[int]) -> None:
    """'PRIORITY DEFINITIONS (customer-facing SLA)' and 'CONTACTS' on lines of their own, in capitals,
    the way e-mails and plain-text memos head their parts: section headings, where two or more are."""
    heads = _capital_lines(lines, skip, labelled=True)
    if len(heads) < 2:
        heads = _colon_titles(lines, skip)
    if len(heads) < 2:
        return
    for i in heads:
        lines[i] = "## " + lines[i].strip().rstrip(":").rstrip()   # 'Contact List:' names the part
    hanging_items(lines, skip)


def _capital_lines(lines: list[str], skip: set[int], labelled: bool = False) -> list[int]:
    """Lines of their own in capitals, six words at most ('CONTACTS'); with ``labelled``, a kind's
    label over a name too ('PROCEDURE: Card reader offline')."""
    matches = ((i, CAPITAL_LINE.match(line) or (labelled and _labelled_title(line)))
               for i, line in enumerate(lines) if i not in skip)
    return [i for i, match in matches if match and (_standalone(lines, i) or _colon_head(lines, i))
            and len(match.group(1).split()) <= 6]


def _colon_head(lines: list[str], i: int) -> bool:
    """'ESCALATION ORDER:' after a blank line, its text on the very next line: a memo's part,
    the colon saying that what follows is what it heads."""
    return lines[i].rstrip().endswith(":") and (i == 0 or not lines[i - 1].strip()) \
        and i + 1 < len(lines) and bool(lines[i + 1].strip())


# 'Incident Categories:', 'Departure Control System Outage:' on a line of their own, after a blank line,
# the text right under them: a memo's parts, where three or more are written so
COLON_TITLE = re.compile(r"^([A-Z][\w&/'’-]*(?:\s+(?:[A-Z0-9][\w&/'’()-]*|of|and|the|for|to|in|on|a|an|or|at|by|with)){0,6}):\s*$")


def _colon_titles(lines: list[str], skip: set[int]) -> list[int]:
    heads = [i for i, line in enumerate(lines) if i not in skip and COLON_TITLE.match(line)
             and (i == 0 or not lines[i - 1].strip()) and i + 1 < len(lines) and lines[i + 1].strip()]
    return heads if len(heads) >= 3 else []


# 'PROCEDURE: Donation site down': a part's kind in capitals, then its name (not 'NOTE: ...', a remark)
LABELLED_TITLE = re.compile(r"^\s{0,3}([A-Z]{4,20}(?: [A-Z]{2,20})?):\s+([A-Z0-9][^.!?:]{1,60}[^\s.!?:,;])\s*$")
REMARK = {"NOTE", "NOTES", "WARNING", "CAUTION", "IMPORTANT", "TODO", "INFO", "TIP", "NB", "FYI", "UPDATE",
          "SUBJECT", "OWNER", "STATUS", "DATE", "VERSION", "AUTHOR", "TITLE"}


def _labelled_title(line: str) -> re.Match | None:
    match = LABELLED_TITLE.match(line)
    return match if match and match.group(1) not in REMARK else None


HANGING_HEAD = re.compile(r"^(\s{0,3})(?![-*+]\s)(\S[^-–—]{0,30}?\S)\s+(?:--?|[–—])\s+(\S.*)$")   # (an item already: as it is)


def hanging_items(lines: list[str], skip: set[int]) -> None:
    """'  Urgent  - Brightdesk down ...' over lines indented to its text: a list item each, where two
    or more such heads share an indent (a plain-text definition list)."""
    for head in run_heads(lines, skip, _hanging_run):
        match = HANGING_HEAD.match(lines[head])
        lines[head] = f"{match.group(1)}- {match.group(2)} - {match.group(3)}"


def _hanging_run(lines: list[str], start: int, skip: set[int]) -> list[int]:
    first = HANGING_HEAD.match(lines[start]) if start not in skip and (
        start == 0 or not lines[start - 1].strip() or lines[start - 1].startswith("## ")) else None
    if not first:
        return []
    indent, run, j = len(first.group(1)), [start], start + 1
    while j < len(lines) and lines[j].strip() and j not in skip:
        head = HANGING_HEAD.match(lines[j])
        depth = len(lines[j]) - len(lines[j].lstrip())
        if head and depth == indent:
            run.append(j)
        elif depth <= indent:
            return []
        j += 1
    return run if len(run) >= 2 else []


def _standalone(lines: list[str], i: int) -> bool:
    """A line of its own: a blank line (or a code block) above, and below a blank line, indented text,
    a code block or a tab-separated table's header row."""
    return (i == 0 or not lines[i - 1].strip() or lines[i - 1].startswith(("```", "~~~"))) and (
        i + 1 == len(lines) or not lines[i + 1].strip() or lines[i + 1].startswith(("    ", "```", "~~~"))
        or bool(TAB_ROW.search(lines[i + 1])))


TAB_ROW = re.compile(r"^\S[^\t]*\t\S")   # 'Level<TAB>Meaning<TAB>...


def _capitals(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)
