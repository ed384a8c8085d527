"""Messages copied out of Slack's (or Teams') window: a header line per message ('Marcy Fairweather
10:01 AM', 'Kemi Ladipo  Mar 8th at 4:12 PM'), Slack's own markup in the text ('*bold*', ':emoji:',
'```code```' on one line, '•' bullets), thread replies indented under it, and the app's furniture
('[Pinned by ...]', ':heart: 14  :+1: 9', '12 replies  Last reply 3 days ago').

Line for line: headers and furniture stay as written (notes show them), a line that is only a bold
phrase ('*Severity levels* (if unsure pick the higher one)') heads what follows, Slack's bold is
Markdown's, emoji shortcodes at a line's ends go, a reply's indent goes (it is no code block), and
every line is a paragraph of its own, as Slack shows it.
"""
from __future__ import annotations

import re

from . import Converted

_TIME = r"\d{1,2}:\d\d\s?[AP]M"
HEADER = re.compile(r"^\s*[A-Z][\w'’.-]*(?:\s[A-Z@][\w'’.-]*){0,3}\s{2,}(?:" + _TIME +
                    r"|[A-Z][a-z]{2}\s\d{1,2}(?:st|nd|rd|th)?(?:,\s\d{4})?\sat\s" + _TIME +
                    r"|(?:Yesterday|Today)\sat\s" + _TIME + r")(?:\s+\(edited\))?\s*$")
EDGE_EMOJI = re.compile(r"^(?:\s*:[a-z0-9_+'-]{1,40}:)+\s*|(?:\s*:[a-z0-9_+'-]{1,40}:)+\s*$")
TITLE_ONLY = re.compile(r"^\*([^*\n]{2,80})\*(\s*\([^()]*\))?\s*$")
BOLD = re.compile(r"(?<![\w*])\*([^*\n]{1,80}?)\*(?![\w*])")
ONE_LINE_FENCE = re.compile(r"^```(.+?)```$")
EMOJI = re.compile(r":[a-z0-9_+'-]{1,40}:")
RULE = re.compile(r"^(?:={4,}|-{4,}|_{4,}|\*{4,})$")


def is_slack_copy(lines: list[str]) -> bool:
    """Two message headers or more ('Name  10:01 AM')."""
    return sum(bool(HEADER.match(line)) for line in lines if "M" in line) >= 2


def convert(lines: list[str]) -> Converted:
    out = Converted(list(lines))
    fenced = False
    for i, line in enumerate(lines):
        text = line.strip()
        if text.startswith("```") and not ONE_LINE_FENCE.match(text):
            fenced = not fenced
            out.lines[i] = text
            continue
        if fenced or not text:
            out.lines[i] = line if fenced else ""
            continue
        if RULE.match(text):   # '=====...' between pins: a separator, never a heading's underline
            out.blank(i)
            continue
        out.lines[i] = _line(text)
        if not out.lines[i].startswith(("- ", "#")):
            out.breaks.add(i + 1)   # Slack shows each line as it was typed: never a wrapped line
    return out


def _line(text: str) -> str:
    """One line of a message as Markdown."""
    if HEADER.match(text):
        return text
    code = ONE_LINE_FENCE.match(text)
    if code:   # '```kubectl -n checkout rollout history deploy/checkout-api```': a command on its line
        return f"`{code.group(1).strip()}`"
    bare = EDGE_EMOJI.sub("", text)   # ':red_circle: *SEV1 ...*'; a line of reactions stays as it is
    if not re.search(r"[^\d\s]", EMOJI.sub("", bare)):
        return text
    title = TITLE_ONLY.match(bare)
    if title:
        return f"## {title.group(1).strip()}{title.group(2) or ''}"
    if bare.startswith("• "):
        bare = "- " + bare[2:]
    return BOLD.sub(r"**\1**", bare)
