"""A document written as one nested list (an outline, 'so it reads OK on a phone'), line for line.

    - Severity levels                        ## Severity levels
      - Sev A — dispatch platform down       ### Sev A — dispatch platform down
        - acknowledge: 5 minutes             - acknowledge: 5 minutes
      - When unsure, pick the higher one     - When unsure, pick the higher one

A top-level item with items under it is a section heading, and so is such an item one level
down; what is under them moves left as far as the headings it lost. Only where the document is
mostly list items with no headings of its own below its title, and three top-level items or more
head lists: a page of steps with a few sub-steps is left as written.
"""
from __future__ import annotations

import re

from .plain_layout import atx_level_above
from .text import TEL_WORDS
from .signs import COLON_END, INDENTED_LETTER, STEP_WORD, absent, without

ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,2}[.)])\s+(\S.*)$")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s")


def outline_headings(lines: list[str], skip: set[int]) -> None:
    """Rewrite an outline's first two levels of items that head lists as headings, in place."""
    headings = 0
    for i, line in enumerate(lines):   # the cheap test first: most documents have headings of their own
        if line.lstrip()[:1] == "#" and i not in skip and HEADING.match(line):
            headings += 1
            if headings > 1:
                return
    items = {i: ITEM.match(line) for i, line in enumerate(lines) if i not in skip}
    items = {i: m for i, m in items.items() if m}
    filled = [i for i, line in enumerate(lines) if line.strip() and i not in skip and not HEADING.match(line)]
    if not filled or len(items) < 0.6 * len(filled):
        return
    depth = _depths(lines, items)
    heads = [i for i in items if depth[i] == 0 and _has_children(lines, items, depth, i)]
    heads += [i for i in items if depth[i] == 1 and _has_children(lines, items, depth, i) and _most_siblings_head(items, depth, i)]
    if sum(depth[i] == 0 for i in heads) < 3:
        return
    _rewrite(lines, items, depth, set(heads), skip)


def _depths(lines: list[str], items: dict[int, re.Match]) -> dict[int, int]:
    """Each item's nesting depth, from the indents of the items above it."""
    depth, stack = {}, []
    for i in sorted(items):
        indent = len(items[i].group(1).expandtabs(4))
        while stack and stack[-1] > indent:
            stack.pop()
        if not stack or stack[-1] < indent:
            stack.append(indent)
        depth[i] = len(stack) - 1
    return depth


def _most_siblings_head(items: dict[int, re.Match], depth: dict[int, int], i: int) -> bool:
    """Half or more of the item's siblings have lists of their own: the parts of a
    section ('Sev A' over its facts), not a list with a remark under one step ('Step 1' over 'no ack')."""
    order = sorted(items)
    at = order.index(i)
    start = next((k for k in range(at, -1, -1) if depth[order[k]] == 0), 0)
    end = next((k for k in range(at + 1, len(order)) if depth[order[k]] == 0), len(order))
    siblings = [order[k] for k in range(start, end) if depth[order[k]] == 1]
    heading = [j for j in siblings if _has_children([], items, depth, j)]
    return bool(heading) and 2 * len(heading) >= len(siblings)


def _has_children(lines: list[str], items: dict[int, re.Match], depth: dict[int, int], i: int) -> bool:
    following = next((j for j in sorted(items) if j > i), None)
    return following is not None and depth[following] > depth[i]


def _rewrite(lines: list[str], items, depth, heads: set[int], skip: set[int]) -> None:
    open_heads: list[tuple[int, int]] = []   # (the heading item's indent, its first child's indent)
    order = sorted(items)
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        indent = _width(line)
        while open_heads and indent <= open_heads[-1][0]:
            open_heads.pop()
        if i in heads:
            child = next(j for j in order if j > i)
            lines[i] = "#" * (2 + depth[i]) + " " + items[i].group(2)
            open_heads.append((indent, _width(lines[child])))
        elif open_heads:
            cut = open_heads[-1][1]
            lines[i] = line.expandtabs(4)[cut:] if indent >= cut else line.lstrip()


def _width(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


LETTERED = re.compile(r"^(\s+)([a-z])[.)]\s+(\S.*)$")
NUMBERED_STEP = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")


PAREN_LETTER = re.compile(r"^\s{0,8}\(?([a-z])\)\s+(\S.*)$")   # '(a) ...' or 'a) ...'


def lettered_runs(lines: list[str], skip: set[int], breaks: set[int] | None = None) -> None:
    """'(a) Control Room operator' / '(b) Duty Incident Manager' / '(c) ...' on lines of their own,
    lettered in order from (a): a numbered list at the margin (Markdown has no lettered lists), so
    that an order the document gives stays an order."""
    if without(lines, "a)"):
        return
    i = 0
    while i < len(lines):
        run = _letter_run(lines, i, skip)
        for n, k in enumerate(run, start=1):
            lines[k] = f"{n}. {PAREN_LETTER.match(lines[k]).group(2)}"
        if run and breaks is not None:
            breaks.add(run[-1] + 2)   # (1-based) the text after the list is a paragraph, not its last item's
        i = run[-1] + 1 if run else i + 1


def _letter_run(lines: list[str], start: int, skip: set[int]) -> list[int]:
    first = PAREN_LETTER.match(lines[start]) if start not in skip and "a)" in lines[start] else None
    if not first or first.group(1) != "a" or (start > 0 and lines[start - 1].strip()
                                               and not lines[start - 1].rstrip().endswith(":")):
        return []
    run, j = [start], start + 1
    while j < len(lines) and j not in skip and (match := PAREN_LETTER.match(lines[j])) \
            and match.group(1) == chr(ord("a") + len(run)):
        run.append(j)
        j += 1
    indented = all(lines[k].startswith(" ") for k in run)   # set in from the text after it: a list still
    return run if len(run) >= 3 and (j == len(lines) or not lines[j].strip() or indented) else []


def lettered_steps(lines: list[str], skip: set[int]) -> None:
    """'1. Confirm it is broken.' over '   a) Check the dashboard.' / '   b) ...': a procedure's
    numbered step over its lettered sub-steps is a heading over a list (Markdown has no lettered
    lists), one below the heading above it; where two steps or more are written so."""
    if absent(lines, INDENTED_LETTER):
        return
    steps = [i for i, line in enumerate(lines) if i not in skip and NUMBERED_STEP.match(line)]
    parents = [i for i in steps if _lettered_below(lines, i, skip)]
    if len(parents) < 2:
        return
    levels = {i: atx_level_above(lines, i) + 1 for i in parents}
    for i in parents:
        lines[i] = "#" * min(6, levels[i]) + " " + lines[i].strip()
    for i, line in enumerate(lines):
        match = LETTERED.match(line) if i not in skip else None
        if match:
            lines[i] = f"- {match.group(3)}"


def _lettered_below(lines: list[str], i: int, skip: set[int]) -> bool:
    following = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
    return following is not None and following not in skip and bool(LETTERED.match(lines[following])) \
        and LETTERED.match(lines[following]).group(2) == "a"


MARKED = re.compile(r"^\s*(?:[-*+>|#]|\d+[.)]\s|```|~~~|<)")


TEL_WORD = re.compile(r"\b" + TEL_WORDS + r"\b\.?:?\s+\+?\d", re.IGNORECASE)


def phone_lines(lines: list[str], skip: set[int]) -> None:
    """'Graham Whitlock (Duty IT Manager) tel. 0113 496 0427' / 'Sunita Rao (...) tel. ...' typed one to a
    line, no list marker, no columns: a paragraph whose lines mostly give a 'tel.' number is a phone
    list, an item a line."""
    from .text import phone_in

    if absent(lines, TEL_WORD):
        return
    i = 0
    while i < len(lines):
        if i in skip or not lines[i].strip() or (i > 0 and lines[i - 1].strip()):
            i += 1
            continue
        end = i
        while end < len(lines) and lines[end].strip() and end not in skip:
            end += 1
        if lines[i].rstrip().endswith(":") and not phone_in(lines[i]):
            i += 1   # 'Contact List:' over the numbers: its title
        block = lines[i:end]
        phones = sum(bool(phone_in(line) and TEL_WORD.search(line)) for line in block)
        if phones >= 2 and phones * 2 >= len(block) and not any(MARKED.match(line) or "  " in line.strip()
                                                                 for line in block):
            for k in range(i, end):
                lines[k] = "- " + lines[k].strip()
        i = end


# '  P1 / Critical - patients cannot join ...': a level's line, set in under the line that leads to it
LEVEL_LINE = re.compile(r"^(\s{1,4})(?:level|severity|sev|priority|p|s)[\s-]?\d{1,2}\b\s*[/:(–—-]", re.IGNORECASE)


def level_lines(lines: list[str], skip: set[int]) -> None:
    """'sev levels (what we agreed):' over '  P1 / Critical - ...' / '  P2 / High - ...', each set in
    alike, two or more, a blank line after: a list, a level an item (not one wrapped paragraph)."""
    if absent(lines, COLON_END):
        return
    i = 0
    while i < len(lines) - 1:
        if i in skip or not lines[i].rstrip().endswith(":"):
            i += 1
            continue
        run, j = [], i + 1
        while j < len(lines) and j not in skip and LEVEL_LINE.match(lines[j]):
            run.append(j)
            j += 1
        indents = {LEVEL_LINE.match(lines[k]).group(1) for k in run}
        if len(run) >= 2 and len(indents) == 1 and (j == len(lines) or not lines[j].strip()):
            for k in run:
                lines[k] = "- " + lines[k].strip()
        i = max(j, i + 1)


STEP_LINE = re.compile(r"^Step\s+(\d{1,2})\s*[-–—:.)]\s+(\S.*)$", re.IGNORECASE)


def step_lines(lines: list[str], skip: set[int]) -> None:
    """'Step 1 - Check the gate controller answers:' / 'Step 2 - ...' at the margin, two or more: the
    numbered steps they are ('1. Check ...'), as a typed procedure numbers them."""
    if absent(lines, STEP_WORD):
        return
    steps = [i for i, line in enumerate(lines) if i not in skip and line[:1] in "Ss" and STEP_LINE.match(line)]
    if len(steps) < 2:
        return
    for i in steps:
        match = STEP_LINE.match(lines[i])
        lines[i] = f"{match.group(1)}. {match.group(2)}"
