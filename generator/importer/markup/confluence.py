"""Confluence and Jira wiki markup (a page's 'View storage format' in wiki form, a Jira ticket
template) rewritten as Markdown, line for line.

``h2. Title`` headings, ``*`` / ``#`` lists (``**``, ``##``, ``*#`` nested), ``||header||`` and
``|cell|`` tables (as HTML, which the importer reads whole), ``{code:bash}`` / ``{noformat}`` blocks
as fences, ``{info}`` / ``{note}`` / ``{warning}`` / ``{tip}`` / ``{panel}`` boxes as ``!!!`` boxes, ``bq.``
and ``{quote}`` as block quotes, and the inline ``*bold*``, ``_italic_``, ``{{monospace}}``,
``[text|link]``, ``{color}`` markup.
"""
from __future__ import annotations

import re

from . import Converted, next_text, previous_text

HEADING = re.compile(r"^\s*h([1-6])\.\s+(.*)$")
LIST_ITEM = re.compile(r"^\s*([*#-]+)\s+(\S.*)$")
MACRO = re.compile(r"^\s*\{(code|noformat|info|note|warning|tip|panel|quote|expand|section|column|toc|"
                   r"children|excerpt|anchor)(?::([^}]*))?\}\s*(.*)$", re.IGNORECASE)
BOXES = {"info": "info", "note": "note", "warning": "warning", "tip": "tip", "panel": "note", "expand": "note"}
HIDDEN = {"toc", "children", "anchor", "section", "column"}


def convert(lines: list[str]) -> Converted:
    out = Converted(list(lines))
    open_block: tuple[str, str] | None = None   # (macro, the prefix its lines get)
    table: list[int] = []
    for i, line in enumerate(lines):
        if open_block is not None and open_block[0] in ("code", "noformat"):
            if re.match(rf"^\s*\{{{open_block[0]}\}}\s*$", line, re.IGNORECASE):
                out.lines[i], open_block = "```", None
            else:
                out.lines[i] = line
            continue
        if not line.strip().startswith("|") and table:
            _close_table(out, table)
            table = []
        macro = MACRO.match(line)
        if macro:
            open_block = _macro(out, i, macro, open_block)
            continue
        prefix = open_block[1] if open_block else ""
        if line.strip().startswith("|"):
            table.append(i)
            out.lines[i] = prefix + _row(line.strip(), first=len(table) == 1)
            continue
        out.lines[i] = prefix + _line(line) if line.strip() else ""
    if table:
        _close_table(out, table)
    return out


def _macro(out: Converted, i: int, macro: re.Match, open_block):
    name, options, rest = macro.group(1).lower(), macro.group(2) or "", macro.group(3)
    if name in HIDDEN:
        out.blank(i)
        return open_block
    if name in ("code", "noformat"):
        language = _option(options, "language") or (options.split("|")[0] if "=" not in options.split("|")[0] else "")
        out.lines[i] = f"```{language.strip()}"   # a 'title=' caption is not kept (no line is free for it)
        return (name, "")
    if open_block is not None and open_block[0] == name and not options:
        out.blank(i, previous_text(out.lines, i))   # the macro's closing tag
        return None
    title = _option(options, "title") or (options if "=" not in options else "")
    if name == "quote":
        out.blank(i, next_text(out.lines, i))
        return (name, "> ")
    out.lines[i] = f'!!! {BOXES[name]} "{_inline(title)}"' if title else f"!!! {BOXES[name]}"
    if rest.strip():   # '{info}Short text{info}' on one line
        text = re.sub(rf"\{{{name}\}}\s*$", "", rest, flags=re.IGNORECASE)
        out.lines[i] = f'!!! {BOXES[name]} "{_inline(text.strip())}"'
        return open_block if re.search(rf"\{{{name}\}}\s*$", rest, re.IGNORECASE) else (name, "    ")
    return (name, "    ")


def _option(options: str, key: str) -> str:
    match = re.search(rf"(?:^|\|){key}=([^|]*)", options)
    return match.group(1).strip() if match else ""


def _line(line: str) -> str:
    heading = HEADING.match(line)
    if heading:
        return "#" * int(heading.group(1)) + " " + _inline(heading.group(2))
    quote = re.match(r"^\s*bq\.\s+(.*)$", line)
    if quote:
        return "> " + _inline(quote.group(1))
    item = LIST_ITEM.match(line)
    if item and not re.fullmatch(r"-{4,}", line.strip()):
        markers, text = item.groups()
        indent = "".join("   " if m == "#" else "  " for m in markers[:-1])
        return f"{indent}{'1.' if markers[-1] == '#' else '-'} {_inline(text)}"
    if re.fullmatch(r"\s*-{4,}\s*", line):
        return ""   # a rule across the page
    return _inline(line.strip())


def _row(line: str, first: bool) -> str:
    header = line.startswith("||")
    cells = [c.strip() for c in re.split(r"\|\|?", line.strip().strip("|"))] if not header else \
        [c.strip() for c in line.strip().strip("|").split("||")]
    tag = "th" if header else "td"
    row = "<tr>" + "".join(f"<{tag}>{_inline(c)}</{tag}>" for c in cells) + "</tr>"
    return ("<table>" if first else "") + row


def _close_table(out: Converted, table: list[int]) -> None:
    out.lines[table[-1]] += "</table>"


def _inline(text: str) -> str:
    parts = re.split(r"(\{\{.*?\}\})", text)
    return "".join(f"`{part[2:-2]}`" if n % 2 else _inline_text(part) for n, part in enumerate(parts))


def _inline_text(text: str) -> str:
    text = re.sub(r"\[([^|\]\[]+)\|([^\]]+)\]", lambda m: f"[{m.group(1).strip()}]({m.group(2).strip()})"
                  if re.match(r"(?:https?|mailto|ftp):", m.group(2).strip()) else m.group(1).strip(), text)
    text = re.sub(r"\[~([\w.-]+)\]", r"@\1", text)
    text = re.sub(r"\[((?:https?|mailto):[^\]]+)\]", r"\1", text)
    text = re.sub(r"\{color(?::[^}]*)?\}", "", text)
    text = re.sub(r"\{status:[^}]*title=([^|}]*)[^}]*\}", r"\1", text)
    text = re.sub(r"\{anchor:[^}]*\}", "", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])", r"**\1**", text)
    text = re.sub(r"(?<![\w_])_(?!\s)([^_]+?)(?<!\s)_(?![\w_])", r"*\1*", text)
    text = re.sub(r"\s*\\\\\s*$", "", text)
    return text
