"""A runbook index kept as a spreadsheet: a row a situation, with its priority, owner and whom to call.

    | Service | Priority | Alert name | Symptom | First action | Command | Escalation contact | Phone |
    | auth | P1 | LoginErrorRateHigh | Players cannot log in | Check the auth dashboard | kubectl ... | Mei Lin Zhou | +1 555 0201 |

Each row is a playbook: titled by what is seen (else by the alert's name, which is also its alert),
its priority and service in their fields, the action a step with the row's command to copy, the person
the row names with a number to call a contact the playbook escalates to, and the other cells (owner,
notes) shown under their column names. Told apart from a troubleshooting table (| Symptom | Cause |
Action |: one playbook, a step a row, which symptom_tables reads) by what only an index has: a
priority, service or owner for each row.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .alerts import METRIC_NAME
from .found import Found, unused_tables
from .mdparse import Block, Section, strip_md
from .runbook_rows import SERVICE, one_row_table, set_service
from .scenarios import _lang_of
from .table_runbooks import command_cell
from .text import slug

# (a 'Name' or 'Title' column over a 'Steps' one is a runbook database's: runbook_rows reads it)
SEEN = re.compile(r"^(?:symptoms?|what you see|problem|issue|scenario|situation|incident|failure)s?$")
ALERT = re.compile(r"^alert(?:s| ?names?| ?rules?)?$|^alarms?$")
ACTION = re.compile(r"^(?:first |immediate |initial )?(?:actions?|first steps?|response|what to do|fix|mitigation|remediation)$")
COMMAND = re.compile(r"command|^cmd$|^cli$|^run$")
PRIORITY = re.compile(r"^(?:severity|sev|priority|level|urgency)$")
OWNER = re.compile(r"owner|team|contact|escalat|who|on-?call")
WHO = re.compile(r"contact|escalat|who|on-?call|call")
PHONE = re.compile(r"phone|mobile|tel|number|cell")
CHAT = re.compile(r"slack|chat|teams|handle")


def index_rows(root: Section, found: Found) -> None:
    """Each runbook index's rows, a playbook each."""
    from .ladders import level_id

    for section, block, header in unused_tables(root, found):
        columns = _columns(header)
        if columns is None or len(block.rows) < 4 or len(block.row_lines) != len(block.rows):
            continue
        rows = block.rows[1:]
        if sum(bool(_title(row, columns)) for row in rows) * 4 < len(rows) * 3:
            continue   # most rows name a situation: an index, not a table of something else
        if columns["priority"] is not None and not any(level_id(_cell(r, columns["priority"])) for r in rows):
            continue
        for row, line in zip(rows, block.row_lines[1:]):
            if _title(row, columns):
                _row_playbook(row, line, block, header, columns, section, found)
        found.use("playbooks", block)


def _columns(header: list[str]) -> dict | None:
    def first(pattern: re.Pattern, *skip) -> int | None:
        return next((i for i, h in enumerate(header) if pattern.search(h) and i not in skip), None)

    columns = {"seen": first(SEEN), "alert": first(ALERT)}
    columns["action"] = first(ACTION, columns["seen"], columns["alert"])
    columns["command"] = first(COMMAND, columns["seen"], columns["alert"], columns["action"])
    columns["priority"] = first(PRIORITY)
    columns["service"] = next((i for i, h in enumerate(header) if SERVICE.match(h)), None)
    columns["who"] = first(WHO, columns["seen"], columns["action"], columns["command"], columns["priority"])
    columns["phone"] = first(PHONE, columns["who"])
    columns["chat"] = first(CHAT, columns["who"])
    named = columns["seen"] is not None or columns["alert"] is not None
    does = columns["action"] is not None or columns["command"] is not None
    indexed = columns["priority"] is not None and (columns["service"] is not None or any(OWNER.search(h) for h in header))
    return columns if named and does and indexed else None


def _cell(row: list[str], i: int | None) -> str:
    return strip_md(row[i]).strip() if i is not None and i < len(row) else ""


def _title(row: list[str], columns: dict) -> str:
    return _cell(row, columns["seen"]) or _cell(row, columns["alert"])


def _row_playbook(row: list[str], line: int, block: Block, header: list[str], columns: dict,
                  section: Section, found: Found) -> None:
    from .ladders import level_id

    title = _title(row, columns)
    pb = {"id": slug(title, "playbook"), "title": title, "severity": level_id(_cell(row, columns["priority"])) or "",
          "aliases": [title.lower()], "symptoms": [], "steps": defaultdict(list), "_lines": {line}, "_notes": []}
    key = f"playbook:{pb['id']}"
    if columns["seen"] is not None and re.match(r"symptom|what you see", header[columns["seen"]]) and _cell(row, columns["seen"]):
        pb["symptoms"] = [_cell(row, columns["seen"])]   # the column says this is what responders see
    alert = _cell(row, columns["alert"])
    if alert and METRIC_NAME.fullmatch(alert):
        pb["alerts"] = [alert]
        pb["aliases"].append(alert.lower())
    _steps(pb, row, columns)
    if _cell(row, columns["service"]) and re.fullmatch(r"[\w.-]{1,40}", _cell(row, columns["service"])):
        set_service(pb, _cell(row, columns["service"]), found)
    if who := _contact(row, header, columns, found):
        pb["escalation"] = [{"to": who}]
    taken = {columns[k] for k in ("seen", "action", "command", "priority", "service")}
    taken |= {columns["alert"]} if pb.get("alerts") else set()
    taken |= {columns["who"], columns["phone"], columns["chat"]} if who else set()
    told = [(strip_md(block.rows[0][i]).strip(), _cell(row, i)) for i in range(len(row)) if i not in taken and _cell(row, i)]
    if told:   # the owner and the remarks, as the sheet shows them
        found.guidance.setdefault(key, []).append({"title": title, "text": one_row_table(told)})
    found.homes[line] = key
    found.used.add(line)
    found.mapped[key].append(line)
    found.playbooks.append(pb)


def _steps(pb: dict, row: list[str], columns: dict) -> None:
    text = _cell(row, columns["action"])
    code = command_cell(row[columns["command"]]) if columns["command"] is not None and columns["command"] < len(row) else ""
    if not text and not code:
        return
    step = {"text": text or code}
    if code:
        step["commands"] = [{"lang": _lang_of(code, "bash"), "code": code}]
    pb["steps"]["immediate"].append(step)


def _contact(row: list[str], header: list[str], columns: dict, found: Found) -> str:
    """The person or team the row says to escalate to, when it gives a way to reach them."""
    from .contacts import PLACEHOLDER, reach_fields
    from .kinds import contact_kind

    name, phone, chat = (_cell(row, columns[k]) for k in ("who", "phone", "chat"))
    if not name or not (phone or chat) or PLACEHOLDER.search(name):
        return ""
    cid = slug(name)
    contact = found.contacts.setdefault(cid, {"id": cid, "kind": contact_kind(name, header[columns["who"]]), "name": name})
    for value in (phone, chat):
        if value:
            reach_fields(contact, value)
    return cid
