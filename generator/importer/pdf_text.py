"""Text from a PDF (`pdftotext -layout`), rewritten in place as the plain text it was typeset from.

    ^L   Fenmoor Water – IT & OT Cyber Incident Response Plan            CONFIDENTIAL
       2    Roles and Responsibilities
       On declaring a SEV 1 or SEV 2 incident the following roles are assigned. One per-
       son may hold more than one role ...
       FW-ITS-PLN-017 v3.1                 CONFIDENTIAL                   Page 1 of 6

Read as such when the text has form feeds between pages or 'Page N of M' lines. Then:
- a page's running header and footer (a line that comes back on another page, its page
  number aside, or a bare 'Page 3' / '- 3 -' line) is page furniture: shown once, where it
  first appears, hidden on the other pages;
- the page's left margin, common to every line, is taken off, so an indented heading or
  paragraph is not read as a code block;
- a word broken over two lines with a hyphen ('esca-' / 'lates') is joined on the first line.
The line count never changes, so every line keeps its number.
"""
from __future__ import annotations

import re

from .text_tables import draw_tables

PAGE_OF = re.compile(r"\bpage\s+\d+\s+(?:of|/)\s+\d+\b", re.IGNORECASE)
BARE_PAGE = re.compile(r"^\s*(?:page\s+\d+|-\s*\d+\s*-|\d+)\s*$", re.IGNORECASE)
BROKEN = re.compile(r"([A-Za-z]{2,})-$")
CARRIED = re.compile(r"^(\s*)([a-z]{2,}[,.;:]?)(\s+|$)")


def is_pdf_text(lines: list[str]) -> bool:
    """Form feeds between pages, or two 'Page N of M' lines."""
    return sum("\f" in line for line in lines) >= 1 or sum(bool(PAGE_OF.search(line)) for line in lines) >= 2


def pdf_layout(lines: list[str], hidden: set[int], skip: set[int]) -> bool:
    """Rewrite ``lines`` in place (``hidden``: 1-based lines no longer shown); whether it was PDF text."""
    if not is_pdf_text(lines):
        return False
    feeds = {i for i, line in enumerate(lines) if "\f" in line}
    for i, line in enumerate(lines):
        lines[i] = line.replace("\f", "")
    furniture = _furniture(lines, skip, feeds)
    for i in sorted(furniture):
        if furniture[i]:
            lines[i] = ""
            hidden.add(i + 1)
    _dedent(lines, skip)
    _dedent_tables(lines, skip)
    _join_broken_words(lines, skip)
    lines[:] = draw_tables(lines, skip)   # before the plain-text passes read a table's rows as entries
    return True


def _furniture(lines: list[str], skip: set[int], feeds: set[int]) -> dict[int, bool]:
    """Page furniture lines -> whether to hide them (every occurrence but the first)."""
    key = {i: re.sub(r"\d+", "#", " ".join(line.split())).lower() for i, line in enumerate(lines)
           if line.strip() and i not in skip}
    counts: dict[str, int] = {}
    for text in key.values():
        counts[text] = counts.get(text, 0) + 1
    seen: set[str] = set()
    out = {}
    for i, text in key.items():
        repeated = counts[text] >= 2 and len(text) >= 8 and (PAGE_OF.search(lines[i]) or _edge(lines, i, feeds))
        if repeated or PAGE_OF.search(lines[i]) or BARE_PAGE.match(lines[i]) and _edge(lines, i, feeds):
            out[i] = text in seen
            seen.add(text)
    return out


def _edge(lines: list[str], i: int, feeds: set[int]) -> bool:
    """Line i opens or closes a page: a form feed on it or on the next line with text, or blank lines
    (three or more) or the file's end on one side."""
    following = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
    if i in feeds or following in feeds:
        return True

    def blank_run(step: int) -> bool:
        j, run = i + step, 0
        while 0 <= j < len(lines) and not lines[j].strip():
            run, j = run + 1, j + step
        return run >= 3 or not 0 <= j < len(lines)
    return blank_run(-1) or blank_run(1)


def _dedent(lines: list[str], skip: set[int]) -> None:
    margin = min((len(line) - len(line.lstrip(" ")) for i, line in enumerate(lines)
                  if line.strip() and i not in skip), default=0)
    if margin:
        for i, line in enumerate(lines):
            if i not in skip and line.strip():
                lines[i] = line[margin:]


COLUMN_GAP = re.compile(r"\S\s{3,}\S")


def _dedent_tables(lines: list[str], skip: set[int]) -> None:
    """A table the page indents (lines with runs of spaces between columns) moved to the margin,
    its columns kept: indented four spaces or more it would read as a code block."""
    i = 0
    while i < len(lines):
        end = i
        while end < len(lines) and lines[end].strip() and end not in skip:
            end += 1
        block = range(i, end)
        if end - i >= 1 and sum(bool(COLUMN_GAP.search(lines[k])) for k in block) >= max(1, (end - i + 1) // 2):
            cut = min(len(lines[k]) - len(lines[k].lstrip(" ")) for k in block)
            for k in block:
                lines[k] = lines[k][cut:]
        i = end + 1


def _join_broken_words(lines: list[str], skip: set[int]) -> None:
    for i in range(len(lines) - 1):
        broken = BROKEN.search(lines[i]) if i not in skip and i + 1 not in skip else None
        carried = CARRIED.match(lines[i + 1]) if broken else None
        if carried:
            lines[i] = lines[i][:broken.start()] + broken.group(1) + carried.group(2)
            lines[i + 1] = carried.group(1) + lines[i + 1][carried.end():]
