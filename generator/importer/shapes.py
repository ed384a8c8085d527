"""Shapes public incident-response documents take, recognised by the words they use.

Vocabulary, not document layouts: a severity is a level id (P1, SEV2, S3) in a heading,
a bold label, a key-value bullet or a table column; a response time is a value whose key
says respond, acknowledge or SLA; an escalation chain is a numbered list of Level/Tier
keys; an alert runbook is a heading whose sub-sections say Meaning, Impact, Diagnosis,
Mitigation.
"""
from __future__ import annotations

import re

from .found import Found
from .mdparse import Block, Section, joined, strip_md
from .text import duration, slug

LEVEL_ONLY = re.compile(r"^\W*((?:P|SEV|S|Priority|Severity)(?:[\s-]|::)?[0-9]|(?:Severity|Priority)\s+[A-E])\b\W*(.*)$",
                        re.IGNORECASE)
GRADE_ID = re.compile(r"^\W*([A-Za-z]{1,10})[\s-]?([0-9]{1,2})\W*$")
RESPONSE_KEY = re.compile(r"respon(?!ders?\b)|acknowledg|\back\b|\bsla\b|time to (engage|respond)|\bfirst (reply|answer)\b|\breply within\b", re.IGNORECASE)
MEANING_KEY = re.compile(r"defin|descr|meaning|impact|summary|criteria|what", re.IGNORECASE)
EXAMPLE_KEY = re.compile(r"example", re.IGNORECASE)
PAGING_KEY = re.compile(r"paging|page|notif|alert", re.IGNORECASE)
UPDATE_KEY = re.compile(r"updates?\b|cadence", re.IGNORECASE)
RESOLUTION_KEY = re.compile(r"resolution|resolve|restore", re.IGNORECASE)
CHAIN_KEY = re.compile(r"^(?:level|tier|step|stage|l)\s*(\d+)$", re.IGNORECASE)
RUNBOOK_PARTS = {"meaning": "symptoms", "impact": "impact", "summary": "summary", "description": "summary",
                 "overview": "summary", "diagnosis": "investigate",
                 "mitigation": "resolve", "remediation": "resolve", "resolution": "resolve",
                 "verification": "verify", "symptoms": "symptoms", "investigation": "investigate"}


def level_id(text: str) -> str | None:
    match = LEVEL_ONLY.match(strip_md(text))
    if not match:
        return None
    raw = re.sub(r"[\W_]", "", match.group(1)).upper()
    raw = raw.replace("PRIORITY", "P").replace("SEVERITY", "SEV")
    return raw if raw[-1].isdigit() else f"{raw[:-1]}-{raw[-1]}"   # 'Severity A' -> SEV-A


def paging_of(text: str) -> str | None:
    """Only what the words say: 24/7, business hours, ticket."""
    lowered = text.lower()
    if re.search(r"24/7|24x7|any time|page immediately", lowered) or (
            "around the clock" in lowered and re.search(r"\bpag", lowered)):   # a response around the clock is no page
        return "page-24x7"
    if "business hours" in lowered:
        return "page-business-hours"
    if re.search(r"\bticket\b", lowered) and (re.search(r"\bonly\b|\bno pag|not paged|never pag|instead of pag|"
                                                       r"rather than pag|without pag|ticket,? not a page", lowered)
                                             or re.fullmatch(r"\W*(?:a |by |create a |open a )?ticket\W*", lowered)):
        return "ticket"   # 'ticket only', 'creates a ticket, no page': not every sentence that names a ticket
    return None


def apply_level_value(entry: dict, key: str, value: str) -> bool:
    """One key-value fact about a level; True if it was structured."""
    value = strip_md(value)
    if not value:
        return False
    if RESPONSE_KEY.search(key) and duration(value):
        entry.setdefault("response_time", duration(value))
        if paging_of(value):
            entry.setdefault("paging", paging_of(value))
        return True
    if UPDATE_KEY.search(key) and duration(value) and duration(value) != "immediate":
        entry.setdefault("update_every", duration(value))
        return True
    if RESOLUTION_KEY.search(key) and duration(value):
        entry.setdefault("resolution_target", duration(value))
        return True
    if EXAMPLE_KEY.search(key):
        entry.setdefault("examples", []).extend(x.strip() for x in re.split(r";" if ";" in value else r",", value) if x.strip())
        return True
    if PAGING_KEY.search(key) and paging_of(value):
        entry.setdefault("paging", paging_of(value))
        return True
    if MEANING_KEY.search(key):
        if entry.get("description"):
            entry["description"] += f" {key}: {value}"
        else:
            entry["description"] = value
        return True
    return False


def lossless(value: str) -> bool:
    """True when a value is no more than what its field keeps: '15 minutes', 'within 1 hour', 'P1'."""
    text = strip_md(value).lower().strip(" .")
    return bool(re.fullmatch(r"(?:within\s+|under\s+|<\s*)?(\d+(?:\.\d+)?\s*[a-z]+|immediate(ly)?|next business day)",
                             text)) or not (duration(text) or paging_of(text))   # else kept verbatim


def _further_definitions(after: list[Block], level: dict, found: Found) -> None:
    """A level's later ': Response: ...' definitions (the items ``after`` its label): part of what it says."""
    from .prose import sentence_facts

    for block in after:
        if block.kind != "item" or block.level or block.lines[0] in found.used or \
                (block.key and level_id(block.key)) or level_id(strip_md(block.text).split(":")[0]):
            break
        text = strip_md(block.text)
        level["description"] = f"{level['description']} {text}".strip()
        sentence_facts(level, text)
        found.use("severities", block)


def level_items(root: Section, found: Found, make_level) -> None:
    """'- **P1**: acknowledge within 5 minutes (page 24/7)' and kv bullets under level headings."""
    for section in root.walk():
        heading_level = level_id(section.title) if section.level else None
        entry = found.levels.get(heading_level) if heading_level else None
        if heading_level and entry is None and section.line not in found.used and _under_severities(section):
            entry = make_level(found, heading_level, _rest_name(section.title) or strip_md(section.title))
            found.used.add(section.line)
            found.mapped["severities"].append(section.line)
            prose = [b for b in section.blocks if b.kind == "para" and b.text]
            if prose:
                from .prose import sentence_facts
                entry.setdefault("description", joined(prose, section.blocks))
                sentence_facts(entry, entry["description"])
                found.use("severities", *prose)
        for index, block in enumerate(section.blocks):
            if block.kind == "label" and block.text and block.lines[0] not in found.used and level_id(block.label) \
                    and (_under_severities(section) or re.search(r"severit|priorit|levels", section.title, re.I)):
                from .prose import sentence_facts   # 'SEV1' over ': Total outage. Respond within 5 minutes.'
                item = make_level(found, level_id(block.label), _rest_name(block.label) or strip_md(block.label))
                item.setdefault("description", strip_md(block.text))
                sentence_facts(item, strip_md(block.text))
                found.use("severities", block)
                _further_definitions(section.blocks[index + 1:], item, found)
                continue
            if block.kind != "item" or block.lines[0] in found.used:
                continue
            key_level = level_id(block.key) if block.key else None
            if key_level and block.value:
                item = make_level(found, key_level, _rest_name(block.key) or strip_md(block.key))
                text = block.value
                item.setdefault("description", strip_md(text))
                if duration(text) and (RESPONSE_KEY.search(text) or duration(text) in ("immediate", "next-business-day")):
                    item.setdefault("response_time", duration(text))
                if paging_of(text):
                    item.setdefault("paging", paging_of(text))
                found.use("severities", block)
            elif entry is not None and block.key and apply_level_value(entry, block.key, block.value):
                if lossless(block.value):
                    found.use("severities", block)
                else:   # structured, and the words the fields do not keep stay in notes
                    found.mapped["severities"].extend(block.lines)
            elif entry is not None and block.level == 0 and not block.key:
                entry.setdefault("examples", []).append(strip_md(block.text))
                found.use("severities", block)


def _under_severities(section: Section) -> bool:
    node = section.parent
    while node is not None and node.level > 0:
        if re.search(r"severit|priorit|\bsev\b|levels|classification", node.title, re.I):
            return True
        node = node.parent
    return False


def _rest_name(key: str) -> str:
    match = LEVEL_ONLY.match(strip_md(key))
    return match.group(2).strip(" -–—:()") if match else ""


def level_tables(root: Section, found: Found, make_level) -> None:
    """Any table with a column of level ids; other columns by what their header says."""
    for section in root.walk():
        for block in section.blocks:
            if block.kind == "table" and len(block.rows) > 1 and block.lines[0] not in found.used:
                _level_table(block, found, make_level)


def _level_table(block: Block, found: Found, make_level) -> None:
    header = [strip_md(h) for h in block.rows[0]]
    body = block.rows[1:]
    columns = [i for i in range(len(header))
               if sum(bool(level_id(row[i])) for row in body if i < len(row)) >= max(1, len(body) // 2 + 1)]
    if len(columns) > 1:
        return   # impact x urgency: level ids in the cells of a cross table, not a ladder (kept as guidance)
    column = columns[0] if columns else None
    ident = level_id
    if column is None and any(RESPONSE_KEY.search(h) for h in header):
        column, ident = _grade_column(body), _grade_id      # 'CAT 1', 'Tier 2' with a response column
    if column is None:
        return
    for row in body:
        lid = ident(row[column]) if column < len(row) else None
        if not lid:
            continue
        name = _rest_name(row[column]) or strip_md(row[column])
        name_col = next((i for i, h in enumerate(header) if re.search(r"\bname\b|label|title", h, re.I)), None)
        if name_col is not None and name_col < len(row):
            name = strip_md(row[name_col])
        seen = lid in found.levels or re.sub(r"-(?=\d)", "", lid.replace(" ", "")).upper() in found.levels
        entry = make_level(found, lid, name or lid) if ident is level_id else \
            found.levels.setdefault(lid, {"id": lid, "name": name or lid})   # 'CAT-2' keeps its separator
        if seen and name and name != entry.get("name") and name != lid:   # a second table names it too: kept
            entry.setdefault("details", []).append(
                {"label": header[name_col] if name_col is not None and name_col < len(header) else "Name",
                 "text": name})
        for i, (head, cell) in enumerate(zip(header, row)):
            if i in (column, name_col) or not strip_md(cell):
                continue
            before = repr(entry)
            if apply_level_value(entry, head, cell):
                # '10 minutes, 24x7' is a time and a paging rule; a second response column ('out of hours')
                # finds the field taken, and '(business hours)' qualifies the time: keep the words too
                if not lossless(cell) or repr(entry) == before or re.search(r"\(|:", head):
                    entry.setdefault("details", []).append({"label": head, "text": strip_md(cell)})
            elif re.search(r"escalat", head, re.I):
                entry.setdefault("escalation_text", strip_md(cell))
            else:   # a column the ladder has no field for: kept with its level, under the column's name
                entry.setdefault("details", []).append({"label": head, "text": strip_md(cell)})
    found.use("severities", block)


def _grade_id(text: str) -> str | None:
    match = GRADE_ID.match(strip_md(text))
    return f"{match.group(1).upper()}-{match.group(2)}" if match else None


def _grade_column(body: list[list[str]]) -> int | None:
    """A column of 'WORD N' ids, one per row, all different."""
    for i in range(len(body[0]) if body else 0):
        ids = [_grade_id(row[i]) for row in body if i < len(row)]
        if len(body) >= 2 and all(ids) and len(set(ids)) == len(ids):
            return i
    return None


def escalation_chains(root: Section, found: Found, role_contact) -> None:
    """'1. **Level 1**: On-call engineer' ... in order; when to move on is for a human to say."""
    for section in root.walk():
        run = [b for b in section.blocks if b.kind == "item" and b.key and CHAIN_KEY.match(b.key)
               and b.value and b.lines[0] not in found.used]
        if len(run) < 2 and (re.search(r"escalat", section.title, re.I) or _verb_chain(section, found)):
            _ordered_chain(section, found, role_contact)
            continue
        if len(run) < 2:
            continue
        for block in run:
            name = strip_md(block.value)
            who = re.sub(r"\s*\(.*\)\s*$", "", name).strip() or name
            level = {"id": slug(f"{block.key} {who}"), "name": f"{strip_md(block.key)}: {name}",
                     "contacts": [role_contact(found, who)], "triggers": []}
            severities = re.findall(r"\b(?:P|SEV|S)[0-9]\b", name)
            after = re.search(r"after\s+(\d+\s*\w+)", name, re.IGNORECASE)
            if after and duration(after.group(1)):
                level["triggers"].append({"after": duration(after.group(1)),
                                          **({"severities": severities} if severities else {})})
            found.escalation.append(level)
            found.use("escalation", block)


def tier_sections(root: Section, found: Found, role_contact) -> None:
    """'## Tier 2 - Platform engineers' sections with Responds within / Trigger / Authority bullets."""
    for section in root.walk():
        match = re.match(r"^(?:tier|level|l)\s*(\d+)\s*[-–—:]\s*(.+)$", strip_md(section.title), re.IGNORECASE)
        if not match or section.line in found.used:
            continue
        name = match.group(2).strip()
        level = {"id": slug(name), "name": strip_md(section.title), "contacts": [role_contact(found, name)],
                 "triggers": []}
        found.used.add(section.line)
        found.mapped["escalation"].append(section.line)
        for block in section.blocks:
            key = (block.key or block.label).lower()
            value = strip_md(block.value or block.text)
            if not key or not value:
                continue
            if key.startswith(("trigger", "when", "escalate")):
                level["triggers"].append({"condition": value})
            elif RESPONSE_KEY.search(key) and duration(value):
                level["response_time"] = duration(value)
            elif key.startswith("authority") or "may" in key:
                level["authority"] = value
            else:
                continue
            found.use("escalation", block)
        found.escalation.append(level)


def alert_runbooks(root: Section, found: Found) -> None:
    """'# AlertName' with Meaning / Impact / Diagnosis / Mitigation: one playbook per alert."""
    from .found import _leading_stage

    for section in root.walk():
        parts = [RUNBOOK_PARTS.get(strip_md(c.title).lower().strip(" :")) for c in section.children]
        if section.level == 0 or section.line in found.used:
            continue
        named = bool(ALERT_TITLE.match(strip_md(section.title)))
        if named:   # '# Alert: KubeNodeNotReady': 'Steps', 'Possible causes' are parts too
            parts = [p or _leading_stage(re.sub(r"^(possible|likely|common)\s+", "", strip_md(c.title)))
                     for p, c in zip(parts, section.children)]
        if sum(p is not None for p in parts) < 2:
            continue
        if not ({"symptoms", "impact"} & set(parts)) and not (named and {"summary", "investigate", "resolve"} & set(parts)):
            continue
        found.playbooks.append(_runbook(section, parts, found))


# An alert's name as a heading: 'KubePodCrashLooping', 'Alert: disk_full', 'HighErrorRate (warning)'.
ALERT_TITLE = re.compile(r"^(?:alert\s*:\s*)?[A-Za-z_][A-Za-z0-9_:]*[A-Z_][A-Za-z0-9_:]*(?:\s*\([^)]*\))?$|"
                         r"^alert\s*:\s*\S+$", re.IGNORECASE)


def _runbook(section: Section, parts: list, found: Found) -> dict:
    from .scenarios import _blocks_to_steps

    title = re.sub(r"^alert\s*:\s*", "", strip_md(section.title), flags=re.IGNORECASE)
    aliases = [title]
    pb = {"id": slug(split_camel(title), "alert"), "title": title, "severity": "", "aliases": aliases,
          **({"alerts": [title]} if re.fullmatch(r"[a-zA-Z_:][a-zA-Z0-9_:]*", title) else {}),
          "symptoms": [], "steps": {}, "_lines": {section.line}, "_notes": []}
    from collections import defaultdict
    pb["steps"] = defaultdict(list)
    key = f"playbook:{pb['id']}"
    found.used.add(section.line)
    found.mapped[key].append(section.line)
    for block in section.blocks:   # '**Severity:** warning' under the alert's name: the playbook's text
        for line in block.lines:
            found.homes[line] = key
    _header_fields(section, key, found)
    from .found import _leading_stage, _stage
    parts = [part or _stage(child.title) for child, part in zip(section.children, parts)]
    for child, part in zip(section.children, parts):
        for node in child.walk():
            for block in node.blocks:
                for line in block.lines:
                    found.homes[line] = key
            found.homes[node.line] = key
        if part is None:
            continue
        if RUNBOOK_PARTS.get(strip_md(child.title).lower().strip(" :")) or _leading_stage(child.title):
            found.used.add(child.line)   # the site's own stage title replaces it; 'Possible causes' stays in notes
            found.mapped[key].append(child.line)
        if part == "impact" and "summary" in parts:   # the impact stays under its own heading, as guidance
            found.used.discard(child.line)
            found.mapped[key].remove(child.line)
            continue
        if part in ("impact", "summary"):
            text = joined([b for b in child.blocks if b.kind in ("para", "item") and b.text], child.blocks)
            if text:
                pb["summary"] = text
                found.use(key, *[b for b in child.blocks if b.kind in ("para", "item") and b.text])
            continue
        _blocks_to_steps(child.blocks, pb, found, key, part, "")
        for node in child.children:
            sub_step(node, pb, part, key, found)
    pb["_lines"].update(c.line for c in section.children)
    return pb


def _header_fields(section: Section, key: str, found: Found) -> None:
    """'**Service:** event-pipeline' / '**Team:** ...' lines under an alert's name, before its first
    part: shown as written, under the alert's name, as the playbook's guidance."""
    from .guidance import _text

    fields = [b for b in section.blocks if b.kind == "label" and b.text and b.lines[0] not in found.used]
    if not fields:
        return
    found.guidance.setdefault(key, []).append({"title": strip_md(section.title), "text": _text(fields)})
    found.use(key, *fields)
    found.guidance_lines.update(n for b in fields for n in b.lines)


def sub_step(node: Section, pb: dict, stage: str, key: str, found: Found) -> None:
    """A sub-heading under a stage is one step; its lists are the step's note, its code its commands."""
    from .scenarios import _append, _code_steps

    step: dict = {"text": strip_md(re.sub(r"^\d+[.)]\s*", "", node.title))}
    found.used.add(node.line)
    found.mapped[key].append(node.line)
    pb["_lines"].add(node.line)
    notes = []
    for inner in node.walk():
        if inner is not node:
            notes.append(strip_md(inner.title))
            found.used.add(inner.line)
            found.mapped[key].append(inner.line)
        for block in inner.blocks:
            if block.kind == "code":
                for part in _code_steps(block, ""):
                    step.setdefault("commands", []).extend(part.get("commands", []))
            elif block.kind in ("item", "para", "label") and (block.text or block.label):
                notes.append(strip_md(block.text if block.kind != "label" else f"{block.label}: {block.text}"))
            else:
                continue
            found.use(key, block)
    if notes:
        step["note"] = "\n".join(notes)
    if stage == "symptoms" and not step.get("commands"):
        pb["symptoms"].append(step["text"])
    else:   # a symptom has no commands: commands under one confirm what is seen
        _append(pb, stage if stage in ("immediate", "investigate", "resolve", "verify") else "investigate", step)


PROCEDURES = re.compile(r"procedure|runbook|playbook|scenario|recover", re.IGNORECASE)


def procedure_groups(root: Section, found: Found) -> None:
    """'Recovery Procedures' with numbered sub-headings: each sub-heading is its own playbook."""
    from .found import _stage
    from .scenarios import _playbook

    for section in root.walk():
        if section.level < 2 or not PROCEDURES.search(section.title) or section.line in found.used:
            continue
        from .found import _leading_stage
        from .scenarios import _phase_list
        if _phase_list(section) or len({_leading_stage(c.title) for c in section.children} - {None}) >= 2:
            continue   # phases of the process, or the stages of one procedure
        members = [c for c in section.children if any(b.kind in ("item", "code") for b in c.all_blocks())
                   and c.line not in found.used]
        if len(members) < 2 or len(members) < len(section.children) // 2:
            continue
        stage = _stage(section.title) or "immediate"
        for child in members:   # the group's own heading stays in notes, on the site
            found.playbooks.append(_playbook(child, found, stage))


def split_camel(name: str) -> str:
    """'KubePodCrashLooping' -> 'Kube Pod Crash Looping'."""
    if " " in name:
        return name
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)


def declare_sections(root: Section, found: Found) -> None:
    """'## Declaring an incident' / 'How to declare': its items (or sentences) are how to declare."""
    for section in root.walk():
        if not section.level or section.line in found.used or not re.search(
                r"\bdeclar|report(ing)? (an |a )?(incident|problem)|how to report", section.title, re.I):
            continue
        blocks = [b for b in section.blocks if b.kind in ("item", "para") and b.text and b.lines[0] not in found.used]
        items = [b for b in blocks if b.kind == "item"] or blocks
        if not items:
            continue
        found.org.setdefault("declare", []).extend(strip_md(b.text) for b in items)
        found.use("organization", *items)


def role_tables(root: Section, found: Found) -> None:
    """| Role | Description / Responsibilities |: one role per row."""
    for section in root.walk():
        for block in section.blocks:
            if block.kind != "table" or len(block.rows) < 2 or block.lines[0] in found.used:
                continue
            header = [strip_md(h).lower() for h in block.rows[0]]
            role_col = next((i for i, h in enumerate(header) if re.fullmatch(r"roles?( name)?", h)), None)
            duty_col = next((i for i, h in enumerate(header) if re.search(r"descr|responsib|duties|does", h)), None)
            if role_col is None or duty_col is None or any("phone" in h or "email" in h for h in header):
                continue
            who_col = next((i for i, h in enumerate(header) if i not in (role_col, duty_col) and re.fullmatch(
                r"who|(filled|staffed|held|taken) by|person|owner|assigned( to)?|default|usually", h)), None)
            for row in block.rows[1:]:
                if max(role_col, duty_col) < len(row) and strip_md(row[role_col]) and strip_md(row[duty_col]):
                    name = strip_md(row[role_col])
                    role = {"id": slug(name, "role"), "name": name, "responsibilities": [strip_md(row[duty_col])]}
                    if who_col is not None and who_col < len(row) and strip_md(row[who_col]):
                        role["who"] = strip_md(row[who_col])
                    found.roles.append(role)
            rest = any(strip_md(cell) for row in block.rows[1:] for i, cell in enumerate(row)
                       if i not in (role_col, duty_col, who_col))
            if rest:   # a column the role has no field for ('Backup'): structured, and the table stays in notes
                found.mapped["roles"].extend(block.lines)
            else:
                found.use("roles", block)


ESCALATE_SENTENCE = re.compile(r"(?:within|after)\s+(\d+\s*\w+).*?(?:escalates? to|is paged|pages?)\s*(?:the\s+)?"
                               r"([^,.;]+)?", re.IGNORECASE)


def escalation_prose(root: Section, found: Found, role_contact) -> None:
    """'If X does not acknowledge within 5 minutes, the page escalates to the secondary.'

    Structured as a level with its time; the sentence also stays in notes, since the
    level keeps only who and when.
    """
    for section in root.walk():
        if not re.search(r"escalat", section.title, re.I):
            continue
        for block in section.blocks:
            if block.kind not in ("para", "item") or block.lines[0] in found.used:
                continue
            for text in re.split(r"(?<=[.!?])\s+", strip_md(block.text)):   # a paragraph: one sentence at a time
                match = ESCALATE_SENTENCE.search(text)
                who = _escalation_target(text)
                if not match or not who or not duration(match.group(1)):
                    continue
                found.escalation.append({"id": slug(who), "name": who, "contacts": [role_contact(found, who)],
                                         "triggers": [{"after": duration(match.group(1))}]})
                found.mapped["escalation"].extend(block.lines)


def _escalation_target(text: str) -> str:
    match = re.search(r"escalates? to (?:the )?([^,.;]+)", text, re.I) or \
        re.search(r"(?:the )?([^,.;]+?) is paged", text, re.I)
    return match.group(1).strip() if match else ""


# '**Incident Commander** — coordinates, makes decisions.' as a paragraph of its own.
BOLD_LEAD = re.compile(r"^\*\*([^*]{2,60}?)\*\*\s*[—–-]\s*(\S.*)$")
ROLES_TITLE = re.compile(r"\broles?\b|who does what|who['’]?s who|who is who|responsibilit", re.IGNORECASE)


def role_sections(root: Section, found: Found) -> None:
    """Under a 'Roles' heading: each sub-heading with a list is a role, and so is each
    '**Name**: what they do' line."""
    for section in root.walk():
        leads = [BOLD_LEAD.match(b.text) for b in section.blocks if b.kind == "para" and b.lines[0] not in found.used]
        named_roles = sum(bool(m and ROLE_NOUN.search(m.group(1))) for m in leads) >= 2   # '**Scribe** — ...'
        if not section.level or not (ROLES_TITLE.search(section.title) or named_roles) \
                or re.search(r"escalat", section.title, re.I):
            continue
        for block in section.blocks:
            lead = BOLD_LEAD.match(block.text) if block.kind == "para" else None
            label, text = (block.label, block.text) if block.kind == "label" else (block.key, block.value) \
                if block.kind == "item" and block.level == 0 else lead.groups() if lead else ("", "")
            if label and text and block.lines[0] not in found.used and len(label.split()) <= 5:
                found.roles.append(_role(label, [strip_md(text)]))
                found.use("roles", block)
        for child in section.children:
            items = [b for b in child.blocks if b.kind == "item" and b.level == 0 and b.lines[0] not in found.used]
            if child.line in found.used or child.children or not (items or ROLE_NOUN.search(strip_md(child.title))):
                continue
            _prose_role(child, found)


def _prose_role(section: Section, found: Found) -> None:
    """A role heading: its list is what the role does, its prose what the role is (or, alone, what it does);
    '**Does not:** ...' and other labels are duties as written; a '**Responsibilities**' label is a caption."""
    free = [b for b in section.blocks if b.lines[0] not in found.used]
    items = [b for b in free if b.kind == "item" and b.level == 0]
    nested = [b for b in free if b.kind == "item" and b.level > 0]
    prose = [b for b in free if b.kind == "para" and b.text]
    labels = [b for b in free if b.kind == "label"]
    duties = [strip_md(b.text) for b in items]
    duties += [f"{strip_md(b.label)}: {strip_md(b.text)}" for b in labels if b.text]
    text = _paragraphs(prose)
    if not duties and not text:
        return
    role = _role(section.title, duties or text)
    if duties and text:
        role["description"] = "\n\n".join(text)
    found.roles.append(role)
    found.used.add(section.line)
    found.mapped["roles"].append(section.line)
    found.use("roles", *items, *prose, *labels)
    for block in nested:   # a wrapped or nested line goes with the duty above it
        above = max((b for b in items if b.lines[0] < block.lines[0]), key=lambda b: b.lines[0], default=None)
        if above is not None:
            index = items.index(above)
            role["responsibilities"][index] += f" {strip_md(block.text)}"
            found.use("roles", block)


def _paragraphs(blocks: list[Block]) -> list[str]:
    """Consecutive source lines joined into one paragraph each."""
    out: list[str] = []
    last = None
    for block in blocks:
        if last is not None and block.lines[0] == last + 1 and out:
            out[-1] += " " + strip_md(block.text)
        else:
            out.append(strip_md(block.text))
        last = block.lines[-1]
    return out


def _role(title: str, duties: list[str]) -> dict:
    name = re.sub(r"\s*\(.*\)\s*$", "", strip_md(title)).strip() or strip_md(title)
    role = {"id": slug(name, "role"), "name": name, "responsibilities": duties}
    short = re.search(r"\(([A-Z]{1,4})\)", title)
    if short:
        role["short"] = short.group(1)
    return role


def _ordered_chain(section: Section, found: Found, role_contact) -> None:
    """'## Escalation order' with '1. Support ticket', '2. Account manager', or '1. **Primary on-call**'
    with nested '- Paged after 10 minutes' / '- Acknowledge within: 5 minutes': who, in order, and when."""
    blocks = [b for b in section.blocks if b.kind == "item" and b.lines[0] not in found.used]
    tops = [b for b in blocks if b.ordered and b.level == 0]
    steps = [_chain_step(b.text) for b in tops]
    names = [name for name, _, _ in steps]
    if len(tops) < 2 or not all(names):
        return
    current = None
    for block in blocks:
        if block in tops:
            name, who, rest = steps[tops.index(block)]
            current = {"id": slug(who), "name": name, "contacts": [role_contact(found, who)], "triggers": []}
            if rest:
                current["triggers"].append({"condition": rest})
            found.escalation.append(current)
            found.use("escalation", block)
        elif current is not None and block.level > 0:
            _chain_detail(current, block)
            found.use("escalation", block)


# '3. Page the Incident Commander on duty, even for a P2, if more than two teams are involved.'
CHAIN_VERB = re.compile(r"^(?:pull in|bring in|loop in|page|call|phone|escalate to|contact|notify|involve|"
                        r"raise it with|hand (?:it )?(?:over )?to)\s+(.+?)(?:\s*[,;:]\s*(.*?))?\.?$", re.IGNORECASE)


def _verb_chain(section: Section, found: Found) -> bool:
    """'1. Pull in the night lead.' / '2. Page the platform team, if ...': a numbered list of whom to
    bring in, outside a playbook, is an escalation chain whatever its heading says."""
    if found.homes.get(section.line, "").startswith("playbook:"):
        return False
    tops = [b for b in section.blocks if b.kind == "item" and b.level == 0 and b.lines[0] not in found.used]
    return len(tops) >= 2 and all(b.ordered and CHAIN_VERB.match(strip_md(b.text)) for b in tops)


def _chain_step(text: str) -> tuple[str, str, str]:
    """A chain step's name, who it goes to, and the rest of its line (when to go there), as written."""
    verb = CHAIN_VERB.match(strip_md(text))
    if verb and len(verb.group(1).split()) <= 8 and not text.lstrip().startswith("**"):
        return strip_md(text).rstrip(". "), verb.group(1), (verb.group(2) or "").strip(" .")   # the step as written
    name = _chain_name(text)
    return (name, name, strip_md(text)[len(name):].strip(" :-–—.")) if name else ("", "", "")


def _chain_name(text: str) -> str:
    """'**Primary on-call engineer**' or a short 'Account manager'; '' for a sentence."""
    bold = re.match(r"^\*\*([^*]+)\*\*", text.strip())
    if bold:
        return strip_md(bold.group(1)).rstrip(":. ")
    plain = strip_md(text).rstrip(".")
    return plain if len(plain.split()) <= 8 else ""


def _chain_detail(level: dict, block: Block) -> None:
    """A nested line of a chain step: when this level is paged, how soon it answers, or what it may do."""
    text = strip_md(block.text)
    if block.key and RESPONSE_KEY.search(block.key) and duration(block.value):
        level["response_time"] = duration(block.value)
        return
    if re.search(r"\b(paged?|paging|escalat\w*|notif\w*|call(ed)?|if|when|after)\b", text, re.IGNORECASE):
        after = re.search(r"after\s+(\d+\s*\w+)", text, re.IGNORECASE)
        trigger = {"condition": text}
        if after and duration(after.group(1)):
            trigger["after"] = duration(after.group(1))
        level["triggers"].append(trigger)
        return
    level["authority"] = f"{level['authority']} {text}" if level.get("authority") else text


REACH_KEY = re.compile(r"phone|e-?mail|slack|pager|hotline|line|portal|support|status|chat|contact", re.I)


def section_contacts(root: Section, found: Found) -> None:
    """'## Payment processor' with '- **Emergency line**: +1 555 0123': a contact named by its heading."""
    from .messages import _reach
    from .text import EMAIL, PHONE_ANY, URL

    for section in root.walk():
        if not section.level:
            continue
        items = [b for b in section.blocks if b.kind == "item" and b.key and REACH_KEY.search(b.key)
                 and b.lines[0] not in found.used
                 and (PHONE_ANY.search(b.value) or EMAIL.search(b.value) or URL.search(b.value))]
        if not items:
            continue
        name = re.sub(r"^[\d.]+\s+", "", strip_md(section.title))
        cid = slug(name, "contact")
        contact = found.contacts.setdefault(cid, {"id": cid, "kind": "team", "name": name})
        for block in items:
            _reach(contact, block.value)
        found.use("contacts", *items)


def _has_commands(section: Section) -> bool:
    from .found import SHELL_LANGS, SHELL_START
    return any(b.kind == "code" and (b.lang in SHELL_LANGS - {""} or any(SHELL_START.match(l.strip()) for l in b.code))
               for b in section.blocks)


def command_sections(root: Section, found: Found) -> None:
    """Sibling sub-sections that each hold shell commands ('### The queue is stuck'): a playbook each."""
    from .scenarios import _playbook

    for section in root.walk():
        leaves = [c for c in section.children if not c.children and c.line not in found.used and _has_commands(c)
                  and not any(line in found.used for b in c.blocks for line in b.lines)]
        if len(leaves) < 2:
            leaves = [c for c in leaves if COMMANDS_TITLE.search(strip_md(c.title))]   # 'Useful commands' alone
        if not leaves:
            continue
        for child in leaves:
            found.playbooks.append(_playbook(child, found, "immediate"))


# A section that is a list of commands to run: 'Useful commands', 'Cheat sheet', 'Manual escalation from the CLI'.
COMMANDS_TITLE = re.compile(r"\bcommands?\b|cheat ?sheet|snippets|quick reference|\bcli\b|by hand|manual(ly)?\b",
                            re.IGNORECASE)


ROLE_NOUN = re.compile(r"\b(manager|commander|lead|leader|coordinator|scribe|liaison|officer|owner|responder|"
                       r"analysts?|advisor|adviser|expert|specialist|representative|engineer|director|"
                       r"controller|spokesperson|on-call)s?\s*(\([A-Z]{1,5}\))?$", re.IGNORECASE)


def role_headings(root: Section, found: Found) -> None:
    """'## Major incident manager' followed by a list of what they do: a role."""
    for section in root.walk():
        if not section.level or section.line in found.used or section.children or \
                not ROLE_NOUN.search(strip_md(section.title)):
            continue
        items = [b for b in section.blocks if b.kind == "item" and b.level == 0 and b.lines[0] not in found.used]
        siblings = [c for c in (section.parent.children if section.parent else []) if not c.children
                    and ROLE_NOUN.search(strip_md(c.title))]
        if len(items) < 2 and len(siblings) >= 2:   # '### Response Lead' among other role headings, in prose
            _prose_role(section, found)
            continue
        if len(items) < 2:
            continue
        role = _role(section.title, [strip_md(b.text) for b in items])
        lead = [b for b in section.blocks if b.kind == "para" and b.text and b.lines[0] not in found.used]
        if lead:
            role["who"] = joined(lead, section.blocks)
            found.use("roles", *lead)
        found.roles.append(role)
        found.used.add(section.line)
        found.mapped["roles"].append(section.line)
        found.use("roles", *items)


def symptom_tables(root: Section, found: Found) -> None:
    """| Symptom | Likely cause | Action |: one playbook, a step per row applying when its symptom is seen."""
    for section in root.walk():
        for block in section.blocks:
            if block.kind != "table" or len(block.rows) < 2 or block.lines[0] in found.used:
                continue
            header = [strip_md(h).lower() for h in block.rows[0]]
            seen = next((i for i, h in enumerate(header) if re.search(r"symptom|problem|issue|error|alert", h)), None)
            act = next((i for i, h in enumerate(header) if re.search(r"action|fix|resol|what to do|remed|mitigat", h)),
                       None)
            if seen is None or act is None:
                continue
            cause = next((i for i, h in enumerate(header) if re.search(r"cause|reason|why", h)), None)
            found.playbooks.append(_symptom_playbook(section, block, seen, act, cause, found))


def _symptom_playbook(section: Section, block: Block, seen: int, act: int, cause, found: Found) -> dict:
    from collections import defaultdict

    title = strip_md(section.title) or "Troubleshooting"
    pb = {"id": slug(title, "playbook"), "title": title, "severity": "", "aliases": [title.lower()],
          "symptoms": [], "steps": defaultdict(list), "_lines": {section.line}, "_notes": []}
    key = f"playbook:{pb['id']}"
    for row in block.rows[1:]:
        if max(seen, act) >= len(row) or not strip_md(row[act]):
            continue
        step = {"text": strip_md(row[act]), "condition": strip_md(row[seen])}
        if cause is not None and cause < len(row) and strip_md(row[cause]):
            step["note"] = strip_md(row[cause])
        pb["symptoms"].append(strip_md(row[seen]))
        pb["steps"]["resolve"].append(step)
    found.used.add(section.line)
    found.mapped[key].append(section.line)
    found.use(key, block)
    for line in block.lines:
        found.homes[line] = key
    for child in section.children:
        if _has_commands(child) and child.line not in found.used:
            for node in child.walk():
                for b in node.blocks:
                    for line in b.lines:
                        found.homes[line] = key
            sub_step(child, pb, "resolve", key, found)
    return pb


def para_contacts(root: Section, found: Found) -> None:
    """'Dial-in: +1 555 0166, PIN 4411.' under '## Bridge call': a contact named by its heading;
    the sentence stays in notes, as it says more than the number."""
    from .messages import _reach
    from .text import PHONE

    for section in root.walk():
        if not section.level:
            continue
        for block in section.blocks:
            match = re.match(r"^(dial-?in|phone|call|hotline|bridge|conference)\b[^:]*:\s*(.+)$", block.text or "", re.I)
            if block.kind != "para" or block.lines[0] in found.used or not match or not PHONE.search(match.group(2)):
                continue
            name = re.sub(r"^[\d.]+\s+", "", strip_md(section.title))
            cid = slug(name, "contact")
            contact = found.contacts.setdefault(cid, {"id": cid, "kind": "channel", "name": name})
            _reach(contact, match.group(2))
            found.mapped["contacts"].extend(block.lines)
