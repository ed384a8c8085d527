"""Toggles, the way Notion and outliners export a collapsed block:

    ## Playbooks

    - ▸ 🎮 Matchmaking queue stuck

        Symptoms: queue times > 5 min on the dashboard ...

        ```bash
        kubectl -n mm get pods -l app=matchmaker
        ```

A toggle is a heading its reader opens: its line becomes a heading one level below the heading
above it, and the lines indented under it are its section's text, taken out of the list (a fence
inside stays a fence). Toggles inside toggles become deeper headings the same way.
"""
from __future__ import annotations

import re
from .signs import TOGGLE_MARK, absent

TOGGLE = re.compile(r"^(?P<indent>\s*)(?:[-*+]\s+)?[▸▶►▾▼]\s+(?P<title>\S.*?)\s*$")
ATX = re.compile(r"^(#{1,6})\s")


def toggle_sections(lines: list[str], skip: set[int]) -> bool:
    """Rewrite every toggle of ``lines`` in place (same line count); whether there was one."""
    if absent(lines, TOGGLE_MARK):
        return False
    return _rewrite(lines, skip, 0, len(lines), 1)


def _rewrite(lines: list[str], skip: set[int], start: int, stop: int, level: int) -> bool:
    """The toggles of lines[start:stop], under a heading of ``level``; toggles nested in one go a level deeper."""
    changed, i = False, start
    while i < stop:
        heading = ATX.match(lines[i]) if i not in skip else None
        toggle = TOGGLE.match(lines[i]) if i not in skip and not heading else None
        if heading:
            level = len(heading.group(1))
        if not toggle:
            i += 1
            continue
        lines[i] = "#" * min(level + 1, 6) + " " + toggle.group("title")
        end = _dedent_under(lines, i, len(toggle.group("indent").expandtabs(4)))
        _rewrite(lines, skip, i + 1, end, min(level + 1, 6))
        changed, i = True, end
    return changed


def _dedent_under(lines: list[str], at: int, indent: int) -> int:
    """Take the lines indented under line ``at`` out of the list (dedent them); the line after them."""
    end = at + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > indent):
        end += 1
    body = [n for n in range(at + 1, end) if lines[n].strip()]
    if body:
        cut = min(_indent(lines[n]) for n in body)
        for n in range(at + 1, end):
            lines[n] = lines[n].expandtabs(4)[cut:] if lines[n].strip() else ""
    return end


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
