"""A small line-keeping Markdown reader: sections, lists, tables, fences, labels.

Every block remembers the source lines it came from, so that the importer can
prove that each non-empty line landed somewhere.
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Sequence
from functools import lru_cache

from .sessions import is_session, split_session

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)")
ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[( |x|X)\]\s+)?(.*)$")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
LABEL = re.compile(r"^\s*\*\*([^*]{2,80}?)\*\*\s*:?\s*(.*)$")
BOLD_ITEM = re.compile(r"^\*\*([^*]+?)\*\*\s*[:.-]?\s*(.*)$")
RULE = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$")
HTML_HEADING = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)</h\1\s*>\s*$", re.IGNORECASE)


@dataclass
class Block:
    """kind: para | item | code | table | label | rule | output (a terminal's, read by nobody)."""

    kind: str
    lines: list[int]
    text: str = ""
    level: int = 0            # list nesting (items)
    checked: bool | None = None  # task items
    lang: str = ""
    code: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    label: str = ""
    key: str = ""             # key-value items: '- **Response Time**: 15 minutes'
    ordered: bool = False     # '1.' rather than '-'
    value: str = ""
    aside: str = ""           # inside an admonition ('!!! warning'): its kind
    quoted: bool = False      # inside a block quote
    fresh: bool = False       # an HTML block of its own ('<p>', '<div>'): never a wrapped line of the one above
    caption: str = ""         # inside a <details>: its <summary>
    lead: str = ""            # HTML: the bold paragraph that opens the line's box ('<p><strong>Title</strong></p><p>...')
    row_lines: Sequence[int] = ()   # tables: the line each row starts on
    indent: int = 0           # paragraphs: the spaces before the first line's text


@dataclass
class Section:
    title: str
    level: int
    line: int
    blocks: list[Block] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)
    parent: "Section | None" = field(default=None, repr=False)
    meta: dict = field(default_factory=dict, repr=False)   # front matter of a file: key -> (value, line)
    order: list | None = field(default=None, repr=False, compare=False)   # walk()'s sections, once complete
    home: str | None = field(default=None, repr=False, compare=False)   # found.home_of's answer, once asked

    def walk(self):
        """This section and every one under it, in document order."""
        if self.order is not None:
            return iter(self.order)
        return self._walk()

    def complete(self) -> None:
        """No section is added under this one from now on: walks reuse one list of its sections
        (every pass of the importer walks the whole tree, about 50 walks of each document)."""
        self.order = list(self._walk())

    def _walk(self):
        # no recursion: nested generators cost a frame per level for every section yielded
        stack = [self]
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def all_blocks(self):
        for section in self.walk():
            yield from section.blocks

    def path(self) -> list[str]:
        out, node = [], self
        while node is not None and node.level > 0:
            out.append(node.title)
            node = node.parent
        return list(reversed(out))


def titled(section: Section, pattern: re.Pattern[str]) -> bool:
    """True when the section's heading, or the heading of one it sits under, matches ``pattern``."""
    node = section
    while node is not None and node.level > 0:
        if title_matches(pattern, node.title):
            return True
        node = node.parent
    return False


@lru_cache(maxsize=1 << 17)   # every pass asks of each section's headings, and runbooks repeat them
def title_matches(pattern: re.Pattern[str], title: str) -> bool:
    """Whether ``pattern`` is found in a heading; each heading asked once of each pattern."""
    return bool(pattern.search(title))


_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)")
_CODE_SPAN = re.compile(r"`([^`]*)`")


@lru_cache(maxsize=65536)   # a 1 MB document has about 30,000 distinct texts that passes strip again
def strip_md(text: str) -> str:
    """Plain text: no emphasis markers, links reduced to their text, emoji and quotes trimmed."""
    if "\\" in text:   # '1\\. Timeline', '\\+353 1 555 0142': a backslash escape shows its character
        text = _outside_code_spans(text, lambda part: _ESCAPED.sub(r"\1", part))
    text = _LINK.sub(r"\1 (\2)", text)
    # ('`count(*)`', '`__init__`': a code span's stars and underscores are the command's, never emphasis)
    text = _outside_code_spans(text, lambda part: _EMPHASIS.sub("", part)) if "`" in text else _EMPHASIS.sub("", text)
    text = _CODE_SPAN.sub(r"\1", text)
    return text.strip()


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def _outside_code_spans(text: str, change) -> str:
    parts = re.split(r"(`+[^`]*`+)", text)
    return "".join(part if i % 2 else change(part) for i, part in enumerate(parts))


def item_runs(blocks: list[Block]) -> list[list[Block]]:
    """A section's lists: runs of consecutive items (nested ones included)."""
    out: list[list[Block]] = []
    previous = None
    for block in blocks:
        if block.kind == "item":
            if previous is None or previous.kind != "item":
                out.append([])
            out[-1].append(block)
        previous = block
    return out


def joined(chosen: list[Block], around: list[Block]) -> str:
    """The chosen blocks' text, one space between neighbours; where a block that was not chosen
    (a code block, a table) lies between two of them, a paragraph break instead: text is never
    joined across content that went elsewhere."""
    picked = {id(b) for b in chosen}
    runs: list[list[str]] = []
    gap = True
    for block in around:
        if id(block) not in picked:
            gap = gap or bool(block.lines)
            continue
        text = strip_md(block.text)
        if not text:
            continue
        if gap or not runs:
            runs.append([text])
        else:
            runs[-1].append(text)
        gap = False
    return "\n\n".join(" ".join(run) for run in runs)


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


HTML_TABLE = re.compile(r"<table\b", re.IGNORECASE)


def fenced_lines(lines: list[str]) -> set[int]:
    """Indices (0-based) of the lines of fenced code blocks, fences included: shown as written,
    so no rewriting of other dialects touches them."""
    inside, fence = set(), ""
    for i, line in enumerate(lines):
        marker = FENCE.match(line) if "```" in line or "~~~" in line else None   # no run of three: no fence
        if marker and not fence:
            fence = marker.group(2)[0] * 3
        elif fence and line.strip().startswith(fence):
            fence = ""
        if fence or marker:
            inside.add(i)
    return inside


# 'Incident ID: INC-{number}' on lines of their own: one field each, not one wrapped paragraph.
FIELD_LINE = re.compile(r"^[A-Z][\w /&()-]{0,40}:\s+\S")
# '**Fixer** – works the problem' on each line: an entry a line, never one wrapped paragraph
BOLD_DASH_LINE = re.compile(r"^\*\*[^*]{2,60}\*\*\s*[-–—]\s+\S")
KEY_VALUE = re.compile(r"^(?:\*\*|__)([^*_]{1,60}?)(?::)?(?:\*\*|__)\s*[:\u2013\u2014-]?\s*(.*)$|^([A-Z][\w /&()-]{0,40}):\s+(\S.*)$")


def parse(text: str, offset: int = 0, title: str = "", breaks: frozenset[int] = frozenset(),
          preformatted: dict[int, str] | None = None) -> Section:
    """Parse into a tree of sections by heading level; line numbers start at offset + 1. The lines
    of ``preformatted`` (line -> its language) are code with no line free for a fence (MediaWiki's
    space-led lines right under a paragraph): each run of them is a code block, indented four spaces."""
    preformatted = preformatted or {}
    root = Section(title, 0, offset)
    current = root
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line, number = lines[i], offset + i + 1
        heading = HEADING.match(line) if line[:1] == "#" else None
        html_heading = None if heading or "<" not in line else HTML_HEADING.match(line)
        fence = FENCE.match(line) if "```" in line or "~~~" in line else None
        if number in preformatted:
            i = _preformatted(lines, i, current, offset, preformatted)
        elif heading or html_heading:
            level = len(heading.group(1)) if heading else int(html_heading.group(1))
            title = heading.group(2).strip() if heading else html_text(html_heading.group(2))
            while current.level >= level:
                current = current.parent
            section = Section(title, level, number, parent=current)
            current.children.append(section)
            current = section
            i += 1
        elif fence:
            i = _fence(lines, i, fence, current, offset)
        elif "<" in line and HTML_TABLE.search(line):
            i = _html_table(lines, i, current, offset)
        elif "|" in line and TABLE_ROW.match(line):
            i = _table(lines, i, current, offset)
        elif not line.strip():
            i += 1
        else:
            block = _line_block(line, number)
            previous = current.blocks[-1] if current.blocks else None
            if block.kind == "para" and block.text and previous is not None and previous.lines[-1] == number - 1 \
                    and number not in breaks \
                    and previous.kind in ("para", "item", "label") and (previous.text or previous.kind != "para") \
                    and not (previous.kind == "para" and _entry_lines(previous.text, block.text)):
                _continue(previous, block)   # a wrapped line: the same paragraph, list item or label
            else:
                block.fresh = number in breaks
                current.blocks.append(block)
            i += 1
    for section in root._walk():
        _outermost_items(section)
    return root


def _outermost_items(section: Section) -> None:
    """'  1. Check the node' (two or three spaces in) where no item of the section is further left:
    the outermost list, as CommonMark reads it, its items level 0 and theirs nested under them."""
    items = [b for b in section.blocks if b.kind == "item"]
    if items and min(b.level for b in items) == 1:
        for block in items:
            block.level -= 1


def _entry_lines(previous: str, text: str) -> bool:
    """Two lines that are each an entry of their own ('Phone: ...', '**Scribe** - writes ...')."""
    return any(pattern.match(previous) and pattern.match(text) for pattern in (FIELD_LINE, BOLD_DASH_LINE))


def _continue(block: Block, more: Block) -> None:
    block.lines.extend(more.lines)
    block.text = f"{block.text} {more.text}".strip()
    if block.key:
        block.value = f"{block.value} {more.text}".strip()


def _preformatted(lines: list[str], i: int, section: Section, offset: int, preformatted: dict[int, str]) -> int:
    start, lang = i, preformatted[offset + i + 1]
    while i < len(lines) and preformatted.get(offset + i + 1) == lang:
        i += 1
    body = textwrap.dedent("\n".join(lines[start:i])).split("\n")   # written under a list item: its indent too
    _code_block(section, list(range(offset + start + 1, offset + i + 1)), lang, body, "", offset + start + 1, [])
    return i


def _fence(lines: list[str], i: int, match: re.Match, section: Section, offset: int = 0) -> int:
    indent, marker, lang = match.group(1), match.group(2), match.group(3)
    start, body = i, []
    i += 1
    while i < len(lines) and not lines[i].strip().startswith(marker):
        body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip())
        i += 1
    end = min(i, len(lines) - 1)
    numbers = list(range(offset + start + 1, offset + end + 2))
    _code_block(section, numbers, lang, body, indent, offset + start + 2, [numbers[0], numbers[-1]])
    return i + 1


def _code_block(section: Section, numbers: list[int], lang: str, body: list[str], indent: str, first: int,
                fences: list[int]) -> None:
    """A code block of the lines ``numbers`` (its ``fences`` too), the code ``body`` from line ``first``."""
    if is_session(lang.lower(), body):   # the commands typed; what the terminal printed stays text
        parts = split_session(body, first)
        typed = [line for kind, _, part_lines in parts if kind != "output" for line in part_lines]
        code = [line for kind, part_code, _ in parts if kind != "output" for line in part_code]
        shell = "powershell" if any(kind == "powershell" for kind, _, _ in parts) else "bash"
        section.blocks.append(Block("code", sorted({*fences, *typed}) or numbers[:1], lang=shell, code=code,
                                    level=len(indent)))
        printed = sorted(line for kind, _, part_lines in parts if kind == "output" for line in part_lines)
        if printed:   # no reader takes it: it is kept, as written, with the imported text of its section
            section.blocks.append(Block("output", printed))
    else:
        section.blocks.append(Block("code", numbers, lang=lang.lower(), code=body, level=len(indent)))


def _table(lines: list[str], i: int, section: Section, offset: int = 0) -> int:
    start, rows, row_lines = i, [], []
    while i < len(lines) and TABLE_ROW.match(lines[i]):
        if not TABLE_RULE.match(lines[i]):
            rows.append(cells(lines[i]))
            row_lines.append(offset + i + 1)
        i += 1
    numbers = list(range(offset + start + 1, offset + i + 1))
    if rows and len(rows[0]) == 2 and not any(rows[0]) and all(len(r) == 2 for r in rows[1:]):
        # '| | |' over '| **Owner** | Jane |' rows: a table of fields without headers, one field a row
        fields = [Block("label", [n], text=row[1], label=strip_md(row[0]).rstrip(":"))
                  for n, row in zip(numbers[2:], rows[1:]) if row[0] or row[1]]
        if fields:   # the empty header and its rule go with the first field
            fields[0].lines[:0] = numbers[:2]
            section.blocks.extend(fields)
            return i
    if rows and len(rows) >= 3 and not any(rows[0]) and _header_like(rows[1]):
        rows, row_lines = rows[1:], row_lines[1:]   # Google Docs' export: an empty header over the table's own header row
    section.blocks.append(Block("table", numbers, rows=rows, row_lines=row_lines))
    return i


def _header_like(row: list[str]) -> bool:
    """Column names: every cell filled, short, plain (no bold key, no number or date)."""
    return all(cell and len(cell.split()) <= 5 and "**" not in cell and not re.search(r"\d", cell) for cell in row)


def _html_table(lines: list[str], i: int, section: Section, offset: int) -> int:
    """<table> ... </table>: rows of <th>/<td> cells, tags and entities removed."""
    start = i
    while i < len(lines) and not re.search(r"</table\s*>", lines[i], re.IGNORECASE):
        i += 1
    end = min(i, len(lines) - 1)
    markup = "\n".join(lines[start:end + 1])
    rows, starts = _spanned_rows(markup)
    section.blocks.append(Block("table", list(range(offset + start + 1, offset + end + 2)), rows=rows,
                                row_lines=[offset + start + 1 + markup.count("\n", 0, at) for at in starts]))
    return end + 1


ROW_MARKUP = re.compile(r"<tr\b[^>]*>(.*?)(?=<tr\b|</table|$)", re.IGNORECASE | re.DOTALL)
_SPAN = re.compile(r"\b(col|row)span\s*=\s*[\"']?(\d{1,2})", re.IGNORECASE)


def _spanned_rows(markup: str) -> tuple[list[list[str]], list[int]]:
    """The table's rows with each cell repeated over the columns and rows it spans, and where in
    ``markup`` each starts; a header of two rows ('Response target' over 'Office hours' | 'Out of
    hours') is one row of joined names."""
    grid: list[list[str]] = []
    starts: list[int] = []
    header_rows, pending = 0, {}   # column -> (text, rows still to fill)
    for match in ROW_MARKUP.finditer(markup):
        row = match.group(1)
        cells = re.findall(r"<(t[hd])\b([^>]*)>(.*?)(?=<t[hd]\b|</tr|$)", row, re.IGNORECASE | re.DOTALL)
        out, column = [], 0
        for tag, attributes, inner in cells:
            while column in pending:
                out.append(_take(pending, column))
                column += 1
            spans = {k.lower(): min(int(v), 20) for k, v in _SPAN.findall(attributes)}
            text = html_text(inner)
            for _ in range(max(1, spans.get("col", 1))):
                out.append(text)
                if spans.get("row", 1) > 1:
                    pending[column] = (text, spans["row"] - 1)
                column += 1
        while column in pending:
            out.append(_take(pending, column))
            column += 1
        if any(out):
            header_rows += not grid or (header_rows == len(grid) and all(t.lower() == "th" for t, _, _ in cells))
            grid.append(out)
            starts.append(match.start())
    if header_rows == 2 and len(grid) > 2 and len(grid[0]) == len(grid[1]):
        joined = [top if top == sub else f"{top} {sub}".strip() for top, sub in zip(grid[0], grid[1])]
        grid, starts = [joined] + grid[2:], starts[:1] + starts[2:]
    return grid, starts


def _take(pending: dict, column: int) -> str:
    text, left = pending[column]
    if left <= 1:
        del pending[column]
    else:
        pending[column] = (text, left - 1)
    return text


def html_text(cell: str) -> str:
    import html
    text = re.sub(r"<br\s*/?>|</li>\s*<li\b[^>]*>", "; ", cell, flags=re.IGNORECASE)   # list items stay apart
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip(" ;")


BARE_MARKER = re.compile(r"\s*(?:[-*+]|\d+[.)])\s*")


def _line_block(line: str, number: int) -> Block:
    if ("---" in line or "***" in line or "___" in line) and RULE.match(line):
        return Block("rule", [number])
    item = ITEM.match(line)
    if (item and not item.group(3).strip()) or BARE_MARKER.fullmatch(line):
        return Block("para", [number], text="")  # a bare list marker carries no text to map
    if item:
        checked = None if item.group(2) is None else item.group(2).lower() == "x"
        text = item.group(3).strip()
        key_value = KEY_VALUE.match(text)
        key, value = ("", "")
        if key_value:
            key = strip_md(key_value.group(1) or key_value.group(3) or "").strip().rstrip(":")
            value = (key_value.group(2) if key_value.group(1) is not None else key_value.group(4)) or ""
        return Block("item", [number], text=text, level=len(item.group(1).expandtabs(4)) // 2,
                     checked=checked, key=key, value=value.strip(), ordered=line.lstrip()[:1].isdigit())
    label = LABEL.match(line) if "**" in line else None
    if label and (line.strip().endswith("**") or ":" in line[:line.find("**", 2) + 4]):
        return Block("label", [number], text=label.group(2).strip(), label=label.group(1).strip().rstrip(":"))
    return Block("para", [number], text=line.strip(), indent=len(line) - len(line.lstrip()))
