"""WikiCreole 1.0 (a wiki page saved as ``.txt`` or ``.creole``) rewritten as Markdown, line for line.

``= Heading =`` (``=`` to ``======``, the closing run optional), ``*`` / ``#`` lists nesting by
their count (a line led by ``**`` is bold unless a list is open above it, as the spec reads it),
``|=head|`` and ``|cell|`` rows as tables (as HTML: no line is free for a separator), ``{{{`` /
``}}}`` lines as fences (a preformatted block's ``}}}`` escaped by a leading space), ``----`` rules,
and the inline ``**bold**``, ``//italic//``, ``{{{nowiki}}}``, ``[[link|text]]``, ``{{image|alt}}``,
``\\\\`` line breaks (a line's last one as Markdown's two trailing spaces) and ``~`` escapes.
"""
from __future__ import annotations

import re

from . import Converted
from .wiki_tables import close_table, html_row, split_cells, table_goes_on

HEADING = re.compile(r"^\s*(={1,6})[ \t]*([^=\s].*?)[ \t]*=*[ \t]*$")
LIST_ITEM = re.compile(r"^\s*([*#]+)[ \t]*(\S.*)$")
ITALIC = re.compile(r"(?<![:/\w])//(?![\s/])(.+?)(?<![\s:/])//(?!/)")
SIGNS = [re.compile(r"^\s*\|=", re.MULTILINE), re.compile(r"^\{\{\{\s*$", re.MULTILINE),
         re.compile(r"(?<![:/\w])//(?![\s/])[^\n]+?(?<![\s:/])//(?!/)"), re.compile(r"\\\\"),
         re.compile(r"\[\[[^\[\]\n]+\]\]"), re.compile(r"\*\*(?!\s)[^*\n]+(?<!\s)\*\*")]
HEADING_SIGN = re.compile(r"^\s*={1,6}[ \t]*[^=\s][^\n]*$", re.MULTILINE)


def is_creole(lines: list[str]) -> bool:
    """WikiCreole's signs of three kinds, one of them its own (headings in '=', '|=' header cells or
    '{{{' blocks): bold in asterisks and '[[links]]' alone are Markdown's and note apps' too."""
    text = "\n".join(lines)
    headings = len(HEADING_SIGN.findall(text)) >= 2
    found = [bool(sign.search(text)) for sign in SIGNS]
    blocks = found[1] and bool(re.search(r"^\}\}\}\s*$", text, re.MULTILINE))
    strong = headings + found[0] + blocks
    return strong >= 1 and strong + sum(found[2:]) >= 3


def convert(lines: list[str]) -> Converted:
    """The Markdown of a WikiCreole page, one line for each of its lines."""
    out = Converted(list(lines))
    table: list[int] = []
    depth = 0   # the open list's depth
    i = 0
    while i < len(lines):
        line = lines[i]
        table = table_goes_on(out, table, line)
        if line.strip() == "{{{" and _closing(lines, i) is not None:
            i, depth = _preformatted(lines, out, i), 0
            continue
        if line.lstrip().startswith("|"):
            table.append(i)
            out.lines[i] = _row(line, first=len(table) == 1)
        else:
            depth = _line(out, i, line, depth)
        i += 1
    close_table(out, table)
    return out


def _closing(lines: list[str], i: int) -> int | None:
    return next((k for k in range(i + 1, len(lines)) if lines[k].rstrip() == "}}}"), None)


def _preformatted(lines: list[str], out: Converted, i: int) -> int:
    """A '{{{' block from line ``i`` as a fence; the line after its '}}}'."""
    end = _closing(lines, i)
    out.lines[i] = out.lines[end] = "```"
    for k in range(i + 1, end):
        out.lines[k] = lines[k][1:] if lines[k].startswith(" }}}") else lines[k]
    return end + 1


def _line(out: Converted, i: int, line: str, depth: int) -> int:
    """Write line ``i``; the depth of the list open after it."""
    heading = HEADING.match(line)
    item = LIST_ITEM.match(line)
    if item and (len(item.group(1)) == 1 or len(item.group(1)) <= depth + 1) and not _bold_lead(item, line, depth):
        markers, text = item.groups()
        indent = "".join("   " if m == "#" else "  " for m in markers[:-1])
        out.lines[i] = f"{indent}{'1.' if markers[-1] == '#' else '-'} {inline(text)}"
        return len(markers)
    if heading:
        out.lines[i] = "#" * len(heading.group(1)) + " " + inline(heading.group(2))
    elif re.fullmatch(r"\s*-{4,}\s*", line):
        out.blank(i)   # a rule across the page
    else:
        out.lines[i] = inline(line.strip())
    return 0


def _bold_lead(item: re.Match, line: str, depth: int) -> bool:
    """'**Duty officer** - ...': bold text, not an item two deep (outside a list, or with its word
    right after the asterisks and its closing pair on the line)."""
    if not item.group(1).startswith("**") or "**" not in item.group(2):
        return False
    return depth == 0 or bool(re.match(r"^\s*\*\*[^\s*]", line))


def _row(line: str, first: bool) -> str:
    cells = []
    for cell in split_cells(line.strip()):
        header = cell.lstrip().startswith("=")
        cells.append((header, inline(cell.lstrip()[1:] if header else cell).strip()))
    return html_row(cells, first)


def inline(text: str) -> str:
    """WikiCreole's inline markup as Markdown's; '{{{nowiki}}}' spans kept as written."""
    out, at = [], 0
    while (start := text.find("{{{", at)) >= 0 and (end := text.find("}}}", start + 3)) >= 0:
        while text[end + 3:end + 4] == "}":   # '{{{x}}}}': the last three braces close it
            end += 1
        out += [_inline_text(text[at:start]), f"`{text[start + 3:end]}`"]
        at = end + 3
    return "".join(out) + _inline_text(text[at:])


def _inline_text(text: str) -> str:
    text = re.sub(r"\[\[([^\[\]|\n]*)\|([^\[\]\n]*)\]\]|\[\[([^\[\]\n]*)\]\]", _link, text)
    text = re.sub(r"\{\{([^{}|\n]*)(?:\|([^{}\n]*))?\}\}", lambda m: (m.group(2) or "").strip(), text)
    text = ITALIC.sub(r"*\1*", text)
    text = re.sub(r"\s*\\\\\s*$", "  ", text)   # Markdown's line break: the paragraph goes on
    text = re.sub(r"\s*\\\\\s*", " ", text)
    return re.sub(r"(?<![\w/~])~(?=[^\s\w])", "", text)


def _link(match: re.Match) -> str:
    target, label = (match.group(1) or match.group(3) or "").strip(), (match.group(2) or "").strip()
    if re.match(r"(?:https?|ftp|mailto):", target):
        return f"[{label or target}]({target})"
    return label or target
