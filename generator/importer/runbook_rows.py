"""A database of runbooks exported as one table (Notion, Airtable, a SharePoint list): a row each,

    | Name | Service | Severity | Owner | Last reviewed | Steps |
    | Matchmaking queue stuck | matchmaker | SEV-1 | Rina | March 3 | 1. Check queue depth: `redis-cli ...`<br>2. ... |

Each row whose name is not also the title of a page further on (the page is the fuller runbook)
is a playbook: its steps from the Steps cell (numbered '1. 2. 3.' as the cell's lines were, or the
cell as one step), each step's inline commands to copy, the severity and service cells into their
fields, and the other cells (owner, review date, status) shown as written on its page.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .found import Found, unused_tables
from .mdparse import Section, strip_md
from .scenarios import inline_commands
from .text import slug

NAME = re.compile(r"^(?:name|title|runbook|playbook|incident|scenario|problem|alert|issue)s?$")
STEPS = re.compile(r"^(?:steps|procedure|actions?|what to do|fix|resolution|remediation|how to fix|runbook steps)$")
SEVERITY = re.compile(r"^(?:severity|sev|priority|level)$")
SERVICE = re.compile(r"^(?:service|system|component|app)s?$")
NUMBERED = re.compile(r"(?:^|\s)(\d{1,2})\.\s+(?=\S)")


def runbook_rows(root: Section, found: Found) -> None:
    titles = {strip_md(s.title).strip().lower() for s in root.walk() if s.level}
    for section, block, header in unused_tables(root, found):
        name = next((i for i, h in enumerate(header) if NAME.match(h)), None)
        steps = next((i for i, h in enumerate(header) if STEPS.match(h) and i != name), None)
        rows = block.rows[1:]
        if name is None or steps is None or len(rows) < 2 or len(block.lines) != len(rows) + 2:
            continue
        for n, row in enumerate(rows):
            title = strip_md(row[name]).strip() if name < len(row) else ""
            if title and title.lower() not in titles and steps < len(row) and strip_md(row[steps]).strip():
                _row_playbook(title, row, header, block.rows[0], name, steps, block.lines[n + 2], section, found)


def _row_playbook(title: str, row: list[str], header: list[str], shown: list[str], name: int, steps: int,
                  line: int, section: Section, found: Found) -> None:
    from .ladders import level_id

    key = f"playbook:{slug(title, 'playbook')}"
    pb = {"id": slug(title, "playbook"), "title": title, "severity": "", "aliases": [title.lower()],
          "symptoms": [], "steps": defaultdict(list), "_lines": {section.line}, "_notes": []}
    for part in _parts(row[steps]):
        step = {"text": strip_md(part)}
        if commands := inline_commands(part):
            step["commands"] = commands
        pb["steps"]["immediate"].append(step)
    told = []   # (column, cell) of the cells no field holds
    for i, cell in enumerate(row):
        value = strip_md(cell).strip()
        if i in (name, steps) or (not value and i >= len(shown)):
            continue
        if SEVERITY.match(header[i]) and level_id(value):
            pb["severity"] = level_id(value)
        elif SERVICE.match(header[i]) and re.fullmatch(r"[\w.-]{1,40}", value):
            set_service(pb, value, found)
        else:
            told.append((strip_md(shown[i]).strip(), value))
    if any(value for _, value in told):   # the owner, review date and status, as the table shows them
        found.guidance.setdefault(key, []).append({"title": title, "text": one_row_table(told)})
        found.guidance_lines.add(line)
    found.homes[line] = key
    found.used.add(line)
    found.mapped[key].append(line)
    found.playbooks.append(pb)


def _parts(cell: str) -> list[str]:
    """The cell's numbered steps ('1. Check ... 2. If over ...'), or the cell as one step."""
    marks = [m for m in NUMBERED.finditer(cell)]
    numbers = [int(m.group(1)) for m in marks]
    if len(marks) < 2 or numbers != list(range(1, len(marks) + 1)):
        return [cell.strip()]
    return [cell[m.end():(marks[k + 1].start() if k + 1 < len(marks) else len(cell))].strip() for k, m in enumerate(marks)]


def set_service(pb: dict, name: str, found: Found) -> None:
    """The playbook's service, one of the organization's, as the source names it ('matchmaker')."""
    pb["services"] = [slug(name)]
    found.org.setdefault("services", {}).setdefault(slug(name), {"id": slug(name), "name": name})


def one_row_table(cells: list[tuple[str, str]]) -> str:
    """Values under their names ('Owner', 'Last reviewed'): a Markdown table of one row."""
    def row(values) -> str:
        return "| " + " | ".join(v.replace("|", "\\|") for v in values) + " |"
    return "\n".join([row(c for c, _ in cells), row("---" for _ in cells), row(v for _, v in cells)])
