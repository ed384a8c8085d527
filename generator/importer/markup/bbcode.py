"""BBCode (a forum post saved as text: phpBB, vBulletin, SMF) rewritten as Markdown, line for line.

``[b]..[/b]`` is bold, ``[i]``/``[u]`` emphasis; a line that is only a sized or bold title is a
heading; ``[list]``/``[list=1]`` with ``[*]`` items are lists; ``[code]`` blocks fences (a block's
text may start on its ``[code]`` line and end on its ``[/code]`` line, so its lines are marked
``preformatted`` for the parser rather than fenced);
``[table][tr][td]`` rows HTML table rows; ``[quote]`` a quote; ``[spoiler=Name]`` a bold name over its
text; ``[color]``, ``[size]``, ``[url]`` and ``[hr]`` keep only what a reader sees.
"""
from __future__ import annotations

import re

from . import Converted

SIGNS = re.compile(r"\[(?:b|list|\*|code|quote|url|size|color|spoiler|table)\b[^\]]*\]", re.IGNORECASE)
TITLE = re.compile(r"^\s*(?:\[(?:size|color|u|b|font)(?:=[^\]]*)?\]\s*)+(.+?)(?:\s*\[/(?:size|color|u|b|font)\])+\s*$",
                   re.IGNORECASE)
ITEM = re.compile(r"^\s*\[\*\]\s*(.*)$")
CELL = re.compile(r"\[td\](.*?)\[/td\]", re.IGNORECASE)


def is_bbcode(lines: list[str]) -> bool:
    """Tags in square brackets on five lines or more, lists or code among them."""
    signed = [line for line in lines if SIGNS.search(line)]
    return len(signed) >= 5 and any(re.search(r"\[(?:list|code|\*)\b", line, re.IGNORECASE) for line in signed)


def convert(lines: list[str]) -> Converted:
    out = Converted(list(lines))
    ordered: list[bool] = []
    code = False
    for i, line in enumerate(lines):
        code = _code_line(out, i, line, code)
        if code is None:
            code = False
            continue
        if code:
            continue
        out.lines[i] = _block_line(out, i, line, ordered)
    return out


def _code_line(out: Converted, i: int, line: str, code: bool) -> bool | None:
    """Inside or at the edges of a [code] block: write it, True while inside, None on a closing line."""
    opened = re.search(r"\[code(?:=[^\]]*)?\]", line, re.IGNORECASE)
    closed = re.search(r"\[/code\]", line, re.IGNORECASE)
    if not code and not opened:
        return False
    text = line
    if opened and not code:
        text = line[opened.end():]
    if closed:
        text = re.sub(r"\[/code\].*$", "", text, flags=re.IGNORECASE)
    if text.strip():
        out.lines[i] = text.rstrip()
        out.preformatted[i + 1] = ""   # code with no line free for a fence: the parser makes the block
    else:
        out.lines[i] = ""
        out.hidden.add(i + 1)
    return None if closed else True


def _block_line(out: Converted, i: int, line: str, ordered: list[bool]) -> str:
    stripped = line.strip()
    lowered = stripped.lower()
    if re.fullmatch(r"\[list(=\w+)?\]", lowered):
        ordered.append("=" in lowered)
        out.hidden.add(i + 1)
        return ""
    if lowered in ("[table]", "[/table]"):
        return "<table>" if lowered == "[table]" else "</table>"
    if lowered in ("[/list]", "[hr]") or re.fullmatch(r"\[/?(?:spoiler|quote)\]", lowered):
        out.hidden.add(i + 1)
        if lowered == "[/list]" and ordered:
            ordered.pop()
        return ""
    item = ITEM.match(line)
    if item:
        return ("1. " if ordered and ordered[-1] else "- ") + inline(item.group(1))
    spoiler = re.match(r"^\s*\[spoiler=([^\]]+)\]\s*(.*)$", line, re.IGNORECASE)
    if spoiler:
        return f"**{inline(spoiler.group(1)).strip()}**" + (f" {inline(spoiler.group(2))}" if spoiler.group(2) else "")
    cells = CELL.findall(line)
    if cells:
        return "<tr>" + "".join(f"<td>{inline(c)}</td>" for c in cells) + "</tr>"
    quote = re.match(r"^\s*\[quote(?:=[^\]]*)?\](.*?)(?:\[/quote\])?\s*$", line, re.IGNORECASE)
    if quote:
        return f"> {inline(quote.group(1))}"
    title = TITLE.match(line)
    if title and "[/" not in title.group(1) and len(title.group(1)) <= 80:
        return "## " + inline(title.group(1))
    return inline(line)


def inline(text: str) -> str:
    text = re.sub(r"\[/?b\]", "**", text, flags=re.IGNORECASE)
    text = re.sub(r"\[/?(?:i|u)\]", "*", text, flags=re.IGNORECASE)
    text = re.sub(r"\[url=([^\]]+)\](.*?)\[/url\]", r"\2 (\1)", text, flags=re.IGNORECASE)
    text = re.sub(r"\[/?(?:url|color|size|font|s|center|left|right|td|tr|table)(?:=[^\]]*)?\]", "", text, flags=re.IGNORECASE)
    return text.replace("****", "")
