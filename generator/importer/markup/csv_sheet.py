"""A spreadsheet saved as CSV (Google Sheets, Excel): one HTML table over the same lines.

Each record is a row on the line where it starts; a quoted cell that runs over several lines
keeps its line breaks as ``<br>`` and the lines it ran over are blank, attached to the row. The
sheet is then read as any spreadsheet-like table (office_html.split_sheets): a row with one
filled cell ('SEVERITY', 'CONTACTS'), written as a cell across the sheet as a merged one is, is a heading over the rows under it, an empty row ends a
block, the first row of a block is its header.
"""
from __future__ import annotations

import csv
import html

from . import Converted


def convert(lines: list[str]) -> Converted:
    out = Converted([""] * len(lines))
    rows = _records(lines)
    if not rows:
        return Converted(list(lines))
    width = max(len(cells) for _, _, cells in rows)
    for n, (start, end, cells) in enumerate(rows):
        cells = cells + [""] * (width - len(cells))
        filled = [c for c in cells if c.strip()]
        if len(filled) == 1 and cells[0].strip() and width > 1:   # 'SEVERITY,,,,,': a title across the sheet
            row = f'<td colspan="{width}">{_cell(cells[0])}</td>'
        else:
            row = "".join(f"<td>{_cell(c)}</td>" for c in cells)
        out.lines[start] = ("<table>" if n == 0 else "") + "<tr>" + row + "</tr>" + \
            ("</table>" if n == len(rows) - 1 else "")
        for k in range(start + 1, end + 1):
            out.blank(k, start)
    return out


def _records(lines: list[str]) -> list[tuple[int, int, list[str]]]:
    """(first line, last line, cells) of each record, 0-based; [] when the text is no CSV."""
    consumed = [0]

    def feed():
        for line in lines:
            consumed[0] += 1
            yield line + "\n"

    rows, start = [], 0
    try:   # the reader takes lines only as a record needs them: what it took is where the record ends
        for cells in csv.reader(feed(), dialect=_dialect("\n".join(lines[:100]))):
            rows.append((start, consumed[0] - 1, cells))
            start = consumed[0]
    except csv.Error:
        return []
    return rows


class _Semicolons(csv.excel):
    delimiter = ";"   # Excel's CSV where the decimal mark is a comma


def _dialect(text: str):
    """Excel's quoting (csv.Sniffer guesses it wrong on quoted "" inside cells); ';' when the
    sheet is written with semicolons."""
    return _Semicolons if text.count(";") > text.count(",") else csv.excel


def _cell(value: str) -> str:
    return "<br>".join(html.escape(part.strip(), quote=False) for part in value.strip().split("\n"))
