"""Emacs org-mode (a team's notes or runbook kept as an ``.org`` file) rewritten as Markdown, line
for line.

``* Heading`` / ``** Sub`` (a TODO keyword, priority cookie and ``:tags:`` kept as written: they are
words a reader of the file sees), ``#+TITLE:`` as the page heading, ``#+AUTHOR:`` / ``#+DATE:`` /
``#+EMAIL:`` as front matter, ``#+BEGIN_SRC sh`` / ``#+BEGIN_EXAMPLE`` blocks as fences,
``#+BEGIN_QUOTE`` as a block quote, ``: `` fixed-width lines as indented code, ``- `` / ``+ `` /
``1.`` / ``1)`` lists with ``[ ]`` / ``[X]`` boxes, ``# `` comments, drawers, and org tables (as
HTML, which the importer reads whole: a row whose first cell is empty carries on the row above, as
a wrapped cell does). Org only knows a block whose ``#+END_`` line exists; an unclosed
``#+BEGIN_SRC`` is a line of text, as Org itself reads it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import Converted, next_text, previous_text
from .org_inline import inline
from .org_tables import tables

HEADING = re.compile(r"^(\*+)\s+(.*?)\s*$")
KEYWORD = re.compile(r"^\s*#\+(\w+(?:\[\w*\])?):\s*(.*?)\s*$")
BEGIN = re.compile(r"^\s*#\+BEGIN_(\w+)(?:\s+(.*?))?\s*$", re.IGNORECASE)
LIST_ITEM = re.compile(r"^(\s*)([-+]|(?<=\s)\*|\d+[.)])\s+(.*)$")
DRAWER = re.compile(r"^\s*:([\w-]+):\s*$")
FIXED = re.compile(r"^(\s*):(?:\s(.*))?$")
META = {"author", "date", "email", "description", "keywords"}   # front matter, as a Markdown page's
SHOWN = {"subtitle", "caption"}                                  # shown on an exported page, as text
BOXES = {"note": "note", "warning": "warning", "tip": "tip", "important": "warning", "caution": "warning"}


@dataclass
class _State:
    ends: dict[str, list[int]]                       # block name -> its '#+END_' lines
    block: tuple[str, int, int] | None = None        # open: (name, its end line, indent its lines lose)
    items: list[tuple[int, int]] = field(default_factory=list)   # open list items: (org indent, md column)
    rows: list[int] = field(default_factory=list)                # table lines, rewritten at the end
    shown: set[int] = field(default_factory=set)                 # lines of blocks: never a drawer's
    blanks: int = 0


def convert(lines: list[str]) -> Converted:
    out = Converted(list(lines))
    state = _State(_block_ends(lines))
    for i, line in enumerate(lines):
        if state.block is not None:
            _inside(out, i, line, state)
        elif not line.strip():
            out.lines[i] = ""
            state.blanks += 1
            if state.blanks >= 2:
                state.items = []   # two blank lines end an org list
        else:
            _line(out, i, line, state)
            state.blanks = 0
    unseen = _drawers(lines, out, state.shown)
    tables(lines, out, [i for i in state.rows if i not in unseen], inline)
    return out


def _block_ends(lines: list[str]) -> dict[str, list[int]]:
    ends: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        match = re.match(r"^\s*#\+END_(\w+)\s*$", line, re.IGNORECASE)
        if match:
            ends.setdefault(match.group(1).lower(), []).append(i)
    return ends


def _line(out: Converted, i: int, line: str, state: _State) -> None:
    if line.lstrip().startswith("|"):
        state.items = []
        state.rows.append(i)   # a table's line: org_tables rewrites the table whole
        return
    for handler in (_heading, _begin, _keyword, _comment, _fixed, _rule, _item):
        if handler(out, i, line, state):
            return
    _text(out, i, line, state)


def _heading(out: Converted, i: int, line: str, state: _State) -> bool:
    if re.fullmatch(r"\*+\s*", line):
        out.blank(i, next_text(out.lines, i))   # a heading of only stars: no words to show
        return True
    match = HEADING.match(line)
    if not match:
        return False
    state.items = []
    title = re.sub(r"\s+(:[\w@#%:]+:)$", r" \1", match.group(2))   # tags aligned to the right margin
    out.lines[i] = "#" * min(len(match.group(1)), 6) + " " + inline(title)
    return True


def _begin(out: Converted, i: int, line: str, state: _State) -> bool:
    match = BEGIN.match(line)
    if not match:
        return False
    name, args = match.group(1).lower(), (match.group(2) or "").split()
    ends = state.ends.get(name, [])
    k = bisect.bisect_right(ends, i)
    if k == len(ends):
        return False   # never closed: Org reads the line as text
    indent = len(line) - len(line.lstrip())
    state.block = (name, ends[k], indent)
    prefix = _prefix(state, indent)
    if name == "src":
        out.lines[i] = f"{prefix}```{args[0] if args and not args[0].startswith((':', '-')) else ''}"
    elif name in ("example", "export"):
        out.lines[i] = f"{prefix}```"
    elif name in BOXES:
        out.lines[i] = f'{prefix}!!! {BOXES[name]} "{name.capitalize()}"'
    elif name == "comment":
        out.blank(i)
    else:   # quote, verse, center and a block of a name of its own: its lines show as text
        out.blank(i, next_text(out.lines, i))
    return True


def _inside(out: Converted, i: int, line: str, state: _State) -> None:
    name, end, indent = state.block
    state.shown.add(i)
    prefix = _prefix(state, indent)
    if i == end:
        state.block = None
        if name in ("src", "example", "export"):
            out.lines[i] = f"{prefix}```"
        elif name == "comment":
            out.blank(i)
        else:
            out.blank(i, previous_text(out.lines, i))
        return
    body = line[indent:] if line[:indent].strip() == "" else line.lstrip()
    body = re.sub(r"^(\s*),(?=\*|#\+)", r"\1", body)   # Org's escape of a '*' or '#+' line inside a block
    if name in ("src", "example", "export"):
        out.lines[i] = prefix + body.rstrip()
    elif name == "comment":
        out.blank(i)
    elif not line.strip():
        out.lines[i] = ""
    elif name in BOXES:
        out.lines[i] = prefix + "    " + inline(body.strip())
    elif name in ("quote", "verse"):
        out.lines[i] = prefix + "> " + inline(body.strip())
    else:
        out.lines[i] = prefix + inline(body.strip())


def _prefix(state: _State, indent: int) -> str:
    """A block indented under a list item goes in the item; any other starts at the margin."""
    while state.items and indent <= state.items[-1][0]:
        state.items.pop()
    return " " * state.items[-1][1] if state.items else ""


def _keyword(out: Converted, i: int, line: str, state: _State) -> bool:
    match = KEYWORD.match(line)
    if not match:
        return False
    key, value = match.group(1).lower(), match.group(2)
    if key == "title" and value:
        out.lines[i] = "# " + inline(value)
    elif key in META and value:
        out.meta[key] = (value, i + 1)
        out.lines[i] = ""   # read as the page's front matter (shown with its fields)
    elif key in SHOWN and value:
        out.lines[i] = inline(value)
    elif key in ("include", "setupfile") and value:
        out.lines[i] = line.strip()   # what it pulls in is not in this file: the line stays as written
    elif key in ("name", "results", "header", "plot", "tblname") or key.startswith("attr_"):
        out.blank(i, next_text(out.lines, i))
    else:   # '#+STARTUP:', '#+OPTIONS:', '#+TODO:': settings of the file no reader is shown
        out.blank(i)
    return True


def _comment(out: Converted, i: int, line: str, state: _State) -> bool:
    match = re.match(r"^\s*#(?:\s+(.*))?$", line)
    if not match:
        return False
    if match.group(1) and match.group(1).strip():
        out.lines[i] = f"<!-- {match.group(1).strip()} -->"
    else:
        out.blank(i)
    return True


def _fixed(out: Converted, i: int, line: str, state: _State) -> bool:
    match = FIXED.match(line)
    if not match:
        return False
    prefix = _prefix(state, len(match.group(1)))
    text = (match.group(2) or "").rstrip()
    out.lines[i] = prefix + "    " + text if text else ""   # fixed-width text: an indented code line
    return True


def _rule(out: Converted, i: int, line: str, state: _State) -> bool:
    if not re.fullmatch(r"\s*-{5,}\s*", line):
        return False
    state.items = []
    out.blank(i, next_text(out.lines, i))   # a rule across the page
    return True


def _item(out: Converted, i: int, line: str, state: _State) -> bool:
    match = LIST_ITEM.match(line)
    if not match or (match.group(2) == "*" and not match.group(1)):
        return False
    indent, marker, text = len(match.group(1)), match.group(2), match.group(3)
    column = len(_prefix(state, indent))
    kind = f"{marker[:-1]}." if marker[-1] in ".)" else "-"
    box = re.match(r"^\[([ xX-])\]\s+(.*)$", text)
    if box:
        text = f"[{'x' if box.group(1) in 'xX' else box.group(1)}] {inline(box.group(2))}"
    else:
        text = _term(text)
    out.lines[i] = f"{' ' * column}{kind} {text}"
    state.items.append((indent, column + len(kind) + 1))
    return True


def _term(text: str) -> str:
    """'- Term :: value', Org's description list: the term in bold, as Markdown's key-value bullets."""
    match = re.match(r"^(.*?\S)\s+::(?:\s+(.*))?$", text)
    if not match:
        return inline(text)
    value = match.group(2)
    return f"**{inline(match.group(1))}**: {inline(value)}" if value else f"**{inline(match.group(1))}**"


def _text(out: Converted, i: int, line: str, state: _State) -> None:
    indent = len(line) - len(line.lstrip())
    prefix = _prefix(state, indent)   # a line indented under an item carries on the item
    out.lines[i] = prefix + inline(line.strip())


def _drawers(lines: list[str], out: Converted, shown: set[int]) -> set[int]:
    """':PROPERTIES:' ... ':END:' (and ':LOGBOOK:'): never shown on an exported page; any other
    drawer's lines are shown, its two markup lines go with them. The lines never shown."""
    ends = [k for k, line in enumerate(lines) if re.match(r"^\s*:END:\s*$", line, re.IGNORECASE)]
    headings = [k for k, line in enumerate(lines) if HEADING.match(line)]
    i, unseen = 0, set()
    while i < len(lines):
        match = DRAWER.match(lines[i])
        opens = match and match.group(1).upper() != "END" and i not in shown
        end = _after(ends, i) if opens else None
        if end is None or (_after(headings, i) or len(lines)) < end:   # a drawer ends before the next heading
            i += 1
            continue
        if match.group(1).upper() in ("PROPERTIES", "LOGBOOK"):
            for k in range(i, end + 1):
                field = HEADER_PROPERTY.match(lines[k]) if match.group(1).upper() == "PROPERTIES" else None
                if field:   # ':ALERT: AirflowDagFailed': the alert the runbook answers, as its header says it
                    out.lines[k] = f"- **{field.group(1).capitalize()}:** `{field.group(2).strip()}`"
                    continue
                out.blank(k)
                unseen.add(k)
        else:
            out.blank(i, next_text(out.lines, i))
            out.blank(end, previous_text(out.lines, end))
        i = end + 1
    return unseen


# The properties of a heading that say what its runbook answers, shown on its page
HEADER_PROPERTY = re.compile(r"^\s*:(ALERT|ALERTS|ALERTNAME|SEVERITY|OWNER|SERVICE):\s+(\S.*)$", re.IGNORECASE)


def _after(positions: list[int], i: int) -> int | None:
    """The first of the sorted ``positions`` after ``i``."""
    k = bisect.bisect_right(positions, i)
    return positions[k] if k < len(positions) else None
