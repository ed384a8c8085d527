"""Runbooks and messages kept in a table, as a spreadsheet holds them.

- ``| Runbook | Step | Action | Command |``: a row whose first cell names a runbook starts it, and
  the rows under it with that cell empty are its further steps; each step is the row's action, with
  its command as the step's code.
- a heading over ``| Step | Action | Command |``: one runbook, named by the heading ('PROCEDURE:
  Donation site down'), a step a row.
- ``| Template | Audience | Text |``: a message a row, named by the first cell, its text the
  message's; the audience column says whom it is for.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .found import Found, unused_tables
from .mdparse import Block, Section, strip_md
from .scenarios import _lang_of
from .text import slug, unescape

GROUP = re.compile(r"^(?:runbook|playbook|procedure|scenario|incident(?: type)?|problem)s?$")
ACTION = re.compile(r"action|step description|what to do|^do$|instruction|task")
COMMAND = re.compile(r"command|^cmd$|shell|^run$|cli")
NAME = re.compile(r"^(?:template|message|notice|name|title)s?$")
TEXT = re.compile(r"^(?:text|message|body|wording|content|template text)$")


def runbook_tables(root: Section, found: Found) -> None:
    """Each runbook table's runbooks, a playbook each."""
    for section, block, header in unused_tables(root, found):
        group = next((i for i, h in enumerate(header) if GROUP.match(h)), None)
        action = next((i for i, h in enumerate(header) if ACTION.search(h)), None)
        command = next((i for i, h in enumerate(header) if COMMAND.search(h)), None)
        if action is None:   # '| Runbook | Step | Command |' over '1 - check which jobs are stuck': the step says what to do
            action = _worded_steps(block, header)
        if group is None or (action is None and command is None):
            continue
        books = _groups(block, group)
        if not books or len(books) == len(block.rows) - 1 and command is None:
            continue   # one row a runbook and no commands: a list of names, not runbooks
        for title, rows in books:
            found.playbooks.append(_playbook(section, block, title, rows, action, command, found,
                                             skip={group, *(i for i, h in enumerate(header) if STEP.match(h) and i != action)}))
        found.use(f"playbook:{slug(books[0][0], 'playbook')}", block)


STEP = re.compile(r"^(?:step|#|no\.?|n|nr|order|seq)$")


def _worded_steps(block: Block, header: list[str]) -> int | None:
    """The 'Step' column when its cells are words, not numbers ('1 - check which ingest jobs are stuck')."""
    for i, head in enumerate(header):
        cells = [strip_md(row[i]).strip() for row in block.rows[1:] if i < len(row) and strip_md(row[i]).strip()]
        if STEP.match(head) and cells and sum(len(c.split()) >= 3 for c in cells) * 2 > len(cells):
            return i
    return None
KIND_LEAD = re.compile(r"^(?:procedure|runbook|playbook|scenario|incident)\s*[:—–-]\s*", re.IGNORECASE)


def step_tables(root: Section, found: Found) -> None:
    """A heading over one table of numbered steps with their actions and commands: a playbook."""
    for section, block, header in unused_tables(root, found):
        step = next((i for i, h in enumerate(header) if STEP.match(h)), None)
        action = next((i for i, h in enumerate(header) if ACTION.search(h)), None)
        command = next((i for i, h in enumerate(header) if COMMAND.search(h)), None)
        tables = [b for b in section.blocks if b.kind == "table"]
        if not section.level or step is None or action is None or command is None or tables != [block]:
            continue
        if section.line in found.used or found.homes.get(section.line, "").startswith("playbook:"):
            continue
        title = KIND_LEAD.sub("", strip_md(section.title)).strip() or strip_md(section.title)
        pb = _playbook(section, block, title, block.rows[1:], action, command, found)
        found.playbooks.append(pb)
        found.used.add(section.line)
        found.use(f"playbook:{pb['id']}", block)


def _groups(block: Block, group: int) -> list[tuple[str, list[list[str]]]]:
    out: list[tuple[str, list[list[str]]]] = []
    for row in block.rows[1:]:
        name = strip_md(row[group]) if group < len(row) else ""
        if name and out and name == out[-1][0]:   # the runbook's name on each of its rows
            out[-1][1].append(row)
        elif name:
            out.append((name, [row]))
        elif out:
            out[-1][1].append(row)
        else:
            return []   # rows before any runbook: not a runbook table
    return out


def command_cell(cell: str) -> str:
    """A command column's cell as it is typed: 'Get-Service -Name RoutePlanner*' keeps its star
    (no emphasis to strip from a command), '`kubectl get pods`' loses only its backticks."""
    text = cell.strip()
    spans = re.fullmatch(r"`+\s*(.*?)\s*`+", text)
    return spans.group(1) if spans else unescape(text)


def _playbook(section: Section, block: Block, title: str, rows, action, command, found: Found,
              skip: set[int] | None = None) -> dict:
    """A playbook of the rows: a step each, its action and command; with ``skip`` (the columns
    that name the runbook or number the step), the other cells ('Notes') are the step's note."""
    pb = {"id": slug(title, "playbook"), "title": title, "severity": "", "aliases": [title.lower()],
          "symptoms": [], "steps": defaultdict(list), "_lines": {section.line}, "_notes": []}
    for row in rows:
        text = strip_md(row[action]) if action is not None and action < len(row) else ""
        code = command_cell(row[command]) if command is not None and command < len(row) else ""
        if not text and not code:
            continue
        step = {"text": text or code}
        if code:
            step["commands"] = [{"lang": _lang_of(code, "bash"), "code": code}]
        others = [strip_md(c) for i, c in enumerate(row) if skip is not None and i not in skip | {action, command}
                  and strip_md(c).strip()]
        if others:
            step["note"] = "; ".join(others)
        pb["steps"]["resolve"].append(step)
    for line in block.lines:
        found.homes[line] = f"playbook:{pb['id']}"
    return pb


def template_tables(root: Section, found: Found) -> None:
    """| Template | Audience | Text |: a message a row."""
    from .messages import _template

    for section, block, header in unused_tables(root, found):
        name = next((i for i, h in enumerate(header) if NAME.match(h)), None)
        text = next((i for i, h in enumerate(header) if TEXT.match(h) and i != name), None)
        if name is None or text is None:
            continue
        audience = next((i for i, h in enumerate(header) if re.search(r"audience|for whom|recipients?|channel", h)), None)
        for row in block.rows[1:]:
            title = strip_md(row[name]) if name < len(row) else ""
            body = strip_md(row[text]) if text < len(row) else ""
            if not title or not body:
                continue
            said = f" ({strip_md(row[audience])})" if audience is not None and audience < len(row) and strip_md(row[audience]) else ""
            code = Block("code", list(block.lines), lang="text", code=[body])
            _template(code, section, None, found, caption=title + said)
        read = {name, text, audience}
        if any(i not in read and strip_md(c).strip() for row in block.rows[1:] for i, c in enumerate(row)):
            found.used.difference_update(block.lines)   # a column no field holds ('When'): the table stays in notes too
            found.mapped["templates"].extend(block.lines)
        else:
            found.use("templates", block)
