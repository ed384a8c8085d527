"""A spreadsheet published as a web page (Google Sheets' 'Publish to the web' HTML), line for line.

Each tab is a table inside a ``<div id="N">``; its name is in the sheet menu (``<li
id="sheet-button-N"><a>Contacts</a></li>``). The table's first header row is the column letters
(A, B, C) and every row starts with its row number: neither is the sheet's text. So the tab's
``<div>`` line is a heading of its name, the letters' row opens the table, and the row numbers go;
the sheet's own first row is its header, as on screen.
"""
from __future__ import annotations

import re

SIGN = re.compile(r'class="waffle"|- Google Sheets</title>|id="sheet-menu"', re.IGNORECASE)
TAB = re.compile(r'<li id="sheet-button-(\d+)"[^>]*>\s*<a[^>]*>(.*?)</a>', re.IGNORECASE)
SHEET_OPEN = re.compile(r'^\s*<div id="(\d+)"[^>]*>.*<table\b[^>]*>\s*$', re.IGNORECASE)
LETTERS = re.compile(r'^\s*<thead>.*column-headers-background.*</thead>\s*(<tbody>)?\s*$', re.IGNORECASE)
DOC_TITLE = re.compile(r'<div id="doc-title"[^>]*>\s*<span class="name">(.*?)</span>\s*(?:<span class="updated">(.*?)</span>)?', re.IGNORECASE)
ROW_NUMBER = re.compile(r'<th\b[^>]*row-headers?-background[^>]*>.*?</th>', re.IGNORECASE)


def is_sheets(lines: list[str]) -> bool:
    return sum(bool(SIGN.search(line)) for line in lines[:400]) >= 2


def rewrite_sheets(lines: list[str], attached: dict[int, int], skip: set[int]) -> None:
    """Headings for the tabs, tables without their letters and row numbers, in place."""
    import html

    names = {number: html.unescape(re.sub(r"<[^>]+>", "", name)).strip()
             for line in lines for number, name in TAB.findall(line)}
    for i, line in enumerate(lines):
        if i in skip:
            continue
        title = DOC_TITLE.search(line)
        if title:   # the spreadsheet's name over its tabs, and when it was updated beside it
            parts = [html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in title.groups() if p]
            lines[i] = "# " + parts[0] + (f" ({parts[1]})" if len(parts) > 1 and parts[1] else "")
            continue
        sheet = SHEET_OPEN.match(line)
        if sheet and names.get(sheet.group(1)):
            lines[i] = "## " + names[sheet.group(1)]
        elif LETTERS.match(line):
            lines[i] = "<table>"
            attached[i + 1] = i + 2
        elif "row-header" in line:
            lines[i] = ROW_NUMBER.sub("", line)
    for i, line in enumerate(lines):   # the menu names the tabs the headings now name
        if i not in skip and TAB.search(line):
            lines[i] = ""
            attached[i + 1] = i + 1
