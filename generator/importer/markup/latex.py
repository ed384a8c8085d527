"""LaTeX source (an incident plan kept as ``.tex``, or saved as ``.txt``) rewritten as Markdown,
line for line.

The preamble (before ``\\begin{document}``) is hidden but for ``\\title{}`` (the page's heading)
and ``\\author{}`` / ``\\date{}`` (front matter). ``\\section`` down to ``\\paragraph`` (starred or
not) are headings; ``itemize`` / ``enumerate`` / ``description`` with ``\\item`` and ``\\item[Term]``
are bullets, numbered items and ``**Term**:`` items, nested environments nested lists;
``tabular`` / ``tabularx`` / ``longtable`` rows (``&`` cells, ``\\\\`` ends) are a pipe table when a
rule line (``\\hline``, ``\\midrule``) under the first row is free for its ``|---|`` line, an HTML
table otherwise; ``verbatim``, ``lstlisting`` (``[language=bash]``) and ``minted{bash}`` are fenced
code. ``\\begin`` / ``\\end`` lines, ``\\maketitle`` and other lines of commands alone are attached to
the text they shape; ``%`` comments are hidden.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import Converted
from .attached import attach
from .latex_inline import group, inline
from .wiki_tables import html_row

SUFFIXES = (".tex", ".latex")
ENVIRONMENT = re.compile(r"^\s*\\(begin|end)\s*\{([A-Za-z]+\*?)\}(.*)$")
HEADING = re.compile(r"^\s*\\(part|chapter|section|subsection|subsubsection|paragraph|subparagraph)\*?\s*"
                     r"(?:\[[^\]\n]*\])?\s*(?=\{)")
LEVELS = {"part": 1, "chapter": 1, "section": 2, "subsection": 3, "subsubsection": 4, "paragraph": 5,
          "subparagraph": 6}
PREAMBLE_SHOWN = re.compile(r"^\s*\\(title|author|date)\s*(?=\{)")
ITEM = re.compile(r"^\s*\\item\b\s*")
RULE_WORD = re.compile(r"\\(?:hline|toprule|midrule|bottomrule|cline\{[^}\n]*\}|cmidrule(?:\([^)\n]*\))?\{[^}\n]*\}"
                       r"|endhead|endfirsthead|endfoot|endlastfoot)(?![A-Za-z])")
ROW_END = re.compile(r"\s*\\\\(?:\s*\[[^\]\n]*\])?\s*$")
CELL = re.compile(r"(?<!\\)&")
LISTS = {"itemize": "-", "enumerate": "1.", "description": "-"}
TABLES = {"tabular", "tabular*", "tabularx", "longtable", "tabulary", "supertabular"}
CODE = {"verbatim", "verbatim*", "lstlisting", "minted", "Verbatim", "BVerbatim", "alltt"}
SIGNS = ("\\section{", "\\subsection{", "\\begin{itemize}", "\\begin{enumerate}", "\\begin{tabular}")


def is_latex(lines: list[str]) -> bool:
    """'\\documentclass', '\\begin{document}', or two of LaTeX's commonest commands."""
    text = "\n".join(lines)
    if re.search(r"^\s*\\(?:documentclass\b|begin\{document\})", text, re.MULTILINE):
        return True
    return sum(sign in text for sign in SIGNS) >= 2


@dataclass
class _State:
    code: str = ""                                    # the code environment we are in
    lists: list[str] = field(default_factory=list)    # open list environments, outermost first
    table: list[int] | None = None                    # the open table's lines
    markup: dict[int, str] = field(default_factory=dict)   # markup line -> 'next' or 'prev'


def convert(lines: list[str]) -> Converted:
    """The Markdown of a LaTeX document, one line for each of its lines."""
    out = Converted(list(lines))
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s*\\begin\{document\}", line)), None)
    end = next((i for i, line in enumerate(lines) if re.match(r"^\s*\\end\{document\}", line)), len(lines))
    state = _State()
    for i, line in enumerate(lines):
        if start is not None and i < start:
            _preamble(out, i, line)
        elif i > end:
            out.blank(i)
        elif state.code:
            _code_line(out, i, line, state)
        else:
            _line(out, i, line, state)
    attach(out, state.markup)
    return out


def _preamble(out: Converted, i: int, line: str) -> None:
    """A preamble line: hidden, but a title, author or date shows."""
    shown = PREAMBLE_SHOWN.match(uncommented(line))
    value = inline(group(line, shown.end())[0]).strip() if shown else ""
    if not value:
        out.blank(i)
    elif shown.group(1) == "title":
        out.lines[i] = "# " + value
    else:
        out.meta[shown.group(1)] = (value, i + 1)
        out.lines[i] = ""   # read as the page's front matter (shown with its fields)


def uncommented(line: str) -> str:
    """The line without its '%' comment (an escaped '\\%' is a percent sign)."""
    match = re.search(r"(?<!\\)%", line)
    return line[:match.start()] if match else line


def _line(out: Converted, i: int, raw: str, state: _State) -> None:
    line = uncommented(raw).rstrip()
    if not line.strip():
        if raw.strip():
            out.blank(i)   # a comment: never typeset
        else:
            out.lines[i] = ""
        return
    environment = ENVIRONMENT.match(line)
    if environment:
        _environment(out, i, environment, state)
    elif state.table is not None:
        state.table.append(i)
    elif ITEM.match(line) and state.lists:
        out.lines[i] = _item(line, state)
    elif HEADING.match(line):
        out.lines[i] = _heading(line)
    else:
        text = inline(line.strip())
        if text.strip():
            out.lines[i] = _indent(state) + text
        else:
            state.markup[i] = "next"   # '\maketitle', '\centering': commands that typeset no words here


def _environment(out: Converted, i: int, match: re.Match, state: _State) -> None:
    kind, name, rest = match.groups()
    if kind == "begin" and name in CODE:
        state.code = name
        out.lines[i] = "```" + _language(name, rest)
        return
    if name in LISTS:
        if kind == "begin":
            state.lists.append(name)
        elif state.lists:
            state.lists.pop()
    elif name in TABLES:
        if kind == "begin":
            state.table = []
        elif state.table is not None:
            _table(out, state.table, state.markup)
            state.table = None
    state.markup[i] = "next" if kind == "begin" else "prev"


def _language(name: str, rest: str) -> str:
    """'[language=bash]' after a listing, '{bash}' after a minted block."""
    if name == "minted":
        match = re.match(r"\s*(?:\[[^\]\n]*\])?\s*\{([\w+#-]+)\}", rest)
    else:
        match = re.search(r"\blanguage\s*=\s*\{?([\w+#-]+)", rest)
    return match.group(1).lower() if match else ""


def _code_line(out: Converted, i: int, line: str, state: _State) -> None:
    if re.match(rf"^\s*\\end\s*\{{{re.escape(state.code)}\}}", line):
        state.code = ""
        out.lines[i] = "```"
    else:
        out.lines[i] = line.rstrip()


def _indent(state: _State) -> str:
    """The indent of a line inside the open lists (a line under an item carries on the item)."""
    return "".join(" " * (len(LISTS[name]) + 1) for name in state.lists)


def _item(line: str, state: _State) -> str:
    """'\\item text', '\\item[Term] text': a bullet, a numbered item or a term in bold."""
    name = state.lists[-1]
    prefix = "".join(" " * (len(LISTS[n]) + 1) for n in state.lists[:-1])
    rest = ITEM.sub("", line, count=1)
    term = ""
    if rest.startswith("["):
        close = _option_end(rest)
        term, rest = inline(rest[1:close]).strip(), rest[close + 1:]
    text = inline(rest.strip())
    if term:
        joined = f"**{term}** {text}" if re.match(r"^[-–—:]", text) or not text else f"**{term}**: {text}"
        return f"{prefix}- {joined.rstrip()}"
    return f"{prefix}{LISTS[name]} {text}"


def _option_end(text: str) -> int:
    """The index of the ']' that closes the option opening ``text`` (braces may hold a ']')."""
    depth = 0
    for k, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "]" and depth == 0:
            return k
    return len(text) - 1


def _heading(line: str) -> str:
    match = HEADING.match(line)
    title, end = group(line, match.end())
    text, rest = inline(title).strip(), inline(line[end:]).strip()
    if rest and match.group(1) in ("paragraph", "subparagraph"):
        return f"**{text}** {rest}"   # a run-in heading: its paragraph goes on on its line
    return "#" * LEVELS[match.group(1)] + " " + " ".join(p for p in (text, rest) if p)


def _table(out: Converted, lines: list[int], markup: dict[int, str]) -> None:
    """A tabular's lines: its rows as a pipe table when they are on lines of their own, one after
    another, a rule line under the first free for the '|---|' line; as HTML otherwise."""
    groups = _row_groups(out, lines)
    rows = [group[0] for group in groups]
    cells = {group[0]: [inline(c).strip() for c in CELL.split(" ".join(_row_text(out.lines[k]) for k in group))]
             for group in groups}
    for i in lines:
        if i not in cells:   # a rule, a wrapped row's later line: with the row above (the first row, at the top)
            markup[i] = "next" if rows and i < rows[0] else "prev"
    if not rows:
        return
    width = max(len(c) for c in cells.values())
    header = cells[rows[0]]
    if all(c.startswith("**") and c.endswith("**") and len(c) > 4 for c in header):
        cells[rows[0]] = [c[2:-2] for c in header]
    pipe = rows[0] + 1 in lines and rows[0] + 1 not in cells and all(len(g) == 1 for g in groups) \
        and rows[1:] == list(range(rows[0] + 2, rows[0] + 1 + len(rows)))
    for n, i in enumerate(rows):
        row = cells[i] + [""] * (width - len(cells[i]))
        if pipe:
            out.lines[i] = "| " + " | ".join(row) + " |"
        else:
            out.lines[i] = html_row([(n == 0, c) for c in row], first=n == 0) + ("</table>" if i == rows[-1] else "")
    if pipe:
        markup.pop(rows[0] + 1)
        out.lines[rows[0] + 1] = "|" + "---|" * width


def _row_groups(out: Converted, lines: list[int]) -> list[list[int]]:
    """The lines of each row: a row runs on to the line that ends it with '\\\\'."""
    groups: list[list[int]] = []
    open_row = False
    for i in lines:
        text = RULE_WORD.sub("", uncommented(out.lines[i])).rstrip()
        if not text.strip():
            continue
        if open_row:
            groups[-1].append(i)
        else:
            groups.append([i])
        open_row = not text.endswith("\\\\")
    return groups


def _row_text(line: str) -> str:
    """A row's cells without its '\\\\' end and the rules after it ('a & b \\\\ \\hline')."""
    text = RULE_WORD.sub("", uncommented(line))
    return ROW_END.sub("", text)
