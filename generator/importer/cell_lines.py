"""A table a word processor's plain-text export wrote one cell to a line (Google Docs' .txt):

    Name
    Role
    Mobile
    Rhiannon Ellery
    IT Service Manager
    +44 7700 900214

its header's names first, then each row's cells in the same order. Read back as the table it was:
an HTML table over the same lines, each row on the line of its first cell, the others blank and
attached to it, so every line stays where the source has it.
"""
from __future__ import annotations

import html
import re

# The names a table's header gives its columns; every header line must be one of them.
HEADER = re.compile(r"^(?:name|full name|role|title|job title|position|function|phone|mobile|mobile phone|tel|"
                    r"telephone|e-?mail(?: address)?|contact|team|department|hours|notes?|priority|level|severity|"
                    r"description|meaning|response(?: time| target)?|target fix|resolution(?: target)?|examples?|"
                    r"owner|out of hours|deputy|backup|when)$", re.IGNORECASE)
MARKED = re.compile(r"^\s*(?:[-*+•○]|\d+[.)])\s|^\s*[#|<`]")


def cell_lines(lines: list[str], attached: dict[int, int], skip: set[int]) -> None:
    """Rewrite every one-cell-a-line table of ``lines`` in place."""
    i = 0
    while i < len(lines):
        table = _table(lines, i, skip)
        if table is None:
            i += 1
            continue
        end, width = table
        _rewrite(lines, attached, i, end, width)
        i = end


def _table(lines: list[str], start: int, skip: set[int]) -> tuple[int, int] | None:
    """Where the table opening at ``start`` ends (the index after it) and how many columns it has,
    or None when none opens there."""
    if start in skip or (start > 0 and HEADER.match(lines[start - 1].strip())):
        return None   # (inside a header already)
    width = 0
    while start + width < len(lines) and HEADER.match(lines[start + width].strip()):
        width += 1
    if width < 3:
        return None
    end = start + width
    while end < len(lines) and lines[end].strip() and end not in skip and not MARKED.match(lines[end]):
        end += 1
    rows = (end - start) // width - 1
    if rows < 1:
        return None
    return start + width * (rows + 1), width


def _rewrite(lines: list[str], attached: dict[int, int], start: int, end: int, width: int) -> None:
    for first in range(start, end, width):
        tag = "th" if first == start else "td"
        cells = "".join(f"<{tag}>{html.escape(lines[k].strip(), quote=False)}</{tag}>" for k in range(first, first + width))
        for k in range(first + 1, first + width):
            lines[k] = ""
            attached[k + 1] = first + 1
        lines[first] = ("<table>" if first == start else "") + f"<tr>{cells}</tr>" + ("</table>" if first + width == end else "")
