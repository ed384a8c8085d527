"""MediaWiki markup (a wiki page's source, saved as ``.mediawiki``, ``.wiki`` or ``.txt``) rewritten
as Markdown, line for line.

``== Heading ==`` (``=`` to ``======``), ``*`` / ``#`` lists nested as ``**`` / ``#*`` write them,
``; term : definition`` and ``;term`` over ``:definition`` as key-value items, ``:`` indented lines,
``{| ... |}`` tables (as HTML, mediawiki_tables.py), ``<syntaxhighlight lang="bash">``, ``<source>``
and ``<pre>`` blocks and runs of lines led by a space (MediaWiki's preformatted text) as fences,
``{{Template | key = value}}`` over several lines (mediawiki_templates.py), ``----`` rules, and HTML
comments hidden. The inline markup is mediawiki_inline.py's.

MediaWiki only knows a ``<pre>`` or ``<syntaxhighlight>`` whose closing tag exists (an unclosed one
shows as text), a template whose braces close (else its braces show), and closes a table left open
at the end of the page (here: before the next heading).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import Converted, next_text, previous_text
from .mediawiki_inline import code_text, inline, split_top
from .mediawiki_tables import table, table_end
from .mediawiki_templates import box_line, template, template_end

HEADING = re.compile(r"^(={1,6})(.*?[^=\s].*?)(={1,6})\s*$")
LIST = re.compile(r"^([*#:;]+)\s*(.*)$")
CODE_OPEN = re.compile(r"<(syntaxhighlight|source|pre)\b([^<>]*)>", re.IGNORECASE)
LANG = re.compile(r"""\blang(?:uage)?\s*=\s*["']?([\w+#.-]+)""", re.IGNORECASE)
TAGS_ONLY = re.compile(r"^\s*(?:</?[A-Za-z][\w-]*\b[^<>]*>\s*)+$")
MARKERS_ONLY = re.compile(r"^\s*(?:[*#:;]*:\s*)?$")   # '#: <syntaxhighlight>': a block in the item above
DISPLAY_TITLE = re.compile(r"\s*\{\{\s*DISPLAYTITLE\s*:([^{}|]*)(?:\|[^{}]*)?\}\}\s*", re.IGNORECASE)
CATEGORY_LINE = re.compile(r"(?:\s*\[\[\s*category\s*:[^\[\]]*\]\])+\s*", re.IGNORECASE)
CLOSING_ONLY = re.compile(r"^\s*(?:</[A-Za-z][\w-]*\s*>\s*)+$")


@dataclass
class _Code:
    end: int        # the line of the closing tag
    lang: str
    raw: bool       # syntaxhighlight and source show their text as written; pre decodes entities
    first: str      # what the opening line has after its tag
    last: str       # what the closing line has before its tag
    outside: bool   # text before the opening tag or after the closing one
    prefix: str = ""   # the indentation of the list item it sits in ('#: <pre>')


@dataclass
class _Page:
    text: list[str]                                   # the lines, comments removed
    code: dict[int, _Code] = field(default_factory=dict)
    kinds: list[str] = field(default_factory=list)    # what each line became: text, item, term, ...


def convert(lines: list[str]) -> Converted:
    out = Converted(list(lines))
    page = _regions(lines, out)
    page.kinds = ["blank"] * len(lines)
    i = 0
    while i < len(lines):
        i = max(_block(lines, out, page, i), i + 1)
    _breaks(out, page.kinds)
    return out


# -- comments and code blocks ---------------------------------------------------------------------
def _regions(lines: list[str], out: Converted) -> _Page:
    """The page without its HTML comments (a line only of comment is hidden), and its code blocks."""
    page = _Page(list(lines))
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


def _code_block(lines: list[str], i: int, opened: re.Match, ends: dict[str, list[int]]) -> _Code | None:
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
            return _Code(j, lang.group(1).lower() if lang else "", name != "pre", first, last, outside)
    return None


def _code(lines: list[str], out: Converted, page: _Page, i: int) -> int:
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


# -- blocks ---------------------------------------------------------------------------------------
def _block(lines: list[str], out: Converted, page: _Page, i: int) -> int:
    """Convert the block starting at line ``i``; the line after it."""
    if i in page.code:
        return _code(lines, out, page, i)
    text = page.text[i]
    if not text.strip():
        if not lines[i].strip():
            out.lines[i] = ""
        return i + 1
    if text.lstrip().startswith("{|"):
        end, _ = table_end(page.text, i, lambda line: bool(HEADING.match(line)))
        end = min([end] + [k - 1 for k in page.code if i < k <= end])
        table(page.text, out, i, end, inline)
        page.kinds[i:end + 1] = ["table"] * (end + 1 - i)
        return end + 1
    title = DISPLAY_TITLE.fullmatch(text)
    if title and inline(title.group(1)):   # the title the page is shown under: its heading
        out.lines[i] = "# " + inline(title.group(1))
        page.kinds[i] = "heading"
        return i + 1
    if text.startswith("{{"):
        end = template_end(page.text, i)
        if end is not None and (end > i or box_line(out, page.kinds, i, text)):
            if end > i:
                template(out, page.text, page.kinds, i, end)
            return end + 1
    if text.startswith(" ") and lines[i].startswith(" "):   # never the words after a comment's end
        return _preformatted(lines, out, page, i)
    text = text.lstrip() if text.startswith(" ") else text
    for handler in (_heading, _rule, _categories, _item):
        if handler(out, page, i, text):
            return i + 1
    _text(out, page, i, text)
    return i + 1


def _heading(out: Converted, page: _Page, i: int, text: str) -> bool:
    match = HEADING.match(text)
    if not match:
        return False
    level = min(len(match.group(1)), len(match.group(3)))
    title = "=" * (len(match.group(1)) - level) + match.group(2) + "=" * (len(match.group(3)) - level)
    out.lines[i] = "#" * level + " " + inline(title)
    page.kinds[i] = "heading"
    return True


def _rule(out: Converted, page: _Page, i: int, text: str) -> bool:
    match = re.match(r"^-{4,}\s*(.*)$", text)
    if not match:
        return False
    if match.group(1).strip():   # '---- text': a rule, then the text
        out.lines[i] = inline(match.group(1))
        page.kinds[i] = "text"
    else:
        out.blank(i, next_text(page.text, i))
    return True


def _categories(out: Converted, page: _Page, i: int, text: str) -> bool:
    """'[[Category:Runbooks]]' lines: the page's category bar, which MediaWiki shows apart from the page's
    text (never the last step's words): the page's 'category' field, as front matter is (the page's own word)."""
    if not CATEGORY_LINE.fullmatch(text):
        return False
    names = [m.group(1).strip() for m in re.finditer(r"\[\[\s*category\s*:([^\]|]*)", text, re.IGNORECASE)]
    value, first = out.meta.get("category", ("", i + 1))
    out.meta["category"] = (", ".join(n for n in [value, *names] if n), first)
    out.lines[i] = ""
    if first != i + 1:
        out.attached[i + 1] = first
    return True


def _item(out: Converted, page: _Page, i: int, text: str) -> bool:
    match = LIST.match(text)
    if not match or text.upper().startswith("#REDIRECT"):
        return False
    markers, body = match.group(1), match.group(2)
    indent = "".join("   " if m == "#" else "  " for m in markers[:-1])
    kind = markers[-1]
    if kind == ";":
        term, definition = _term(body)
        following = next_text(page.text, i)
        opens = definition is None and following is not None and page.text[following].startswith(markers[:-1] + ":")
        shown = inline(definition) if definition is not None else ""
        value = f": {shown}" if shown else ":" if opens else ""
        out.lines[i] = f"{indent}- **{inline(term)}**{value}" if inline(term) else f"{indent}- {shown}" if shown else ""
        page.kinds[i] = "term"
    elif kind == ":":
        above = previous_text(page.text, i)
        in_list = len(markers) > 1 and markers[-2] in "*#"
        defines = above is not None and page.kinds[above] in ("term", "definition")
        if in_list or defines:   # the item's or the term's own text, indented under it
            out.lines[i] = indent + ("  " if defines and not in_list else "") + inline(body)
            page.kinds[i] = "definition" if defines else "item"
        else:   # an indented line: its own paragraph
            out.lines[i] = inline(body)
            page.kinds[i] = "indent"
    else:
        shown = inline(body)
        out.lines[i] = f"{indent}{'1.' if kind == '#' else '-'} {shown}" if shown else ""
        page.kinds[i] = "item"
    if not out.lines[i].strip():   # a marker of no words ('*', ';'): it goes with the text after it
        out.blank(i, next_text(page.text, i))
        page.kinds[i] = "blank"
    return True


def _term(body: str) -> tuple[str, str | None]:
    """'Term : what it means' -> ('Term', 'what it means'): the first colon outside a link, a template,
    a tag or an address ('https://')."""
    pieces = split_top(re.sub(r"<[^<>]*>", lambda m: "\x01" * len(m.group(0)), body), ":")
    at = 0
    for piece in pieces[:-1]:
        at += len(piece)
        if not re.match(r"//", body[at + 1:at + 3]):
            return body[:at].strip(), body[at + 1:].strip()
        at += 1
    return body.strip(), None


def _text(out: Converted, page: _Page, i: int, text: str) -> None:
    shown = inline(text)
    if shown:
        out.lines[i] = shown
        page.kinds[i] = "text"
    elif TAGS_ONLY.match(text) and not re.search(r"<references\b", text, re.IGNORECASE):
        # '<div class="note">' goes with the text it opens, '</div>' with the text it closes
        owner = previous_text(page.text, i) if CLOSING_ONLY.match(text) else next_text(page.text, i)
        out.blank(i, owner)
    else:   # '__NOTOC__', '{{Clear}}', '<references />': nothing a reader reads
        out.blank(i)


def _preformatted(lines: list[str], out: Converted, page: _Page, i: int) -> int:
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


# -- paragraphs -----------------------------------------------------------------------------------
def _breaks(out: Converted, kinds: list[str]) -> None:
    """MediaWiki ends a list at the first line that is not an item, and shows each ':' line apart;
    Markdown would run such a line on into the item above: it starts a paragraph of its own."""
    for i in range(1, len(kinds)):
        if (kinds[i] == "text" and kinds[i - 1] in ("item", "term", "definition", "indent", "template")) or \
                (kinds[i] == "indent" and kinds[i - 1] in ("indent", "text")):
            out.breaks.add(i + 1)
