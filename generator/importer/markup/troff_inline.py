"""A troff line's inline markup: font escapes as Markdown emphasis, character escapes as the
characters a reader sees, and a request's quoted arguments."""
from __future__ import annotations

import re

# \(xx and \[name] special characters a man page writes most
CHARACTERS = {"em": "—", "en": "–", "bu": "•", "lq": "“", "rq": "”", "oq": "‘", "cq": "’", "aq": "'",
              "dq": '"', "co": "©", "rg": "®", "tm": "™", "mu": "×", "->": "→", "<-": "←", "de": "°",
              "hy": "-", "mi": "-", "ga": "`", "ti": "~", "ha": "^", "sl": "/", "rs": "\\", "ba": "|",
              "pl": "+", "eq": "=", "lt": "<", "gt": ">", "<=": "≤", ">=": "≥", "ua": "↑", "da": "↓",
              "sc": "§", "ps": "¶", "dg": "†", "ci": "○", "sq": "□", "R": "®", "Tm": "™"}
# one escape: a font change, a special character, a string, a size change, or a one-character one
ESCAPE = re.compile(r"\\(?:f(\[[^\]\n]*\]|\(..|.)|\((..)|\[([^\]\n]*)\]|\*(\(..|\[[^\]\n]*\]|.)|s[+-]?\d|(.))")
FONTS = {"B": "**", "I": "*", "BI": "***", "C": "`", "CW": "`", "CR": "`", "CB": "`", "CI": "`"}
ARGUMENT = re.compile(r'"((?:[^"]|"")*)"?|(\S+)')


def characters(text: str) -> str:
    """The text with its escapes as the characters they draw and its font changes dropped (a code line)."""
    return inline(text, fonts=False)


def inline(text: str, fonts: bool = True) -> str:
    """The text as Markdown: ``\\fB..\\fR`` bold, ``\\fI..\\fP`` italic, ``\\-`` a hyphen, ``\\(em`` a dash."""
    text = _without_comment(text)
    runs: list[tuple[str, str]] = []   # (Markdown mark of the font, the text set in it)
    font, last = "", 0
    for match in ESCAPE.finditer(text):
        runs.append((font, text[last:match.start()]))
        last = match.end()
        if match.group(1) is not None:
            font = FONTS.get(match.group(1).strip("[]("), "") if fonts else ""
        else:
            runs.append((font, _character(match)))
    runs.append((font, text[last:]))
    return "".join(_marked(mark, words) for mark, words in _joined(runs))


def _joined(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Neighbouring runs in the same font as one."""
    out: list[tuple[str, str]] = []
    for mark, words in runs:
        if out and out[-1][0] == mark:
            out[-1] = (mark, out[-1][1] + words)
        elif words:
            out.append((mark, words))
    return out


def _marked(mark: str, words: str) -> str:
    """A run in its font's marks, the spaces at its ends outside them (Markdown's '**a **' is no bold)."""
    core = words.strip()
    if not mark or not core:
        return words
    lead, trail = words[:len(words) - len(words.lstrip())], words[len(words.rstrip()):]
    return f"{lead}{mark}{core}{mark}{trail}"


def _character(match: re.Match) -> str:
    name = match.group(2) or match.group(3) or ""
    if name:
        return CHARACTERS.get(name, "")
    string = match.group(4)
    if string is not None:
        return CHARACTERS.get(string.strip("[("), "")
    single = match.group(5)
    if single in ("-", "e", "\\"):
        return "-" if single == "-" else "\\"
    if single in (" ", "~", "0"):
        return " "
    if single == ".":
        return "."
    return ""   # '\&', '\|', '\^', '\c', '\%', a size change: nothing a reader sees


def _without_comment(text: str) -> str:
    r"""The line before a '\"' comment (an escaped backslash, '\\"', is no comment)."""
    match = re.search(r'(?<!\\)(?:\\\\)*\\"', text)
    return text[:match.start()] if match else text


def arguments(text: str) -> list[str]:
    """A request's arguments: words, or quoted strings with '""' for a quote."""
    text = _without_comment(text)
    return [m.group(1).replace('""', '"') if m.group(1) is not None else m.group(2)
            for m in ARGUMENT.finditer(text) if m.group(1) or m.group(2)]


def alternating(args: list[str], first: str, second: str) -> str:
    """'.BR name (1),': the arguments in two fonts by turns, with no space between them."""
    marks = {"B": "**", "I": "*", "R": ""}
    out = []
    for n, arg in enumerate(args):
        mark = marks[first if n % 2 == 0 else second]
        text = inline(arg)
        out.append(f"{mark}{text}{mark}" if mark and text.strip() else text)
    return "".join(out)
