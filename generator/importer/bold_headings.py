"""Headings written as bold paragraphs, and lists written with escaped markers.

Word processors and their exports (Google Docs' "Download as Markdown", a hand-written
HTML page's ``<b>TITLE</b><br>``) head their parts with a paragraph that is only bold
text: ``**2\\. Severity levels**``. In a document with no Markdown heading of its own,
two or more such paragraphs are its section headings; a number in front gives the depth
(``6.1`` under ``6``). The same exports escape the list markers their authors typed
(``\\- Name: number``, ``1\\. First step``): a run of such lines is the list a reader sees.
"""
from __future__ import annotations

import re

from .mdparse import _outside_code_spans
from .plain_text import has_markdown_heading
from .signs import DRAWN_BULLET as DRAWN_BULLET_SIGN, absent, without

BOLD_LINE = re.compile(r"^\s{0,3}(\*\*|__)(?![\s*_])([^*_\n]{2,100}?)(?<!\s)\1[ \t]*\\?[ \t]*$")
NUMBER = re.compile(r"^(\d{1,2}(?:\\?\.\d{1,2}){0,3})\\?[.)]?\s")
INNER_HYPHEN = re.compile(r"(?<=[\w)])\\-")
ESCAPED_ITEM = re.compile(r"^(\s{0,3})(?:\\([-*+])|(\d{1,3})\\([.)]))(\s+\S)")


def bold_headings(lines: list[str], skip: set[int], breaks: set[int] = frozenset()) -> None:
    """Bold-only paragraphs as headings, where the document has no Markdown heading and two or
    more such paragraphs; a sentence in bold (ending '.', '!' or '?') or a label ('**Owner:**') is not one."""
    if has_markdown_heading(lines, skip):
        _numbered_under_headings(lines, skip, breaks)
        return
    titles = {i: _title(line) for i, line in enumerate(lines) if i not in skip and _standalone(lines, i, breaks)}
    heads = {i: title for i, title in titles.items() if title}
    if len(heads) < 2:
        return
    numbered = any(NUMBER.match(title) for title in heads.values())
    depth = 0   # of the last numbered heading: an unnumbered one after it is a part of that section
    for i, title in heads.items():
        number = NUMBER.match(title)
        if number:
            depth = number.group(1).replace("\\", "").count(".") + 1
            level = depth + 1
        else:   # before the first numbered heading: the document's title
            level = depth + 2 if depth else (1 if numbered else 2)
        if number:   # '2\\. Severity levels': the escape is the export's, the number the reader's
            title = number.group(1).replace("\\", "") + title[number.end(1):].replace("\\.", ".", 1)
        lines[i] = "#" * min(level, 6) + " " + title


ATX_NUMBERED = re.compile(r"^(#{1,6})\s+(\d{1,2})[.)]?(?:\s|$)")


def _numbered_under_headings(lines: list[str], skip: set[int], breaks: set[int]) -> None:
    """'**6.1 WMS unavailable**' under '# 6. Scenarios' (a page with headings for its parts, bold for
    the parts of those): a heading one level under its section's, where two or more such are."""
    if without(lines, "**"):
        return
    heads, section = [], None   # section: (level, number) of the last numbered heading above
    for i, line in enumerate(lines):
        atx = ATX_NUMBERED.match(line) if line[:1] == "#" else None
        if atx or line[:1] == "#":
            section = (len(atx.group(1)), atx.group(2)) if atx else None
            continue
        title = _title(line) if section and i not in skip and "**" in line and _standalone(lines, i, breaks) else ""
        number = NUMBER.match(title) if title else None
        parts = number.group(1).replace("\\", "").split(".") if number else []
        if len(parts) == 2 and parts[0] == section[1]:
            heads.append((i, section[0] + 1, title))
    if len(heads) >= 2:
        for i, level, title in heads:
            lines[i] = "#" * min(level, 6) + " " + title


def _title(line: str) -> str:
    match = BOLD_LINE.match(line)
    if not match:
        return ""
    title = match.group(2).strip()
    if title.endswith("?") and NUMBER.match(title):
        return title   # '**1. How urgent is it?**': a numbered part asks its question
    return "" if title.endswith((".", "!", "?", ":", ",", ";")) else title


def _standalone(lines: list[str], i: int, breaks: set[int]) -> bool:
    """A paragraph of its own: blank lines around it, or an HTML line break ending it (``breaks``:
    1-based lines that start a block of their own)."""
    before = i == 0 or not lines[i - 1].strip() or (i + 1) in breaks
    after = i + 1 >= len(lines) or not lines[i + 1].strip() or (i + 2) in breaks
    return before and after


# ('o<TAB>' and '§<TAB>': the second and third levels' bullets of a Word list saved as plain text)
DRAWN_BULLET = re.compile(r"^(\s{0,3})(?:[•◦▪‣●○■□►➢]\s+|[o§]\t\s*)(\S.*)$")


def drawn_bullets(lines: list[str], skip: set[int]) -> None:
    """'• What happened' on two lines or more in a row (an e-mail's '&bull;', a PDF's or a word
    processor's drawn bullet): the list items a reader sees."""
    if absent(lines, DRAWN_BULLET_SIGN):
        return
    run: list[int] = []
    for i in range(len(lines) + 1):
        match = DRAWN_BULLET.match(lines[i]) if i < len(lines) and i not in skip else None
        if match:
            run.append(i)
            continue
        if len(run) >= 2:
            for k in run:
                lines[k] = "- " + DRAWN_BULLET.match(lines[k]).group(2)
        run = []


# '- :red_circle: **SEV1** — ...': GitHub's and Slack's emoji shortcodes leading an item, a picture to a reader
SHORTCODE_LEAD = re.compile(r"^(\s*(?:[-*+]|\d{1,2}[.)])\s+)(?::[a-z0-9_+'-]{1,40}:\s*)+(?=\S)")


def shortcode_bullets(lines: list[str], skip: set[int]) -> None:
    """An item's leading emoji shortcodes dropped: what the item says starts after them."""
    if without(lines, ":"):
        return
    for i, line in enumerate(lines):
        if i not in skip and ":" in line[:12]:
            lines[i] = SHORTCODE_LEAD.sub(r"\1", line)


def escaped_items(lines: list[str], skip: set[int]) -> None:
    """'\\- Hannah: (555) 010-0126' and '1\\. Ask the clinic' on two lines or more in a row: list items;
    and 'on\\-call', '010\\-0126' (outside code spans) the words and numbers a reader sees."""
    if without(lines, "\\"):
        return
    for i, line in enumerate(lines):
        if i not in skip and "\\-" in line:
            lines[i] = _outside_code_spans(line, lambda text: INNER_HYPHEN.sub("-", text))
    run: list[int] = []
    for i in range(len(lines) + 1):
        if i < len(lines) and i not in skip and ESCAPED_ITEM.match(lines[i]):
            run.append(i)
            continue
        if len(run) >= 2:
            for j in run:
                lines[j] = ESCAPED_ITEM.sub(_unescaped, lines[j], count=1)
        run = []


def _unescaped(match: re.Match) -> str:
    indent, bullet, number, delimiter, rest = match.groups()
    return f"{indent}{bullet}{rest}" if bullet else f"{indent}{number}{delimiter}{rest}"

