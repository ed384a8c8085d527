"""The checker's own reading of a man page's troff source (man(7) macros), line by line: each line
as the words a reader of the rendered page sees, or '' for a line that is only markup. Written apart
from generator/importer/markup/troff.py, so that the corpus checks do not trust the code they check."""
from __future__ import annotations

import re

MAN = (".man",) + tuple(f".{n}" for n in range(1, 10))
MACRO = re.compile(r"^\.(?:TH|SH|SS|PP|LP|P|TP|IP|RS|RE|nf|fi|EX|EE|B|I|BR|IR|RB|RI|BI|IB|\\\")(?:\s|$)")
LAYOUT = {"", "PP", "LP", "P", "HP", "TP", "TQ", "RS", "RE", "ad", "na", "hy", "nh", "sp", "br", "ne", "in",
          "ft", "ps", "ti", "ll", "ta", "vs", "PD", "ce", "ul", "nr", "ds", "if", "ie", "el", "fi", "EE", "UE", "ME",
          "YS", "so", "bp", "pl", "fam", "lf", "mso"}
NAMED = {"em": "—", "en": "–", "bu": "•", "lq": '"', "rq": '"', "oq": "'", "cq": "'", "aq": "'", "dq": '"',
         "co": "©", "rg": "®", "tm": "™", "mu": "×", "->": "→", "de": "°", "hy": "-", "mi": "-"}


def troff_signs(suffix: str, lines: list[str]) -> bool:
    """A man page by its suffix, or a '.txt' file with man macros at the start of its lines."""
    if suffix in MAN:
        return True
    found = [m.group(0).split()[0] for m in map(MACRO.match, lines) if m]
    return suffix == ".txt" and len(found) >= 6 and bool({".TH", ".SH"} & set(found)) and len(set(found)) >= 3


def troff(lines: list[str]) -> list[str]:
    """Each line's words: a heading's, a term's, a code line's as typed; markup lines ''."""
    out, code, skipping = [], "", False
    for n, line in enumerate(lines):
        request = re.match(r"^[.']\s*([^\s\\]*)\s*(.*)$", line)
        name, rest = (request.group(1), request.group(2)) if request else ("", "")
        if skipping:
            skipping = line.strip() != ".."
            out.append("")
        elif re.match(r"^[.']?\s*\\\"", line):
            out.append("")
        elif code:
            code = "" if request and name == code else code
            out.append("```" if not code else "" if request and name in LAYOUT else _words(
                " ".join(_args(rest)) if request else line))
        elif request and name in ("nf", "EX"):
            close = "fi" if name == "nf" else "EE"
            ahead = [re.match(r"^[.']\s*([^\s\\]*)", l) for l in lines[n + 1:]]
            ends = [m.group(1) for m in ahead if m and m.group(1) in (name, close)]
            code = close if ends and ends[0] == close else ""
            out.append("```" if code else "")
        elif request and name in ("de", "ig", "am"):
            skipping = True
            out.append("")
        elif request:
            out.append(_request(name, _args(rest)))
        else:
            out.append(_words(line))
    return out


def _request(name: str, args: list[str]) -> str:
    if name in LAYOUT:
        return ""
    if name == "IP":
        tag = _words(args[0]) if args else ""
        return "" if re.fullmatch(r"•|-|\*|o|\(?\d+[.)]", tag) else tag
    joiner = "" if name in ("BR", "BI", "IB", "IR", "RB", "RI") else " "
    text = _words(joiner.join(args))
    return "# " + text if name in ("TH", "SH", "SS") else text


def _args(text: str) -> list[str]:
    text = re.split(r'(?<!\\)\\"', text)[0]
    return [q if q else w for q, w in re.findall(r'"([^"]*)"?|(\S+)', text) if q or w]


def _words(text: str) -> str:
    text = re.split(r'(?<!\\)\\"', text)[0]
    text = re.sub(r"\\f(?:\[[^\]]*\]|\(..|.)", "", text)
    text = re.sub(r"\\\((..)|\\\[([^\]]*)\]", lambda m: NAMED.get(m.group(1) or m.group(2), ""), text)
    text = re.sub(r"\\[-e]", lambda m: "-" if m.group(0) == "\\-" else "\\", text)
    text = re.sub(r"\\[ ~0]", " ", text)
    return re.sub(r"\\s[+-]?\d|\\[&|^c%]", "", text).strip()
