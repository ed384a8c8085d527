"""TWiki and Foswiki topics (``.twiki`` / ``.tml``, or a topic's ``.txt`` file) rewritten as
Markdown, line for line.

``---+ Heading`` to ``---++++++`` (``!!`` keeps one out of the table of contents) are headings;
bullets ``   * `` and numbered items ``   1. `` nest by multiples of three spaces (or tabs), and
``   $ Term: text`` is a definition; ``| *Head* | *Head* |`` rows are tables (as HTML: no line is
free for a separator; a first row whose cells are all bold is the header); ``<verbatim>`` and
``<pre>`` blocks (and ``%CODE{"bash"}%`` ... ``%ENDCODE%``) are fenced code. The inline markup is
``*bold*``, ``__bold italic__``, ``_italic_``, ``=fixed=``, ``==bold fixed==``, ``[[url][text]]``
and ``[[WikiWord]]`` links, ``!WikiWord`` escapes and ``<nop>``. ``%META:...%`` lines (the topic's
form fields, attachments, parent) and ``%TOC%`` are hidden; any other ``%VARIABLE%`` stays as text.
"""
from __future__ import annotations

import re

from . import Converted
from .attached import attach
from .wiki_tables import close_table, html_row, table_goes_on

HEADING = re.compile(r"^---(\+{1,6})(?:!!)?[ \t]*(\S.*?)[ \t]*$")
# '   1. ' and the older '   1 ' (TWiki's first syntax, a number and a space) are numbered items
ITEM = re.compile(r"^((?:   |\t)+)(\*|[aAiI]\.|\d{1,2}\.?|\$)[ \t]+(.*)$")
CONTINUED = re.compile(r"^(?:   |\t)\s*\S")
META = re.compile(r"^%META:\w+\{.*\}%\s*$")
TOC = re.compile(r"^\s*%TOC(?:\{[^{}\n]*\})?%\s*$")
CODE_OPEN = re.compile(r"^\s*(?:<(verbatim|pre)\b([^>\n]*)>|%CODE\{\s*\"?([\w+#-]*)\"?[^}\n]*\}%)\s*$", re.IGNORECASE)
CODE_CLASS = re.compile(r"class=[\"']?(?:language-)?([\w+#-]+)")
ONE_LINE_CODE = re.compile(r"^\s*<(verbatim|pre)\b[^>\n]*>(.*)</\1>\s*$", re.IGNORECASE)
RULE = re.compile(r"^-{3,}\s*$")


def is_twiki(lines: list[str]) -> bool:
    """A '---+' heading, a '%META:' line or a '%TOC%' line."""
    return any(HEADING.match(line) or META.match(line) or TOC.match(line) for line in lines)


def convert(lines: list[str]) -> Converted:
    """The Markdown of a TWiki or Foswiki topic, one line for each of its lines."""
    out = Converted(list(lines))
    markup: dict[int, str] = {}
    table: list[int] = []
    kinds: list[str] = []   # the open list's markers, outermost first
    i = 0
    while i < len(lines):
        line = lines[i]
        table = table_goes_on(out, table, line)
        opened = CODE_OPEN.match(line)
        end = _code_end(lines, i, opened) if opened else None
        if end is not None:
            i, kinds = _code(lines, out, i, end, opened), []
            continue
        if line.lstrip().startswith("|") and not ITEM.match(line):
            table.append(i)
            header = len(table) == 1 and _all_bold(line)
            out.lines[i], kinds = _row(line, len(table) == 1, header), []
        else:
            kinds = _line(out, i, line, kinds, markup)
        i += 1
    close_table(out, table)
    attach(out, markup)
    return out


def _code_end(lines: list[str], i: int, opened: re.Match) -> int | None:
    closing = f"</{opened.group(1)}>" if opened.group(1) else "%ENDCODE%"
    return next((k for k in range(i + 1, len(lines)) if lines[k].strip().lower() == closing.lower()), None)


def _code(lines: list[str], out: Converted, i: int, end: int, opened: re.Match) -> int:
    """A '<verbatim>' block from line ``i`` to ``end`` as a fence; the line after it."""
    lang = opened.group(3) or ""
    if opened.group(2):
        match = CODE_CLASS.search(opened.group(2))
        lang = match.group(1) if match else ""
    out.lines[i], out.lines[end] = "```" + lang.lower(), "```"
    for k in range(i + 1, end):
        out.lines[k] = lines[k].rstrip()
    return end + 1


def _line(out: Converted, i: int, line: str, kinds: list[str], markup: dict[int, str]) -> list[str]:
    """Write line ``i``; the list markers open after it."""
    item = ITEM.match(line)
    if item:
        return _item(out, i, item, kinds)
    heading = HEADING.match(line)
    one_line = ONE_LINE_CODE.match(line)
    if META.match(line):
        out.blank(i)   # the topic's form fields, parent and attachments: shown by the wiki's own page parts
    elif TOC.match(line) or RULE.match(line):
        markup[i] = "next"
    elif heading:
        out.lines[i] = "#" * len(heading.group(1)) + " " + inline(heading.group(2))
        return []
    elif one_line:
        out.lines[i] = one_line.group(2).strip()
        out.preformatted[i + 1] = ""
        return []
    elif CONTINUED.match(line) and kinds:
        out.lines[i] = _indent(kinds) + inline(line.strip())   # a wrapped item: it goes on
        return kinds
    else:
        out.lines[i] = inline(line.strip())
    return [] if not line.strip() else kinds


def _item(out: Converted, i: int, item: re.Match, kinds: list[str]) -> list[str]:
    depth = item.group(1).count("   ") + item.group(1).count("\t")
    marker, text = item.group(2), item.group(3)
    kinds = (kinds + ["-"] * depth)[:depth - 1] + ["1." if marker[0] in "aAiI" or marker[0].isdigit() else "-"]
    prefix = _indent(kinds[:-1])
    if marker == "$":
        term = re.match(r"^([^:\n]*):\s*(.*)$", text)
        words = f"**{inline(term.group(1).strip())}**: {inline(term.group(2))}" if term else inline(text)
        out.lines[i] = f"{prefix}- {words.rstrip()}"
    else:
        out.lines[i] = f"{prefix}{kinds[-1]} {inline(text)}"
    return kinds


def _indent(kinds: list[str]) -> str:
    return "".join(" " * (len(kind) + 1) for kind in kinds)


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return inner.split("|")


def _all_bold(line: str) -> bool:
    """A table's first row is its header when every cell is '*bold*'."""
    cells = [cell for cell in _cells(line) if cell.strip()]
    return bool(cells) and all(re.fullmatch(r"\s*\*[^*\n]+\*\s*", cell) for cell in cells)


def _row(line: str, first: bool, header: bool) -> str:
    cells = []
    for cell in _cells(line):
        words = cell.strip()
        if header and re.fullmatch(r"\*[^*\n]+\*", words):
            words = words[1:-1]
        cells.append((header, inline(words).strip()))
    return html_row(cells, first)


def inline(text: str) -> str:
    """TWiki's inline markup as Markdown's; '=fixed=' spans kept as written."""
    parts = re.split(r"((?<![\w=])==?(?![\s=])[^=\n]*?[^\s=]==?(?![\w=]))", text)
    return "".join(_fixed(part) if n % 2 else _words(part) for n, part in enumerate(parts))


def _fixed(part: str) -> str:
    if part.startswith("==") and part.endswith("=="):
        return f"**`{part[2:-2]}`**"
    return f"`{part.strip('=')}`"


def _words(text: str) -> str:
    text = re.sub(r"\[\[([^\[\]\n]+)\]\[([^\[\]\n]+)\]\]", _link, text)
    text = re.sub(r"\[\[([^\[\]\n]+)\]\]", lambda m: m.group(1).strip(), text)
    text = re.sub(r"<nop>|(?<![\w!])!(?=[A-Z][a-z]+[A-Z])", "", text, flags=re.IGNORECASE)
    text = re.sub(r"%BR%", " ", text)
    text = re.sub(r"(?<![\w_])__(?![\s_])([^_\n]+?)(?<![\s_])__(?![\w_])", r"***\1***", text)
    text = re.sub(r"(?<![\w*])\*(?![\s*])([^*\n]+?)(?<![\s*])\*(?![\w*])", r"**\1**", text)
    return re.sub(r"(?<![\w_])_(?![\s_])([^_\n]+?)(?<![\s_])_(?![\w_])", r"*\1*", text)


def _link(match: re.Match) -> str:
    target, label = match.group(1).strip(), match.group(2).strip()
    if re.match(r"(?:https?|ftp|mailto):", target):
        return f"[{label}]({target})"
    return label
