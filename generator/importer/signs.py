"""Signs a line-rewriting pass looks for, searched once in the whole text before it walks the lines.

Every rewrite before parsing walks each line of the document in Python; most documents have none of
the shapes most passes rewrite ('(a) ...' lettered runs, '•' bullets, tab-set lists). One search of
the joined text, in the regular-expression engine, rules a pass out at a fraction of a walk. A sign
is a necessary condition of the pass doing anything: a document that has it may still be left as it
is (the pass then decides, line by line, as it always did). Signs never match across lines:
horizontal space is ``[^\\S\\n]``, not ``\\s``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

SPACE = r"[^\S\n]"
# Each sign that is about a line's start opens with the '\n' before that line (the text searched starts
# with one): a literal first character lets the engine skip ahead, where a multi-line '^' tries every
# position (a 1 MB document: 1.5 ms against 6 ms).
# A line set in four columns or more (a tab counts to the next stop of four): indented code or commands.
INDENTED = re.compile(rf"\n(?:{SPACE}{{4}}|{SPACE}{{0,3}}\t)")
# A line that ends with a colon: the lead-in a typed memo puts over commands at the margin
COLON_END = re.compile(rf":{SPACE}*(?:\n|$)")
# 'RED    Telemetry lost', '1st  Duty engineer': a short id set off from its text by two spaces or more
SPACED_ID = re.compile(rf"\n{SPACE}{{0,3}}[^\s|]\S{{0,9}}{SPACE}{{2,}}\S")
# '2.2  PRIORITY 1', '7.1.1 Service desk': a line numbered in parts at the margin (or set in a little)
PART_NUMBERED = re.compile(rf"\n{SPACE}{{0,6}}\d{{1,2}}\.\d")
# '1) Verify ...', '2. Check ...': a numbered line, which typed commands may follow at the margin
NUMBERED = re.compile(rf"\n{SPACE}{{0,3}}\d{{1,2}}[.)]{SPACE}")
DRAWN_BULLET = re.compile(rf"[•◦▪‣●○■□►➢]|\n{SPACE}{{0,3}}[o§]\t")
STEP_WORD = re.compile(rf"\n(?i:step){SPACE}")
INDENTED_LETTER = re.compile(rf"\n{SPACE}+[a-z][.)]")
TOGGLE_MARK = re.compile(r"[▸▶►▾▼]")


def absent(lines: list[str], sign: re.Pattern[str]) -> bool:
    """True when no line of ``lines`` shows ``sign``: the pass it belongs to has nothing to rewrite."""
    return sign.search("\n" + "\n".join(lines)) is None


def without(lines: list[str], literal: str) -> bool:
    """True when no line holds ``literal``."""
    return literal not in "\n".join(lines)


def run_heads(lines: list[str], skip: set[int], run_at) -> Iterator[int]:
    """The lines of each run ``run_at(lines, i, skip)`` finds, from the top, one run after another (the
    caller may rewrite a run's lines before the next is looked for)."""
    i = 0
    while i < len(lines):
        run = run_at(lines, i, skip)
        yield from run
        i = run[-1] + 1 if run else i + 1
