"""A page of collapsible sections (``<details>`` over each part, ``<summary>`` naming it), line for line.

    <details open>                              (markup of the heading below)
    <summary><strong>Contacts</strong></summary>  ## Contacts
    ...                                          ...
    </details>                                  (markup of the line above)

Where three ``<details>`` or more at the top of the page hold its parts, each summary is a section
heading, one level below the heading above it. A single collapsible (a message kept folded, the
answer to one question) keeps its summary as the caption of what it holds (dialects._caption).
"""
from __future__ import annotations

import re

from .plain_layout import atx_level_above


OPEN = re.compile(r"^\s*<details\b[^>]*>\s*(?:<summary\b[^>]*>(.*?)</summary>\s*)?$", re.IGNORECASE)
SUMMARY = re.compile(r"^\s*<summary\b[^>]*>(.*?)</summary>\s*$", re.IGNORECASE)
CLOSE = re.compile(r"^\s*</details\s*>\s*$", re.IGNORECASE)


def details_sections(lines: list[str], original: list[str], attached: dict[int, int], skip: set[int]) -> None:
    """Rewrite the page's top-level collapsibles as sections, in place (``original`` too, so that
    their summaries are no captions)."""
    from .dialects import inline_html

    if sum("<details" in line.lower() for line in lines) < 3:
        return
    found = _top_level(lines, skip)
    if len(found) < 3:
        return
    levels = [min(6, atx_level_above(lines, opening) + 1) for opening, _, _ in found]   # before any is written
    for (opening, summary, closing), level in zip(found, levels):
        title = inline_html(SUMMARY.match(lines[summary]).group(1) if summary != opening
                            else OPEN.match(lines[opening]).group(1)).strip().strip("*").strip()
        lines[summary] = original[summary] = "#" * level + " " + title
        if opening != summary:
            lines[opening] = original[opening] = ""
            attached[opening + 1] = summary + 1
        if closing is not None:
            lines[closing] = original[closing] = ""
            attached[closing + 1] = _content_above(lines, closing) + 1


def _top_level(lines: list[str], skip: set[int]) -> list[tuple[int, int, int | None]]:
    """(the <details> line, its <summary> line, its </details> line) of each top-level collapsible."""
    out, depth, current = [], 0, None
    for i, line in enumerate(lines):
        if i in skip:
            continue
        opened = OPEN.match(line)
        if opened:
            depth += 1
            if depth == 1:
                summary = i if opened.group(1) else (i + 1 if i + 1 < len(lines) and SUMMARY.match(lines[i + 1]) else None)
                current = (i, summary) if summary is not None else None
        elif CLOSE.match(line) and depth:
            depth -= 1
            if depth == 0 and current is not None:
                out.append((current[0], current[1], i))
                current = None
    return out


def _content_above(lines: list[str], i: int) -> int:
    return next((j for j in range(i - 1, -1, -1) if lines[j].strip()), max(i - 1, 0))
