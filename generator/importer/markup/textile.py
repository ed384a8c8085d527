"""Textile (a Redmine or Textpattern wiki page saved as ``.txt`` or ``.textile``) rewritten as
Markdown, line for line.

Block signatures open a paragraph: ``h1.``-``h6.`` headings, ``bq.`` quotes, ``bc.`` / ``pre.`` code,
``p.`` text, ``notextile.``, ``fn1.`` footnotes, each with optional ``(class)``, ``{style}``,
``[lang]`` and alignment attributes; a doubled dot (``bc..``) makes the block run on over blank lines
until the next signature. ``*`` / ``#`` lists nest by their count (``**``, ``##``), ``|_. head |``
and ``|cell|`` rows are tables (as HTML: no line is free for a separator), Redmine's ``<pre>`` blocks
are code and its ``{{toc}}`` macros markup. A code paragraph has no line free for a fence, so its
lines are listed as ``preformatted``. The inline markup is ``*strong*``, ``_em_``, ``@code@``,
``"text":url``, ``!image(alt)!``, ``%span%`` and Redmine's ``[[Page|text]]``.
"""
from __future__ import annotations

import re

from . import Converted, next_text
from .wiki_tables import close_table, html_row, split_cells, table_goes_on

ATTRS = r"(?:\([^()\n]*\)|\{[^{}\n]*\}|\[[^\[\]\n]*\]|[<>=~]){0,6}"
SIGNATURE = re.compile(rf"^(h[1-6]|bq|bc|pre|p|notextile|fn\d+|table)({ATTRS})(\.\.?)(?:[ \t]+(.*))?$")
LIST_ITEM = re.compile(rf"^([*#]+){ATTRS}[ \t]+(\S.*)$")
DEFINITION = re.compile(r"^-[ \t]+(\S[^:\n]*?)[ \t]+:=[ \t]*(.*)$")
MACRO_LINE = re.compile(r"^\s*\{\{[<>]?[\w-]+(?:\([^()\n]*\))?\}\}\s*$")
PRE_OPEN = re.compile(r"^\s*<pre\b[^>]*>(?:\s*<code\b([^>]*)>)?", re.IGNORECASE)
PRE_CLOSE = re.compile(r"(?:</code>\s*)?</pre>\s*$", re.IGNORECASE)
CELL_ATTRS = re.compile(rf"^(_?)(?:[\\/]\d+|[<>=^~-]|\([^()\n]*\)|\{{[^{{}}\n]*\}})*\.[ \t]")
CLASS_LANG = re.compile(r"(?:language-|lang-)?([A-Za-z][\w+-]*)")
SIGNS = [re.compile(r"^h[1-6]" + ATTRS + r"\.\s", re.MULTILINE),
         re.compile(r"^(?:bc|pre|bq|p)" + ATTRS + r"\.\.?\s", re.MULTILINE),
         re.compile(r"^\s*\|_\.\s", re.MULTILINE), re.compile(r"\"[^\"\n]+\":(?:https?:|mailto:|/)\S"),
         re.compile(r"(?<![\w@])@[^@\s][^@\n]*@(?![\w@])"), re.compile(r"^\{\{>?toc\}\}\s*$", re.MULTILINE)]


def is_textile(lines: list[str]) -> bool:
    """Textile's signs of three kinds, or its headings beside one more: plain text and a Confluence
    page (its '||' tables, its '{code}' macros) have not got them."""
    text = "\n".join(lines)
    if re.search(r"^\s*\|\||^\{(?:code|noformat|panel|info)\b", text, re.MULTILINE):
        return False
    found = [bool(sign.search(text)) for sign in SIGNS]
    headings = len(SIGNS[0].findall(text)) >= 2
    return sum(found) >= 3 or (headings and sum(found) >= 2)


def convert(lines: list[str]) -> Converted:
    """The Markdown of a Textile page, one line for each of its lines."""
    out = Converted(list(lines))
    block: tuple[str, bool, str] | None = None   # (signature, extended?, language)
    table: list[int] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        table = table_goes_on(out, table, line)
        if PRE_OPEN.match(line) and block is None:
            i = _pre(lines, out, i)
            continue
        block = _line(lines, out, i, block, table)
        i += 1
    close_table(out, table)
    _end_code(out, len(lines))
    return out


def _line(lines: list[str], out: Converted, i: int, block, table: list[int]):
    """Write line ``i``; the block it leaves open."""
    line = lines[i]
    signature = SIGNATURE.match(line)
    if block and (signature or (not line.strip() and not block[1])):
        if block[0] in ("bc", "pre"):
            _end_code(out, i)
        block = None
    if signature:
        return _signature(out, i, signature)
    if block:
        _in_block(out, i, line, block)
    elif line.lstrip().startswith("|"):
        table.append(i)
        out.lines[i] = _row(line, first=len(table) == 1)
    elif MACRO_LINE.match(line) or re.fullmatch(r"\s*(?:-{3,}|\*{3,}|<hr\s*/?>)\s*", line):
        out.blank(i)   # a table of contents, a rule: drawn by the site or not at all
    else:
        out.lines[i] = _text(line)
    return block


def _signature(out: Converted, i: int, match: re.Match):
    kind, attrs, dots, rest = match.group(1), match.group(2), match.group(3), match.group(4) or ""
    extended = dots == ".."
    if kind in ("bc", "pre"):
        lang = CLASS_LANG.fullmatch(attrs[1:-1]) if attrs.startswith("(") else None
        block = (kind, extended, lang.group(1) if lang else "")
        _in_block(out, i, rest, block)
        return block
    if not rest.strip():
        out.blank(i, next_text(out.lines, i))   # 'table(x).' or 'p(x).' alone: its style is markup
    elif kind[0] == "h":
        out.lines[i] = "#" * int(kind[1]) + " " + inline(rest.strip())
    elif kind == "bq":
        out.lines[i] = "> " + inline(rest.strip())
    elif kind.startswith("fn"):
        out.lines[i] = f"{kind[2:]}. " + inline(rest.strip())
    else:
        out.lines[i] = rest.strip() if kind == "notextile" else inline(rest.strip())
    return (kind, extended, "") if kind in ("bq", "notextile", "p") else None


def _in_block(out: Converted, i: int, text: str, block: tuple[str, bool, str]) -> None:
    kind = block[0]
    if kind in ("bc", "pre"):
        out.lines[i] = text.rstrip()
        out.preformatted[i + 1] = block[2]
    elif kind == "bq":
        out.lines[i] = "> " + inline(text.strip()) if text.strip() else ""
    elif kind == "notextile":
        out.lines[i] = text
    else:
        out.lines[i] = inline(text.strip())


def _end_code(out: Converted, end: int) -> None:
    """A code block ending before line ``end`` (0-based) leaves its trailing blank lines out."""
    k = end
    while k > 0 and k in out.preformatted and not out.lines[k - 1].strip():
        del out.preformatted[k]
        k -= 1


def _pre(lines: list[str], out: Converted, i: int) -> int:
    """A Redmine '<pre>' ('<pre><code class="bash">') block from line ``i``; the line after it."""
    opened = PRE_OPEN.match(lines[i])
    lang = re.search(r"class=[\"']?(?:language-)?([\w+-]+)", opened.group(1) or "")
    end = next((k for k in range(i, len(lines)) if PRE_CLOSE.search(lines[k])), None)
    if end is None:   # never closed: Redmine shows the tag's line as text
        out.lines[i] = _text(lines[i])
        return i + 1
    for k in range(i, end + 1):
        text = lines[k][opened.end():] if k == i else lines[k]
        text = PRE_CLOSE.sub("", text) if k == end else text
        if text.strip():
            out.lines[k] = text.rstrip()
            out.preformatted[k + 1] = lang.group(1) if lang else ""
        else:
            out.blank(k, None)
    return end + 1


def _text(line: str) -> str:
    item = LIST_ITEM.match(line)
    if item:
        markers, text = item.groups()
        indent = "".join("   " if m == "#" else "  " for m in markers[:-1])
        return f"{indent}{'1.' if markers[-1] == '#' else '-'} {inline(text)}"
    term = DEFINITION.match(line)
    if term:
        return f"- **{inline(term.group(1))}**: {inline(term.group(2))}"
    return inline(line.strip())


def _row(line: str, first: bool) -> str:
    cells = []
    for cell in split_cells(line.strip()):
        marker = CELL_ATTRS.match(cell.lstrip())   # '_.' a header cell; '\2.', '<.', '{style}.' its look
        words = cell.lstrip()[marker.end():] if marker else cell
        cells.append((bool(marker and marker.group(1)), inline(words).strip()))
    return html_row(cells, first)


def inline(text: str) -> str:
    """Textile's inline markup as Markdown's; '@code@' spans kept as written."""
    parts = re.split(r"((?<![\w@])@[^@\s](?:[^@\n]*[^@\s])?@(?![\w@]))", text)
    return "".join(f"`{part[1:-1]}`" if n % 2 else _inline_text(part) for n, part in enumerate(parts))


def _inline_text(text: str) -> str:
    text = re.sub(r"\"([^\"\n]+?)(?:\([^()\n]*\))?\":(\S*[^\s.,;:!?)\]])",
                  lambda m: m.group(2) if m.group(1) == "$" else f"[{m.group(1)}]({m.group(2)})", text)
    text = re.sub(r"!(?![\s!])[^\s!()]+(?:\(([^()\n]*)\))?!(?::\S+)?", lambda m: m.group(1) or "", text)
    text = re.sub(r"\[\[([^\[\]|\n]*)\|([^\[\]\n]*)\]\]|\[\[([^\[\]\n]*)\]\]",
                  lambda m: m.group(2) or m.group(3) or "", text)   # Redmine's wiki links: their text
    text = re.sub(r"(?<![\w%])%(?:\{[^{}\n]*\}|\([^()\n]*\))?([^%\n]+?)%(?![\w%])", r"\1", text)
    text = re.sub(r"==([^=\n]+)==", r"\1", text)
    text = re.sub(r"(?<![\w*])\*\*?(?![\s*])([^*\n]+?)(?<!\s)\*\*?(?![\w*])", r"**\1**", text)
    text = re.sub(r"(?<![\w_])__?(?![\s_])([^_\n]+?)(?<!\s)__?(?![\w_])", r"*\1*", text)
    return re.sub(r"(?<![\w?])\?\?(?!\s)([^?\n]+?)(?<!\s)\?\?(?![\w?])", r"*\1*", text)
