"""A chat channel exported as text (Slack, Teams, Mattermost: '[2024-06-03 09:02] Adaeze Okafor: ...'),
line for line.

Each message's text is written without its time and author, which follow it in brackets
('... (Adaeze Okafor, 2024-06-03 09:02)'), so the process the channel explains reads as a document:
a message that opens with a bold word ('*severities* first') heads what follows, a '•' is a
bullet, and the lines a message runs on to (a numbered list, a code block) are kept as written.
"""
from __future__ import annotations

import re

from . import Converted

MESSAGE = re.compile(r"^\[(\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d)?)\]\s+([^:\]\n]{2,40}):\s?(.*)$")
LEADS = re.compile(r"^[*_]([^*_\n]{2,60})[*_]|[*_]([^*_\n]{2,40})[*_]\s*:$")   # '*roles*:' at the end too
NAME_NUMBER = re.compile(r"\s[—–-]\s*\+?\d[\d .()-]{6,}\d\s*$")


def is_chat(lines: list[str]) -> bool:
    """Five messages or more, and most lines of text are messages or what they run on to."""
    return sum(bool(MESSAGE.match(line)) for line in lines) >= 5


def convert(lines: list[str]) -> Converted:
    out = Converted(list(lines))
    fenced = False
    for i, line in enumerate(lines):
        if line.strip().startswith("```"):
            fenced = not fenced
            continue
        message = MESSAGE.match(line) if not fenced else None
        if message:
            out.lines[i] = _message(*message.groups())
            out.breaks.add(i + 1)
        elif not fenced and line.lstrip().startswith("• "):
            out.lines[i] = "- " + line.lstrip()[2:]
        elif not fenced and NAME_NUMBER.search(line) and not line.lstrip().startswith(("-", "*", "1")):
            out.lines[i] = "- " + line.strip()   # 'Adaeze Okafor — +1 555 0100 141' a message runs on with
    return out


def _message(when: str, who: str, text: str) -> str:
    said = f" ({who.strip()}, {when})"
    text = text.strip()
    if not text:
        return said.strip()
    if text.startswith("• "):
        return "- " + text[2:] + said
    if LEADS.search(text) and (text[:1] in "*_" or text.endswith(":")):   # '*severities* first', 'ok, *roles*:'
        return "## " + text + said
    return text + said
