"""The checker's own reading of LaTeX source, TWiki/Foswiki topics and DokuWiki pages, line by
line: each line as the words a reader of the typeset or rendered page sees, or '' for a line that
is only markup. Written apart from generator/importer/markup/latex.py, twiki.py and dokuwiki.py,
so that the corpus checks do not trust the code they check."""
from __future__ import annotations

import re

CODE_ENVS = ("verbatim", "lstlisting", "minted")
LATEX_RULE = re.compile(r"^(?:\\(?:hline|toprule|midrule|bottomrule)\s*)+$")


def latex_signs(suffix: str, lines: list[str]) -> bool:
    if suffix in (".tex", ".latex"):
        return True
    text = "\n".join(lines)
    commons = sum(s in text for s in ("\\section{", "\\subsection{", "\\begin{itemize}", "\\begin{enumerate}",
                                      "\\begin{tabular}"))
    return suffix == ".txt" and ("\\documentclass" in text or "\\begin{document}" in text or commons >= 2)


def latex(lines: list[str]) -> list[str]:
    """Each line's words; the preamble's but a title, author or date unseen; a table's first row
    names its columns."""
    out, code, body, first_row = [], "", not any("\\begin{document}" in l for l in lines), False
    for line in lines:
        text = re.split(r"(?<!\\)%", line)[0].strip()
        if code:
            code = "" if text.startswith(f"\\end{{{code}}}") else code
            out.append("```" if not code else line)
            continue
        env = re.match(r"^\\(begin|end)\{(\w+)\}", text)
        if not body:
            body = text.startswith("\\begin{document}")
            meta = re.match(r"^\\(title|author|date)\{(.*)\}$", text)
            shown = meta and _latex_words(meta.group(2)).strip()
            out.append("" if not shown else f"# {shown}" if meta.group(1) == "title" else f"{meta.group(1)}: {shown}")
        elif env and env.group(1) == "begin" and env.group(2) in CODE_ENVS:
            code = env.group(2)
            out.append("```")
        elif env:
            first_row = first_row or env.group(2) in ("tabular", "tabularx", "longtable")
            out.append("")
        elif LATEX_RULE.match(text):
            out.append("")
        elif "&" in text.replace("\\&", ""):
            cells = re.split(r"(?<!\\)&", re.sub(r"\\\\.*$", "", text))
            out.append("" if first_row else "| " + " | ".join(_latex_words(c).strip() for c in cells) + " |")
            first_row = False
        else:
            text = re.sub(r"^\\item\s*(?:\[([^\]]*)\])?\s*", lambda m: f"- {m.group(1) or ''} ", text)
            text = re.sub(r"^\\(?:sub)*section\*?\{(.*)\}$", r"# \1", text)
            out.append(_latex_words(text))
    return out


def _latex_words(text: str) -> str:
    text = re.sub(r"\\verb(.)(.*?)\1", r"\2", text)
    text = re.sub(r"\\href\{([^{}]*)\}\{([^{}]*)\}", r"[\2](\1)", text)
    for _ in range(3):   # commands inside commands
        text = re.sub(r"\\[A-Za-z]+\*?(?:\[[^\]]*\])?\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"\\\\|~", " ", text)
    text = re.sub(r"\\([%&_#$])", r"\1", text)
    return re.sub(r"\\[A-Za-z]+", "", text).replace("{", "").replace("}", "")


def twiki_signs(suffix: str, lines: list[str]) -> bool:
    return suffix in (".twiki", ".tml") or (suffix == ".txt" and any(
        re.match(r"^---\++|^%META:|^%TOC%", l) for l in lines))


def twiki(lines: list[str]) -> list[str]:
    """A topic's words: its '%META' and '%TOC%' lines unseen, a '<verbatim>' block's lines as
    written, a header row of bold cells naming its columns."""
    out, code, row = [], "", 0
    for line in lines:
        text = line.strip()
        row = row + 1 if text.startswith("|") else 0
        if code:
            code = "" if text.lower() == f"</{code}>" else code
            out.append("```" if not code else line)
        elif re.match(r"^<(verbatim|pre)\b[^>]*>$", text):
            code = re.match(r"^<(\w+)", text).group(1)
            out.append("```")
        elif re.match(r"^%(?:META:|TOC)", text) or re.fullmatch(r"-{3,}", text):
            out.append("")
        elif row:
            cells = [c.strip() for c in text.strip("|").split("|")]
            header = row == 1 and all(re.fullmatch(r"\*[^*]+\*", c) for c in cells if c)
            out.append("" if header else "| " + " | ".join(_twiki_words(c) for c in cells) + " |")
        else:
            text = re.sub(r"^---\++(?:!!)?\s*", "# ", text)
            out.append(_twiki_words(re.sub(r"^(?:\*|\d{1,2}\.?)\s+", "- ", text)))   # '1. ' and TWiki's older '1 '
    return out


def _twiki_words(text: str) -> str:
    text = re.sub(r"\[\[((?:https?|mailto):[^\]]*)\]\[([^\]]*)\]\]", r"[\2](\1)", text)
    text = re.sub(r"\[\[[^\]]*\]\[([^\]]*)\]\]|\[\[([^\]]*)\]\]", lambda m: m.group(1) or m.group(2), text)
    return re.sub(r"(?<!\w)[*_=]+(\S(?:.*?\S)?)[*_=]+(?!\w)", r"\1", text)


def dokuwiki_signs(suffix: str, lines: list[str]) -> bool:
    """A '== Heading ==' line beside a '^' header row, a '<code>' block or a two-space bullet."""
    if suffix == ".dokuwiki":
        return True
    if suffix != ".txt" or any("'''" in l or l.startswith(("{|", "|=")) for l in lines):
        return False
    headed = any(re.fullmatch(r"={2,6}[^=]+={2,6}\s*", l) for l in lines)
    return headed and any(l.startswith("^") or re.match(r"^\s*<(?:code|file)\b", l) or re.match(r"^  +[*-] ", l)
                          for l in lines)


def dokuwiki(lines: list[str]) -> list[str]:
    """A page's words: a '<code>' block's lines as written, a row of '^' cells naming its columns."""
    out, code = [], ""
    for line in lines:
        text = line.strip()
        if code:
            code = "" if text == f"</{code}>" else code
            out.append("```" if not code else line)
        elif re.match(r"^<(code|file)\b[^>]*>$", text):
            code = re.match(r"^<(\w+)", text).group(1)
            out.append("```")
        elif line.startswith("^") or re.fullmatch(r"-{4,}|~~\w+~~", text):
            out.append("")
        elif line.startswith("|"):
            out.append("| " + " | ".join(_dokuwiki_words(c.strip()) for c in text.strip("|").split("|")) + " |")
        else:
            text = re.sub(r"^=+\s*(.*?)\s*=+$", r"# \1", text)
            out.append(_dokuwiki_words(re.sub(r"^[*-]\s+", "- ", text)))
    return out


def _dokuwiki_words(text: str) -> str:
    text = re.sub(r"\[\[((?:https?|mailto):[^\]|]*)\|([^\]]*)\]\]", r"[\2](\1)", text)
    text = re.sub(r"\[\[[^\]|]*\|([^\]]*)\]\]|\[\[([^\]]*)\]\]", lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"\*\*|''|__|(?<!:)//", "", text)
    return re.sub(r"\s*\\\\\s*", " ", text)
