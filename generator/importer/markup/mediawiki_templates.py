"""MediaWiki templates written over several lines, line for line:

    {{Infobox procedure          (blank: goes with the first argument)
    | owner    = Service Desk    - **owner**: Service Desk
    | reviewed = 2 May 2024      - **reviewed**: 2 May 2024
    }}                           (blank: goes with the last argument)

each argument on its own line as a key-value item (a positional one as an item of its text); the
template that leads the page (nothing but comments and switches above it, as an infobox heads a
page) gives the page's front matter instead, as an org file's ``#+AUTHOR:`` does. A box template
(``{{Note|...}}``, ``{{Warning|...}}``) is a ``!!!`` box, its arguments the box's text; on one line,
the box is titled by its text.
"""
from __future__ import annotations

import re

from . import Converted
from .mediawiki_inline import BOXES, inline, split_top

MAX_TEMPLATE_LINES = 400


def template_end(text: list[str], i: int) -> int | None:
    """The line on which the template opening line ``i`` closes, or None when its braces never do."""
    depth = 0
    for j in range(i, min(len(text), i + MAX_TEMPLATE_LINES)):
        for pair in re.findall(r"\{\{|\}\}", text[j]):
            depth += 1 if pair == "{{" else -1
            if depth == 0:
                return j
    return None


def box_line(out: Converted, kinds: list[str], i: int, text: str) -> bool:
    """'{{Note|Text}}' alone on its line: a box titled by its text. False for any other line."""
    match = re.fullmatch(r"\{\{([^|{}]*)\|(.*)\}\}\s*", text, re.DOTALL)
    kind = BOXES.get(re.sub(r"\s+", " ", match.group(1)).strip().lower()) if match else None
    if not kind or kind == "note" and match.group(1).lower().startswith(("infobox", "main", "further")):
        return False
    shown = inline(match.group(2).split("|", 1)[-1] if re.match(r"^\s*\w+\s*=", match.group(2)) else match.group(2))
    out.lines[i] = f'!!! {kind} "{shown}"' if '"' not in shown else f"**{match.group(1).strip()}:** {shown}"
    kinds[i] = "text"
    return True


def template(out: Converted, source: list[str], kinds: list[str], i: int, end: int) -> None:
    """'{{Name' / '| key = value' / '}}': each argument on its line, as a key-value item (or, for the
    page's leading infobox, as its front matter); a box template's arguments as the box's text."""
    whole = "\n".join(source[i:end + 1])
    pieces = split_top(whole[2:_closing(whole)], "|")
    name = pieces[0].strip()
    kind = BOXES.get(re.sub(r"\s+", " ", name).lower())
    kind = None if name.lower().startswith(("infobox", "main", "further")) else kind
    leading = kind is None and all(kinds[k] == "blank" for k in range(i))
    shown: dict[int, list[str]] = {}
    metas: dict[int, int] = {}   # a front-matter line -> the line its value starts on
    at = 2 + len(pieces[0]) + 1
    for piece in pieces[1:]:
        line = i + whole[:at].count("\n")
        at += len(piece) + 1
        key = re.match(r"^\s*([^=\[\]{}<>|\n]{1,40}?)\s*=(?!=)\s*(.*)$", piece, re.DOTALL)
        label = key.group(1).strip() if key else ""
        parts = (key.group(2) if key else piece).split("\n")
        if key and leading and key.group(2).strip():
            out.meta.setdefault(label.lower(), (inline(" ".join(parts)), line + 1))
            metas.update({line + n: line for n in range(len(parts))})
            continue
        started = False
        for n, part in enumerate(parts):
            text = inline(part)
            if not text:
                continue
            if kind:   # a box's text ('text = ...' is the box's text, any other key names its line)
                named = label and not label.isdigit() and label.lower() not in ("text", "content", "body", "message")
                text = f"{label}: {text}" if named and not started else text
                shown.setdefault(line + n, []).append("    " + text)
            elif not started:
                shown.setdefault(line + n, []).append(f"- **{inline(label)}**: {text}" if label else f"- {text}")
            else:
                shown.setdefault(line + n, []).append("  " + text)
            started = True
    for k in range(i, end + 1):
        texts = shown.get(k, [])
        out.lines[k] = texts[0] + "".join(f"; {t.strip().lstrip('- ')}" for t in texts[1:]) if texts else ""
        kinds[k] = "template" if texts else "blank"
    after = inline(source[end][_closing(source[end], whole=False):])
    if after:   # '}} and then some words'
        out.lines[end] = (out.lines[end] + " " if out.lines[end] else "") + after
        kinds[end] = "template"
    if kind and not (shown.get(i) and '"' in out.lines[i]):
        title = out.lines[i].strip() if shown.get(i) else ""   # '{{Warning|Do not ...' opens the box with its text
        out.lines[i] = f"!!! {kind}" + (f' "{title}"' if title else "")
        kinds[i] = "template"
    contents = [k for k in range(i, end + 1) if out.lines[k].strip()] or sorted(set(metas.values()))
    for k in range(i, end + 1):
        if out.lines[k].strip() or metas.get(k) == k or (k + 1) in out.hidden:
            continue   # a front-matter line is left blank, as an org file's '#+AUTHOR:' line
        if source[k].strip() or k in metas:
            owner = metas.get(k, min(contents, key=lambda o: (abs(o - k), o)) if contents else None)
            out.blank(k, owner)


def _closing(text: str, whole: bool = True) -> int:
    """Where the template's closing braces start in ``text`` (the joined block), or, with
    ``whole`` False, the position after the braces that close the last line's template."""
    depth = 0
    for match in re.finditer(r"\{\{|\}\}", text):
        depth += 1 if match.group(0) == "{{" else -1
        if depth == 0 and whole:
            return match.start()
    if whole:
        return len(text)
    ends = [m.end() for m in re.finditer(r"\}\}", text)]
    return ends[-1] if ends else len(text)
