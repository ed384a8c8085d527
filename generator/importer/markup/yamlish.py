"""A runbook kept as YAML-like 'key: value' text (a '.txt' that was a runbook.yaml), line for line.

    severity_levels:                      ## severity levels
      sev1: game unplayable ...           - **sev1**: game unplayable ...
    ---                                   (blank: a record ends)
    incident: login failures              ## login failures
    first_look:                           ### first look
      - kubectl -n auth get pods          - `kubectl -n auth get pods`
    templates:                            ## templates
      status-page-major: |                **status-page-major**
        Title: Tidebreakers — {problem}   > Title: Tidebreakers — {problem}

A key over nested lines is a heading; a record after '---' is headed by its first value; a list
of mappings ('- step: 1' / 'who: ...') is a numbered list of the ``who``/``name`` values; a block
scalar is a bold name over its quoted text; a command in a list is inline code; comment lines are
text; a pasted CSV table is an HTML table. Nothing is parsed as YAML: people 'fix' such files
into invalid YAML, which is why they are '.txt'.
"""
from __future__ import annotations

import re

from . import Converted

KEY = re.compile(r"^(\s*)(- )?([A-Za-z_][\w .()/,-]{0,60}?)\s*:(?:\s+(.*?))?\s*$")
ITEM = re.compile(r"^(\s*)- (.*)$")
COMMENT = re.compile(r"^\s*#\s?(.*)$")
SEPARATOR = re.compile(r"^(?:---|\.\.\.)\s*$")
NAME_KEYS = ("who", "name", "contact", "role", "team")
SHELL = re.compile(r"^(?:sudo|kubectl|aws|gcloud|az|curl|psql|redis-cli|systemctl|journalctl|docker|helm|"
                   r"git|ssh|grep|tail|dig|ping|terraform|mysql|mongosh|nc|openssl)\b")


def is_yamlish(lines: list[str]) -> bool:
    """Most lines are 'key: value', 'key:' or '- item', with three top-level keys or more."""
    content = [line for line in lines if line.strip() and not COMMENT.match(line)]
    if len(content) < 8:
        return False
    shaped = sum(bool(KEY.match(line) or ITEM.match(line)) for line in content)
    top = sum(bool(KEY.match(line) and not line[:1].isspace()) for line in content)
    nested = sum(line[:1] == " " and bool(KEY.match(line)) for line in content)
    return shaped >= 0.6 * len(content) and top >= 3 and nested >= 2


def convert(lines: list[str]) -> Converted:
    out = Converted([""] * len(lines))
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    record, block_indent, tables = None, None, _csv_tables(lines)   # record: None, 'pending' after '---', 'open'
    for i, line in enumerate(lines):
        if i in tables:
            out.lines[i] = tables[i]
            continue
        if block_indent is not None and (not line.strip() or _indent(line) > block_indent):
            out.lines[i] = f"> {line.strip()}" if line.strip() else ""
            continue
        block_indent = None
        if not line.strip():
            continue
        if SEPARATOR.match(line):
            record = "pending"
            _attach_next(out, lines, i)
            continue
        comment = COMMENT.match(line)
        if comment:
            out.lines[i] = (f"# {comment.group(1)}" if i == first else comment.group(1)) if comment.group(1).strip() else ""
            continue
        out.lines[i], block_indent, record = _line(line, lines, i, record)
        if not out.lines[i]:   # '- step: 1': markup of the step its 'who' line writes
            _attach_next(out, lines, i)
    return out


def _line(line: str, lines: list[str], i: int, record: str | None) -> tuple[str, int | None, str | None]:
    key = KEY.match(line)
    if key is None:
        item = ITEM.match(line)
        text = item.group(2).strip() if item else line.strip()
        return (f"- {_code(text)}" if item else text), None, record
    indent, dash, name, value = key.group(1), key.group(2), key.group(3), key.group(4) or ""
    words = name.replace("_", " ").strip()
    if value in ("|", ">", "|-", ">-", "|+", ">+"):
        return f"**{words}**", len(indent) + (2 if dash else 0), record
    if dash and _mapping_name(lines, i):
        return "", None, record   # '- step: 1': the step's number; its 'who' line says whom
    if not value:
        depth = len(indent) // 2 + (1 if record == "open" else 0)
        return "#" * min(6, 2 + depth) + f" {words}", None, (None if record == "pending" else record)
    if record == "pending" and not indent and not dash:   # the first key of a record after '---' names it
        return f"## {_unquote(value)}", None, "open"
    if name.lower() in NAME_KEYS and indent and _in_mapping_list(lines, i):
        return f"1. {_unquote(value)}", None, record
    if indent and _in_mapping_list(lines, i):
        return f"   — {words}: {_unquote(value)}", None, record   # after a dash: what the step says, not whom
    if not indent and not dash:   # a record's own fields: a label line each, apart from any list
        return f"**{words}**: {_unquote(value)}", None, record
    return f"- **{words}**: {_unquote(value)}", None, record


def _mapping_name(lines: list[str], i: int) -> bool:
    """'- step: 1' whose mapping (the lines indented under it) has a 'who' or 'name' key."""
    column = _indent(lines[i]) + 2
    for j in range(i + 1, len(lines)):
        if not lines[j].strip():
            continue
        if _indent(lines[j]) < column or ITEM.match(lines[j]):
            return False
        key = KEY.match(lines[j])
        if key and key.group(3).lower() in NAME_KEYS:
            return True
    return False


def _in_mapping_list(lines: list[str], i: int) -> bool:
    """Line i belongs to a mapping written as a list item ('- step: 1' above it, no blank between)."""
    column = _indent(lines[i])
    for j in range(i - 1, -1, -1):
        if not lines[j].strip() or _indent(lines[j]) < column - 2:
            return False
        item = KEY.match(lines[j])
        if item and item.group(2) and _indent(lines[j]) == column - 2:
            return _mapping_name(lines, j)
    return False


def _csv_tables(lines: list[str]) -> dict[int, str]:
    """Runs of three lines or more with the same number of commas (two or more): an HTML table."""
    out: dict[int, str] = {}
    i = 0
    while i < len(lines):
        count = lines[i].count(",")
        j = i
        while j < len(lines) and count >= 2 and lines[j].count(",") == count and not KEY.match(lines[j]) \
                and not lines[j][:1].isspace():
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                tag = "th" if k == i else "td"
                cells = "".join(f"<{tag}>{cell.strip()}</{tag}>" for cell in lines[k].split(","))
                out[k] = ("<table>" if k == i else "") + f"<tr>{cells}</tr>" + ("</table>" if k == j - 1 else "")
            i = j
        else:
            i += 1
    return out


def _attach_next(out: Converted, lines: list[str], i: int) -> None:
    following = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
    if following is not None:
        out.attached[i + 1] = following + 1
    else:
        out.hidden.add(i + 1)


def _code(text: str) -> str:
    return f"`{text}`" if SHELL.match(text) and "`" not in text else text


def _unquote(value: str) -> str:
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'" else value


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
