"""reStructuredText (a Sphinx page) rewritten as Markdown, line for line.

The page is read block by block, each block at the indentation it starts at, and written at the
Markdown indentation of its container: a field list item (``:Meaning: ...``) is a key-value bullet, a
directive's body is converted like the page and indented under it, ``::`` and ``code-block`` bodies
are fenced code, ``csv-table`` and ``list-table`` are HTML tables, admonitions are ``!!!`` boxes.
"""
from __future__ import annotations

import csv
import re

from . import Converted, rst_tables

ADORNMENT = re.compile(r"""^([=\-~^"'`#*+:.<>_!$%&,;?@\\/|])\1{2,}\s*$""")
EXPLICIT = re.compile(r"^\.\.(?:\s+(.*))?$")
DIRECTIVE = re.compile(r"^([\w:.-]+)::(?:\s+(.*))?$")
SUBSTITUTION = re.compile(r"^\|([^|]+)\|\s+([\w-]+)::\s*(.*)$")
FIELD = re.compile(r"^:([^:\s`][^:`]*?):(?:\s+(.*))?$")
BULLET = re.compile(r"^([-*+\u2022\u2023])(\s+)(\S.*)$")
ENUM = re.compile(r"^(#|\d+|[a-zA-Z]|[ivxIVX]{1,5})([.)])(\s+)(\S.*)$|^\((#|\d+|[a-zA-Z])\)(\s+)(\S.*)$")
ROLE = re.compile(r":([\w:+-]+):`([^`]*)`")
LINK = re.compile(r"`([^`<]*?)\s*<([^>`]+)>`_{1,2}")
REFERENCE = re.compile(r"`([^`]+)`_{1,2}")
CODE_ROLES = {"code", "kbd", "command", "program", "file", "samp", "option", "envvar", "literal"}
ADMONITIONS = {"note", "warning", "tip", "important", "caution", "danger", "attention", "hint", "error",
               "seealso", "todo"}
VERSIONED = {"versionadded": "New in version", "versionchanged": "Changed in version",
             "deprecated": "Deprecated since version", "versionremoved": "Removed in version"}
# what a rendered page never shows as text: metadata, generated tables of contents, build settings
HIDDEN = {"meta", "contents", "toctree", "index", "sectnum", "highlight", "default-role", "role", "title",
          "tabularcolumns", "currentmodule", "module", "default-domain", "image", "only", "ifconfig"}
CODE = {"code-block", "code", "sourcecode", "parsed-literal"}
MAX_DEPTH = 40


def convert(lines: list[str]) -> Converted:
    reader = _Reader(lines)
    reader.block(0, len(lines), 0, "")
    return reader.out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.src = [line.expandtabs(8) for line in lines]
        self.out = Converted([""] * len(lines))
        self.styles: list[tuple[str, bool]] = []
        self.subs = _substitutions(self.src)
        self.depth = 0

    # -- blocks -------------------------------------------------------------------------------
    def block(self, start: int, end: int, base: int, prefix: str) -> None:
        """Convert lines[start:end], whose blocks start at column ``base``, under ``prefix``."""
        if self.depth >= MAX_DEPTH:   # nesting no page has: its lines as plain text, not a recursion error
            for k in range(start, end):
                self.out.lines[k] = prefix + self.inline(self.src[k].strip()) if self.src[k].strip() else ""
            return None
        self.depth += 1
        try:
            self._blocks(start, end, base, prefix)
        finally:
            self.depth -= 1
        return None

    def _blocks(self, start: int, end: int, base: int, prefix: str) -> None:
        i = start
        while i < end:
            line = self.src[i]
            if not line.strip():
                following = i + 1
            elif _indent(line) > base:
                following = self._quote(i, end, prefix)
            else:   # a line left of the block's column (bad indentation) starts a block at its own
                column = min(base, _indent(line))
                following = self._at(i, end, column, prefix, line[column:])
            i = max(following, i + 1)   # every step reads at least a line, whatever the input
        return None

    def _at(self, i: int, end: int, base: int, prefix: str, text: str) -> int:
        heading = self._heading(i, end, text) if not prefix else None
        if heading is not None:
            return heading
        table = rst_tables.table_at(self.src, i, end)
        if table is not None:
            stop, rows, header = table
            rst_tables.write(rows, header, i, stop - 1, self.inline, self.out)
            return stop
        if ADORNMENT.match(text) and len(text.strip()) >= 4:   # a transition: a line across the page
            self.out.blank(i)
            return i + 1
        explicit = EXPLICIT.match(text)
        if explicit:
            return self._explicit(i, end, base, prefix, explicit.group(1) or "")
        item = self._list_item(text)
        if item is not None:
            marker, offset, content, markdown = item
            return self._item(i, end, base, prefix, markdown, content, base + offset)
        return self._paragraph(i, end, base, prefix)

    def _body_end(self, start: int, end: int, deeper_than: int) -> int:
        """The end of the lines from ``start`` that are blank or indented more than ``deeper_than``
        (trailing blank lines are not part of it)."""
        last = start
        for j in range(start, end):
            if not self.src[j].strip():
                continue
            if _indent(self.src[j]) <= deeper_than:
                break
            last = j + 1
        return last

    def _first_text(self, start: int, end: int) -> int | None:
        return next((j for j in range(start, end) if self.src[j].strip()), None)

    def _nested(self, start: int, end: int, prefix: str) -> None:
        first = self._first_text(start, end)
        if first is not None:
            self.block(first, end, _indent(self.src[first]), prefix)

    def _quote(self, i: int, end: int, prefix: str) -> int:
        """An indented block nobody introduced: a block quote, read as the page's own text."""
        stop = self._body_end(i, end, _indent(self.src[i]) - 1)
        self.block(i, stop, _indent(self.src[i]), prefix)
        return stop

    def _heading(self, i: int, end: int, text: str) -> int | None:
        over = ADORNMENT.match(text)
        if over and i + 2 < end and self.src[i + 1].strip() and ADORNMENT.match(self.src[i + 2].strip()) \
                and self.src[i + 2].strip()[0] == over.group(1):
            self._title(i + 1, (over.group(1), True), owner_of=(i, i + 2))
            return i + 3
        if i + 1 < end and not over and ADORNMENT.match(self.src[i + 1]) and \
                len(self.src[i + 1].strip()) >= len(text.strip()) - 1 and (i == 0 or not self.src[i - 1].strip()):
            self._title(i, (self.src[i + 1].strip()[0], False), owner_of=(i + 1,))
            return i + 2
        return None

    def _title(self, i: int, style: tuple[str, bool], owner_of: tuple[int, ...]) -> None:
        if style not in self.styles:
            self.styles.append(style)
        level = min(self.styles.index(style) + 1, 6)
        self.out.lines[i] = "#" * level + " " + self.inline(self.src[i].strip())
        for markup in owner_of:
            self.out.blank(markup, i)

    def _list_item(self, text: str):
        bullet = BULLET.match(text)
        if bullet:
            return bullet.group(1), len(bullet.group(1)) + len(bullet.group(2)), bullet.group(3), "-"
        enum = ENUM.match(text)
        if not enum:
            return None
        if enum.group(1) is not None:
            number, spaces, content = enum.group(1), enum.group(3), enum.group(4)
            marker = number + enum.group(2)
        else:
            number, spaces, content = enum.group(5), enum.group(6), enum.group(7)
            marker = f"({number})"
        if number.isalpha() and len(number) > 1 and not re.fullmatch(r"[ivxIVX]+", number):
            return None
        return marker, len(marker) + len(spaces), content, f"{number}." if number.isdigit() else "1."

    def _item(self, i: int, end: int, base: int, prefix: str, markdown: str, content: str, column: int) -> int:
        stop = self._body_end(i + 1, end, column - 1)
        self.out.lines[i] = f"{prefix}{markdown} {self.inline(content)}"
        self._nested(i + 1, stop, prefix + " " * (len(markdown) + 1))
        return stop

    def _paragraph(self, i: int, end: int, base: int, prefix: str) -> int:
        j = i
        while j < end and self.src[j].strip() and _indent(self.src[j]) == base and \
                (j == i or not (EXPLICIT.match(self.src[j][base:]) or self._list_item(self.src[j][base:]))):
            field = FIELD.match(self.src[j][base:]) if j == i else None
            if field:
                return self._field(j, end, base, prefix, field)
            j += 1
        if j == i + 1 and j < end and self.src[j].strip() and _indent(self.src[j]) > base:
            return self._definition(i, end, base, prefix)
        for k in range(i, j):
            self.out.lines[k] = prefix + self.inline(self.src[k].strip())
        last = self.src[j - 1].rstrip()
        if not last.endswith("::"):
            return j
        if last.strip() == "::":
            self.out.blank(j - 1, j - 2 if j - 2 >= i else None)
        else:
            self.out.lines[j - 1] = prefix + self.inline(last.strip()[:-1])
        return self._literal(j, end, base, prefix, "")

    def _field(self, i: int, end: int, base: int, prefix: str, field: re.Match) -> int:
        stop = self._body_end(i + 1, end, base)
        name, value = field.group(1).strip(), (field.group(2) or "").strip()
        self.out.lines[i] = f"{prefix}- **{self.inline(name)}**:" + (f" {self.inline(value)}" if value else "")
        self._nested(i + 1, stop, prefix + "  ")
        return stop

    def _definition(self, i: int, end: int, base: int, prefix: str) -> int:
        stop = self._body_end(i + 1, end, base)
        self.out.lines[i] = f"{prefix}**{self.inline(self.src[i].strip())}**:"
        self._nested(i + 1, stop, prefix)
        return stop

    def _literal(self, start: int, end: int, base: int, prefix: str, language: str) -> int:
        """The indented block after ``start`` (a '::' line or a code directive) as a fenced block."""
        first = self._first_text(start, end)
        if first is None or _indent(self.src[first]) <= base:
            return start
        stop = self._body_end(first, end, base)
        body_base = min(_indent(self.src[k]) for k in range(first, stop) if self.src[k].strip())
        opening = first - 1 if first - 1 >= start and not self.src[first - 1].strip() else None
        if opening is None:
            return start
        self.out.lines[opening] = f"{prefix}```{language}"
        self.out.attached[opening + 1] = first + 1
        for k in range(first, stop):
            self.out.lines[k] = prefix + self.src[k][body_base:] if self.src[k].strip() else ""
        if stop < len(self.src) and not self.src[stop].strip():
            self.out.lines[stop] = f"{prefix}```"
            self.out.attached[stop + 1] = stop
        return stop

    # -- explicit markup ('..') -----------------------------------------------------------------
    def _explicit(self, i: int, end: int, base: int, prefix: str, rest: str) -> int:
        stop = self._body_end(i + 1, end, base)
        substitution = SUBSTITUTION.match(rest)
        directive = DIRECTIVE.match(rest)
        if substitution or rest.startswith(("_", "__ ")) or (not rest and stop == i + 1):
            for k in range(i, stop):   # a definition or a link target: shown where it is used
                self.out.blank(k)
            return stop
        if directive:
            return self._directive(i, stop, base, prefix, directive.group(1).lower(), (directive.group(2) or "").strip())
        footnote = re.match(r"^\[([^\]]+)\]\s*(.*)$", rest)
        if footnote:
            self.out.lines[i] = f"{prefix}[{footnote.group(1)}] {self.inline(footnote.group(2))}"
            self._nested(i + 1, stop, prefix)
            return stop
        return self._comment(i, stop, prefix, rest)

    def _comment(self, i: int, stop: int, prefix: str, rest: str) -> int:
        """'.. text' is a comment: kept as an HTML comment, which the importer reads as a remark."""
        last = max((k for k in range(i, stop) if self.src[k].strip()), default=i)
        for k in range(i, stop):
            text = rest if k == i else self.src[k].strip()
            if not text:
                continue
            self.out.lines[k] = prefix + ("<!-- " if k == i else "") + text + (" -->" if k == last else "")
        if not rest:
            self.out.lines[i] = prefix + "<!--" + (" -->" if last == i else "")
        return stop

    def _options(self, i: int, stop: int) -> tuple[dict[str, tuple[int, str]], int]:
        """A directive's ':option: value' lines right below it: name -> (line, value); the next line."""
        options, k = {}, i + 1
        while k < stop and self.src[k].strip() and re.match(r"^:[\w -]+:(?:\s|$)", self.src[k].strip()):
            name, _, value = self.src[k].strip()[1:].partition(":")
            options[name.strip().lower()] = (k, value.strip())
            k += 1
        return options, k

    def _directive(self, i: int, stop: int, base: int, prefix: str, name: str, arg: str) -> int:
        options, body = self._options(i, stop)
        for line, _ in options.values():
            self.out.blank(line)
        if name in HIDDEN:
            for k in range(i, stop):
                self.out.blank(k)
            if name == "only":   # shown in some builds: its text stays
                self._nested(body, stop, prefix)
        elif name in CODE:
            language = arg.split()[0] if arg else ""
            first = self._first_text(body, stop)
            if self._literal(body, stop, base, prefix, language) == body:   # no blank line before the code
                self.out.lines[i] = f"{prefix}```{language}"
                self._verbatim(body, stop, prefix)
                if stop < len(self.src) and not self.src[stop].strip():
                    self.out.lines[stop] = f"{prefix}```"
            else:
                self.out.blank(i, first)
        elif name in ("csv-table", "list-table"):
            self._table(i, stop, prefix, name, arg, options, body)
        elif name == "raw":
            self.out.blank(i, body)
            self._verbatim(body, stop, prefix)
        elif name in ("include", "literalinclude"):
            self.out.lines[i] = prefix + self.src[i].strip()   # what it pulls in is not in this file
        else:
            self._box(i, stop, prefix, name, arg, body)
        return stop

    def _verbatim(self, start: int, stop: int, prefix: str) -> None:
        first = self._first_text(start, stop)
        if first is None:
            return
        body_base = min(_indent(self.src[k]) for k in range(first, stop) if self.src[k].strip())
        for k in range(first, stop):
            self.out.lines[k] = prefix + self.src[k][body_base:] if self.src[k].strip() else ""

    def _box(self, i: int, stop: int, prefix: str, name: str, arg: str, body: int) -> None:
        """Admonitions become '!!!' boxes; any other directive a bold label over its own text."""
        if name in ADMONITIONS or name in VERSIONED or name == "admonition":
            kind = "note" if name in VERSIONED or name == "admonition" else name
            title = f"{VERSIONED[name]} {arg}".strip() if name in VERSIONED else arg or name.capitalize()
            title = "TODO" if name == "todo" and not arg else title
            self.out.lines[i] = f'{prefix}!!! {kind} "{self.inline(title)}"'
            self._nested(body, stop, prefix + "    ")
            return
        if arg:
            self.out.lines[i] = f"{prefix}**{self.inline(arg)}**"
        else:
            first = self._first_text(body, stop)
            self.out.blank(i, first)
        self._nested(body, stop, prefix)

    def _table(self, i: int, stop: int, prefix: str, name: str, arg: str, options: dict, body: int) -> None:
        """A csv-table or list-table as an HTML table (the importer reads those whole, blank lines and all)."""
        first = self._first_text(body, stop)
        if first is None:
            self._box(i, stop, prefix, name, arg, body)
            return
        header = options.get("header")
        opening = header[0] if header else (first - 1 if first - 1 > i else first)
        self.out.lines[i] = f"{prefix}**{self.inline(arg)}**" if arg else ""
        if not arg:
            self.out.attached[i + 1] = opening + 1
        if header:
            self.out.hidden.discard(opening + 1)
            cells = next(csv.reader([header[1]], skipinitialspace=True), [])
            self.out.lines[opening] = prefix + "<table><tr>" + "".join(f"<th>{self.inline(c)}</th>" for c in cells) + "</tr>"
        elif opening != first:
            self.out.lines[opening] = f"{prefix}<table>"
            self.out.attached[opening + 1] = first + 1
        count = options.get("header-rows", (0, "0"))[1]
        header_rows = int(count) if count.isdigit() else 0
        rows = self._csv_rows(first, stop, header_rows) if name == "csv-table" else self._list_rows(first, stop, header_rows)
        for line, html in rows:
            self.out.lines[line] = prefix + ("<table>" if line == opening else "") + html
        self.out.lines[rows[-1][0]] += "</table>"

    def _csv_rows(self, first: int, stop: int, header_rows: int) -> list[tuple[int, str]]:
        rows = []
        for k in range(first, stop):
            if self.src[k].strip():
                tag = "th" if len(rows) < header_rows else "td"
                cells = next(csv.reader([self.src[k].strip()], skipinitialspace=True), [])
                rows.append((k, "<tr>" + "".join(f"<{tag}>{self.inline(c)}</{tag}>" for c in cells) + "</tr>"))
        return rows

    def _list_rows(self, first: int, stop: int, header_rows: int) -> list[tuple[int, str]]:
        """'* - a' / '  - b': a row per top-level item, a cell per second-level item; a cell's
        wrapped lines ('    be loaded.') carry on the cell above, so every line keeps its text."""
        items, row_indent = [], _indent(self.src[first])
        for k in range(first, stop):
            text = self.src[k].strip()
            if not text:
                continue
            opens_row = _indent(self.src[k]) == row_indent and text.startswith(("* ", "- "))
            opens_cell = opens_row or text.startswith("- ")
            cell = re.sub(r"^(?:[*-]\s+)?(?:-\s+)?", "", text) if opens_row else re.sub(r"^-\s+", "", text)
            items.append((k, cell, opens_row, opens_cell))
        rows, row = [], -1
        for n, (k, cell, opens_row, opens_cell) in enumerate(items):
            row += opens_row
            tag = "th" if row < header_rows else "td"
            after = items[n + 1] if n + 1 < len(items) else (0, "", True, True)
            rows.append((k, ("<tr>" if opens_row else "") + (f"<{tag}>" if opens_cell else " ") + self.inline(cell)
                         + (f"</{tag}>" if after[3] else "") + ("</tr>" if after[2] else "")))
        return rows

    # -- inline markup --------------------------------------------------------------------------
    def inline(self, text: str) -> str:
        parts = re.split(r"``(.+?)``", text)
        return "".join(f"`{part}`" if n % 2 else self._inline_text(part) for n, part in enumerate(parts))

    def _inline_text(self, text: str) -> str:
        text = ROLE.sub(_role, text)
        text = LINK.sub(lambda m: f"[{m.group(1) or m.group(2)}]({m.group(2)})" if _is_url(m.group(2))
                        else (m.group(1) or m.group(2)), text)
        text = REFERENCE.sub(r"\1", text)
        text = re.sub(r"\|([^|\s][^|]*?)\|_{0,2}", lambda m: self.subs.get(m.group(1), m.group(0)), text)
        return re.sub(r"\\(\S)", r"\1", text)


def _role(match: re.Match) -> str:
    role, content = match.group(1).lower().split(":")[-1], match.group(2)
    shown = re.match(r"^(.*?)\s*<([^>]+)>$", content)
    text = (shown.group(1) or shown.group(2)) if shown else content.lstrip("~!")
    return f"`{text}`" if role in CODE_ROLES else text


def _is_url(target: str) -> bool:
    return bool(re.match(r"^(?:https?|mailto|ftp):", target))


def _substitutions(lines: list[str]) -> dict[str, str]:
    """'.. |im-phone| replace:: +1 555 0134': what each '|im-phone|' on the page shows."""
    subs = {}
    for line in lines:
        match = EXPLICIT.match(line.strip())
        definition = SUBSTITUTION.match(match.group(1) or "") if match else None
        if definition and definition.group(2) == "replace":
            subs[definition.group(1)] = definition.group(3).strip()
    return subs
