"""Org tables as HTML tables, which the importer reads whole (as it reads Confluence's and the
character-drawn tables of plain text).

The rows above a table's first ``|---+---|`` rule are its header. A row whose first cell is empty
and another cell is not carries on the row above, as a cell wrapped over two lines does: its cells
are joined to that row's, on the row's first line, and the line is left blank and goes with it.
"""
from __future__ import annotations

import html
import re
from typing import Callable

from . import Converted

RULE = re.compile(r"^\s*\|-[-+|:]*\s*$")


def tables(lines: list[str], out: Converted, rows: list[int], inline: Callable[[str], str]) -> None:
    """Rewrite each run of consecutive table lines among ``rows`` (0-based) in place."""
    run: list[int] = []
    for i in rows:
        if run and i != run[-1] + 1:
            _table(lines, out, run, inline)
            run = []
        run.append(i)
    if run:
        _table(lines, out, run, inline)


def cells(line: str) -> list[str]:
    text = line.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") else text
    return [c.strip() for c in text.split("|")]


def _table(lines: list[str], out: Converted, run: list[int], inline: Callable[[str], str]) -> None:
    first_rule = next((i for i in run if RULE.match(lines[i])), None)
    has_header = first_rule is not None and any(i < first_rule for i in run)
    rows: list[tuple[int, list[str], bool]] = []   # (its first line, its cells, a header row)
    for i in run:
        if RULE.match(lines[i]):
            out.blank(i, rows[-1][0] if rows else _first_row(lines, run))
            continue
        row, header = cells(lines[i]), has_header and i < first_rule
        if rows and rows[-1][2] == header and _continues(row):
            _join(rows[-1][1], row)
            out.blank(i, rows[-1][0])
        elif not any(row):
            out.blank(i, rows[-1][0] if rows else _first_row(lines, run))
        else:
            rows.append((i, row, header))
    for n, (i, row, header) in enumerate(rows):
        tag = "th" if header else "td"
        text = "".join(f"<{tag}>{html.escape(inline(c), quote=False)}</{tag}>" for c in row)
        out.lines[i] = ("<table>" if n == 0 else "") + f"<tr>{text}</tr>"
    if rows:
        last = run[-1]
        out.lines[last] = (out.lines[last] if last == rows[-1][0] else "") + "</table>"


def _continues(row: list[str]) -> bool:
    return len(row) > 1 and not row[0] and any(row[1:])


def _join(cells_above: list[str], row: list[str]) -> None:
    for k, cell in enumerate(row):
        if k >= len(cells_above):
            cells_above.append(cell)
        elif cell:
            cells_above[k] = f"{cells_above[k]} {cell}".strip()


def _first_row(lines: list[str], run: list[int]) -> int | None:
    """The table's first row with text: what a rule or empty row above it goes with."""
    return next((i for i in run if not RULE.match(lines[i]) and any(cells(lines[i]))), None)
