"""MediaWiki's code and comments, line for line: ``<syntaxhighlight lang="bash">``, ``<source>`` and
``<pre>`` blocks and runs of lines led by a space (preformatted text) as fenced code, on the tag lines
or the blank lines around them; with no line free for a fence, indented as code and listed in
``Converted.preformatted`` for the parser. A block opened on a ``#:`` line sits in the list item
above. HTML comments are taken out first (a line of only comment is hidden); inside a code block
they are its text. MediaWiki only knows a block whose closing tag exists: an unclosed one is text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import Converted
from .mediawiki_inline import code_text

CODE_OPEN = re.compile(r"<(syntaxhighlight|source|pre)\b([^<>]*)>", re.IGNORECASE)
LANG = re.compile(r"""\blang(?:uage)?\s*=\s*["']?([\w+#.-]+)""", re.IGNORECASE)
MARKERS_ONLY = re.compile(r"^\s*(?:[*#:;]*:\s*)?$")   # '#: <syntaxhighlight>': a block in the item above


@dataclass
class Code:
    end: int        # the line of the closing tag
    lang: str
    raw: bool       # syntaxhighlight and source show their text as written; pre decodes entities
    first: str      # what the opening line has after its tag
    last: str       # what the closing line has before its tag
    outside: bool   # text before the opening tag or after the closing one
    prefix: str = ""   # the indentation of the list item it sits in ('#: <pre>')


@dataclass
class Page:
    text: list[str]                                   # the lines, comments removed
    code: dict[int, Code] = field(default_factory=dict)
    kinds: list[str] = field(default_factory=list)    # what each line became: text, item, term, ...


def regions(lines: list[str], out: Converted) -> Page:
    """The page without its HTML comments (a line only of comment is hidden), and its code blocks."""
    page = Page(list(lines))
    commented, i, ends = False, 0, {}   # ends: a code tag's name -> the lines its closing tag is on
    while i < len(lines):
        line, kept, at, comment, code = lines[i], [], 0, -2, None   # -2: not looked for yet
        while at <= len(line):
            if commented:
                end = line.find("-->", at)
                if end < 0:
                    break
                commented, at = False, end + 3
                continue
            if comment != -1 and comment < at:   # each is looked for again only once passed
                comment = line.find("<!--", at)
            if code is not None and code.start() < at or code is None and at == 0:
                code = CODE_OPEN.search(line, at)
            if code and (comment < 0 or code.start() < comment):
                block = _code_block(lines, i, code, ends)
                if block is not None:
                    page.code[i] = block
                    before = "".join(kept) + line[at:code.start()]
                    block.outside = block.outside or not MARKERS_ONLY.match(before)
                    block.prefix = "".join("   " if m == "#" else "  " for m in before.strip()[:-1])
                    break
                kept.append(line[at:code.end()])
                at = code.end()
                continue
            if comment < 0:
                kept.append(line[at:])
                break
            kept.append(line[at:comment])
            commented, at = True, comment + 4
        if i in page.code:
            i = page.code[i].end + 1
            continue
        page.text[i] = "".join(kept)
        if line.strip() and not page.text[i].strip():
            out.blank(i)   # only a comment: a reader never sees it
        i += 1
    return page


def _code_block(lines: list[str], i: int, opened: re.Match, ends: dict[str, list[int]]) -> Code | None:
    name = opened.group(1).lower()
    closing = re.compile(rf"</{name}\s*>", re.IGNORECASE)
    if opened.group(0).endswith("/>"):
        return None
    if name not in ends:
        ends[name] = [k for k, line in enumerate(lines) if closing.search(line)]
    after = ends[name]
    for j in after[bisect.bisect_left(after, i):]:
        close = closing.search(lines[j], opened.end() if j == i else 0)
        if close:
            lang = LANG.search(opened.group(2))
            first = lines[i][opened.end():close.start()] if j == i else lines[i][opened.end():]
            last = lines[j][:close.start()] if j > i else ""
            outside = bool(lines[j][close.end():].strip()) or not MARKERS_ONLY.match(lines[i][:opened.start()])
            if j == i and outside:   # '# Run <source lang="sh">make</source>': code in the line's text
                return None
            return Code(j, lang.group(1).lower() if lang else "", name != "pre", first, last, outside)
    return None


def write_code(lines: list[str], out: Converted, page: Page, i: int) -> int:
    block = page.code[i]
    j = block.end
    shown = (lambda s: s.rstrip()) if block.raw else (lambda s: code_text(s).rstrip())
    body = [block.first] + lines[i + 1:j] + ([block.last] if j > i else [])
    top = i if not block.first.strip() and not block.outside and j > i else i - 1
    bottom = j if not block.last.strip() and not block.outside and j > i else j + 1
    free_top = top == i or (top >= 0 and not lines[top].strip() and not out.lines[top] and (top + 1) not in out.hidden)
    free_bottom = bottom == j or bottom == len(lines) or (bottom < len(lines) and not lines[bottom].strip())
    if block.outside:   # 'Run: <pre>make' ... : each line as code in the text
        rows = [k for k, text in zip(range(i, j + 1), body) if text.strip()]
        for k, text in zip(range(i, j + 1), body):
            out.lines[k] = f"`{shown(text).strip()}`" if text.strip() else ""
            page.kinds[k] = "text" if text.strip() else "blank"
            if not text.strip() and lines[k].strip():   # the tag's own line goes with the code
                out.blank(k, min(rows, key=lambda r: abs(r - k)) if rows else None)
        return j + 1
    if not (free_top and free_bottom):   # no line free for a fence: the parser is told the lines are code
        rows = [k for k, text in zip(range(i, j + 1), body) if text.strip()]
        for k, text in zip(range(i, j + 1), body):
            out.lines[k] = block.prefix + "    " + shown(text) if k in rows else ""
            page.kinds[k] = "code"
            if k in rows:
                out.preformatted[k + 1] = block.lang
            elif rows and lines[k].strip():   # the tag's own line goes with the code
                out.blank(k, min(rows, key=lambda r: abs(r - k)))
        return j + 1
    for k, text in zip(range(i, j + 1), body):
        out.lines[k] = block.prefix + shown(text) if text.strip() else ""
        page.kinds[k] = "code"
    out.lines[top] = f"{block.prefix}```{block.lang}"
    if bottom < len(lines):
        out.lines[bottom] = f"{block.prefix}```"
        page.kinds[bottom] = "code"
    return max(bottom, j) + 1


def space_led(lines: list[str], out: Converted, page: Page, i: int) -> int:
    """Lines led by a space: one preformatted block, fenced on the blank lines around it (or, with
    none free, indented as code and listed in ``preformatted``)."""
    end = i
    while end + 1 < len(lines) and page.text[end + 1].startswith(" ") and lines[end + 1].startswith(" ") \
            and page.text[end + 1].strip() \
            and end + 1 not in page.code and not page.text[end + 1].lstrip().startswith("{|"):
        end += 1
    top, bottom = i - 1, end + 1
    fenced = top >= 0 and not lines[top].strip() and (top + 1) not in out.hidden and \
        (bottom == len(lines) or (not lines[bottom].strip() and bottom not in page.code))
    for k in range(i, end + 1):
        body = code_text(page.text[k][1:]).rstrip()
        out.lines[k] = body if fenced else "    " + body
        page.kinds[k] = "code"
        if not fenced:   # no line free for a fence: the parser is told the lines are code
            out.preformatted[k + 1] = ""
    if not fenced:
        return end + 1
    out.lines[top] = "```"
    if bottom < len(lines):
        out.lines[bottom] = "```"
    return bottom + 1
