"""A man page's troff source (man(7) macros) rewritten as Markdown, line for line.

Ops teams keep runbooks as man pages (``incident(7)``). ``.TH`` is the page's title, ``.SH`` and
``.SS`` its headings; ``.TP`` tags its next line as a term over its description (written as
reStructuredText's definitions are: ``**Term**:`` over its text); ``.IP \\(bu`` and ``.IP 1.`` are
bullet and numbered items; ``.nf``/``.fi`` and ``.EX``/``.EE`` are code blocks, their request lines
the fences; ``.B``, ``.I``, ``.BR`` and ``\\fB..\\fR`` are emphasis. ``.PP``, ``.RS``/``.RE`` and the
like are markup attached to the text they shape; comments, macro definitions and requests that
only format (``.sp``, ``.ad``, ``.in``) are hidden; any other request keeps its text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import Converted
from .troff_inline import alternating, arguments, characters, inline

REQUEST = re.compile(r"^[.'][ \t]*([^\s\\]*)[ \t]*(.*)$")
COMMENT = re.compile(r"^[.']?[ \t]*\\\"")
SIGN = re.compile(r"^\.(?:TH|SH|SS|PP|LP|P|TP|IP|RS|RE|nf|fi|EX|EE|B|I|BR|IR|RB|RI|BI|IB|\\\")(?:\s|$)")
# requests that only lay the page out: nothing of theirs is shown
FORMATTING = {"ad", "na", "hy", "nh", "sp", "br", "ne", "in", "ft", "ps", "ti", "ll", "ta", "vs", "ls", "fam",
              "pl", "bp", "nr", "ds", "PD", "ce", "ul", "cu", "fl", "lf", "cp", "tr", "hw", "ss", "cs", "bd",
              "mk", "rt", "ns", "rs", "ev", "rm", "rn", "as", "if", "ie", "el", "hc", "lg", "pn", "po", "mso",
              "UC", "DT", "AT", "ig", "de", "am", "de1", "\\}"}
DEFINITIONS = {"de", "am", "ig", "de1"}               # a block up to its '..' line
BREAKS = {"PP", "LP", "P", "HP", "RS"}                # markup that goes with the text after it
ENDS = {"RE", "UE", "ME", "YS"}                       # markup that goes with the text before it
LINK_ENDS = {"UE", "ME"}                              # their words are the text after a link
CODE = {"nf": "fi", "EX": "EE"}
ALTERNATING = {"BR", "BI", "IB", "IR", "RB", "RI"}
BULLETS = ("•", "-", "*", "o", "+", "·", "–", "—")


def is_troff(lines: list[str]) -> bool:
    """Man macros at the start of six lines or more, a '.TH' or '.SH' among them, of three kinds."""
    names = [m.group(0).split()[0] for m in (SIGN.match(line) for line in lines) if m]
    return len(names) >= 6 and bool({".TH", ".SH"} & set(names)) and len(set(names)) >= 3


@dataclass
class _State:
    code: str = ""            # the request that ends the code block we are in
    definition: bool = False  # inside '.de' .. '..'
    pending: str = ""         # what the next text line is: 'term', '## ', '**', '*'
    item: str = ""            # the list marker the next text line starts with
    indent: str = ""          # a term's description is indented under its '- **Term**:' item
    markup: dict[int, str] = field(default_factory=dict)   # markup line -> 'next' or 'prev'


def convert(lines: list[str]) -> Converted:
    """The Markdown of a man page's troff source, one line for each of its lines."""
    out = Converted(list(lines))
    state = _State()
    for i, line in enumerate(lines):
        out.lines[i] = _line(out, lines, i, state)
    _attach(out, state.markup)
    return out


def _line(out: Converted, lines: list[str], i: int, state: _State) -> str:
    line = lines[i]
    if state.definition:
        state.definition = line.strip() != ".."
        out.hidden.add(i + 1)
        return ""
    if state.code:
        return _code_line(out, i, line, state)
    if COMMENT.match(line):
        out.hidden.add(i + 1)
        return ""
    request = REQUEST.match(line)
    if request:
        return _request(out, lines, i, request.group(1), request.group(2), state)
    if not line.strip():
        return ""
    text = inline(line.strip())
    if not text.strip():
        out.hidden.add(i + 1)
        return ""
    return _text(text, state)


def _text(text: str, state: _State) -> str:
    """A line of text, as the request before it shaped it (a term, a heading, an item)."""
    pending, item = state.pending, state.item
    state.pending = state.item = ""
    if pending == "term":
        state.indent = "  "
        return f"- **{_plain(text)}**:"
    if pending == "## " or pending == "### ":
        return pending + _plain(text)
    if pending:
        return f"{state.indent}{pending}{text}{pending}"
    return state.indent + item + text


def _plain(text: str) -> str:
    """A term's or a heading's words without their emphasis (the term is bold already)."""
    return re.sub(r"\*+|`", "", text).strip()


def _request(out: Converted, lines: list[str], i: int, name: str, rest: str, state: _State) -> str:
    args = arguments(rest)
    words = " ".join(args)
    if name in CODE:
        return _open_code(out, lines, i, name, state)
    if name in DEFINITIONS:
        state.definition = True
    if name in FORMATTING or name in CODE.values() or name == "..":
        out.hidden.add(i + 1)
        return ""
    if name in ("TP", "TQ", "IP", "SH", "SS", "TH") or name in BREAKS - {"RS"}:
        state.indent = ""   # a new item, heading or paragraph ends a term's description
    if name in ("SH", "SS", "TH"):
        state.pending = state.item = ""
    shaped = _shaping(name, args, words, state)
    if shaped is not None:
        return shaped
    if name in ("TP", "TQ"):
        state.pending = "term"
    elif name == "IP":
        return _indented_paragraph(i, args, state)
    elif (name in BREAKS or name in ENDS) and name not in LINK_ENDS:
        state.item = ""
    elif words:   # '.UE ,' (the punctuation after a link), or a request this reader does not know
        return state.indent + inline(words)
    state.markup[i] = "prev" if name in ENDS else "next"
    return ""


def _shaping(name: str, args: list[str], words: str, state: _State) -> str | None:
    """The requests that write their own text: the title, headings, emphasis."""
    if name == "TH":
        return _title(args)
    if name in ("SH", "SS"):
        mark = "## " if name == "SH" else "### "
        if words:
            return mark + _plain(inline(words))
        state.pending = mark
        return None
    if name in ("B", "I", "SB", "SM"):
        mark = {"B": "**", "SB": "**", "I": "*", "SM": ""}[name]
        if not words:
            state.pending = mark
            return None
        return _text(f"{mark}{inline(words)}{mark}" if mark else inline(words), state)
    if name in ALTERNATING:
        return _text(alternating(args, name[0], name[1]), state) if args else None
    return None


def _title(args: list[str]) -> str:
    """'.TH QF-INCIDENT 7 date source manual': '# QF-INCIDENT(7) — manual (date, source)'."""
    name, section, rest = (args + ["", ""])[0], (args + ["", ""])[1], [inline(a) for a in args[2:] if a.strip()]
    title = f"{inline(name)}({inline(section)})" if section else inline(name)
    if len(rest) >= 3:
        return f"# {title} — {rest[2]} ({', '.join(rest[:2])})"
    return f"# {title}" + (f" ({', '.join(rest)})" if rest else "")


def _indented_paragraph(i: int, args: list[str], state: _State) -> str:
    """'.IP \\(bu 2' a bullet, '.IP 1. 4' a numbered item, '.IP Tag' a term, '.IP' a paragraph."""
    tag = characters(args[0]).strip() if args else ""
    number = re.fullmatch(r"\(?(\d{1,3})[.)]", tag)
    if tag in BULLETS or number:
        state.item = f"{number.group(1)}. " if number else "- "
    elif tag:
        state.indent = "  "
        return f"- **{_plain(inline(args[0]))}**:"
    else:
        state.item = ""
    state.markup[i] = "next"
    return ""


def _open_code(out: Converted, lines: list[str], i: int, name: str, state: _State) -> str:
    """'.nf' or '.EX': a fence, when its closing request comes before the next opening one and
    there are lines between them; hidden otherwise."""
    closing = CODE[name]
    for j in range(i + 1, len(lines)):
        request = REQUEST.match(lines[j])
        if request and request.group(1) in (closing, name):
            if request.group(1) == closing and j > i + 1:
                state.code = closing
                state.pending = state.item = ""
                return state.indent + "```"
            break
    out.hidden.add(i + 1)
    return ""


def _code_line(out: Converted, i: int, line: str, state: _State) -> str:
    """A line of a code block, shown as written (its escapes as the characters they draw)."""
    request = REQUEST.match(line)
    if request and request.group(1) == state.code:
        state.code = ""
        return state.indent + "```"
    if COMMENT.match(line):
        out.hidden.add(i + 1)
        return ""
    if request:
        name, args = request.group(1), arguments(request.group(2))
        if name in FORMATTING or name in CODE or name in BREAKS or name in ENDS:
            out.hidden.add(i + 1)
            return ""
        if name in ("B", "I", "SB", "SM") or name in ALTERNATING:
            return state.indent + characters(("" if name in ALTERNATING else " ").join(args))
    return state.indent + characters(line.rstrip())


def _attach(out: Converted, markup: dict[int, str]) -> None:
    """Each markup line goes with the text it shapes (after it, or before it), or is hidden."""
    text = [bool(line.strip()) and j not in markup and not line.lstrip().startswith("```")
            for j, line in enumerate(out.lines)]
    after: list[int | None] = [None] * (len(text) + 1)
    for j in range(len(text) - 1, -1, -1):   # one pass each way: a page of markup lines stays linear
        after[j] = j if text[j] else after[j + 1]
    before: list[int | None] = [None] * (len(text) + 1)
    for j, shown in enumerate(text):
        before[j + 1] = j if shown else before[j]
    for i, direction in markup.items():
        later, earlier = after[i + 1], before[i]
        first, second = (later, earlier) if direction == "next" else (earlier, later)
        out.blank(i, first if first is not None else second)
