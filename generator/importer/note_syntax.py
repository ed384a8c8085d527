"""Note-taking syntax on top of Markdown, as Obsidian vaults, GitHub and wikis write it.

- callouts ``> [!warning]- Title`` and GitHub's alerts ``> [!NOTE]``: a block quote whose first
  line is its title, or whose text its kind leads ('Note: ...');
- wiki links ``[[Page#Section|text]]`` and embeds ``![[file.png]]``: the words a reader sees;
- ``key:: value`` (Dataview inline fields): a label and its value;
- ``==highlight==``: its words.

Inline code is left as written (``[[ -f x ]]`` is a shell test, ``a==b`` a comparison).
"""
from __future__ import annotations

import re

CALLOUT = re.compile(r"^(\s{0,3}>\s?)\[!([A-Za-z]+)\][-+]?\s*(.*)$")
WIKI_LINK = re.compile(r"!?\[\[([^\]\s|#][^\]|#]*)(?:#([^\]|]*))?(?:\|([^\]]*))?\]\]")
HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
INLINE_FIELD = re.compile(r"^(\s*)([A-Za-z][\w -]{0,30}?)::\s+(\S.*)$")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def note_syntax(line: str) -> str:
    """One line (outside code blocks) as the plain Markdown it means."""
    if "[[" not in line and "==" not in line and "::" not in line:   # none of its patterns can match
        return line
    line = _outside_code(line, lambda text: WIKI_LINK.sub(_link_text, text))
    if not any("==" in span.group(0) for span in CODE_SPAN.finditer(line)):
        line = HIGHLIGHT.sub(r"\1", line)
    field = INLINE_FIELD.match(line)
    if field and "`" not in field.group(2):
        return f"{field.group(1)}**{field.group(2).strip()}**: {field.group(3)}"
    return line


def callout(out, i: int) -> None:
    """Line ``i`` of ``out`` (a dialects.Rewritten) opens a callout: its title in bold, as written;
    without a title ('> [!WARNING]' over its text), the kind leads the text ('Warning: ...')."""
    opened = CALLOUT.match(out.lines[i]) if "[!" in out.lines[i] else None
    if not opened:
        return
    kind, title = opened.group(2).capitalize(), opened.group(3).strip()
    after = re.match(r"^(\s{0,3}>\s?)(\S.*)$", out.lines[i + 1]) if i + 1 < len(out.lines) else None
    if title or not after:
        out.lines[i] = f"{opened.group(1)}**{title or kind}**"
        return
    out.lines[i] = ""
    out.attached[i + 1] = i + 2
    out.lines[i + 1] = f"{after.group(1)}{kind}: {after.group(2)}"


def _link_text(match: re.Match) -> str:
    page, section, text = match.groups()
    return (text or (f"{page.strip()} > {section.strip()}" if section and page.strip() else section or page)).strip()


def _outside_code(line: str, change) -> str:
    if "`" not in line:
        return change(line)
    parts, at = [], 0
    for span in CODE_SPAN.finditer(line):
        parts += [change(line[at:span.start()]), span.group(0)]
        at = span.end()
    return "".join(parts + [change(line[at:])])
