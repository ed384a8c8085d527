"""Entries typed in a plain editor, an e-mail or a chat, one after another with no list marker:

    P1 = a client site is completely down, or checkout broken on any of
         the shops. Respond within half an hour, any time of day or night.
    P2 = site is up but something important is broken ...

    Marta Kowalczyk      07700 900461
    Jonno (Jonathan Pike) 07700 900382
    Fastlane Hosting     0161 496 0770 - emergency line
                         support@fastlane.example.net for non urgent

A run of two or more lines at the margin that each start with a short id and '=' (a level's
name and what it means), their wrapped lines set in under them, is a list of those entries, the id
the item's label; a run of three or more lines at the margin that each end in (or give) a phone
number, most with the name set off by spaces, is a phone list, an item a line.
"""
from __future__ import annotations

import re

from .signs import absent, run_heads
from .text import phone_in

ENTRY = re.compile(r"^([A-Z][\w-]{0,11}(?: [\w-]{1,8}){0,2}) += +(\S.*)$")   # 'P1 = ...', 'Sev A = ...'
EQUALS = re.compile(r"^[A-Z][\w -]{0,30} += +\S", re.MULTILINE)


def hanging_ids(lines: list[str], skip: set[int]) -> None:
    """'P1 = what it means' entries with their wrapped lines under them: '- **P1**: what it means'."""
    if absent(lines, EQUALS):
        return
    for head in run_heads(lines, skip, _entry_run):
        match = ENTRY.match(lines[head])
        lines[head] = f"- **{match.group(1)}**: {match.group(2)}"


def _entry_run(lines: list[str], start: int, skip: set[int]) -> list[int]:
    """The entries' first lines from ``start`` on (two or more, each after the wrapped lines of the one
    before), or []."""
    heads, j = [], start
    while j < len(lines) and j not in skip and ENTRY.match(lines[j]):
        heads.append(j)
        j += 1
        while j < len(lines) and j not in skip and lines[j].startswith(("  ", "\t")) and lines[j].strip():
            j += 1   # the entry's wrapped lines, set in under it
    return heads if len(heads) >= 2 and (start == 0 or not lines[start - 1].strip()) else []


SPACED = re.compile(r"^\S.*?\S {2,}\S")   # a name set off from what follows by spaces
NUMBER_AT_MARGIN = re.compile(r"\n[^\s\n][^\n]*?[^\s\n] {2,}\+?\(?\d")   # the sign of one: 'Name   07700 ...'


def spaced_phones(lines: list[str], skip: set[int]) -> None:
    """Lines at the margin each naming someone and their number: a phone list, an item a line (a line
    set in under one is more of it)."""
    if absent(lines, NUMBER_AT_MARGIN):
        return
    i = 0
    while i < len(lines):
        if i in skip or not lines[i].strip() or (i > 0 and lines[i - 1].strip()) or lines[i][:1].isspace():
            i += 1
            continue
        heads, j = [], i
        while j < len(lines) and j not in skip and lines[j].strip():
            if not lines[j][:1].isspace():
                heads.append(j)
            j += 1
        if _phone_list([lines[k] for k in heads]):
            for k in heads:
                lines[k] = "- " + _name_and_number(lines[k].strip())
        i = j


def _name_and_number(line: str) -> str:
    """'Jonno (Jonathan Pike) 07700 900382': the name, a dash, then the number and what follows it."""
    spaced = re.split(r" {2,}", line, maxsplit=1)
    if len(spaced) == 2:
        return " — ".join(spaced)
    number = phone_in(line)
    at = line.find(number) if number else -1
    return f"{line[:at].rstrip()} — {line[at:]}" if at > 0 else line


def _phone_list(entries: list[str]) -> bool:
    if len(entries) < 3 or any(line.lstrip().startswith(("-", "*", "#", "|", ">")) for line in entries):
        return False
    numbered = [line for line in entries if (number := phone_in(line)) and len(line.split(number)[0].split()) <= 5
                and line.split(number)[0].strip()]
    return len(numbered) == len(entries) and sum(bool(SPACED.match(line)) for line in entries) * 2 > len(entries)


TASK = re.compile(r"^\[( |x|X)\]\s+\S")   # '[ ] check the monitor': a box to tick, typed with no list marker


def typed_tasks(lines: list[str], skip: set[int]) -> None:
    """'[ ] is it really down?' lines at the margin, two or more: a checklist, an item a line."""
    heads = [i for i, line in enumerate(lines) if i not in skip and line[:1] == "[" and TASK.match(line)]
    if len(heads) < 2:
        return
    for i in heads:
        lines[i] = "- " + lines[i]


# 'WordPress site showing 502 / 504:' at the margin over lines set in under it: what the lines are about
COLON_TITLE = re.compile(r"^([A-Za-z][^:]{2,80}?)\s*:\s*$")


def colon_titles(lines: list[str], skip: set[int]) -> None:
    """Lines at the margin ending in a colon, each over text set in under it, two or more after a
    blank line: headings one level under the heading above, each over its part."""
    from .plain_layout import atx_level_above

    heads = [i for i in range(len(lines) - 1) if i not in skip and (i == 0 or lines[i - 1].strip() in ("", "```"))
             and lines[i][:1].isalpha() and COLON_TITLE.match(lines[i]) and len(lines[i].split()) <= 12
             and lines[i + 1][:2] in ("  ", "\t ") and lines[i + 1].strip()]
    if len(heads) < 2:
        return
    levels = [min(atx_level_above(lines, i) + 1, 6) for i in heads]   # (each under the heading above, not the last title)
    for i, level in zip(heads, levels):
        lines[i] = "#" * level + " " + COLON_TITLE.match(lines[i]).group(1)
