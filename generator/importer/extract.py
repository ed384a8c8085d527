"""Map a parsed Markdown document onto the content model, line by line.

General rules, not rules fitted to particular files: severity levels come from
tables or "P1 - Critical" headings and labels; contacts from tables and
"**Role**: details" bullets; phases from headings with a time window; roles
from sections with Responsibilities; escalation from "Level N" sections and
"Escalate to X when" lists; playbooks from sections that have Symptoms, or
from shell blocks with numbered comment steps; message templates from fenced
text with [placeholders]; the post-mortem from its template, agenda and
principles. Whatever is not mapped is kept verbatim in the nearest document's
notes, so nothing is lost.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .mdparse import Block, Section, strip_md
from .text import (CHANNEL, EMAIL, HANDLE, LEVEL, PHONE_ANY, PLACEHOLDER, URL, duration, placeholders,
                   slug, window)

HOMES = [("post-mortem", "postmortem"), ("postmortem", "postmortem"), ("post-incident", "postmortem"),
         ("blameless", "postmortem"), ("severit", "severities"), ("classification", "severities"),
         ("contact", "contacts"), ("escalat", "escalation"), ("role", "roles"), ("phase", "process"),
         ("workflow", "process"), ("process", "process"), ("checklist", "process"),
         ("template", "templates"), ("communication", "templates")]
STAGES = [("symptom", "symptoms"), ("immediate", "immediate"), ("initial", "immediate"),
          ("first", "immediate"), ("diagnos", "investigate"), ("investigat", "investigate"),
          ("analy", "investigate"), ("check", "investigate"), ("cause", "causes"),
          ("resolution", "resolve"), ("resolve", "resolve"), ("fix", "resolve"), ("recover", "resolve"),
          ("remediat", "resolve"), ("response action", "resolve"), ("containment", "resolve"),
          ("mitigat", "resolve"), ("hardening", "resolve"), ("verif", "verify"), ("validat", "verify"),
          ("response", "resolve")]
SHELL_LANGS = {"bash", "sh", "shell", "console", "zsh", "sql", "python", "pycon", ""}
SHELL_START = re.compile(r"^(sudo |kubectl |aws |curl |psql |python |redis-cli |git |tail |grep |find |df |"
                         r"free |top|systemctl |journalctl |docker |for |done|\./|SELECT |FROM |WHERE |ORDER |"
                         r">>> |pg_isready |ls |cat |echo |gcloud |az |helm |terraform |npm |make )")


@dataclass
class Found:
    """Everything extracted, plus which source lines it used."""

    levels: dict[str, dict] = field(default_factory=dict)
    contacts: dict[str, dict] = field(default_factory=dict)
    escalation: list[dict] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)
    phases: list[dict] = field(default_factory=list)
    templates: list[dict] = field(default_factory=list)
    playbooks: list[dict] = field(default_factory=list)
    postmortem: dict = field(default_factory=dict)
    org: dict = field(default_factory=lambda: {"channels": [], "tools": []})
    used: set[int] = field(default_factory=set)
    homes: dict[int, str] = field(default_factory=dict)    # line -> document key for notes
    flags: list[str] = field(default_factory=list)
    mapped: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def use(self, where: str, *blocks: Block) -> None:
        for block in blocks:
            self.used.update(block.lines)
            self.mapped[where].extend(block.lines)


def home_of(section: Section) -> str:
    node = section
    while node is not None and node.level > 0:
        lowered = node.title.lower()
        for word, home in HOMES:
            if word in lowered:
                return home
        node = node.parent
    return "organization"


def extract(root: Section) -> Found:
    found = Found()
    for section in root.walk():
        home = home_of(section)
        for block in section.blocks:
            for line in block.lines:
                found.homes[line] = home
        if section.level:
            found.homes[section.line] = home
    for step in (_levels, _scenarios, _roles, _escalation, _phases, _postmortem, _templates, _contacts):
        step(root, found)
    return found


# --- severity levels ---------------------------------------------------------------------------

def _level(found: Found, level_id: str, name: str) -> dict:
    level_id = level_id.replace(" ", "").upper()
    entry = found.levels.setdefault(level_id, {"id": level_id, "name": name.strip().title()})
    return entry


def _level_details(entry: dict, text: str) -> None:
    lowered = text.lower()
    if "response" in lowered or "respond" in lowered or re.search(r"\d+\s*-?\s*min", lowered):
        time = duration(text)
        if time and "response_time" not in entry:
            entry["response_time"] = time
    if "24/7" in lowered or "page immediately" in lowered:
        entry.setdefault("paging", "page-24x7")
    elif "business hours" in lowered:
        entry.setdefault("paging", "page-business-hours")
    elif "ticket" in lowered or "email" in lowered:
        entry.setdefault("paging", "ticket" if "ticket" in lowered else "page-business-hours")


def _levels(root: Section, found: Found) -> None:
    for section in root.walk():
        title = LEVEL.match(section.title)
        if title and not _looks_like_scenario(section):
            entry = _level(found, title.group(1), title.group(2))
            _level_details(entry, title.group(3) or "")
            found.mapped["severities"].append(section.line)
            found.used.add(section.line)
            _level_body(section.blocks, entry, found)
        for block in section.blocks:
            if block.kind == "table":
                _level_table(block, found)
        _level_labels(section.blocks, found)


def _level_body(blocks: list[Block], entry: dict, found: Found) -> None:
    current = None
    for block in blocks:
        if block.kind == "label":
            current = block.label.lower()
            if "impact" in current or "description" in current:
                entry.setdefault("description", strip_md(block.text))
                found.use("severities", block)
            elif "response" in current:
                entry.setdefault("notes", strip_md(block.text))
                _level_details(entry, block.text)
                found.use("severities", block)
            elif "example" in current:
                found.use("severities", block)
        elif block.kind == "item" and current and "example" in current:
            entry.setdefault("examples", []).append(strip_md(block.text))
            found.use("severities", block)


def _level_table(block: Block, found: Found) -> None:
    header = [h.lower() for h in block.rows[0]] if block.rows else []
    if not header or not re.search(r"severity|level|priority|sev", header[0]):
        return
    used = False
    for row in block.rows[1:]:
        match = LEVEL.match(strip_md(row[0])) if row else None
        if not match:
            continue
        used = True
        entry = _level(found, match.group(1), match.group(2))
        for head, cell in zip(header[1:], row[1:]):
            cell = strip_md(cell)
            if re.search(r"descr|impact|meaning", head):
                entry.setdefault("description", cell)
            elif "example" in head:
                entry.setdefault("examples", [x.strip() for x in cell.split(",") if x.strip()])
            elif "resolution" in head:
                entry.setdefault("resolution_target", duration(cell) or "")
            elif "response" in head:
                _level_details(entry, "response " + cell)
            elif "escalat" in head:
                entry.setdefault("escalation_text", cell)
                if duration(cell):
                    entry.setdefault("escalate_after", duration(cell))
                if "ticket" in cell.lower():
                    entry.setdefault("paging", "ticket")
    if used:
        found.use("severities", block)


def _level_labels(blocks: list[Block], found: Found) -> None:
    current = None
    for block in blocks:
        match = LEVEL.match(block.label) if block.kind == "label" and not block.text else None
        if match:
            current = _level(found, match.group(1), match.group(2))
            _level_details(current, match.group(3) or "")
            found.use("severities", block)
        elif block.kind == "item" and current is not None:
            current.setdefault("examples", []).append(strip_md(block.text))
            found.use("severities", block)
        elif block.kind != "item":
            current = None


# --- playbooks -----------------------------------------------------------------------------------

def _stage(name: str) -> str | None:
    lowered = name.lower()
    for word, stage in STAGES:
        if word in lowered:
            return stage
    return None


def _looks_like_scenario(section: Section) -> bool:
    """Symptoms listed, or several stages (Investigation, Response...), or one under a severity heading."""
    names = [c.title for c in section.children] + [b.label for b in section.blocks if b.kind == "label"]
    if any("symptom" in n.lower() for n in names):
        return True
    if section.level < 2 or "checklist" in section.title.lower():
        return False
    stages = {_leading_stage(n) for n in names} - {None, "causes"}
    return len(stages) >= 2 or (len(stages) == 1 and bool(_parent_level(section)) and not section.children)


def _leading_stage(name: str) -> str | None:
    """A stage only when the name starts with it: 'Investigation Steps', 'Quick Fixes', 'Response'."""
    name = re.sub(r"^(\d+[.)]\s*|quick\s+)", "", strip_md(name).lower())
    for word, stage in STAGES:
        if name.startswith(word):
            return stage
    return None


def _numbered_shell(section: Section) -> bool:
    for block in section.blocks:
        if block.kind == "code" and block.lang in SHELL_LANGS:
            numbered = [line for line in block.code if re.match(r"\s*#\s*\d+[.)]", line)]
            if len(numbered) >= 2:
                return True
    return False


def _scenarios(root: Section, found: Found) -> None:
    for section in root.walk():
        if section.level and (_looks_like_scenario(section) or
                              (not section.children and _numbered_shell(section)
                               and home_of(section) not in ("templates",))):
            if any(section.line in pb["_lines"] for pb in found.playbooks):
                continue
            found.playbooks.append(_playbook(section, found))


def _playbook(section: Section, found: Found) -> dict:
    title = re.sub(r"^(scenario\s*\d+\s*[:.-]\s*)", "", section.title, flags=re.IGNORECASE)
    level = LEVEL.match(title)
    severity = level.group(1).replace(" ", "").upper() if level else _parent_level(section)
    if level:
        title = level.group(2) + (f" ({level.group(3)})" if level.group(3) else "")
    title = strip_md(title).strip(' "“”')
    quoted = re.findall(r"[\"“]([^\"”]+)[\"”]", section.title)
    pb = {"id": slug(title, "playbook"), "title": title, "severity": severity,
          "aliases": list(dict.fromkeys([title.lower(), *[q.lower() for q in quoted]])),
          "symptoms": [], "steps": defaultdict(list), "_lines": {section.line}, "_notes": []}
    found.used.add(section.line)
    found.mapped[f"playbook:{pb['id']}"].append(section.line)
    _fill_playbook(section, pb, found, "immediate" if not _looks_like_scenario(section) else None)
    return pb


def _parent_level(section: Section) -> str:
    node = section.parent
    while node is not None and node.level > 0:
        match = re.search(r"\b(P\s?[0-9]|SEV\s?[0-9])\b", node.title)
        if match:
            return match.group(1).replace(" ", "").upper()
        node = node.parent
    return ""


def _fill_playbook(section: Section, pb: dict, found: Found, stage: str | None) -> None:
    key = f"playbook:{pb['id']}"
    for line in [b for s in section.walk() for b in s.blocks for _ in [0]]:
        pass
    for node in section.walk():
        node_stage = _stage(node.title) if node is not section else None
        if node is not section:
            stage = node_stage or stage
            pb["_lines"].add(node.line)
            found.used.add(node.line)
            found.mapped[key].append(node.line)
            condition = _condition(node.title)
        else:
            condition = ""
        _blocks_to_steps(node.blocks, pb, found, key, stage, condition)
        for block in node.blocks:
            for line in block.lines:
                found.homes[line] = key


def _condition(title: str) -> str:
    text = strip_md(re.sub(r"^\d+[.)]\s*", "", title))
    return text if text.lower().startswith(("if ", "when ")) else ""


def _blocks_to_steps(blocks: list[Block], pb: dict, found: Found, key: str, stage: str | None,
                     condition: str) -> None:
    last_step = None
    for block in blocks:
        if block.kind == "label":
            label_stage = _stage(block.label)
            if label_stage:
                stage = label_stage
                found.use(key, block)
                if block.text:
                    _add_text(pb, stage, strip_md(block.text), condition)
                continue
            label_condition = _condition(block.label)
            if label_condition:
                condition = label_condition
                found.use(key, block)
                continue
        if stage is None:
            continue
        if block.kind == "item":
            item_condition = _condition(block.text.split("**")[1] if block.text.startswith("**") else block.text)
            text = strip_md(block.text)
            if item_condition and block.text.startswith("**"):
                condition = item_condition
                found.use(key, block)
                continue
            last_step = _add_text(pb, stage, text, condition)
            found.use(key, block)
        elif block.kind == "para":
            last_step = _add_text(pb, stage, strip_md(block.text), condition)
            found.use(key, block)
        elif block.kind == "code":
            steps = _code_steps(block, condition)
            if steps and last_step is not None and not last_step.get("commands") and \
                    not _starts_with_comment(block):
                last_step["commands"] = steps[0].get("commands", [])
                steps = steps[1:]
            for step in steps:
                _append(pb, stage, step)
            found.use(key, block)


def _starts_with_comment(block: Block) -> bool:
    first = next((line for line in block.code if line.strip()), "")
    return first.strip().startswith("#")


def _add_text(pb: dict, stage: str, text: str, condition: str) -> dict | None:
    if not text:
        return None
    if stage == "symptoms":
        pb["symptoms"].append(text)
        return None
    if stage == "causes":
        text, stage = f"Possible cause: {text}", "investigate"
    step = {"text": text}
    if condition:
        step["condition"] = condition
    _append(pb, stage, step)
    return step


def _append(pb: dict, stage: str, step: dict) -> None:
    if stage == "symptoms":
        pb["symptoms"].append(step["text"])
    else:
        pb["steps"]["investigate" if stage == "causes" else stage].append(step)


def _code_steps(block: Block, condition: str) -> list[dict]:
    """Split a shell block into steps at its comment headers; commands keep their lines."""
    lang = "bash" if block.lang in ("", "shell", "zsh", "console") else block.lang
    steps: list[dict] = []
    current: dict | None = None
    pending: list[str] = []

    def flush() -> None:
        nonlocal pending
        if current is not None and pending:
            code = "\n".join(pending).strip("\n")
            if code.strip():
                current.setdefault("commands", []).append({"lang": _lang_of(code, lang), "code": code})
        pending = []

    for raw in block.code:
        line = raw.rstrip()
        comment = re.match(r"^\s*#\s*(.*)$", line)
        if comment and not pending or (comment and re.match(r"\s*#\s*\d+[.)]", line)):
            flush()
            text = re.sub(r"^\d+[.)]\s*", "", comment.group(1)).strip()
            if not text:
                continue
            if current is not None and not current.get("commands") and not re.match(r"\d+[.)]", comment.group(1)):
                current["text"] += f" {text}"
                continue
            current = {"text": text}
            step_condition = _condition(text.rstrip(":"))
            if step_condition:
                current["condition"] = step_condition.rstrip(":")
            elif condition:
                current["condition"] = condition
            steps.append(current)
        else:
            if current is None:
                current = {"text": condition or "Run", **({"condition": condition} if condition else {})}
                steps.append(current)
            pending.append(line)
    flush()
    return steps


def _lang_of(code: str, default: str) -> str:
    first = code.strip().splitlines()[0] if code.strip() else ""
    if first.startswith(">>>"):
        return "pycon"
    if re.match(r"^(SELECT|UPDATE|DELETE|INSERT|WITH)\b", first, re.IGNORECASE):
        return "sql"
    return default if default in ("bash", "sh", "sql", "python", "pycon") else "bash"


# --- roles, escalation, phases -------------------------------------------------------------------

def _roles(root: Section, found: Found) -> None:
    for section in root.walk():
        labels = {b.label.lower(): b for b in section.blocks if b.kind == "label"}
        if not any("responsibilit" in label for label in labels) or home_of(section) == "escalation":
            continue
        name = re.sub(r"\s*\(.*\)\s*$", "", section.title).strip()
        short = re.search(r"\(([A-Z]{1,4})\)", section.title)
        role = {"id": slug(name, "role"), "name": name, "responsibilities": []}
        if short:
            role["short"] = short.group(1)
        found.used.add(section.line)
        for block in section.blocks:
            if block.kind == "item":
                role["responsibilities"].append(strip_md(block.text))
                found.use("roles", block)
            elif block.kind == "label" and block.label.lower().startswith("who"):
                role["who"] = strip_md(block.text)
                found.use("roles", block)
            elif block.kind == "label" and "responsibilit" in block.label.lower():
                found.use("roles", block)
        if role["responsibilities"]:
            found.roles.append(role)


def _escalation(root: Section, found: Found) -> None:
    for section in root.walk():
        match = re.match(r"^level\s*(\d+)\s*[-–:]\s*(.+)$", section.title, re.IGNORECASE)
        if match:
            _escalation_section(section, match.group(2).strip(), found)
        _escalate_when_lists(section, found)
        for block in section.blocks:
            if block.kind == "code" and home_of(section) == "escalation":
                _time_ladder(block, found)


def _escalation_section(section: Section, name: str, found: Found) -> None:
    level = {"id": slug(name), "name": name, "contacts": [_role_contact(found, name)], "triggers": []}
    found.used.add(section.line)
    for block in section.blocks:
        if block.kind != "label":
            continue
        label, text = block.label.lower(), strip_md(block.text)
        if label.startswith("trigger"):
            level["triggers"] += [{"condition": part.strip()} for part in text.split(",") if part.strip()]
        elif "response" in label and duration(text):
            level["response_time"] = duration(text)
        elif label.startswith("authority"):
            level["authority"] = text
        elif label.startswith("escalation"):
            level["escalates_when"] = text
        else:
            continue
        found.use("escalation", block)
    previous = found.escalation[-1] if found.escalation else None
    if previous and previous.get("escalates_when"):
        after = duration(previous["escalates_when"])
        level["triggers"].insert(0, {"after": after} if after and after != "immediate"
                                 else {"condition": previous["escalates_when"]})
    level["triggers"] = level["triggers"] or [{"condition": "Escalated by the level before"}]
    found.escalation.append(level)


def _escalate_when_lists(section: Section, found: Found) -> None:
    current = None
    for block in section.blocks:
        match = re.match(r"^escalate to (.+?) when:?$", block.label or "", re.IGNORECASE)
        if block.kind == "label" and match and not block.text:
            name = match.group(1).strip()
            current = {"id": slug(name), "name": name, "contacts": [_role_contact(found, name)], "triggers": []}
            found.escalation.append(current)
            found.use("escalation", block)
        elif block.kind == "item" and current is not None:
            text = strip_md(block.text)
            time = re.search(r"(P[0-9]|SEV[0-9]).*?(?:>|over|after|more than)\s*(\d+\s*\w+)", text, re.IGNORECASE)
            if time and duration(time.group(2)):
                current["triggers"].append({"after": duration(time.group(2)), "severities": [time.group(1).upper()]})
            else:
                current["triggers"].append({"condition": text})
            found.use("escalation", block)
        else:
            current = None


def _time_ladder(block: Block, found: Found) -> None:
    rows = [re.match(r"^\s*(\d+)\s*[-+]?\s*(\d*)\s*(min|h\w*)?\s*\+?\s*:\s*(.+)$", line) for line in block.code]
    rows = [r for r in rows if r]
    if len(rows) < 2:
        return
    for row in rows:
        start = duration(f"{row.group(1)} {row.group(3) or 'min'}") or "0m"
        who = row.group(4).strip()
        trigger = {"after": start} if start not in ("0m", "0h") else {"condition": "The incident is declared"}
        found.escalation.append({"id": slug(who), "name": who, "contacts": [_role_contact(found, who)],
                                 "triggers": [trigger]})
    found.use("escalation", block)


def _role_contact(found: Found, name: str) -> str:
    """A contact for a role named in the source; its details are for the team to fill."""
    name = strip_md(name)
    cid = slug(name, "contact")
    if cid not in found.contacts:
        found.contacts[cid] = {"id": cid, "kind": "person", "name": name}
    return cid


PHASE_TITLE = re.compile(r"^(?:phase\s*\d+\s*[:.-]\s*)?(.+?)\s*\(([^)]*)\)\s*$", re.IGNORECASE)


def _phases(root: Section, found: Found) -> None:
    for section in root.walk():
        match = PHASE_TITLE.match(section.title)
        is_phase = section.title.lower().startswith("phase") or (
            match and any(ch.isdigit() for ch in match.group(2)) and home_of(section) == "process")
        if not is_phase or any(section.line in pb["_lines"] for pb in found.playbooks):
            continue
        name = match.group(1) if match else re.sub(r"^phase\s*\d+\s*[:.-]\s*", "", section.title, flags=re.I)
        start, end = window(match.group(2)) if match else ("", "")
        phase = _phase_named(found, strip_md(name))
        if start and "window" not in phase:
            phase["window"] = {"start": start, **({"end": end} if end else {})}
        found.used.add(section.line)
        found.mapped["process"].append(section.line)
        _phase_blocks(section, phase, found)


def _phase_named(found: Found, name: str) -> dict:
    key = slug(name.split("&")[0].split(" and ")[0])
    for phase in found.phases:
        if phase["id"] == key or phase["id"].startswith(key) or key.startswith(phase["id"]):
            return phase
    phase = {"id": slug(name), "name": name, "actions": [], "checklist": []}
    found.phases.append(phase)
    return phase


def _phase_blocks(section: Section, phase: dict, found: Found) -> None:
    for node in section.walk():
        if any(node.line in pb["_lines"] for pb in found.playbooks):
            continue
        for block in node.blocks:
            if block.kind == "item" and block.checked is not None:
                phase["checklist"].append(strip_md(block.text))
                found.use("process", block)
            elif block.kind == "item":
                phase["actions"].append(strip_md(block.text))
                found.use("process", block)
            elif block.kind == "label" and block.label.lower().startswith("goal"):
                phase["goal"] = strip_md(block.text)
                found.use("process", block)


# --- templates, post-mortem, contacts ------------------------------------------------------------

def _templates(root: Section, found: Found) -> None:
    for section in root.walk():
        previous = None
        for block in section.blocks:
            if block.kind == "code" and block.lines[0] not in found.used and _is_message(block, section):
                _template(block, section, previous, found)
            previous = block


def _is_message(block: Block, section: Section) -> bool:
    """Fenced prose with [placeholders], or any fenced prose in a templates section."""
    if block.lang not in ("", "text", "txt", "markdown", "md") or not any(l.strip() for l in block.code):
        return False
    if len(block.code) < 2 and "[" not in block.code[0]:
        return False
    if block.lang in ("markdown", "md") and any(line.startswith("#") for line in block.code):
        return False  # a document template (the post-mortem), not a message
    body = "\n".join(block.code)
    shell = sum(bool(SHELL_START.match(line.strip())) for line in block.code)
    if shell:
        return False
    home = home_of(section)
    in_templates = home == "templates" or ("template" in section.title.lower() and home != "postmortem")
    return "[" in body or (in_templates and not re.search(r"^\s*\d+\s*[-+]", body, re.MULTILINE))


def _template(block: Block, section: Section, previous: Block | None, found: Found) -> None:
    lines = [line for line in block.code]
    title = section.title
    if lines and lines[0].strip().endswith(":") and len(lines[0]) < 40:
        title = lines[0].strip().rstrip(":")
        lines = lines[1:]
    elif previous is not None and previous.kind in ("item", "label", "para") and len(strip_md(previous.text or previous.label)) < 60:
        title = strip_md(previous.label or previous.text).rstrip(":")
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    text = text.strip().strip('"').strip()
    subject = ""
    match = re.search(r"^Subject:\s*(.+)$", text, re.MULTILINE)
    if match:
        subject = match.group(1).strip()
    body, declared = placeholders(text)
    subject, more = placeholders(subject) if subject else ("", {})
    declared.update(more)
    context = f"{title} {section.title} {text[:80]}".lower()
    channel = ("status-page" if "status" in context else "email" if ("email" in context or "subject:" in context)
               else "chat")
    audience = ("customers" if channel == "status-page" or "user" in context else
                "executives" if "executive" in context or "leadership" in context else
                "stakeholders" if "stakeholder" in context else "internal")
    stage = next((s for w, s in (("resolv", "resolved"), ("update", "update"), ("identif", "identified"),
                                 ("monitor", "monitoring"), ("investigat", "investigating"),
                                 ("declar", "declared"), ("alert", "declared")) if w in context), "update")
    template = {"id": slug(title, "template"), "title": strip_md(title) or "Message", "channel": channel,
                "audience": audience, "stage": stage, "body": body + "\n"}
    if subject:
        template["subject"] = subject
    if declared:
        template["placeholders"] = declared
    found.templates.append(template)
    found.use("templates", block)
    if previous is not None and previous.kind in ("label",) and not previous.text:
        found.use("templates", previous)


def _postmortem(root: Section, found: Found) -> None:
    pm = found.postmortem
    for section in root.walk():
        if home_of(section) != "postmortem":
            continue
        for block in section.blocks:
            if block.kind == "code" and block.lang in ("markdown", "md", "") and \
                    sum(line.startswith("## ") for line in block.code) >= 3:
                _pm_sections_from_fence(block, pm, found)
        _pm_agenda_and_principles(section, pm, found)
        labels = [b for b in section.blocks if b.kind == "label" and not b.text]
        if len(labels) >= 4 and "sections" not in pm and "template" in section.title.lower():
            pm["sections"] = [{"id": slug(b.label), "title": strip_md(b.label),
                               "prompt": f"{strip_md(b.label)} (from the source template)"} for b in labels]
            found.use("postmortem", *labels)
        window_text = re.search(r"\(([^)]*\d[^)]*)\)", section.title)
        if window_text and "within" not in pm and re.search(r"post|review", section.title, re.I):
            pm["within"] = duration(window_text.group(1))


def _pm_sections_from_fence(block: Block, pm: dict, found: Found) -> None:
    sections, current = [], None
    for line in block.code:
        if line.startswith("## "):
            current = {"id": slug(line[3:]), "title": line[3:].strip(), "prompt": ""}
            sections.append(current)
        elif current is not None and not current["prompt"] and line.strip() and not line.startswith("|"):
            current["prompt"] = strip_md(line.lstrip("- "))
    for section in sections:
        section["prompt"] = section["prompt"] or f"{section['title']}."
    pm.setdefault("sections", sections)
    pm.setdefault("template_lines", []).extend(block.lines)
    found.use("postmortem", block)


def _pm_agenda_and_principles(section: Section, pm: dict, found: Found) -> None:
    mode = None
    for block in section.blocks:
        label = (block.label or block.text).lower() if block.kind in ("label", "para") else ""
        if block.kind in ("label", "para") and ("agenda" in label or "principle" in label):
            mode = "agenda" if "agenda" in label else "principles"
            found.use("postmortem", block)
            continue
        if block.kind != "item":
            if block.kind not in ("label",):
                continue
            mode = None
            continue
        text = strip_md(block.text)
        minutes = re.search(r"\((\d+)\s*min", text)
        if mode == "agenda" and (block.level == 0):
            pm.setdefault("agenda", []).append({"topic": re.sub(r"\s*\(\d+\s*min\w*\)", "", text).strip(),
                                                "minutes": int(minutes.group(1)) if minutes else 10})
            found.use("postmortem", block)
        elif mode == "agenda" and pm.get("agenda"):
            pm["agenda"][-1].setdefault("points", []).append(text)
            found.use("postmortem", block)
        elif mode == "principles":
            pm.setdefault("principles", []).append(text)
            found.use("postmortem", block)
        elif "blameless" in section.title.lower() or "principle" in section.title.lower():
            pm.setdefault("principles", []).append(text)
            found.use("postmortem", block)


def _contacts(root: Section, found: Found) -> None:
    for section in root.walk():
        in_contacts = home_of(section) == "contacts" or "contact" in section.title.lower()
        for block in section.blocks:
            if block.kind == "table" and block.rows and any("phone" in h.lower() for h in block.rows[0]):
                _contact_table(block, found)
            elif in_contacts and block.kind == "item" and block.lines[0] not in found.used:
                _contact_item(block, found)
        for block in section.blocks:
            if block.kind in ("item", "para", "label") and block.lines[0] not in found.used:
                _channels_and_tools(block, found, in_contacts)


def _contact_table(block: Block, found: Found) -> None:
    header = [h.lower() for h in block.rows[0]]
    for row in block.rows[1:]:
        cells = dict(zip(header, [strip_md(c) for c in row]))
        role = next((v for k, v in cells.items() if "role" in k or "name" in k), row[0])
        phones = [v for k, v in zip(header, row) if "phone" in k]
        primary = next((v for k, v in cells.items() if "primary" in k), "")
        backup = next((v for k, v in cells.items() if "backup" in k), "")
        contact = found.contacts.setdefault(slug(role), {"id": slug(role), "kind": "person", "name": role})
        if primary and primary.upper() not in ("N/A",):
            contact["name"] = f"{role} ({primary})" if PLACEHOLDER.search(primary) else primary
            contact["title"] = role
        _reach(contact, phones[0] if phones else "")
        if backup and backup.upper() != "N/A":
            bid = slug(f"{role} backup") if PLACEHOLDER.search(backup) else slug(backup)
            found.contacts.setdefault(bid, {"id": bid, "kind": "person",
                                            "name": f"Backup for {role} ({backup})" if PLACEHOLDER.search(backup) else backup})
            _reach(found.contacts[bid], phones[1] if len(phones) > 1 else "")
            contact["backup"] = bid
    found.use("contacts", block)


def _reach(contact: dict, text: str) -> None:
    text = strip_md(text)
    if not text or text.upper() == "N/A":
        return
    phone = PHONE_ANY.search(text)
    email = EMAIL.search(text)
    url = URL.search(text)
    handle = HANDLE.search(text)
    if phone and "phone" not in contact:
        contact["phone"] = phone.group(0).strip()
    if email and "email" not in contact:
        contact["email"] = email.group(0)
    if url and "url" not in contact:
        contact["url"] = url.group(0).rstrip(".,")
    if handle and "chat" not in contact and not email:
        contact["chat"] = handle.group(0)
    if not (phone or email or url or handle):
        contact.setdefault("notes", text)


def _contact_item(block: Block, found: Found) -> None:
    match = re.match(r"^\*\*([^*]+?):?\*\*:?\s*(.*)$", block.text)
    if not match:
        return
    name, details = strip_md(match.group(1)).rstrip(":"), match.group(2)
    if URL.fullmatch(details.strip()) or CHANNEL.fullmatch(details.strip()):
        return  # a tool or a channel, handled with the organization
    cid = slug(name)
    contact = found.contacts.setdefault(cid, {"id": cid, "kind": "vendor" if "support" in name.lower()
                                              or "counsel" in name.lower() or "relations" in name.lower()
                                              else "person", "name": name})
    _reach(contact, details)
    found.use("contacts", block)


def _channels_and_tools(block: Block, found: Found, in_contacts: bool) -> None:
    text = block.text if block.kind != "label" else f"**{block.label}**: {block.text}"
    match = re.match(r"^\*\*([^*]+?):?\*\*:?\s*(.*)$", text)
    if not match:
        return
    name, details = strip_md(match.group(1)).rstrip(":"), strip_md(match.group(2))
    url = URL.fullmatch(details.strip())
    channel = CHANNEL.match(name) or CHANNEL.fullmatch(details.strip())
    if url and in_contacts:
        if "status" in name.lower():
            found.org.setdefault("status_page", url.group(0))
        found.org["tools"].append({"title": name, "url": url.group(0)})
        found.use("organization", block)
    elif channel:
        channel_name = channel.group(0).lower()
        purpose = details if CHANNEL.match(name) else name
        if channel_name not in [c["name"] for c in found.org["channels"]]:
            found.org["channels"].append({"name": channel_name, "purpose": purpose.strip(" :") or "Incidents"})
        found.use("organization", block)
