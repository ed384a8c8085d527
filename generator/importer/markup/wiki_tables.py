"""Table rows of the wikis written one row a line ('|_. Name |_. Phone |' in Textile, '|=Name |=Phone |'
in WikiCreole), as HTML rows the importer reads whole: a row has no line free for a Markdown table's
separator under it, and the first row's cells may be header cells or not."""
from __future__ import annotations

import html

from . import Converted


def html_row(cells: list[tuple[bool, str]], first: bool) -> str:
    """One row of ``cells`` (header?, Markdown text), opening the table when ``first``."""
    row = "".join(f"<{'th' if header else 'td'}>{html.escape(text, quote=False)}</{'th' if header else 'td'}>"
                  for header, text in cells)
    return ("<table>" if first else "") + f"<tr>{row}</tr>"


def close_table(out: Converted, rows: list[int]) -> None:
    """The table of lines ``rows`` (0-based) ends on its last row."""
    if rows:
        out.lines[rows[-1]] += "</table>"


def table_goes_on(out: Converted, rows: list[int], line: str) -> list[int]:
    """The open table's rows, or none once ``line`` is no row of it (the table then closed)."""
    if rows and not line.lstrip().startswith("|"):
        close_table(out, rows)
        return []
    return rows


def split_cells(text: str) -> list[str]:
    """The cells of a row '|a|b|' (its edge bars dropped), a bar inside '[[...]]' or '{{...}}' kept in its cell."""
    inner = text.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("~|") else inner
    return [cell for _, cell in opened_cells(inner, "|", escape="~", edges=False)]


def opened_cells(text: str, bars: str, escape: str = "", edges: bool = True) -> list[tuple[str, str]]:
    """(the bar that opens it, its text) for each cell of ``text``, split at the ``bars`` outside
    '[[...]]' and '{{...}}' (and not after ``escape``). With ``edges``, the row's first and last bars
    are its edges: no empty cell before the first, and a last cell only when it holds text."""
    cells, depth, start = [], 0, 0
    for at, char in enumerate(text):
        pair = text[at:at + 2]
        if pair in ("[[", "{{"):
            depth += 1
        elif pair in ("]]", "}}") and depth:
            depth -= 1
        elif char in bars and not depth and not (escape and text[at - 1:at] == escape):
            if at or not edges:
                cells.append((text[start - 1] if start else "", text[start:at]))
            start = at + 1
    if not edges or text[start:].strip():
        cells.append((text[start - 1] if start else "", text[start:]))
    return cells
