"""Tables drawn with characters, as plain-text documents and Word-to-Markdown conversions have them.

Two kinds, both pandoc's and both common in e-mail and ``.txt`` files:

- grid tables: ``+-----+-----+`` borders, ``|`` between cells, ``+=====+`` under the header;
  a row's cells wrap over several lines;
- column tables: a header line over runs of dashes (``-----  ------``), one run per column,
  then rows whose cells sit under the dashes; a line with an empty first column carries on
  the row above (a "multiline" table opens and closes with a full-width dash line and
  separates its rows by blank lines).

Each table is rewritten as HTML table markup over the same lines (a row on the line where it
starts, the rest of its lines blank), so the parser reads it as any HTML table and every line
keeps its number.
"""
from __future__ import annotations

import html
import re

from .grid_boxes import BORDER, grid
from .mdparse import fenced_lines
from .text import EMAIL, PHONE_ANY

COLUMN_RULE = re.compile(r"^\s*-{3,}(?:\s+-{3,})+\s*$")
FULL_RULE = re.compile(r"^\s*-{10,}\s*$")


def draw_tables(lines: list[str], skip: set[int] | None = None) -> list[str]:
    """``lines`` with every character-drawn table rewritten as HTML, except on the lines of
    ``skip`` (by default the code blocks, which are shown as written)."""
    out, i = list(lines), 0
    skip = fenced_lines(lines) if skip is None else skip
    while i < len(out):
        line = out[i]
        if i not in skip:
            end = grid(out, i) if "+" in line and BORDER.match(line) else \
                _headerless(out, i, close) if "---" in line and (close := _headerless_close(out, i)) else \
                _columns(out, i) if "---" in line and _opens_columns(out, i) else \
                _aligned(out, i) if "  " in line and _aligned_header(out, i) else \
                _tabbed(out, i, skip) if "\t" in line and TABBED.search(line) else None
            if end is not None:
                i = end
                continue
        i += 1
    return out


TABBED = re.compile(r"\S\t")   # a tab after text: between cells, not indenting a line


def _tabbed(out: list[str], start: int, skip: set[int]) -> int | None:
    """Rows of cells between tabs, as a spreadsheet's copy or TSV export has them: two lines or more
    in a row, the first the header. The index after it, or None when it is not one."""
    if start > 0 and TABBED.search(out[start - 1]):
        return None
    end = start
    while end < len(out) and end not in skip and TABBED.search(out[end]):
        end += 1
    if end - start < 2:
        return None
    rows = [[cell.strip() for cell in out[j].split("\t")] for j in range(start, end)]
    if any(EMAIL.search(cell) or PHONE_ANY.fullmatch(cell) for cell in rows[0]):
        # 'Marco Bellandi<TAB>IT Manager<TAB>555-0172<TAB>m.b@...' first: no header names the columns, so no
        # row is one; each is a line of a list, its cells in the order written
        for n, row in enumerate(rows):
            out[start + n] = "- " + " – ".join(cell for cell in row if cell)
        return end
    width = max(len(row) for row in rows)
    table = [(start + n, row + [""] * (width - len(row))) for n, row in enumerate(rows)]
    _write(out, start, end - 1, table, 1)
    return end


def _headerless_close(out: list[str], i: int) -> int | None:
    """Line i is the dashes over a table with no header (pandoc's: a rule above its rows and the same
    rule under them): the line of the closing rule, or None."""
    if not COLUMN_RULE.match(out[i]) or (i > 0 and out[i - 1].strip()) or i + 2 >= len(out) or not out[i + 1].strip():
        return None
    starts = _starts(out[i])
    for j in range(i + 1, min(len(out), i + 80)):
        if out[j].lstrip().startswith("#"):
            return None
        if COLUMN_RULE.match(out[j]):   # (two rules in a row: no rows between them, no table)
            return j if _starts(out[j]) == starts and j > i + 1 else None
    return None


def _headerless(out: list[str], rule: int, close: int) -> int:
    """A table between two rules. Rows of a bold key and its value ('**Approved by**  Governance
    Group') are those fields, a line each; else a table, its first row the header when every cell is bold."""
    starts = _starts(out[rule])
    rows: list[tuple[int, list[str]]] = []
    for k in range(rule + 1, close):
        if not out[k].strip():
            continue
        cells = _slice(out[k], starts)
        if rows and not cells[0]:   # a wrapped row: its first column empty
            rows[-1] = (rows[-1][0], [f"{a} {b}".strip() for a, b in zip(rows[-1][1], cells)])
        else:
            rows.append((k, cells))
    if len(starts) == 2 and all(bold_key(cells[0]) for _, cells in rows):
        for k in range(rule, close + 1):
            out[k] = ""
        for k, (key, value) in rows:
            out[k] = f"{key}: {value}".rstrip()
        return close + 1
    table = [(k, [BOLD_CELL.sub(r"\1", c) for c in cells]) for k, cells in rows]
    bold = bool(rows) and all(BOLD_CELL.fullmatch(c) for c in rows[0][1] if c)   # every cell of the first row bold
    _write(out, rule, close, table, header_rows=1 if bold else 0)
    return close + 1


BOLD_CELL = re.compile(r"\*\*(.+?)\*\*")


def bold_key(cell: str) -> bool:
    return bool(BOLD_CELL.fullmatch(cell.strip()))


def _opens_columns(out: list[str], i: int) -> bool:
    """Line i is the dashes under a header of at least two columns."""
    if i == 0 or not COLUMN_RULE.match(out[i]) or not out[i - 1].strip():
        return False
    return len([c for c in _slice(out[i - 1], _starts(out[i])) if c]) >= 2


def _columns(out: list[str], rule: int) -> int | None:
    """A column table from the dashes under its header; the index after it, or None."""
    starts = _starts(out[rule])
    top = _header_top(out, rule, starts)
    multiline = (top >= 1 and bool(FULL_RULE.match(out[top - 1]))) or top < rule - 1
    rows: list[tuple[int, list[list[str]]]] = []
    j, blank_before = rule + 1, False
    while j < len(out):
        line = out[j]
        if FULL_RULE.match(line) or COLUMN_RULE.match(line):
            j += 1
            break
        if not line.strip():
            if not multiline:
                break
            blank_before = True
            j += 1
            continue
        cells = _slice(line, starts)
        carries_on = rows and ((multiline and not blank_before) or (not multiline and not cells[0]))
        if carries_on:
            for column, cell in zip(rows[-1][1], cells):
                column.append(cell)
        else:
            rows.append((j, [[c] for c in cells]))
        blank_before = False
        j += 1
    if not rows:
        return None
    last = j - 1
    while not out[last].strip():
        last -= 1
    heads = [_slice(out[k], starts) for k in range(top, rule)]
    header = (top, [" ".join(h[c] for h in heads if h[c]) for c in range(len(starts))])
    table = [header] + [(k, [" ".join(p for p in parts if p) for parts in columns]) for k, columns in rows]
    _write(out, top - 1 if multiline and top >= 1 and FULL_RULE.match(out[top - 1]) else top, last, table, header_rows=1)
    return last + 1


# 'NAME     ROLE     PHONE     HOURS': three headings or more, short, without digits, two spaces apart
HEADER_CELL = re.compile(r"^(?:[A-Z][A-Z/&'()-]*|[A-Z][a-z/&'()-]*)(?: (?:[A-Z][A-Z/&'()-]*|[A-Za-z][a-z/&'()-]*)){0,2}$")
GAP = re.compile(r"\S+(?: \S+)*")


def _aligned_header(out: list[str], i: int) -> bool:
    """Line i heads a table aligned with spaces and no rule under it: each of the two rows or more
    below it has its words where the header's columns begin."""
    if (i > 0 and out[i - 1].strip() and not FULL_RULE.match(out[i - 1])) or i + 2 >= len(out) \
            or COLUMN_RULE.match(out[i + 1]):
        return False   # (a rule drawn across the sheet right above it frames its part: still a header)
    cells = [m for m in GAP.finditer(out[i])]
    if len(cells) < 3 or not all(HEADER_CELL.match(m.group(0)) for m in cells) or \
            any(out[i][m.start() - 2:m.start()] != "  " for m in cells[1:]):
        return False
    starts = [m.start() for m in cells]
    rows = _aligned_rows(out, i + 1, starts)
    return len(rows) >= 2


def _aligned_rows(out: list[str], first: int, starts: list[int]) -> list[list[int]]:
    """The rows under the header, each its lines: a line with its first column empty and its words
    where columns begin carries on the row above ('SEV 1  Actual or imminent loss' / '  of treatment')."""
    rows: list[list[int]] = []
    for j in range(first, len(out)):
        line = out[j]
        if not line.strip():
            break
        filled = [k for k, s in enumerate(starts) if s < len(line) and not line[s].isspace()
                  and (s == 0 or line[s - 1] == " ")]
        if rows and 0 not in filled and filled and _in_columns(line, starts):
            rows[-1].append(j)
            continue
        if 0 not in filled or len(filled) < len(starts) - 1:
            return []   # words that run across the columns: prose, not a row
        rows.append([j])
    return rows


def _in_columns(line: str, starts: list[int]) -> bool:
    """Every run of words on the line begins where a column does."""
    return all(m.start() in starts for m in re.finditer(r"(?:(?<=\s{2})|^)\S", line))


def _aligned(out: list[str], header: int) -> int:
    starts = [m.start() for m in GAP.finditer(out[header])]
    rows = _aligned_rows(out, header + 1, starts)
    table = [(header, _slice(out[header], starts))]
    for lines in rows:
        parts = [_slice(out[k], starts) for k in lines]
        table.append((lines[0], [" ".join(p[c] for p in parts if c < len(p) and p[c]) for c in range(len(starts))]))
    _write(out, header, rows[-1][-1], table, header_rows=1)
    return rows[-1][-1] + 1


def _header_top(out: list[str], rule: int, starts: list[int]) -> int:
    """The first line of the header: pandoc's multiline tables wrap a header cell over lines
    ('Response' over 'time'), each line under the same columns, above the dashes."""
    top = rule - 1
    while top >= 1 and out[top - 1].strip() and not FULL_RULE.match(out[top - 1]) and \
            _under_columns(out[top - 1], starts) and rule - top < 4:
        top -= 1
    return top


def _under_columns(line: str, starts: list[int]) -> bool:
    """The line's words sit in the columns: a space where each column begins (not prose running across)."""
    cells = [c for c in _slice(line, starts) if c]
    return len(cells) >= 2 and all(line[s - 1].isspace() for s in starts[1:] if s - 1 < len(line))


def _starts(rule: str) -> list[int]:
    return [m.start() for m in re.finditer(r"-+", rule)]


def _slice(line: str, starts: list[int]) -> list[str]:
    """The text under each column; a word that runs across a column's start stays whole, in the
    column it starts in."""
    cuts = []
    for start in starts[1:]:
        cut = max(min(start, len(line)), cuts[-1] if cuts else 0)
        while 0 < cut < len(line) and not line[cut - 1].isspace() and not line[cut].isspace():
            cut += 1
        cuts.append(cut)
    bounds = [0] + cuts + [len(line)]
    return [line[a:b].strip() for a, b in zip(bounds, bounds[1:])]


def _write(out: list[str], first: int, last: int, table: list[tuple[int, list[str]]], header_rows: int) -> None:
    """The table as HTML over lines first..last: each row on its own line, the others blank."""
    for k in range(first, last + 1):
        out[k] = ""
    for n, (line, cells) in enumerate(table):
        tag = "th" if n < header_rows else "td"
        out[line] = "<tr>" + "".join(f"<{tag}>{html.escape(c, quote=False)}</{tag}>" for c in cells) + "</tr>"
    out[first] = "<table>" + out[first]
    out[last] += "</table>"
