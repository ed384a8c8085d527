"""A word processor's numbered outline saved as plain text: '1.<TAB>Purpose and Scope' over
'1.1<TAB>Purpose', '3.<TAB>Incident Classification' over '3.1<TAB>Priority Matrix', ... Title-case
headings, numbered as the outline numbers them, among numbered lists that use the same '1.'.

A top heading K is told from a list's item K by the outline itself: it comes after heading K-1,
after a blank line, and (when the outline has sub-headings K.1, K.2 ...) it is the last 'K.' line
before the first of them. Nothing is rewritten unless three top headings and two sub-headings
number the document, so an ordinary numbered list is never made headings.
"""
from __future__ import annotations

import re

from .plain_text import has_markdown_heading
from .signs import PART_NUMBERED, absent, without, run_heads

# '5.1<TAB>WMS unavailable at a depot', '6.<TAB>Contacts': Word's tab after the number (a typeset
# document's run of spaces is typeset_headings'; a numbered paragraph's is numbered_paragraphs')
NUMBERED_TITLE = re.compile(r"^(\d{1,2})\.((?:\d{1,2}\.?){0,2})\t+([A-Z][^\t]{0,80}?)\s*$")


def outline_numbers(lines: list[str], skip: set[int]) -> bool:
    """Rewrite the outline's numbered headings as Markdown headings, in place; whether there were."""
    if has_markdown_heading(lines, skip):
        return False
    found = {i: m for i, line in enumerate(lines) if i not in skip and line[:1].isdigit()
             and (m := NUMBERED_TITLE.match(line)) and _title(m.group(3))}
    tops = [i for i, m in found.items() if not m.group(2) and (i == 0 or not lines[i - 1].strip())]
    subs = {i: m for i, m in found.items() if m.group(2)}
    heads = _tops(tops, subs, found)
    if len(heads) < 3:
        return False
    inner = [i for i in subs if _under(i, heads, found)]
    if len(inner) < 2:
        return False
    for i in list(heads) + inner:
        match = found[i]
        number = f"{match.group(1)}.{match.group(2)}".rstrip(".")
        lines[i] = "#" * min(6, number.count(".") + 2) + f" {number} {match.group(3).strip()}"
    for i, line in enumerate(lines):   # 'Appendix A – Depot Notification Template' after the outline's parts
        if i > heads[-1] and i not in skip and (i == 0 or not lines[i - 1].strip()) and APPENDIX.match(line):
            lines[i] = "## " + line.strip()
    return True


APPENDIX = re.compile(r"^(?:Appendix|Annex|Schedule)\s+[A-Z0-9]{1,2}\b\s*(?:[-–—:.]|\t)\s*[A-Z][^\t]{0,80}$")


def _title(text: str) -> bool:
    """A heading's words: a few, not a sentence or a lead-in ('Confirm with the depot ... some.')."""
    return len(text.split()) <= 8 and not re.search(r"[.,:;]$", text)


def _tops(tops: list[int], subs: dict[int, re.Match], found: dict[int, re.Match]) -> list[int]:
    """Heading 1, 2, 3 ... in order: each the last 'K.' line before its first sub-heading K.x, or
    (with none) the first 'K.' line after heading K-1."""
    heads: list[int] = []
    number, after = 1, -1
    while True:
        lines = [i for i in tops if i > after and found[i].group(1) == str(number)]
        first_sub = min((i for i, m in subs.items() if i > after and m.group(1) == str(number)), default=None)
        if first_sub is not None:
            lines = [i for i in lines if i < first_sub][-1:]
        if not lines:
            return heads
        heads.append(lines[0])
        after, number = lines[0], number + 1


def _under(i: int, heads: list[int], found: dict[int, re.Match]) -> bool:
    """Sub-heading K.x sits under top heading K (after it, before heading K+1)."""
    above = [h for h in heads if h < i]
    return bool(above) and found[above[-1]].group(1) == found[i].group(1)


# '1.<TAB>Confirm with the depot ...', '•<TAB>Do not power off ...', 'o<TAB>Chairs the bridge': a list
# paragraph as Word saves it, its marker and its text apart by a tab (two cells of no table)
TAB_ITEM = re.compile(r"^(\s*)(?:(\d{1,2}[.)])|[•o§▪·◦])\t+([^\t]*\S)\s*$")


def tab_lists(lines: list[str], skip: set[int], breaks: set[int] | None = None) -> None:
    """Rewrite list paragraphs whose marker a tab sets apart as Markdown list items, in place; the
    line after one that is no item starts a paragraph (Word wraps no line, each is a paragraph). Word's
    second-level bullet 'o' (third: '§') straight after an item of the level above is nested under it:
    the plain text kept the marker, not the indent."""
    if without(lines, "\t"):
        return
    above: list[str] = []   # the markers of the list run so far, first level first
    for i, line in enumerate(lines):
        match = TAB_ITEM.match(line) if "\t" in line and i not in skip else None
        if not match:
            above = above if line.strip() and i not in skip else []
            continue
        indent, number, text = match.groups()
        marker = number and "1" or line.strip()[0]
        depth = _depth(marker, above)
        above = above[:depth] + [marker]
        lines[i] = f"{indent}{'   ' * depth}{number or '-'} {text}"
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if breaks is not None and following.strip() and not following.startswith((" ", "\t")) \
                and not TAB_ITEM.match(following):
            breaks.add(i + 2)   # (1-based) Word's next paragraph, never the item's wrapped line


def _depth(marker: str, above: list[str]) -> int:
    """How deep an item sits: 'o' under a number or '•' is one level in, '§' under 'o' one more."""
    order = {"o": ("1", "•", "▪", "·", "◦"), "§": ("o",)}
    for depth in range(len(above) - 1, -1, -1):
        if above[depth] == marker:
            return depth
        if above[depth] in order.get(marker, ()):
            return depth + 1
    return 0


ATX = re.compile(r"^#{1,6}\s")


def dedent_parts(lines: list[str], skip: set[int]) -> None:
    """A typed document's parts set in by a space or three under their headings ('B.1 Ransomware' over
    '  1. Contain via EDR ...' and '       vssadmin list shadows'): each part's lines moved to the margin by
    the indent they all share, so its list is a list and its commands stay set in under their steps.
    Only in a document whose headings the plain-text passes wrote (a Markdown one means its indents)."""
    start = 0
    for end in [i for i, line in enumerate(lines) if ATX.match(line)] + [len(lines)]:
        part = [i for i in range(start, end) if lines[i].strip() and i not in skip]
        shared = min((len(lines[i].expandtabs(4)) - len(lines[i].expandtabs(4).lstrip()) for i in part), default=0)
        if 1 <= shared <= 3:
            for i in part:
                lines[i] = lines[i].expandtabs(4)[shared:]
        start = end + 1


# '(1) PMS not responding at a clinic', '2) X-ray images not showing up': a part's title, numbered in brackets
BRACKET_NUMBERED = re.compile(r"^\s{0,3}\(?(\d{1,2})\)\s+([A-Z][^.:;!?]{2,70}?)\s*$")


def bracket_numbered_titles(lines: list[str], skip: set[int]) -> None:
    """Titles numbered '(1)', '(2)' ... on lines of their own (a blank line above and below), in order
    from 1, two or more: sub-headings one below the heading above them, as an e-mail numbers its parts."""
    found = [(i, m) for i, line in enumerate(lines) if i not in skip and line.lstrip()[:1] in "(123456789"
             and (m := BRACKET_NUMBERED.match(line)) and _alone(lines, i)]
    numbers = [int(m.group(1)) for _, m in found]
    if len(found) < 2 or numbers != list(range(1, len(found) + 1)):
        return
    levels = [next((len(h.group(1)) for h in (re.match(r"^(#{1,6})\s", lines[j]) for j in range(i - 1, -1, -1)) if h), 1)
              for i, _ in found]   # all before any is written: none is under the one before it
    for (i, match), above in zip(found, levels):
        lines[i] = "#" * min(6, above + 1) + f" {match.group(2).strip()}"


# 'A) MES SERVER DOES NOT ANSWER:' or '(B) Database not reachable' over the steps it titles
LETTER_TITLE = re.compile(r"^\s{0,3}\(?([A-Z])\)\s+([^\s.!?].{1,80}?)\s*:?\s*$")


def lettered_titles(lines: list[str], skip: set[int]) -> None:
    """Titles lettered 'A)', 'B)' ... in order from A, each after a blank line with its text right under
    it, two or more: sub-headings one below the heading above them, as typed procedures letter the
    procedures they hold."""
    found = [(i, m) for i, line in enumerate(lines) if i not in skip and line.lstrip()[:1] in "(ABCDEFGHIJ"
             and (m := LETTER_TITLE.match(line)) and (i == 0 or not lines[i - 1].strip())
             and len(m.group(2).split()) <= 12 and not m.group(2).rstrip(" :").endswith((".", "!", "?"))]
    letters = [m.group(1) for _, m in found]
    if len(found) < 2 or letters != [chr(ord("A") + n) for n in range(len(found))]:
        return
    levels = [next((len(h.group(1)) for h in (re.match(r"^(#{1,6})\s", lines[j]) for j in range(i - 1, -1, -1)) if h), 1)
              for i, _ in found]
    for (i, match), above in zip(found, levels):
        lines[i] = "#" * min(6, above + 1) + f" {match.group(2).strip().rstrip(':').rstrip()}"


def _alone(lines: list[str], i: int) -> bool:
    """Blank lines around it (or the fence an indented block's blank line became)."""
    def apart(j: int) -> bool:
        return j < 0 or j >= len(lines) or not lines[j].strip() or lines[j].startswith(("```", "~~~"))
    return apart(i - 1) and apart(i + 1)


CLAUSE = re.compile(r"^(\s{0,3})(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(\S.*)$")


def clause_runs(lines: list[str], skip: set[int]) -> None:
    """'  7.1.1 Service Desk Analyst' / '  7.1.2 Service Desk Team Leader' / ... on lines in a row, numbered
    one after another under one number: a numbered list (one item a line), not one wrapped paragraph."""
    if absent(lines, PART_NUMBERED):
        return
    for k in run_heads(lines, skip, _clause_run):
        indent, number, text = CLAUSE.match(lines[k]).groups()
        lines[k] = f"{indent}- {number} {text}"


def _clause_run(lines: list[str], start: int, skip: set[int]) -> list[int]:
    first = CLAUSE.match(lines[start]) if start not in skip and lines[start][:4].strip()[:1].isdigit() else None
    if not first or (start > 0 and CLAUSE.match(lines[start - 1] or "")):
        return []
    parent, last = first.group(2).rsplit(".", 1)
    run, j = [start], start + 1
    while j < len(lines) and j not in skip and (match := CLAUSE.match(lines[j])) and match.group(1) == first.group(1) \
            and match.group(2) == f"{parent}.{int(last) + len(run)}":
        run.append(j)
        j += 1
    return run if len(run) >= 2 and (j == len(lines) or not lines[j].strip()) else []
