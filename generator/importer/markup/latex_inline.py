"""LaTeX's inline markup as Markdown's: ``\\textbf{}`` bold, ``\\emph{}`` / ``\\textit{}`` italic,
``\\texttt{}`` and ``\\verb|x|`` code, ``\\url{}`` and ``\\href{url}{text}`` links, the escaped
characters (``\\%``, ``\\&``, ``\\_``, ``\\#``, ``\\$``), ``~`` spaces, ``\\\\`` breaks and the
``--`` / ``---`` dashes. A command this reader does not know shows its argument's words, as
a reader of the typeset page sees them; one without an argument shows nothing."""
from __future__ import annotations

import re

WRAPS = {"textbf": "**", "emph": "*", "textit": "*", "textsl": "*", "texttt": "`", "code": "`"}
SHOWN = {"underline", "textsc", "mbox", "text", "textrm", "textsf", "textnormal", "hbox", "caption",
         "textmd", "textup", "small", "large", "footnotesize", "uline"}
DROPPED = {"label", "index", "vspace", "hspace", "pagebreak", "newpage", "clearpage", "addvspace", "phantom",
           "setlength", "pagestyle", "thispagestyle", "usepackage", "documentclass"}
WORDS = {"LaTeX": "LaTeX", "TeX": "TeX", "ldots": "...", "dots": "...", "textbackslash": "\\",
         "textasciitilde": "~", "textbar": "|", "textless": "<", "textgreater": ">", "textendash": "–",
         "textemdash": "—", "textbullet": "•", "S": "§", "newline": " ", "linebreak": " ", "quad": " ",
         "qquad": " ", "par": " ", "textasciicircum": "^", "textunderscore": "_", "slash": "/"}
ESCAPED = "%&_#${}"
ARGUMENTS = {"href": 2, "multicolumn": 3, "multirow": 3, "makebox": 1}
DEEPEST = 20   # commands nested deeper than any page writes: their words, not their markup


def inline(text: str, depth: int = 0) -> str:
    """The Markdown of a line of LaTeX text (its comment already taken off)."""
    if depth > DEEPEST:
        return re.sub(r"\\[A-Za-z]*|[{}]", "", text)
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i = _command(text, i, out, depth)
            continue
        if char == "-" and text.startswith("---", i):
            out.append("—")
            i += 3
            continue
        if char == "-" and text.startswith("--", i):
            out.append("–")
            i += 2
            continue
        if text.startswith(("``", "''"), i):
            out.append('"')
            i += 2
            continue
        out.append({"~": " ", "{": "", "}": "", "$": ""}.get(char, char))
        i += 1
    return "".join(out).rstrip() + ("  " if _breaks_at_end(text) else "")


def _breaks_at_end(text: str) -> bool:
    stripped = text.rstrip()
    return stripped.endswith("\\\\") and not stripped.endswith("\\\\\\")


def group(text: str, i: int) -> tuple[str, int]:
    """The text of the brace group opening at ``text[i]`` and the index after it."""
    depth, k = 0, i
    while k < len(text):
        if text[k] == "\\":
            k += 2
            continue
        depth += {"{": 1, "}": -1}.get(text[k], 0)
        if depth == 0:
            return text[i + 1:k], k + 1
        k += 1
    return text[i + 1:], len(text)


def _command(text: str, i: int, out: list[str], depth: int) -> int:
    """A command at ``text[i]`` (its backslash) written to ``out``; the index after it."""
    k = i + 1
    while k < len(text) and text[k].isalpha():
        k += 1
    name = text[i + 1:k]
    if not name:
        return _symbol(text, i, out)
    if name == "verb":
        return _verb(text, k, out)
    k = _skip_options(text, k)
    args = []
    for _ in range(ARGUMENTS.get(name, 1)):
        if k < len(text) and text[k] == "{":
            arg, k = group(text, k)
            args.append(arg)
    out.append(_shown(name, args, depth + 1))
    return k


def _skip_options(text: str, k: int) -> int:
    if text.startswith("*", k):
        k += 1
    while k < len(text) and text[k] == "[":
        end = text.find("]", k)
        if end < 0:
            break
        k = end + 1
    return k


def _shown(name: str, args: list[str], depth: int) -> str:
    """What a reader sees of ``\\name{args}``."""
    if name in DROPPED:
        return ""
    if not args:
        return WORDS.get(name, "")
    if name == "href":
        return f"[{inline(args[1], depth)}]({args[0]})" if len(args) > 1 else args[0]
    if name == "url":
        return args[0]
    if name in ("multicolumn", "multirow"):
        return inline(args[-1], depth)
    if name == "footnote":
        return f" ({inline(args[0], depth)})"
    mark = WRAPS.get(name)
    if mark == "`":
        return f"`{code_text(args[0])}`"
    words = inline(args[0], depth).strip()
    return f"{mark}{words}{mark}" if mark and words else words


def code_text(text: str) -> str:
    """A ``\\texttt{}`` argument as typed: its escapes as their characters, no other markup read."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in ESCAPED + " ":
            out.append(text[i + 1])
            i += 2
        elif text[i] == "\\":
            k = i + 1
            while k < len(text) and text[k].isalpha():
                k += 1
            out.append(WORDS.get(text[i + 1:k], ""))
            i = k
        else:
            out.append({"{": "", "}": "", "~": " "}.get(text[i], text[i]))
            i += 1
    return "".join(out)


def _symbol(text: str, i: int, out: list[str]) -> int:
    """'\\%' and the other escapes, '\\\\' a line break, '\\ ' and '\\,' spaces."""
    char = text[i + 1:i + 2]
    if char in ESCAPED and char:
        out.append(char)
    elif char == "\\":
        out.append(" ")
        k = i + 2
        return _skip_options(text, k)
    elif char in (" ", ",", ";", "!", "/"):
        out.append(" " if char != "/" else "")
    return i + 2


def _verb(text: str, k: int, out: list[str]) -> int:
    """'\\verb|x|' (any delimiter): a code span of its text as typed."""
    if text.startswith("*", k):
        k += 1
    if k >= len(text):
        return k
    end = text.find(text[k], k + 1)
    end = len(text) if end < 0 else end
    out.append(f"`{text[k + 1:end]}`")
    return end + 1
