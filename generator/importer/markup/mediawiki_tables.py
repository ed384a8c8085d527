"""MediaWiki tables (``{| class="wikitable"`` ... ``|}``) as HTML tables, which the importer reads
whole (as it reads Confluence's, org's and the character-drawn tables of plain text).

``|-`` starts a row, ``!`` a header cell and ``|`` a cell, several on a line apart by ``!!`` / ``||``;
a cell's attributes (``style="..." |``) are dropped, its ``rowspan`` / ``colspan`` kept. A row of
header cells only is the table's header. A line of no cell carries on the cell above (the importer
reads a cell up to the next one, whatever line it is on). ``|+`` is the caption, shown above the
table. A table inside a cell is read as that cell's text.
"""
from __future__ import annotations

import bisect
import html
import re
from typing import Callable

from . import Converted
from .mediawiki_inline import split_top

ATTRIBUTE = r"""[\w:-]+(?:\s*=\s*(?:"[^"\n]*"|'[^'\n]*'|[^\s"'|]+))?"""
ATTRIBUTES = re.compile(rf"^\s*{ATTRIBUTE}(?:\s+{ATTRIBUTE})*\s*$")   # apart by spaces: one way to read them
SPAN = re.compile(r"""\b(rowspan|colspan)\s*=\s*["']?(\d{1,3})""", re.IGNORECASE)


def table_end(lines: list[str], start: int, is_heading: Callable[[str], bool]) -> tuple[int, bool]:
    """The last line of the table ``{|`` opens on line ``start``, and whether its ``|}`` was written
    (a table never closed ends before the next heading, or at the end of the page)."""
    depth = 0
    for j in range(start, len(lines)):
        text = lines[j].strip()
        if text.startswith("{|"):
            depth += 1
        elif text.startswith("|}"):
            depth -= 1
            if depth == 0:
                return j, True
        elif j > start and is_heading(lines[j]):
            return j - 1, False
    return len(lines) - 1, False


def table(lines: list[str], out: Converted, start: int, end: int, inline: Callable[[str], str]) -> None:
    """Rewrite source lines ``start``..``end`` (0-based, the ``{|`` line to the ``|}`` line) in place."""
    rows: list[list[tuple[int, str, str]]] = []   # rows of cells: (line, tag, Markdown text)
    caption: list[int] = []
    depth, cell_line = 0, None
    for i in range(start, end + 1):
        text = lines[i].strip()
        if i == start:
            continue
        if depth:   # a table inside a cell: its words are the cell's
            depth += text.startswith("{|") - text.startswith("|}")
            _inner(out, i, text, cell_line, inline)
            continue
        if text.startswith("{|"):
            depth = 1
            out.blank(i, cell_line)
        elif text.startswith("|}"):
            out.lines[i] = ""
        elif text.startswith("|-"):
            rows.append([])
            out.lines[i] = ""
        elif text.startswith("|+"):
            caption.append(i)
            out.lines[i] = inline(_content(text[2:]))
        elif text.startswith(("|", "!")):
            if not rows:
                rows.append([])
            tag = "th" if text[0] == "!" else "td"
            for piece in _cells(text[1:], header=tag == "th"):
                rows[-1].append((i, tag, piece))
            cell_line = i
        elif text:   # a cell's text carrying on over the next lines
            out.lines[i] = _carried(text, inline) if cell_line is not None else inline(text)
    _write(lines, out, start, end, [r for r in rows if r], caption, inline)


def _write(lines, out: Converted, start: int, end: int, rows, caption: list[int], inline) -> None:
    header = bool(rows) and all(tag == "th" for _, tag, _ in rows[0])
    by_line: dict[int, list[str]] = {}
    for n, row in enumerate(rows):
        for k, (i, tag, piece) in enumerate(row):
            tag = "th" if n == 0 and header else "td"
            opening = f"<{tag}{_span(piece)}>"
            cell = opening + html.escape(inline(_content(piece)), quote=False).replace("&amp;", "&") + f"</{tag}>"
            by_line.setdefault(i, []).append(("<tr>" if k == 0 else "") + cell)
    first = min(by_line, default=None)
    for i, cells in by_line.items():
        out.lines[i] = ("<table>" if i == first else "") + "".join(cells)
    if first is None:   # a table of no cell: its markup lines go with its text (a caption), or are unseen
        for i in range(start, end + 1):
            if not out.lines[i] and (i + 1) not in out.attached:
                text = [k for k in range(start, end + 1) if out.lines[k]]
                out.blank(i, min(text, key=lambda k: abs(k - i)) if text else None)
        return
    out.blank(start, caption[0] if caption else first)
    last = max(by_line)
    closing = end if lines[end].strip().startswith("|}") and end > last else last
    cell_lines = sorted(by_line)
    for i in range(start + 1, end + 1):   # row and closing lines go with the row they end or start
        if not out.lines[i] and lines[i].strip() and i != closing and (i + 1) not in out.attached:
            k = bisect.bisect_right(cell_lines, i)
            out.blank(i, cell_lines[k] if k < len(cell_lines) else last)
    out.lines[closing] += "</table>"
    if closing != last:
        out.attached[closing + 1] = last + 1


def _cells(text: str, header: bool) -> list[str]:
    """A row line's cells: apart by '||' (and '!!' on a header line), never inside a link or template."""
    pieces = split_top(text, "||")
    if header:
        pieces = [p for piece in pieces for p in split_top(piece, "!!")]
    return pieces


def _content(piece: str) -> str:
    """A cell's text without its attributes ('style="color:red" | Down' -> 'Down')."""
    parts = split_top(piece, "|")
    if len(parts) > 1 and ATTRIBUTES.match(parts[0]):
        return "|".join(parts[1:]).strip()
    return piece.strip()


def _span(piece: str) -> str:
    parts = split_top(piece, "|")
    if len(parts) < 2 or not ATTRIBUTES.match(parts[0]):
        return ""
    return "".join(f' {m.group(1).lower()}="{m.group(2)}"' for m in SPAN.finditer(parts[0]))


def _carried(text: str, inline: Callable[[str], str]) -> str:
    """A line of a cell's text: a list item stays one ('* a' -> '- a'), the rest as text."""
    item = re.match(r"^([*#]+)\s*(.*)$", text)
    body = inline(item.group(2)) if item else inline(text)
    return html.escape(f"- {body}" if item else body, quote=False).replace("&amp;", "&")


def _inner(out: Converted, i: int, text: str, cell_line: int | None, inline) -> None:
    if text.startswith(("{|", "|}", "|-")) or not text:
        out.blank(i, cell_line)
        return
    if text.startswith(("|", "!")):
        cells = _cells(text[1:] if not text.startswith("|+") else text[2:], header=text[0] == "!")
        text = " ".join(inline(_content(c)) for c in cells)
    else:
        text = inline(text)
    out.lines[i] = html.escape(text, quote=False).replace("&amp;", "&")
