"""Grids drawn with '+', '-', '=' and '|': pandoc's grid tables, and the boxes a printed sheet draws.

    +----------------------------------------------+
    | WHO TO CALL                                  |      a title across the box
    +-------------------+-------------+------------+
    | Duty IT engineer  | rota mobile | 0734 ...   |      then columns: a table, a line a row
    | OCC Duty Manager  | desk phone  | ext 2001   |
    |                   | occ@example.com          |      (a line whose first cell is empty: more of the row)
    +-------------------+-------------+------------+

A border whose '+' marks move starts a new part of the box: a part of one column is text (its
first line the box's title when a rule or an empty line sets it apart, or it is short and in
capitals), a part of several columns a table. Rows are what the borders set apart; where a part
draws no border between its lines, each line is a row. Every line keeps its number.
"""
from __future__ import annotations

import html
import re

BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
LINE = re.compile(r"^\s*[|+]")


def grid(out: list[str], start: int) -> int | None:
    """The box or grid table from its top border, rewritten; the index after it, or None."""
    end = start + 1
    while end < len(out) and LINE.match(out[end]):
        end += 1
    if end - start < 3 or not BORDER.match(out[end - 1]):
        return None
    parts = _parts(out, start, end)
    if not any(rows for _, rows, _ in parts):
        return None
    for k in range(start, end):
        out[k] = ""
    for n, (edges, rows, header) in enumerate(parts):
        if len(edges) <= 2:
            _text(out, rows, top=n == 0 and not any(line.strip() for line in out[:start]))
        elif rows and header < 0:
            _items(out, rows)
        elif rows:
            _table(out, rows, header)
    return end


def _edges(line: str) -> list[int]:
    return [m.start() for m in re.finditer(r"\+", line)]


def _parts(out: list[str], start: int, end: int) -> list[tuple[list[int], list[tuple[int, list[list[str]]]], int]]:
    """(column edges, rows, header rows) of each part: rows as (first line, each column's lines)."""
    parts, edges, rows, current, header, bordered = [], _edges(out[start]), [], None, 0, False
    for j in range(start + 1, end):
        if BORDER.match(out[j]):
            moved = _edges(out[j]) != edges
            if moved or j == end - 1:
                if not bordered and len(edges) > 2:
                    rows = _per_line(rows)
                    header = -1 if _no_header(rows) else header
                parts.append((edges, rows, header))
                edges, rows, header, bordered = _edges(out[j]), [], 0, False
            else:
                bordered = True
                header = len(rows) if "=" in out[j] else header
            current = None
            continue
        cells = _cells(out[j], edges)
        if current is None:
            current = (j, [[c] for c in cells])
            rows.append(current)
        else:
            for column, cell in zip(current[1], cells):
                column.append(cell)
    return parts


def _per_line(rows: list[tuple[int, list[list[str]]]]) -> list[tuple[int, list[list[str]]]]:
    """A part with no border between its lines: a row a line, a line whose first cell is empty more of the row above."""
    out: list[tuple[int, list[list[str]]]] = []
    for first, columns in rows:
        for k in range(len(columns[0])):
            cells = [column[k] if k < len(column) else "" for column in columns]
            if out and not cells[0]:
                for column, cell in zip(out[-1][1], cells):
                    column.append(cell)
            else:
                out.append((first + k, [[c] for c in cells]))
    return out


def _cells(line: str, edges: list[int]) -> list[str]:
    if len(edges) <= 2:   # one column: the text as set in the box, its indent kept
        inner = line[edges[0] + 1:edges[-1]] if len(edges) == 2 and len(line) > edges[-1] else line.strip().strip("|")
        return [inner.rstrip()]
    if all(k < len(line) and line[k] in "|+" for k in edges):
        return [line[a + 1:b].strip() for a, b in zip(edges, edges[1:])]
    inner = [cell.strip() for cell in line.strip().strip("|").split("|")]   # a cell across columns
    return (inner + [""] * (len(edges) - 1))[:max(len(edges) - 1, 1)] if len(inner) < len(edges) - 1 else inner


def _table(out: list[str], rows, header: int) -> None:
    first, last = rows[0][0], rows[-1][0] + max(len(c) for c in rows[-1][1]) - 1
    for n, (line, columns) in enumerate(rows):
        tag = "th" if n < header else "td"
        cells = [" ".join(p for p in parts if p) for parts in columns]
        out[line] = "<tr>" + "".join(f"<{tag}>{html.escape(c, quote=False)}</{tag}>" for c in cells) + "</tr>"
    out[first] = "<table>" + out[first]
    out[last] += "</table>"


def _no_header(rows) -> bool:
    """Rows drawn with no rule between them whose first gives a number or an address: entries, no names of columns."""
    from .text import EMAIL, PHONE_ANY
    first = " ".join(" ".join(column) for column in rows[0][1]) if rows else ""
    return bool(PHONE_ANY.search(first) or EMAIL.search(first))


def _items(out: list[str], rows) -> None:
    """Entries a row each ('Duty IT engineer | rota mobile | 0734 ...'): an item each, its cells apart by dashes."""
    for line, columns in rows:   # (a cell's second line, 'occ@example.com' under 'desk phone', is another field)
        cells = [" — ".join(p for p in parts if p) for parts in columns]
        out[line] = "- " + " — ".join(c for c in cells if c)


def _text(out: list[str], rows, top: bool) -> None:
    """A part of one column: its lines as text, moved left as far as its least indented line; its title a heading."""
    raw = [(row + k, text) for row, columns in rows for k, text in enumerate(columns[0])]
    indent = min((len(t) - len(t.lstrip()) for _, t in raw if t.strip()), default=0)
    for line, text in raw:
        out[line] = text[indent:].rstrip()
    titled = [k for k, (_, t) in enumerate(raw) if t.strip()]
    if titled and _title(raw, titled[0]):
        line = raw[titled[0]][0]
        out[line] = ("# " if top else "## ") + out[line].strip()


def _title(raw: list[tuple[int, str]], k: int) -> bool:
    text = raw[k][1].strip()
    apart = k + 1 >= len(raw) or not raw[k + 1][1].strip() or len(raw) == 1
    capitals = sum(c.isupper() for c in text) > sum(c.islower() for c in text)
    return len(text.split()) <= 14 and (apart or capitals or text.endswith(":"))
