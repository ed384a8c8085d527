"""HTML as office programs save it: tags broken over lines, and spreadsheets as one big table.

A spreadsheet saved as a web page (Excel's "Save as Web Page", LibreOffice Calc, Google
Sheets' HTML download) is a single ``<table>`` of ``<td>`` cells laid out for the eye: a row
with one cell across the sheet is a title or a sentence, an empty row is a gap, and the rows
between gaps are the sheet's own small tables, each with its header row first. Such a table
is split into what it shows: headings, paragraphs and tables, on the same lines.
"""
from __future__ import annotations

import re
from typing import Callable, NamedTuple

from .mdparse import HTML_TABLE, html_text

TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.IGNORECASE | re.DOTALL)
CELL = re.compile(r"<t([hd])\b([^>]*)>(.*?)</t[hd]\s*>", re.IGNORECASE | re.DOTALL)
COLSPAN = re.compile(r"colspan\s*=\s*[\"']?(\d+)", re.IGNORECASE)
OPEN_TAG = re.compile(r"<(?:html|head|body|table|tbody|thead|tr|td|th|col|colgroup|div|span|p|a|img|font|meta|"
                      r"link|ul|ol|li|h[1-6]|section|article|pre|code|blockquote)\b[^<>]*$", re.IGNORECASE)


# '<p><strong>Title</strong></p><p>text</p>': a paragraph wholly bold, with more after it on the line.
FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>\s*<(strong|b)\b[^>]*>(.*?)</\1\s*>\s*</p\s*>(.*)$", re.IGNORECASE | re.DOTALL)


def bold_lead(line: str, shown: Callable[[str], str]) -> str:
    """The title of a box opened by a bold paragraph (a Confluence tip or info macro whose first
    paragraph is bold, the message below it on the same line), as a reader sees it; '' when the
    line has none. ``shown`` turns HTML into the text a reader sees."""
    match = FIRST_PARAGRAPH.search(line)
    if not match or shown(line[:match.start()]).strip() or not shown(match.group(3)).strip():
        return ""
    title = shown(match.group(2)).strip()
    return title if 0 < len(title) <= 80 else ""


class Row(NamedTuple):
    first: int            # line of '<tr', 0-based
    last: int             # line of '</tr>'
    cells: list[tuple[str, int, int]]   # (inner HTML, colspan, line the cell's text starts on)


def join_broken_tags(lines: list[str], attached: dict[int, int], skip: set[int]) -> None:
    """'<html xmlns:v="..."' over three lines: the whole tag on its first line, the rest blank
    and attached to it (``attached`` is 1-based: markup line -> content line); lines of ``skip``
    (code blocks) are left as written."""
    i = 0
    while i < len(lines):
        if i not in skip and OPEN_TAG.search(lines[i]) and not lines[i].lstrip().startswith("<!"):
            end = next((j for j in range(i + 1, min(i + 8, len(lines))) if ">" in lines[j]), None)
            if end is not None and all("<" not in lines[j] for j in range(i + 1, end)) \
                    and "<" not in lines[end].split(">", 1)[0]:
                head, tail = lines[end].split(">", 1)
                lines[i] = " ".join([lines[i]] + [lines[j].strip() for j in range(i + 1, end)] + [head.strip() + ">"])
                for j in range(i + 1, end + 1):
                    lines[j] = ""
                    attached[j + 1] = i + 1
                lines[end] = tail
                if tail.strip():
                    del attached[end + 1]
                i = end
                continue
        i += 1


def split_sheets(lines: list[str], attached: dict[int, int], skip: set[int]) -> None:
    """Every spreadsheet-like table of ``lines`` (none that opens on a line of ``skip``, a code
    block) rewritten in place as headings, paragraphs and tables; the lines each part no longer
    needs are blank and attached to it."""
    i = 0
    while i < len(lines):
        if i not in skip and HTML_TABLE.search(lines[i]):
            end = next((j for j in range(i, len(lines)) if TABLE_CLOSE.search(lines[j])), None)
            if end is None:
                return
            markup = "\n".join(lines[i:end + 1])
            rows = _rows(markup, i)
            if _is_sheet(markup, rows):
                _rewrite(lines, i, end, rows, attached)
            i = end
        i += 1


def _rows(markup: str, offset: int) -> list[Row]:
    rows = []
    for match in ROW.finditer(markup):
        cells = []
        for cell in CELL.finditer(match.group(1)):
            span = COLSPAN.search(cell.group(2))
            start = match.start(1) + cell.start(3) + len(cell.group(3)) - len(cell.group(3).lstrip())
            cells.append((cell.group(3), int(span.group(1)) if span else 1, offset + markup.count("\n", 0, start)))
        rows.append(Row(offset + markup.count("\n", 0, match.start()), offset + markup.count("\n", 0, match.end()),
                        cells))
    return rows


def _kind(row: Row, width: int) -> str:
    filled = [c for c in row.cells if html_text(c[0])]
    if not filled:
        return "gap"
    if len(filled) == 1 and (filled[0][1] * 2 >= width or len(row.cells) == 1) and width >= 2:
        return "line"
    return "row"


def _is_sheet(markup: str, rows: list[Row]) -> bool:
    """Cells only (no <th>, no table inside), and a row across the sheet among rows of cells."""
    if "<th" in markup.lower() or len(HTML_TABLE.findall(markup)) > 1:
        return False
    width = max((sum(span for _, span, _ in r.cells) for r in rows), default=0)
    kinds = {_kind(r, width) for r in rows}
    return "line" in kinds and "row" in kinds


def _rewrite(lines: list[str], start: int, end: int, rows: list[Row], attached: dict[int, int]) -> None:
    width = max(sum(span for _, span, _ in r.cells) for r in rows)
    for k in range(start, end + 1):
        lines[k] = ""
    owners: list[tuple[int, int, int]] = []    # (first line, last line, the line that holds the part)
    titled = False
    for kind, part in _parts(rows, width):
        if kind == "table":
            _table(lines, part)
            owners.append((part[0].first, part[-1].last, -1))
            continue
        if kind == "pair":
            (label, _, line), (value, _, _) = [c for c in part[0].cells if html_text(c[0])]
            lines[line] = f"{html_text(label).rstrip(':')}: {html_text(value)}"
            owners.append((part[0].first, part[0].last, line))
            continue
        inner, _, line = next(c for c in part[0].cells if html_text(c[0]))
        text = html_text(inner)
        heading = len(text.split()) <= 10 and not re.search(r"[.:;]\s|[.:]$", text)
        lines[line] = ("## " if titled else "# ") + text if heading else text
        titled = titled or heading
        owners.append((part[0].first, part[0].last, line))
    _attach_rest(lines, start, end, owners, attached)


def _parts(rows: list[Row], width: int) -> list[tuple[str, list[Row]]]:
    """The sheet's tables (rows between gaps) and lines across it, in order; a table the sheet
    continues after an empty row, with no header of its own, is one table."""
    parts: list[tuple[str, list[Row]]] = []
    group: list[Row] = []
    for row in rows + [None]:
        kind = _kind(row, width) if row else "gap"
        if kind == "row":
            group.append(row)
            continue
        if group and parts and parts[-1][0] == "table" and _continues(parts[-1][1], group):
            parts[-1][1].extend(group)
        elif len(group) == 1 and _pair(group[0]):
            parts.append(("pair", group))   # 'Escalation order | A > B > C' alone: a label and its value
        elif group:
            parts.append(("table", group))
        group = []
        if kind == "line":
            parts.append(("line", [row]))
    return parts


def _pair(row: Row) -> bool:
    """Two cells filled, a few words naming the other's value ('Escalation order', 'Bridge line')."""
    filled = [html_text(c[0]).strip() for c in row.cells if html_text(c[0]).strip()]
    return len(filled) == 2 and len(filled[0].split()) <= 4 and not re.search(r"\d", filled[0]) \
        and len(filled[1].split()) >= 2


def _continues(table: list[Row], group: list[Row]) -> bool:
    """'Telematics feed stopped;1;Test the gateway;...' after an empty row under a runbook table whose
    step column counts 1, 2, 3: more rows of that table (a step number where its rows have them)."""
    if len(table) < 2 or len(group[0].cells) != len(table[0].cells):
        return False
    def numbers(row: Row) -> set[int]:
        return {n for n, (inner, _, _) in enumerate(row.cells) if html_text(inner).strip().isdigit()}
    counted = set.intersection(*(numbers(r) | {n for n, (c, _, _) in enumerate(r.cells) if not html_text(c).strip()}
                                 for r in table[1:])) & set().union(*(numbers(r) for r in table[1:]))
    return bool(counted & numbers(group[0])) and not numbers(table[0])


def _table(lines: list[str], group: list[Row]) -> None:
    for row in group:
        cells = "".join(f"<td>{' '.join(inner.split())}</td>" for inner, _, _ in row.cells)
        lines[row.first] = f"<tr>{cells}</tr>"
    lines[group[0].first] = "<table>" + lines[group[0].first]
    lines[group[-1].last] += "</table>"


def _attach_rest(lines: list[str], start: int, end: int, owners: list[tuple[int, int, int]],
                 attached: dict[int, int]) -> None:
    """A blank line of a heading's or paragraph's row goes with it; the sheet's other markup
    (its opening, gaps, its end) with the nearest part. Lines of a table are that table's."""
    inside = {k for first, last, holder in owners if holder < 0 for k in range(first, last + 1)}
    holders = [(first, last, holder) for first, last, holder in owners if holder >= 0]
    tables = [first for first, last, holder in owners if holder < 0]
    anchors = sorted([h for _, _, h in holders] + tables)
    for k in range(start, end + 1):
        if lines[k].strip() or k in inside or not anchors:
            continue
        own = next((h for first, last, h in holders if first <= k <= last), None)
        if own is None:
            before = [a for a in anchors if a < k]
            own = before[-1] if before else anchors[0]
        attached[k + 1] = own + 1
