"""Roles, escalation levels and phases of the response process."""
from __future__ import annotations

import re

from .mdparse import Block, Section, strip_md, title_matches
from .found import Found, home_of
from ..validate.imported import is_missing
from .kinds import contact_kind, kind_in_words
from .text import unnumbered, duration, slug, window

LEVEL_TITLE = re.compile(r"^level\s*(\d+)\s*[-–:]\s*(.+)$", re.IGNORECASE)
ESCALATE_WHEN = re.compile(r"^escalate to (.+?) when:?$", re.IGNORECASE)
PHASES_ONLY = re.compile(r"(phases|stages)", re.IGNORECASE)

def _roles(root: Section, found: Found) -> None:
    for section in root.walk():
        labels = {b.label.lower(): b for b in section.blocks if b.kind == "label"}
        if not any("responsibilit" in label for label in labels) or home_of(section) == "escalation":
            continue
        name = re.sub(r"\s*\(.*\)\s*$", "", unnumbered(section.title)).strip()
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
            elif block.kind == "label" and block.text:   # '**Does not:** run commands': a duty as written
                role["responsibilities"].append(f"{strip_md(block.label)}: {strip_md(block.text)}")
                found.use("roles", block)
        prose = [b for b in section.blocks if b.kind == "para" and b.text and b.lines[0] not in found.used]
        if role["responsibilities"] and prose:
            from .role_shapes import _paragraphs
            role["description"] = "\n\n".join(_paragraphs(prose))
            found.use("roles", *prose)
        if role["responsibilities"]:
            found.roles.append(role)


def _escalation(root: Section, found: Found) -> None:
    for section in root.walk():
        match = LEVEL_TITLE.match(section.title)
        if match and section.line not in found.used:
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
    found.escalation.append(level)


def _escalate_when_lists(section: Section, found: Found) -> None:
    current = None
    for block in section.blocks:
        match = ESCALATE_WHEN.match(block.label or "")
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
                found.mapped["escalation"].extend(block.lines)   # structured; the sentence stays in notes
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
        who, condition = _who_and_condition(row.group(4).strip())
        trigger = {"after": start, **({"condition": condition} if condition else {})}
        found.escalation.append({"id": slug(who), "name": who, "contacts": [_role_contact(found, who)],
                                 "triggers": [trigger]})
    found.mapped["escalation"].extend(block.lines)   # structured; the ladder as written stays in notes


# '15-30 min: Backup on-call notified if no acknowledgment': whom the step reaches, what was done, and when
DONE = re.compile(r"^(?P<who>.+?)\s+(?:is\s+|are\s+|gets?\s+)?(?:responds|acknowledges|joins|takes over|"
                  r"acknowledged|informed|paged|called|notified|contacted|told|engaged|alerted|looped in)\b"
                  r"[\s,;:]*(?P<condition>.*)$", re.IGNORECASE)


def _who_and_condition(text: str) -> tuple[str, str]:
    """'Backup on-call notified if no acknowledgment' -> ('Backup on-call', 'if no acknowledgment');
    a line that says no more than a name is the name."""
    match = DONE.match(text)
    if not match or len(match.group("who").split()) > 6:
        return text, ""
    return match.group("who").strip(" ,;:"), match.group("condition").strip(" .")


def _role_contact(found: Found, name: str, said: str = "") -> str:
    """A contact for a role named in the source; its details are for the team to fill. Its kind is
    what the name's words (or ``said``, the words written beside it) make it, else a placeholder."""
    name = strip_md(name)
    cid = slug(name, "contact")
    if cid not in found.contacts:
        cid = _same_person(found, name) or _holder(found, name) or cid
    if cid not in found.contacts:
        kind = contact_kind(name, said)
        if is_missing(kind) and said:   # 'our technical account manager, Ana Ruiz': the title says
            kind = kind_in_words(said) or kind
        found.contacts[cid] = {"id": cid, "kind": kind, "name": name}
    return cid


def _holder(found: Found, role: str) -> str | None:
    """The one contact the document lists with this role as their title ('Aisha Kamara, Duty Systems
    Engineer' for an escalation step 'Duty Systems Engineer'): the step reaches them."""
    wanted = role.strip().lower()
    held = [cid for cid, contact in found.contacts.items() if str(contact.get("title", "")).strip().lower() == wanted]
    return held[0] if len(held) == 1 and len(wanted) > 3 else None


def _same_person(found: Found, name: str) -> str | None:
    """The contact the document already lists under this name with more said beside it:
    'Haruto Sato' is 'Haruto Sato (ingest pipeline owner)', 'Aidan Kerr' is 'Aidan Kerr, NOC Manager'."""
    def bare(text: str) -> str:
        return re.split(r"\s*[(,–—]|\s+-\s+", text, maxsplit=1)[0].strip().lower()

    wanted = bare(name)   # 'Felix Amankwah (if on-call cannot mitigate)' is Felix Amankwah too
    if len(wanted) >= 3 and len(wanted.split()) == 1 and name.strip()[:1].isupper():
        return first_named(found, wanted)   # 'Kwame' in a chain is the one 'Kwame Asante (ops lead)' listed
    if len(wanted) < 3 or len(wanted.split()) < 2:
        return None   # 'CTO (SEV1 only)': a role, which the document may list more than once
    for cid, contact in found.contacts.items():
        listed = str(contact.get("name", ""))
        if bare(listed) == wanted and listed.lower() != name.strip().lower():
            return cid
    return None


def first_named(found: Found, first: str) -> str | None:
    """The one contact whose full name starts with this first name ('kwame'), or None."""
    named = [cid for cid, contact in found.contacts.items()
             if (words := re.split(r"\s*[(,–—]", name := str(contact.get("name", "")), maxsplit=1)[0].lower().split())
             and words[0] == first and (len(words) >= 2 or "(" in name)]   # ('Jonno (Jonathan Pike)' too)
    return named[0] if len(named) == 1 else None


PHASE_TITLE = re.compile(r"^(?:phase\s*\d+\s*[:.-]\s*)?(.+?)\s*\(([^)]*)\)\s*$", re.IGNORECASE)


def _phases(root: Section, found: Found) -> None:
    from .scenarios import PHASES_TITLE

    taken = set().union(*(pb["_lines"] for pb in found.playbooks))  # once, not once per section
    for section in root.walk():
        match = PHASE_TITLE.match(section.title)
        listed = section.parent is not None and section.parent.level > 0 and len(section.parent.children) >= 2 \
            and title_matches(PHASES_TITLE, section.parent.title)   # '8.1 Preparation' under 'Response phases'
        is_phase = section.title.lower().startswith("phase") or listed or (
            match and any(ch.isdigit() for ch in match.group(2)) and home_of(section) == "process")
        tabled = PHASES_ONLY.fullmatch(strip_md(section.title)) and any(
            b.kind == "table" and b.lines[0] in found.mapped["process"] for b in section.blocks)
        if not is_phase or section.line in taken or section.line in found.used or tabled:   # a phase table's heading
            continue
        name = match.group(1) if match else re.sub(r"^(phase\s*)?\d+(\.\d+)*\s*[:.-]?\s*", "", section.title, flags=re.I)
        start, end = window(match.group(2)) if match else ("", "")
        if match and not start:   # '(Variable)', '(post-fix)': not a time window, part of the name
            name = f"{match.group(1)} ({match.group(2)})"
        phase = _phase_named(found, strip_md(name))
        if start and "window" not in phase:
            phase["window"] = {"start": start, **({"end": end} if end else {})}
        found.used.add(section.line)
        found.mapped["process"].append(section.line)
        _phase_blocks(section, phase, found, taken)


def _phase_named(found: Found, name: str) -> dict:
    key = slug(name.split("&")[0].split(" and ")[0])
    for phase in found.phases:
        if phase["id"] == key or phase["id"].startswith(key) or key.startswith(phase["id"]):
            return phase
    phase = {"id": slug(name), "name": name, "actions": [], "checklist": []}
    found.phases.append(phase)
    return phase


def _phase_blocks(section: Section, phase: dict, found: Found, taken: set[int]) -> None:
    for node in section.walk():
        if node.line in taken:
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
            elif block.kind == "para" and block.text and node is section:
                if "goal" not in phase:   # the opening paragraph says what the phase is for
                    phase["goal"] = strip_md(block.text)
                else:
                    phase["actions"].append(strip_md(block.text))
                found.use("process", block)
