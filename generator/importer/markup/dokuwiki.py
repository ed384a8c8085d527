"""DokuWiki pages (``.dokuwiki``, or a page's ``.txt`` file from ``data/pages/``) rewritten as
Markdown, line for line.

DokuWiki's headings run the other way from MediaWiki's: ``====== Title ======`` (six) is level
1, ``== Minor ==`` (two) level 5. Bullets ``  * `` and numbered items ``  - `` nest by two spaces;
``^ Head ^`` and ``| cell |`` rows are tables (as HTML: no line is free for a separator; a cell
after ``^`` is a header cell); ``<code bash>`` / ``<file>`` blocks are fenced code (on one line, a
code line), and a line indented two spaces that is not a list item is a code line too. The inline
markup is ``**bold**``, ``//italic//``, ``__underline__``, ``''monospace''``, ``[[link|text]]``,
``{{image|alt}}``, ``%%nowiki%%`` and ``\\\\`` forced line breaks; ``~~NOTOC~~`` is hidden.
"""
from __future__ import annotations

import re

from . import Converted
from .attached import attach
from .wiki_tables import close_table, html_row, opened_cells

HEADING = re.compile(r"^[ \t]*(={2,6})[ \t]*([^=\n].*?)[ \t]*={2,6}[ \t]*$")
ITEM = re.compile(r"^((?:  )+|\t+)([*-])[ \t]*(.*)$")
CODE_OPEN = re.compile(r"^\s*<(code|file)\b([^>\n]*)>\s*$")
ONE_LINE_CODE = re.compile(r"^\s*<(code|file)\b([^>\n]*)>(.*)</\1>\s*$")
MACRO = re.compile(r"^\s*~~[A-Z]+~~\s*$")
ITALIC = re.compile(r"(?<![:/\w])//(?![\s/])(.+?)(?<![\s:/])//(?!/)")
OWN_SIGNS = [re.compile(r"^[\^|][^\n]*\^[ \t]*$", re.MULTILINE), re.compile(r"^\^", re.MULTILINE),
             re.compile(r"^\s*<(?:code|file)\b[^>\n]*>", re.MULTILINE), re.compile(r"^  +[*-] \S", re.MULTILINE),
             re.compile(r"^~~NOTOC~~\s*$", re.MULTILINE)]
WEAK_SIGNS = [ITALIC, re.compile(r"''[^'\n]+''"), re.compile(r"\[\[[^\[\]|\n]+\|[^\[\]\n]+\]\]"),
              re.compile(r"\\\\(?: |$)", re.MULTILINE)]
NOT_OURS = re.compile(r"'''|^\s*\{\||<syntaxhighlight\b|^\|=|^\{\{\{\s*$|^__(?:NO)?TOC__", re.MULTILINE)


def is_dokuwiki(lines: list[str]) -> bool:
    """A heading in '=' beside DokuWiki's own signs ('^' header cells, '<code>' blocks, two-space
    bullets) and one more: MediaWiki's and WikiCreole's own signs are none of them."""
    text = "\n".join(lines)
    if NOT_OURS.search(text) or not any(HEADING.match(line) for line in lines):
        return False
    own = sum(bool(sign.search(text)) for sign in OWN_SIGNS)
    return own >= 1 and own + sum(bool(sign.search(text)) for sign in WEAK_SIGNS) >= 3


def convert(lines: list[str]) -> Converted:
    """The Markdown of a DokuWiki page, one line for each of its lines."""
    out = Converted(list(lines))
    markup: dict[int, str] = {}
    table: list[int] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if table and not line.lstrip()[:1] in ("^", "|"):
            close_table(out, table)
            table = []
        end = _code_end(lines, i) if CODE_OPEN.match(line) else None
        if end is not None:
            i = _code(lines, out, i, end)
            continue
        if line[:1] in ("^", "|"):
            table.append(i)
            out.lines[i] = _row(line, first=len(table) == 1)
        else:
            _line(out, i, line, markup)
        i += 1
    close_table(out, table)
    attach(out, markup)
    return out


def _language(attrs: str) -> str:
    words = attrs.split()
    return words[0].lower() if words and words[0] != "-" else ""


def _code_end(lines: list[str], i: int) -> int | None:
    closing = f"</{CODE_OPEN.match(lines[i]).group(1)}>"
    return next((k for k in range(i + 1, len(lines)) if lines[k].strip() == closing), None)


def _code(lines: list[str], out: Converted, i: int, end: int) -> int:
    """A '<code>' block from line ``i`` to ``end`` as a fence; the line after it."""
    out.lines[i], out.lines[end] = "```" + _language(CODE_OPEN.match(lines[i]).group(2)), "```"
    for k in range(i + 1, end):
        out.lines[k] = lines[k].rstrip()
    return end + 1


def _line(out: Converted, i: int, line: str, markup: dict[int, str]) -> None:
    item = ITEM.match(line)
    heading = HEADING.match(line)
    one_line = ONE_LINE_CODE.match(line)
    if item:
        depth = len(item.group(1)) // 2 if item.group(1)[0] == " " else len(item.group(1))
        marker = "1." if item.group(2) == "-" else "-"
        out.lines[i] = "   " * (depth - 1) + f"{marker} {inline(item.group(3).strip())}"
    elif heading:
        out.lines[i] = "#" * (7 - len(heading.group(1))) + " " + inline(heading.group(2))
    elif one_line:
        out.lines[i] = one_line.group(3).strip()
        out.preformatted[i + 1] = _language(one_line.group(2))
    elif line[:2] in ("  ", "\t ") or line[:1] == "\t":
        out.lines[i] = line.rstrip()
        out.preformatted[i + 1] = ""   # indented two spaces and not an item: DokuWiki's code line
    elif MACRO.match(line):
        out.blank(i)
    elif re.fullmatch(r"\s*-{4,}\s*", line):
        markup[i] = "next"   # a rule across the page
    else:
        out.lines[i] = inline(line.strip())


def _cells(line: str) -> list[tuple[bool, str]]:
    """The cells of a row, each with whether a '^' opens it (a header cell)."""
    return [(bar == "^", cell) for bar, cell in opened_cells(line.rstrip(), "^|")]


def _row(line: str, first: bool) -> str:
    return html_row([(header, inline(cell.strip())) for header, cell in _cells(line)], first)


def inline(text: str) -> str:
    """DokuWiki's inline markup as Markdown's; '%%nowiki%%' and "''mono''" spans kept as written."""
    parts = re.split(r"(%%.*?%%|''.+?''|<nowiki>.*?</nowiki>)", text)
    return "".join(_kept(part) if n % 2 else _words(part) for n, part in enumerate(parts))


def _kept(part: str) -> str:
    if part.startswith("''"):
        return f"`{part[2:-2]}`"
    return part[2:-2] if part.startswith("%%") else part[8:-9]


def _words(text: str) -> str:
    text = re.sub(r"\[\[([^\[\]|\n]*)\|([^\[\]\n]*)\]\]|\[\[([^\[\]\n]*)\]\]", _link, text)
    text = re.sub(r"\{\{([^{}|\n]*)(?:\|([^{}\n]*))?\}\}", lambda m: (m.group(2) or "").strip(), text)
    text = ITALIC.sub(r"*\1*", text)
    # italic run over a paragraph's lines: its opening pair starts one line, its closing pair ends another
    text = re.sub(r"^//(?=\S)|(?<=[^\s:/])//$", "*", text)
    text = re.sub(r"(?<![\w_])__(?![\s_])(.+?)(?<![\s_])__(?![\w_])", r"\1", text)   # underline: no Markdown of its own
    text = re.sub(r"<del>(.*?)</del>", r"~~\1~~", text)
    text = re.sub(r"\s*\\\\\s*$", "  ", text)   # a forced break at the line's end: Markdown's
    return re.sub(r"\s*\\\\(?:\s+|$)", " ", text)


def _link(match: re.Match) -> str:
    target, label = (match.group(1) or match.group(3) or "").strip(), (match.group(2) or "").strip()
    if re.match(r"(?:https?|ftp|mailto):", target):
        return f"[{label or target}]({target})"
    return label or target
