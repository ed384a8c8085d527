"""Escalation chains drawn as a staircase, each step one indent deeper than the one before:

    - SecOps on-call (Opsgenie `secops`)                    Service Desk Consultant
        - if no ack in 10 min → SecOps secondary              -> Service Desk Shift Lead
            - customer data involved → CISO + DPO                 -> ITS Duty Manager

A nested list (under an escalation heading) whose items each sit one level below the one before,
every step after the first written 'when → whom'; and a block of lines whose every line after the
first starts with an arrow (plain-text documents indent it, so it reads as a code block). The
words before an arrow are the step's trigger, as written; a wait in them ('no ack in 10 min') is
its wait. A deeper item with no arrow ('CISO decides on ...') is what the last step does, not a
step: it stays as written with the section. Whom a step names is its contact ('CISO (Renata
Duarte) + DPO' is two: the CISO and the DPO); the step keeps the words as written.
"""
from __future__ import annotations

import re

from .arrow_chains import ARROW, PEOPLE, known_names
from .senders import who_is_me
from .found import Found
from .mdparse import Block, Section, item_runs, strip_md, title_matches
from .prose_chains import WHEN
from .text import duration, slug

ESCALATION = re.compile(r"escalat|call (?:order|tree)|chain|\bif (?:nobody|no one|no-one) (?:answers|responds|picks up|acknowledges|acks)"
                        r"|\bif (?:my |the |a )?page (?:is not|isn't|goes un)\s?(?:answered|acknowledged)", re.IGNORECASE)
# 'PagerDuty escalates on its own, but ... go in this order:' over a numbered list of people
IN_ORDER = re.compile(r"\b(?:in|follow) (?:this|that|the following) order\b|\bthe (?:escalation )?order is\s*:?\s*$",
                      re.IGNORECASE)   # '... and you get stuck, the order is:' over the list
WHO_TO = re.compile(r"\bwho to (?:call|bug|ping|page|wake|ring|contact|escalate to)\b", re.IGNORECASE)
LINE_ARROW = re.compile(r"^\s*(?:→|->|=>|»|⟶)\s*(\S.*)$")
BRACKETS = re.compile(r"\s*\([^()]*\)")


def staircase_chains(root: Section, found: Found, role_contact) -> None:
    if found.escalation:
        return
    for section in root.walk():
        steps = _list_staircase(section, found) or _arrow_block(section, found) or _flat_list(section, found) \
            or _ordered_under(section, found)
        if steps:
            _add(steps, found, role_contact)
            return


def _list_staircase(section: Section, found: Found) -> list[tuple[str, str, Block]] | None:
    """Items each one deeper, or a numbered list under 'Who to ping (in this order)', whose items
    after the first say when, an arrow, then whom: '2. no ack in 15 min? -> @sre-lead'."""
    if not (title_matches(ESCALATION, section.title) or title_matches(WHO_TO, section.title)):
        return None
    items = [b for b in section.blocks if b.kind == "item" and b.lines[0] not in found.used]
    if len(items) < 3 or items[0].level != 0:
        return None
    stairs = all(b.level > a.level for a, b in zip(items, items[1:]))
    numbered = all(b.ordered and b.level == 0 for b in items) and all(ARROW.search(b.text) for b in items[1:])
    if not (stairs or numbered):
        return None
    steps = [("", strip_md(items[0].text).strip(), items[0])]
    for item in items[1:]:
        parts = ARROW.split(strip_md(item.text).strip(), maxsplit=1)
        if len(parts) < 2:
            break   # what the last step does, not a step
        steps.append((parts[0].strip(" :"), parts[1].strip(" ."), item))
    return steps if len(steps) >= 3 and _people(steps) else None


def _flat_list(section: Section, found: Found) -> list[tuple[str, str, Block]] | None:
    """'## Escalation' over one list of people, nothing nested: the chain, first to last. A step
    keeps its words as written; whom it calls is what it says before a dash."""
    escalation, who_to = title_matches(ESCALATION, section.title), title_matches(WHO_TO, section.title)
    ordering = next((n for n, b in enumerate(section.blocks) if b.kind == "para" and IN_ORDER.search(b.text)), None)
    who_to = who_to or ordering is not None
    lists = item_runs(section.blocks) if escalation or who_to else []
    if ordering is not None and not escalation:   # '... escalate in this order:' over the list it means
        lists = item_runs(section.blocks[ordering + 1:])[:1] or lists
    if not lists:
        return None
    items = lists[0]
    ordered = all(b.ordered for b in items)   # a numbered list says its order, beside other lists too
    if not (escalation and len(lists) == 1) and not (ordered and who_to):
        return None
    listed = set(found.mapped["contacts"])   # '1. Nadia Rahman (Infrastructure Lead) - 07700 900731': read as a
    # contact under 'Who to call' already, and still a step of the order
    if len(items) < 3 or any(b.level != items[0].level or (b.lines[0] in found.used and b.lines[0] not in listed)
                             or b.key for b in items):
        return None
    # 'Step 1 — Duty engineer ...', '7.1.1 Service Desk Analyst': the step's number is no part of whom it names
    steps = [("", SECTION_NUMBER.sub("", STEP_LEAD.sub("", strip_md(b.text).strip())), b) for b in items]
    said = _when_first(section.blocks[ordering].text) if ordering is not None else ""
    if said:   # 'If the Comms Lead hasn't acknowledged the page within 10 minutes, escalate in this order:'
        steps[0] = (said, steps[0][1], steps[0][2])
    heads = [DONE_WORD.sub("", _head(who)) for _, who, _ in steps]   # 'Maya (CTO)': the bracket says who she is
    known = known_names(found)   # 'Tomasz Wren': a person the document lists among its contacts
    people = sum(bool(PEOPLE.search(h) or re.search(r"\bon call\b", h, re.IGNORECASE)
                      or BRACKETS.sub("", h).strip().lower() in known) for h in heads)
    if any(len(BRACKETS.sub("", h).split()) > 6 for h in heads) or people * 2 <= len(heads):
        return None
    return steps


STEP_LEAD = re.compile(r"^(?:step|level|tier|stage)\s*\d{1,2}\s*(?:[—–:.)]|-(?=\s))\s*", re.IGNORECASE)
# 'Duty engineer acknowledged', 'Rhiannon Davies informed (Critical and High)': a checklist's tick, not a name
DONE_WORD = re.compile(r"\s+(?:acknowledged|informed|paged|called|notified|contacted|told|engaged)\b", re.IGNORECASE)
SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\s+")


WHEN_FIRST = re.compile(r"^(?P<when>(?:if|when)\b[^,]{3,120}),\s*(?:then\s+)?(?:escalate\b|the (?:escalation )?order is\b)",
                        re.IGNORECASE)


def _when_first(text: str) -> str:
    """What the sentence over the order says starts it ('If nobody acknowledges within 10 minutes')."""
    match = WHEN_FIRST.search(strip_md(text))
    return match.group("when").strip() if match else ""


def _ordered_under(section: Section, found: Found) -> list[tuple[str, str, Block]] | None:
    """'- 5.1 ESCALATE IN THIS ORDER. ...' over the people nested under it, under an escalation heading."""
    if not title_matches(ESCALATION, section.title):
        return None
    blocks = section.blocks
    for n, block in enumerate(blocks):
        if block.kind != "item" or not IN_ORDER.search(block.text) or block.lines[0] in found.used:
            continue
        nested = []
        for later in blocks[n + 1:]:
            if later.kind != "item" or later.level <= block.level:
                break
            if later.level == block.level + 1:
                nested.append(later)
        steps = [("", SECTION_NUMBER.sub("", strip_md(b.text)).strip(), b) for b in nested]
        known = known_names(found)
        people = sum(bool(PEOPLE.search(w) or BRACKETS.sub("", w).strip().lower() in known) for _, w, _ in steps)
        if len(steps) >= 3 and people * 2 > len(steps):
            return steps
    return None


def _arrow_block(section: Section, found: Found) -> list[tuple[str, str, Block]] | None:
    for block in section.blocks:
        if block.kind != "code" or block.lang or block.lines[0] in found.used:
            continue
        lines = [line for line in block.code if line.strip()]
        arrows = [LINE_ARROW.match(line) for line in lines[1:]]
        if len(lines) < 3 or not all(arrows) or ARROW.search(lines[0]):
            continue
        steps = [("", lines[0].strip(), block)] + [("", m.group(1).strip(), block) for m in arrows]
        if _people(steps):
            return steps
    return None


def _people(steps: list[tuple[str, str, Block]]) -> bool:
    """Most steps name people or teams (not 'CDN -> load balancer -> API'), each in a few words."""
    names = [BRACKETS.sub("", who) for _, who, _ in steps]
    if any(not n.strip() or len(n.split()) > 8 for n in names):
        return False
    return sum(bool(PEOPLE.search(n)) for n in names) * 2 > len(names)


def _add(steps: list[tuple[str, str, Block]], found: Found, role_contact) -> None:
    for when, who, block in steps:
        trigger = {"condition": when} if when else None
        wait = WHEN.search(when) or re.search(r"\bno \w+ in\s+(\d+\s*(?:min\w*|h(?:ou)?rs?|h)\b)", when)
        if trigger and wait and duration(wait.group(1)) not in (None, "immediate"):
            trigger["after"] = duration(wait.group(1))
        head = DONE_WORD.sub("", _head(who))
        me = who_is_me(found, head, block.lines[0])
        contacts = [role_contact(found, me[0])] if me else [role_contact(found, part) for part in _whom(head)]
        found.escalation.append({"id": slug(BRACKETS.sub("", head)), "name": who, "contacts": contacts,
                                 "triggers": [trigger] if trigger else []})
        if block.kind == "item":
            found.use("escalation", block)
        else:   # the drawing stays as written too; its lines are the chain's
            found.mapped["escalation"].extend(block.lines)


def _head(who: str) -> str:
    """'Maya (CTO) — knows the backend best' -> 'Maya (CTO)': whom a step names, before a dash
    outside brackets (not the one in '(PagerDuty "Security – Primary")')."""
    depth = 0
    for at, char in enumerate(who):
        depth += (char == "(") - (char == ")")
        if depth == 0 and char in "—–" and who[at - 1:at] == " " and who[at + 1:at + 2] == " ":
            return who[:at].strip()
        # 'Nadia Rahman (Infrastructure Lead) - 07700 900731': whom, then their number
        if depth == 0 and char == "-" and who[at - 1:at] == " " and re.match(r"\s+\+?\(?\d", who[at + 1:]):
            return who[:at].strip()
        # '@platform-oncall - PagerDuty rotation, pages whoever is on': a handle, then what it is
        if depth == 0 and char == "-" and who[at - 1:at] == " " and who[at + 1:at + 2] == " " \
                and who.startswith("@") and " " not in who[:at].strip():
            return who[:at].strip()
    return who


def _whom(who: str) -> list[str]:
    """'CISO (Renata Duarte) + DPO' -> ['CISO', 'DPO']: the roles a step calls, their holders' names aside."""
    plain = BRACKETS.sub("", who)
    parts = [p.strip(" .,;") for p in re.split(r"\s+(?:\+|&|and)\s+", plain)]
    return [p for p in parts if p] or [plain.strip()]
