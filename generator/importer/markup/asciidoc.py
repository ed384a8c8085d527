"""AsciiDoc (an Antora or Asciidoctor page) rewritten as Markdown, line for line.

Read top to bottom with what AsciiDoc itself keeps: the open delimited blocks (listing, example,
quote, table, comment), the block attributes waiting for the next block (``[source,bash]``,
``[NOTE]``), the list markers in use (``*``, ``**``, ``.``) and whether the next block is attached to
a list item by a ``+`` line. A term alone on its line (``Mitigation::``) heads the text below it, the
way a section would; ``Term:: value`` is a key-value bullet.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import Converted, next_text, previous_text

TITLE = re.compile(r"^(={1,6})\s+(\S.*?)\s*=*\s*$")
ATTRIBUTE = re.compile(r"^:(!?[\w-]+!?):(?:\s+(.*))?$")
ANCHOR = re.compile(r"^\[\[[^\]]+\]\]\s*$|^\[#[\w.-]+\]\s*$")
BLOCK_ATTRIBUTES = re.compile(r"^\[([^\[\]]*)\]\s*$")
BLOCK_TITLE = re.compile(r"^\.([^\s.].*)$")
DELIMITER = re.compile(r"^(-{4,}|\.{4,}|={4,}|\*{4,}|_{4,}|\+{4,}|/{4,}|--|\|={3,})\s*$")
LIST_ITEM = re.compile(r"^(\*{1,5}|-|\.{1,5}|\d+\.)\s+(\S.*)$")
TERM = re.compile(r"^(?!\w+::\S*\[)(\S.*?)(:{2,4}|;;)(?:\s+(\S.*))?$")
ADMONITION = re.compile(r"^(NOTE|TIP|IMPORTANT|WARNING|CAUTION):\s+(.*)$")
ADMONITION_STYLES = {"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"}
MACRO_HIDDEN = re.compile(r"^(?:ifdef|ifndef|ifeval|endif|toc)::.*\]\s*$")
CALLOUT_MARK = re.compile(r"\s*(?://|#|--|;)?\s*(?:<\d+>|<!--\d+-->)(?:\s*<\d+>)*\s*$")
CALLOUT_ITEM = re.compile(r"^<(\d+|\.)>\s+(.*)$")
PREDEFINED = {"nbsp": " ", "sp": " ", "empty": "", "zwsp": "", "amp": "&", "lt": "<", "gt": ">",
              "startsb": "[", "endsb": "]", "vbar": "|", "caret": "^", "asterisk": "*", "tilde": "~",
              "plus": "+", "apos": "'", "quot": '"', "deg": "°", "backslash": "\\", "two-colons": "::"}


@dataclass
class _Table:
    header: bool          # its first row is the header
    width: int = 0        # cells a row has (those of its first line)
    filled: int = 0       # cells of the row being read so far
    rows: int = 0


@dataclass
class _State:
    attributes: dict[str, str] = field(default_factory=lambda: dict(PREDEFINED))
    markers: list[str] = field(default_factory=list)      # list markers open, outermost first
    columns: list[int] = field(default_factory=list)      # their items' content columns in Markdown
    attached: bool = False                                 # a '+' line: the next block is the item's
    style: str = ""                                        # the pending '[source,bash]' / '[NOTE]'
    blocks: list[tuple[str, str, str]] = field(default_factory=list)   # open: (delimiter, kind, prefix)
    section: int = 1
    in_paragraph: str = ""                                 # the prefix a paragraph's next line keeps
    table: _Table | None = None                            # the '|===' table being read


def convert(lines: list[str]) -> Converted:
    out = Converted(list(lines))
    state = _State()
    i = 0
    while i < len(lines):
        i = _line(lines, i, out, state)
    return out


def _line(lines: list[str], i: int, out: Converted, state: _State) -> int:
    line = lines[i].rstrip()
    open_kind = state.blocks[-1][1] if state.blocks else ""
    if open_kind in ("code", "pass", "comment", "table"):
        return _inside(lines, i, out, state)
    delimiter = DELIMITER.match(line)
    if delimiter:
        return _delimiter(lines, i, out, state, delimiter.group(1))
    if not line.strip():
        out.lines[i] = ""
        state.in_paragraph = ""
        return i + 1
    if state.in_paragraph and not line.startswith(("//", "+")) and not LIST_ITEM.match(line) \
            and not BLOCK_ATTRIBUTES.match(line) and not TERM.match(line.strip()) and not CALLOUT_ITEM.match(line):
        out.lines[i] = state.in_paragraph + _inline(line.strip(), state)
        return i + 1
    for handler in (_comment, _attribute, _title, _anchor_or_attributes, _block_title, _continuation,
                    _list_item, _term, _admonition, _macro, _callout):
        done = handler(lines, i, out, state)
        if done is not None:
            return done
    return _paragraph(lines, i, out, state)


def _prefix(state: _State) -> str:
    """Where the next block goes: under the list item a '+' attached it to, or in the open box."""
    base = state.blocks[-1][2] if state.blocks else ""
    if state.attached and state.columns:
        return base + " " * state.columns[-1]
    return base


def _comment(lines, i, out, state):
    line = lines[i].strip()
    if not line.startswith("//") or line.startswith("////"):
        return None
    out.lines[i] = f"{_prefix(state)}<!-- {line[2:].strip()} -->"
    return i + 1


def _attribute(lines, i, out, state):
    match = ATTRIBUTE.match(lines[i].strip())
    if not match:
        return None
    state.attributes[match.group(1).strip("!")] = (match.group(2) or "").strip()
    out.blank(i)   # a setting of the page: shown where '{name}' uses it, if anywhere
    return i + 1


def _title(lines, i, out, state):
    match = TITLE.match(lines[i]) or re.match(r"^(#{1,6})\s+(\S.*)$", lines[i])
    if not match or state.blocks:
        return None
    level = len(match.group(1))
    state.section, state.markers, state.columns, state.attached = level, [], [], False
    out.lines[i] = "#" * level + " " + _inline(match.group(2), state)
    return i + 1


def _anchor_or_attributes(lines, i, out, state):
    line = lines[i].strip()
    attributes = BLOCK_ATTRIBUTES.match(line)
    if not ANCHOR.match(line) and not attributes:
        return None
    if attributes and not ANCHOR.match(line):
        first = attributes.group(1).split(",")[0].strip()
        state.style = first if first and "=" not in first else ""
        if state.style.startswith(("#", ".", "%")):
            state.style = ""
        if first == "source" or first.startswith("source"):
            parts = [p.strip() for p in attributes.group(1).split(",")]
            state.style = "source:" + (parts[1] if len(parts) > 1 and "=" not in parts[1] else "")
    following = next_text(lines, i)
    out.blank(i, following)
    return i + 1


def _block_title(lines, i, out, state):
    match = BLOCK_TITLE.match(lines[i].strip())
    if not match or LIST_ITEM.match(lines[i].strip()):
        return None
    out.lines[i] = f"{_prefix(state)}**{_inline(match.group(1), state)}**"
    return i + 1


def _continuation(lines, i, out, state):
    if lines[i].strip() != "+":
        return None
    state.attached = bool(state.columns)
    out.blank(i, next_text(lines, i))
    return i + 1


def _list_item(lines, i, out, state):
    match = LIST_ITEM.match(lines[i].strip())
    if not match:
        return None
    marker, text = match.groups()
    kind = "1." if marker.startswith(".") or marker[0].isdigit() else "-"
    key = "." * len(marker) if marker[0].isdigit() else marker
    if key in state.markers:
        depth = state.markers.index(key)
        del state.markers[depth + 1:], state.columns[depth:]
    else:
        state.markers.append(key)
    column = state.columns[-1] if state.columns else 0
    base = state.blocks[-1][2] if state.blocks else ""
    task = re.match(r"^\[([ xX*])\]\s+(.*)$", text)
    body = f"[{'x' if task.group(1) in 'xX*' else ' '}] {_inline(task.group(2), state)}" if task else _inline(text, state)
    out.lines[i] = f"{base}{' ' * column}{kind} {body}"
    state.columns.append(column + len(kind) + 1)
    state.attached, state.in_paragraph = False, base + " " * state.columns[-1]
    return i + 1


def _term(lines, i, out, state):
    match = TERM.match(lines[i].strip())
    if not match or "://" in match.group(1) or match.group(1).endswith(":"):
        return None
    term, value = _inline(match.group(1).strip(), state), match.group(3)
    base = _prefix(state)
    if value:
        out.lines[i] = f"{base}- **{term}**: {_inline(value, state)}"
        state.in_paragraph = base + "  "
    elif state.blocks:
        out.lines[i] = f"{base}**{term}**:"
    else:   # 'Mitigation::' over its text: a part of the section, as a heading makes it
        out.lines[i] = "#" * min(state.section + 1, 6) + " " + term
    state.markers, state.columns, state.attached = [], [], False
    return i + 1


def _admonition(lines, i, out, state):
    match = ADMONITION.match(lines[i].strip())
    if not match:
        return None
    prefix = _prefix(state)
    out.lines[i] = f"{prefix}> **{match.group(1).capitalize()}:** {_inline(match.group(2), state)}"
    state.in_paragraph = prefix + "> "
    return i + 1


def _macro(lines, i, out, state):
    line = lines[i].strip()
    if MACRO_HIDDEN.match(line) or line in ("'''", "<<<", "---", "- - -", "***"):
        out.blank(i)
        return i + 1
    image = re.match(r"^image::[^\[]*\[([^\],]*)", line)
    if image:
        out.lines[i] = _prefix(state) + image.group(1) if image.group(1).strip() else ""
        if not image.group(1).strip():
            out.blank(i)
        return i + 1
    if re.match(r"^include::", line):   # what it pulls in is not in this file: the line stays as written
        out.lines[i] = _prefix(state) + line
        return i + 1
    return None


def _callout(lines, i, out, state):
    match = CALLOUT_ITEM.match(lines[i].strip())
    if not match:
        return None
    prefix = _prefix(state) + (" " * state.columns[-1] if state.columns and not state.attached else "")
    out.lines[i] = f"{prefix}({match.group(1)}) {_inline(match.group(2), state)}"
    state.in_paragraph = prefix
    return i + 1


def _paragraph(lines, i, out, state):
    line = lines[i]
    prefix = _prefix(state)
    if not state.attached and not state.blocks and (i == 0 or not lines[i - 1].strip()):
        state.markers, state.columns = [], []   # a paragraph after a blank line ends the list
        prefix = ""
    if line[:1] in (" ", "\t") and not state.attached and (i == 0 or not lines[i - 1].strip()):
        out.lines[i] = prefix + "    " + line.strip()   # an indented paragraph is a literal block
        state.in_paragraph = prefix + "    "
        state.attached = False
        return i + 1
    out.lines[i] = prefix + _inline(line.strip(), state)
    state.in_paragraph, state.attached, state.style = prefix, False, ""
    return i + 1


# -- delimited blocks ---------------------------------------------------------------------------
def _delimiter(lines, i, out, state, delimiter):
    if state.blocks and state.blocks[-1][0] == delimiter:
        closing, kind, prefix = state.blocks.pop()
        out.blank(i, previous_text(out.lines, i))
        state.attached, state.in_paragraph = False, ""
        return i + 1
    prefix, style = _prefix(state), state.style
    state.style, state.in_paragraph = "", ""
    char = delimiter[0]
    if char in "-." and delimiter != "--":
        language = style.split(":", 1)[1] if style.startswith("source:") else ""
        out.lines[i] = f"{prefix}```{language}"
        state.blocks.append((delimiter, "code", prefix))
    elif char == "/":
        out.lines[i] = f"{prefix}<!--"
        state.blocks.append((delimiter, "comment", prefix))
    elif char == "+":
        out.blank(i, next_text(lines, i))
        state.blocks.append((delimiter, "pass", prefix))
    elif char == "|":
        out.lines[i] = f"{prefix}<table>"
        state.blocks.append((delimiter, "table", prefix))
        state.table = _Table(header="header" in style or _header_row(lines, i))
    elif style.upper() in ADMONITION_STYLES:
        out.lines[i] = f'{prefix}!!! {style.lower()} "{style.capitalize()}"'
        state.blocks.append((delimiter, "box", prefix + "    "))
    else:
        out.blank(i, next_text(lines, i))
        state.blocks.append((delimiter, "quote" if char == "_" else "box", prefix + ("> " if char == "_" else "")))
    state.attached = False
    return i + 1


def _inside(lines, i, out, state):
    """A line of a code, passthrough, comment or table block: its end, or its content."""
    closing, kind, prefix = state.blocks[-1]
    line = lines[i].rstrip()
    if line.strip() == closing:
        state.blocks.pop()
        state.attached, state.in_paragraph = False, ""
        if kind == "code":
            out.lines[i] = f"{prefix}```"
        elif kind == "comment":
            out.lines[i] = f"{prefix}-->"
        elif kind == "table":
            out.lines[i] = f"{prefix}</table>"
            state.table = None
        else:
            out.blank(i, previous_text(out.lines, i))
        return i + 1
    if kind == "code":
        out.lines[i] = prefix + CALLOUT_MARK.sub("", line) if line.strip() else ""
    elif kind == "table":
        _table_line(out, i, line, prefix, state)
    else:
        out.lines[i] = prefix + line if line.strip() else ""
    return i + 1


def _header_row(lines: list[str], start: int) -> bool:
    """AsciiDoc's implicit header: the first line has every cell and a blank line follows it."""
    first = start + 1
    return first + 1 < len(lines) and lines[first].strip().startswith("|") and not lines[first + 1].strip()


def _table_line(out: Converted, i: int, line: str, prefix: str, state: _State) -> None:
    table = state.table
    if table is None or not line.strip():
        out.lines[i] = ""
        return
    if not line.lstrip().startswith("|") or "|" not in line:
        out.lines[i] = prefix + _inline(line.strip(), state)   # a cell's text going on
        return
    cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:]]
    if not table.width:
        table.width = len(cells)
    tag = "th" if table.header and table.rows == 0 else "td"
    parts = []
    for cell in cells:
        if table.filled == 0:
            parts.append("<tr>")
        parts.append(f"<{tag}>{_inline(cell, state)}</{tag}>")
        table.filled += 1
        if table.filled >= table.width:
            parts.append("</tr>")
            table.filled, table.rows = 0, table.rows + 1
            tag = "td"
    out.lines[i] = prefix + "".join(parts)


# -- inline markup ------------------------------------------------------------------------------
def _inline(text: str, state: _State) -> str:
    parts = re.split(r"(`[^`]+`)", text)
    return "".join(_literal(part) if n % 2 else _inline_text(part, state) for n, part in enumerate(parts))


def _literal(code: str) -> str:
    inner = code[1:-1]
    return f"`{inner[1:-1]}`" if len(inner) > 1 and inner.startswith("+") and inner.endswith("+") else code


def _inline_text(text: str, state: _State) -> str:
    text = re.sub(r"\{([\w-]+)\}", lambda m: state.attributes.get(m.group(1), m.group(0)), text)
    text = re.sub(r"\b(?:link:)?((?:https?|mailto|ftp):[^\s\[]+)\[([^\]]*)\]",
                  lambda m: f"[{m.group(2) or m.group(1)}]({m.group(1)})", text)
    text = re.sub(r"\blink:([^\s\[]+)\[([^\]]*)\]", lambda m: m.group(2) or m.group(1), text)
    text = re.sub(r"<<([^,>]+),\s*([^>]+)>>", r"\2", text)
    text = re.sub(r"<<([^>]+)>>", r"\1", text)
    text = re.sub(r"\bxref:([^\s\[]+)\[([^\]]*)\]", lambda m: m.group(2) or m.group(1), text)
    text = re.sub(r"\b(?:kbd|btn|pass):\[([^\]]*)\]", r"\1", text)
    text = re.sub(r"\bmenu:([^\[]+)\[([^\]]*)\]", lambda m: " > ".join(p for p in (m.group(1), m.group(2)) if p), text)
    text = re.sub(r"\bfootnote:\[([^\]]*)\]", r" (\1)", text)
    text = re.sub(r"\bimage:[^\s\[]+\[([^\],]*)[^\]]*\]", r"\1", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])", r"**\1**", text)
    text = re.sub(r"(?<![\w_])_(?!\s)([^_]+?)(?<!\s)_(?![\w_])", r"*\1*", text)
    text = re.sub(r"(?:\[\.[\w-]+\])?#([^#\s][^#]*)#", r"\1", text)
    return re.sub(r"\s\+$", "", text)
