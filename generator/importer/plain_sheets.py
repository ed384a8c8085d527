"""A printed cheat sheet in plain text, rewritten line for line: emoji for bullets, capitals for
headings, '$ ' for commands.

    🔥 SEVERITY                              ## 🔥 SEVERITY
    🧭 Incident Commander — decides          - 🧭 Incident Commander — decides
      $ kubectl -n ingest get pods           - `$ kubectl -n ingest get pods`

Only in a document with no Markdown headings, outside code blocks, and only where the shape
repeats: two capital headings or more, three emoji-led lines or more. A dot-leader line is left
to plain_text.dot_leaders; a '$ ' line is a command whatever the document (span_commands reads
such items as code).
"""
from __future__ import annotations

import re
import unicodedata

from .plain_text import LEADER, _labelled_title, has_markdown_heading

CAPS_HEADING = re.compile(r"^\s{0,3}((?:[^\w\s]{1,4} ?){0,3})([A-Z][A-Za-z0-9 &/,'’:-]{2,60}[A-Za-z0-9])\s*$")
PROMPT = re.compile(r"^(\s*)\$ (\S.*)$")


def cheat_sheet(lines: list[str], skip: set[int]) -> None:
    """Rewrite the sheet's headings, emoji bullets and prompted commands in place."""
    if has_markdown_heading(lines, skip):
        return
    heads = [i for i, line in enumerate(lines) if i not in skip and _heading(lines, i)]
    bullets = [i for i, line in enumerate(lines) if i not in skip and i not in heads and _emoji_led(line)
               and not LEADER.match(line)]
    if len(heads) >= 2:
        for i in heads:   # the pictograph before a heading is its decoration: '## PLAYBOOK: ...'
            caps = CAPS_HEADING.match(lines[i])   # ('PROCEDURE: Card reader offline' is a labelled title)
            lines[i] = "## " + (caps.group(2) if caps else lines[i].strip())
    if len(bullets) >= 3:
        for i in bullets:   # the pictograph is the bullet: '- Incident Commander — decides'
            indent = len(lines[i]) - len(lines[i].lstrip())
            lines[i] = " " * min(indent, 2) + "- " + lines[i].strip().split(" ", 1)[1].strip()
        for i, line in enumerate(lines):   # '👤 Joaquin Reyes ..... 555-0131': the name without its bullet
            if i not in skip and _emoji_led(line) and LEADER.match(line):
                lines[i] = line[:len(line) - len(line.lstrip())] + line.strip().split(" ", 1)[1].strip()
    for i, line in enumerate(lines):
        prompt = PROMPT.match(line) if i not in skip else None
        if prompt and "`" not in prompt.group(2):
            lines[i] = f"{' ' * min(len(prompt.group(1)), 2)}- `$ {prompt.group(2).strip()}`"


def _heading(lines: list[str], i: int) -> bool:
    if (i == 0 or not lines[i - 1].strip()) and _labelled_title(lines[i]):
        return True   # 'PROCEDURE: Card reader offline'
    match = CAPS_HEADING.match(lines[i]) if len(lines[i]) <= 90 else None
    if not match or (i > 0 and lines[i - 1].strip()):
        return False
    if i + 1 < len(lines) and re.fullmatch(r"\s*(?:=+|-+)\s*", lines[i + 1]):
        return False   # 'STAFF' over '=====': a setext heading Markdown reads as one already
    words = match.group(2).split()   # every word in capitals, or a number's own letters ('5xx')
    capitals = all(w.isupper() or w[0].isdigit() or not any(c.isalpha() for c in w) for w in words)
    return capitals and len(words) <= 6 and sum(c.isupper() for c in match.group(2)) >= 3


def _emoji_led(line: str) -> bool:
    """The line's first word (after up to four spaces) is one to three pictographs or symbols."""
    stripped = line.lstrip()
    parts = stripped.split(" ", 1)
    if len(line) - len(stripped) > 4 or len(parts) < 2 or not parts[1].strip() or len(parts[0]) > 3:
        return False
    # ('|', '+', '<', '^': a table's or a formula's characters, never a pictograph)
    return all(ord(c) > 127 and unicodedata.category(c) in ("So", "Sk", "Sm", "Mn", "Cf") for c in parts[0])
