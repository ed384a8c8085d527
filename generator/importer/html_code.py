"""Code blocks of HTML exports (``<pre>``, as Confluence's code panel, Google Docs and wikis write
them) rewritten as fenced Markdown code, line for line:

    <div class="code panel"><div class="codeContent">        ```bash
    <pre class="syntaxhighlighter-pre" ...>kubectl get pods    kubectl get pods
    redis-cli llen queue</pre>                                redis-cli llen queue
    </div></div>                                              ```

The fences go on the block's own ``<pre>`` / ``</pre>`` lines when nothing else is written there,
else on the markup-only line just before or after it. Entities are decoded (``&quot;`` is ``"``)
and a highlighter's inline tags dropped, so the commands read as a reader copies them. A
``<pre>`` with no free line for a fence is left for the HTML reader.
"""
from __future__ import annotations

import html
import re

PRE_OPEN = re.compile(r"<pre\b([^>]*)>", re.IGNORECASE)
PRE_CLOSE = re.compile(r"</pre\s*>", re.IGNORECASE)
INLINE = re.compile(r"</?(?:code|span|b|strong|em|i|u|font|a|kbd|var|samp)\b[^>]*>", re.IGNORECASE)
ONLY_TAGS = re.compile(r"^\s*(?:</?[A-Za-z][\w-]*\b[^>]*>\s*)*$")
LANG = re.compile(r"brush:\s*([\w+-]+)|language-([\w+-]+)|lang(?:uage)?=\"?([\w+-]+)", re.IGNORECASE)


def html_code_blocks(lines: list[str], attached: dict[int, int], skip: set[int],
                     code: dict[int, str] | None = None) -> bool:
    """Rewrite every ``<pre>`` block of ``lines`` in place; markup lines become fences. True if any was.
    A block with no line free for a fence ('<pre class="code bash">systemctl status x' ... 'y</pre>',
    as DokuWiki writes it) goes into ``code`` (line, 1-based -> command), its lines blanked, for the
    reader to put in the tree as a code block (word_html.code_blocks)."""
    monospace_blocks(lines, skip)
    if not any("<pre" in line or "<PRE" in line for line in lines):
        return False
    changed, i = False, 0
    while i < len(lines):
        opened = PRE_OPEN.search(lines[i]) if i not in skip else None
        end = _close(lines, i) if opened else None
        if opened is None or end is None:
            i += 1
            continue
        fences = _fence_lines(lines, i, end, opened, skip)
        if fences:
            _rewrite(lines, i, end, opened, fences, attached)
            changed = True
        elif code is not None and not any(k in skip for k in range(i, end + 1)) and _alone(lines, i, end, opened):
            lead = lines[i][:opened.start()]
            for k, text in zip(range(i, end + 1), _body(lines, i, end, opened)):
                code[k + 1] = html.unescape(INLINE.sub("", text)).replace("\xa0", " ")
                lines[k] = ""
            if TITLE_LEAD.match(lead):   # the block's title, a bold line over it, stays the line's text
                lines[i] = lead
            changed = True
        i = end + 1
    return changed


# '<font face="Courier New">' alone on its line, as e-mail programs and old pages mark commands
MONOSPACE_OPEN = re.compile(r"^\s*<(font|span|div|tt|code)\b([^>]*)>\s*$", re.IGNORECASE)
MONOSPACE_FACE = re.compile(r"courier|consolas|monaco|menlo|monospace|lucida console|source code", re.IGNORECASE)
LINE_BREAK = re.compile(r"<br\s*/?>\s*$", re.IGNORECASE)


def monospace_blocks(lines: list[str], skip: set[int]) -> None:
    """A monospace font around lines of their own ('<font face="Courier New">' ... '</font>', the
    lines ended with '<br>'), rewritten as the '<pre>' block a reader sees."""
    if not any("ourier" in line or "onospace" in line or "<tt" in line or "<TT" in line or "onsolas" in line
               for line in lines):
        return
    for i, line in enumerate(lines):
        opened = MONOSPACE_OPEN.match(line) if i not in skip and "<" in line else None
        if not opened or (opened.group(1).lower() not in ("tt", "code") and not MONOSPACE_FACE.search(opened.group(2))):
            continue
        end = _closing(lines, i, opened.group(1))
        if end is None or end == i + 1 or any(k in skip for k in range(i, end + 1)):
            continue
        lines[i] = "<pre>"
        for k in range(i + 1, end):
            lines[k] = LINE_BREAK.sub("", lines[k])
        lines[end] = "</pre>"


def _closing(lines: list[str], start: int, tag: str) -> int | None:
    """The line that is only ``</tag>`` after ``start``, with no other tag of that name between."""
    opening, closing = re.compile(rf"<{tag}\b", re.IGNORECASE), re.compile(rf"^\s*</{tag}\s*>\s*$", re.IGNORECASE)
    for j in range(start + 1, min(len(lines), start + 200)):
        if closing.match(lines[j]):
            return j
        if opening.search(lines[j]) or not lines[j].strip():
            return None
    return None


def _close(lines: list[str], start: int) -> int | None:
    for j in range(start, min(len(lines), start + 2000)):
        if PRE_CLOSE.search(lines[j]):
            return j
    return None


def _fence_lines(lines, start, end, opened, skip) -> tuple[int, int] | None:
    before = INLINE.sub("", PRE_CLOSE.split(lines[start][opened.end():], 1)[0]).strip()
    after = INLINE.sub("", PRE_CLOSE.split(lines[end], 1)[0]).strip()
    top = start if not before and ONLY_TAGS.match(lines[start][:opened.start()]) else start - 1
    bottom = end if not after and ONLY_TAGS.match(PRE_CLOSE.split(lines[end], 1)[1]) else end + 1
    if top < 0 or bottom >= len(lines) or top in skip or bottom in skip:
        return None
    if (top != start and not ONLY_TAGS.match(lines[top])) or (bottom != end and not ONLY_TAGS.match(lines[bottom])):
        return None
    return top, bottom


def _body(lines, start, end, opened) -> list[str]:
    """The block's text, a line each, without its tags."""
    if start == end:
        return [PRE_CLOSE.split(lines[start][opened.end():], 1)[0]]
    return [lines[start][opened.end():]] + lines[start + 1:end] + [PRE_CLOSE.split(lines[end], 1)[0]]


# '<p><strong>On the jump box</strong></p><pre>...': a code panel's title written on the block's first line
TITLE_LEAD = re.compile(r"^\s*(?:<[^<>]+>\s*)*<p>\s*<(?:strong|b)>[^<>]{1,80}</(?:strong|b)>\s*</p>\s*$", re.IGNORECASE)


def _alone(lines, start, end, opened) -> bool:
    """Nothing but markup (or the block's bold title) before its '<pre>', nothing but markup after its
    '</pre>', on their lines."""
    before = lines[start][:opened.start()]
    return bool(ONLY_TAGS.match(before) or TITLE_LEAD.match(before)) \
        and bool(ONLY_TAGS.match(PRE_CLOSE.split(lines[end], 1)[1]))


def _rewrite(lines, start, end, opened, fences, attached) -> None:
    top, bottom = fences
    lang = LANG.search(opened.group(1))
    body = _body(lines, start, end, opened)
    for k, text in zip(range(start, end + 1), body):
        lines[k] = html.unescape(INLINE.sub("", text)).replace("\xa0", " ")
    lines[top] = "```" + (next(g for g in lang.groups() if g) if lang else "")
    lines[bottom] = "```"
    first = start + 1 if top == start else start
    for k in (top, bottom):   # a fence on a markup line counts with the block's first line
        attached[k + 1] = first + 1


HEADING_OPEN = re.compile(r"^\s*<h([1-6])\b[^>]*>\s*$", re.IGNORECASE)


def html_split_headings(lines: list[str], attached: dict[int, int], skip: set[int]) -> None:
    """'<h1 class="pagetitle">' / 'LIVEOPS : Page title' / '</h1>' over three lines, as wiki exports
    indent them: the text line is the heading, its tag lines attached to it."""
    for i, line in enumerate(lines[:-2]):
        opened = HEADING_OPEN.match(line) if "<" in line and i not in skip else None
        text = INLINE.sub("", lines[i + 1]).strip() if opened else ""
        if not opened or i + 1 in skip or not text or "<" in text:
            continue
        if not re.match(rf"^\s*</h{opened.group(1)}\s*>\s*$", lines[i + 2], re.IGNORECASE):
            continue
        lines[i + 1] = "#" * int(opened.group(1)) + " " + html.unescape(text)
        lines[i] = lines[i + 2] = ""
        attached[i + 1] = attached[i + 3] = i + 2
