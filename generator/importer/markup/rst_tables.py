"""reStructuredText's drawn tables (simple and grid) as HTML tables, line for line.

A simple table is framed by lines of ``=`` runs, one run per column; a second such line under the
first row ends the header. A grid table draws every cell with ``+---+`` and ``|``; ``+===+``
ends the header. A row whose text wraps over several lines is written whole on its first line and
the other lines go with it (attached), so every source line still has its owner.
"""
from __future__ import annotations

import re
from collections.abc import Callable

SIMPLE_BORDER = re.compile(r"^\s*=+(?:\s+=+)+\s*$")
GRID_BORDER = re.compile(r"^\s*\+(?:[-=]+\+)+\s*$")

Rows = list[tuple[int, list[str], list[int]]]   # (first line, cells, the other lines of the row)


def table_at(src: list[str], i: int, end: int) -> tuple[int, Rows, int] | None:
    """(the line after the table, its rows, how many are header rows) for a table starting at line i."""
    if SIMPLE_BORDER.match(src[i]):
        return _simple(src, i, end)
    if GRID_BORDER.match(src[i]):
        return _grid(src, i, end)
    return None


def write(rows: Rows, header: int, first: int, last: int, inline: Callable[[str], str], out) -> None:
    """The rows into ``out`` (a Converted): '<table>' on the first border, '</table>' on the last."""
    for line in range(first, last + 1):
        out.lines[line] = ""
    out.lines[first] = "<table>"
    for n, (line, cells, others) in enumerate(rows):
        tag = "th" if n < header else "td"
        out.lines[line] = "<tr>" + "".join(f"<{tag}>{inline(c)}</{tag}>" for c in cells) + "</tr>"
        for other in others:
            out.attached[other + 1] = line + 1
    out.lines[last] = (out.lines[last] + "</table>") if out.lines[last] else "</table>"
    rowed = {line for first_line, _, others in rows for line in (first_line, *others)}
    for line in range(first, last + 1):   # borders and the frame: markup of the row nearest them
        if line not in rowed:
            out.attached[line + 1] = min((r[0] for r in rows), key=lambda row: abs(row - line)) + 1


def _columns(border: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"=+", border)]


def _cells(line: str, columns: list[tuple[int, int]]) -> list[str]:
    cells = []
    for n, (start, stop) in enumerate(columns):
        stop = len(line) if n + 1 == len(columns) else columns[n + 1][0]
        cells.append(line[start:stop].strip())
    return cells


def _simple(src: list[str], i: int, end: int) -> tuple[int, Rows, int] | None:
    columns = _columns(src[i])
    borders = [i]
    rows: Rows = []
    j = i + 1
    while j < end:
        line = src[j]
        if SIMPLE_BORDER.match(line):
            borders.append(j)
            j += 1
            if j >= end or not src[j].strip() or len(borders) >= 3:
                break
            continue
        if not line.strip():
            if len(borders) >= 2 and j + 1 < end and not src[j + 1].strip():
                return None
            j += 1
            continue
        cells = _cells(line, columns)
        if rows and not cells[0] and j - 1 not in borders:   # a wrapped row: its first column is empty
            rows[-1] = (rows[-1][0], [f"{a} {b}".strip() for a, b in zip(rows[-1][1], cells)], rows[-1][2] + [j])
        else:
            rows.append((j, cells, []))
        j += 1
    if len(borders) < 2 or not rows:
        return None
    header = sum(1 for r in rows if r[0] < borders[1]) if len(borders) >= 3 else 0
    return borders[-1] + 1, rows, header


def _grid(src: list[str], i: int, end: int) -> tuple[int, Rows, int] | None:
    edges = [m.start() for m in re.finditer(r"\+", src[i].rstrip())]
    rows: Rows = []
    current: tuple[int, list[str], list[int]] | None = None
    header = 0
    j = i + 1
    while j < end and (GRID_BORDER.match(src[j]) or src[j].lstrip().startswith("|")):
        line = src[j]
        if GRID_BORDER.match(line):
            if current:
                rows.append(current)
            current = None
            if "=" in line:
                header = len(rows)
        else:
            cells = [line[a + 1:b].strip() if b <= len(line) else line[a + 1:].strip().rstrip("|").strip()
                     for a, b in zip(edges, edges[1:])]
            current = (j, cells, []) if current is None else (
                current[0], [f"{x} {y}".strip() for x, y in zip(current[1], cells)], current[2] + [j])
        j += 1
    if current or not rows or not GRID_BORDER.match(src[j - 1]):
        return None
    return j, rows, header
