"""Escalation chains: numbered Level/Tier keys, tier sections, ordered lists of whom to bring in,
and sentences that say after how long the page escalates."""
from __future__ import annotations

import re

from .found import Found, in_playbook
from .ladders import RESPONSE_KEY
from .mdparse import Block, Section, strip_md, title_matches
from .contacts import reach_fields
from .text import EMAIL, PHONE_ANY, duration, slug

ESCALAT = re.compile(r"escalat", re.IGNORECASE)
TIER_TITLE = re.compile(r"^(?:tier|level|l)\s*(\d+)\s*[-–—:]\s*(.+)$", re.IGNORECASE)


CHAIN_KEY = re.compile(r"^(?:level|tier|step|stage|l)\s*(\d+)$", re.IGNORECASE)


def escalation_chains(root: Section, found: Found, role_contact) -> None:
    """'1. **Level 1**: On-call engineer' ... in order; when to move on is for a human to say."""
    for section in root.walk():
        run = [b for b in section.blocks if b.kind == "item" and b.key and CHAIN_KEY.match(b.key)
               and b.value and b.lines[0] not in found.used]
        if len(run) < 2 and (title_matches(ESCALAT, section.title) or _verb_chain(section, found)
                             or _named_chain_under_escalation(section, found)):
            _ordered_chain(section, found, role_contact)
            continue
        if len(run) < 2:
            for part in _labelled_lists(section, found):   # '> [!warning] Escalation order' over '1. ...'
                _ordered_chain(part, found, role_contact)
            continue
        for block in run:
            name = strip_md(block.value)
            who = re.sub(r"\s*\(.*\)\s*$", "", name).strip() or name
            level = {"id": slug(f"{block.key} {who}"), "name": f"{strip_md(block.key)}: {name}",
                     "contacts": [role_contact(found, who, name)], "triggers": [], "_line": block.lines[0],
                     "_chain": strip_md(section.title), "_chain_line": section.line}
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
        match = TIER_TITLE.match(strip_md(section.title))
        if not match or section.line in found.used:
            continue
        name, timer = _heading_timer(match.group(2).strip())
        over = section.parent if section.parent is not None and section.parent.level else section
        level = {"id": slug(name), "name": strip_md(section.title), "contacts": [role_contact(found, name)],
                 "triggers": [{"after": timer}] if timer else [],
                 "_chain": strip_md(over.title), "_chain_line": over.line}   # the tiers' heading names their chain
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


HEADING_TIMER = re.compile(r"^(.*?)\s*\(\s*(?:after\s+|\+\s*)?(\d+\s*(?:m|min|minutes?|h|hrs?|hours?))\s*\)$",
                           re.IGNORECASE)


def _heading_timer(text: str) -> tuple[str, str | None]:
    """'Secondary on-call (after 10 min)': whom the level pages, and its wait when the brackets give one."""
    match = HEADING_TIMER.match(text)
    return (match.group(1), duration(match.group(2))) if match else (text, None)


ESCALATE_SENTENCE = re.compile(r"(?:within|after)\s+(\d+\s*\w+).*?(?:escalates? to|is paged|pages?)\s*(?:the\s+)?"
                               r"([^,.;]+)?", re.IGNORECASE)


def escalation_prose(root: Section, found: Found, role_contact) -> None:
    """'If X does not acknowledge within 5 minutes, the page escalates to the secondary.'

    Structured as a level with its time; the sentence also stays in notes, since the
    level keeps only who and when.
    """
    for section in root.walk():
        if not title_matches(ESCALAT, section.title):
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


def _ordered_chain(section: Section, found: Found, role_contact) -> None:
    """'## Escalation order' with '1. Support ticket', '2. Account manager', or '1. **Primary on-call**'
    with nested '- Paged after 10 minutes' / '- Acknowledge within: 5 minutes': who, in order, and when."""
    from .nested_chains import detailed, keyed_detail
    blocks = [b for b in section.blocks if b.kind == "item" and b.lines[0] not in found.used]
    tops = [b for b in blocks if b.level == 0 and (b.ordered or detailed(blocks, b))]
    steps = [_chain_step(b.text) for b in tops]
    names = [name for name, _, _ in steps]
    if len(tops) < 2 or not all(names):
        return
    current = None
    for block in blocks:
        if block in tops:
            name, who, rest = steps[tops.index(block)]
            current = {"id": slug(who), "name": name, "contacts": [role_contact(found, who)], "triggers": [],
                       "_chain": strip_md(section.title), "_chain_line": section.line}
            _timed_step(current, _reach_of(found, current, rest))
            found.escalation.append(current)
            found.use("escalation", block)
        elif current is not None and block.level > 0 and keyed_detail(block):
            _detail_of(current, block, found)
        elif current is not None and block.level > 0:
            _chain_detail(current, block)
            found.use("escalation", block)


def _labelled_lists(section: Section, found: Found) -> list[Section]:
    """'**Escalation order**' (or a callout's title) over a numbered list, under a heading that says
    nothing of escalation ('People'): that list as a section of its own, titled by the label."""
    if title_matches(ESCALAT, section.title) or found.escalation:
        return []
    parts = []
    for n, block in enumerate(section.blocks):
        if block.kind != "label" or block.text or not ESCALAT.search(strip_md(block.label)):
            continue
        items = []
        for after in section.blocks[n + 1:]:
            if after.kind != "item":
                break
            items.append(after)
        if len([b for b in items if b.level == 0 and b.ordered]) >= 2:
            found.mapped["escalation"].extend(block.lines)   # the label stays in notes: a one-chain page shows no name
            parts.append(Section(strip_md(block.label), section.level + 1, block.lines[0], items, parent=section))
    return parts


def _detail_of(level: dict, block: Block, found: Found) -> None:
    from .nested_chains import _detail
    _detail(level, block, found)


def _reach_of(found: Found, level: dict, rest: str) -> str:
    """'Ruth Okoye — +1 555 0182': the number is how to reach whom the step goes to, not when to go
    there; it goes to the contact (words beside it to the contact's notes) and '' is left."""
    contact = found.contacts.get(level["contacts"][0]) if level["contacts"] else None
    if contact is None or not rest or not (PHONE_ANY.search(rest) or EMAIL.search(rest)):
        return rest
    if reach_fields(contact, rest):
        contact["notes"] = "\n".join(filter(None, [contact.get("notes", ""), rest]))
    return ""


def _named_chain_under_escalation(section: Section, found: Found) -> bool:
    """'## Business hours' under '# Escalation chain' with '1. **Primary on-call** (0 min) — ...' or
    '1. Schedule Checkout Primary — escalates after 30 min': a chain, named by its own heading, when
    every numbered step starts with whom it goes to."""
    node, under = section.parent, False
    while node is not None and node.level > 0 and not under:
        under, node = title_matches(ESCALAT, node.title), node.parent
    tops = [b for b in section.blocks if b.kind == "item" and b.level == 0 and b.lines[0] not in found.used]
    return under and len(tops) >= 2 and all(b.ordered and (b.text.lstrip().startswith("**")
                                                           or _dash_who(strip_md(b.text))) for b in tops)


# '(10 min)' after the name: when this step is paged; ', Henrik Solberg (20 min)': who holds it, then when.
TIMER = re.compile(r"^(?P<who>,\s*[^()—–]+?)?\s*\(\s*(?P<after>\d+\s*(?:s|sec|seconds?|m|min|minutes?|h|hours?))\s*\)"
                   r"\s*(?:[—–:-]\s*)?(?P<rest>.*)$", re.IGNORECASE)
ACK_WITHIN = re.compile(r"(?:acknowledges?|respond|answers?)\w*\s+within\s+(\d+\s*\w+)", re.IGNORECASE)


# 'logs the ticket', 'takes over coordination', 'is informed of every P1': a clause that says what the
# level does (a verb in the third person first), as against 'if no answer in 15 min', 'for P1 only'
DUTY = re.compile(r"^(?:[a-z]+(?:s|es|ed)\b|is\s+\w+|are\s+\w+|has\b|takes\b|does\b|goes\b)(?=\s+\S)")
CONDITION_OPEN = re.compile(r"^(?:escalat\w*|if|when|whenever|after|unless|once|only|for|in case|where|while|no|not|still|on|during|"
                            r"out|outside|before|within|beyond|past|over|at)\b", re.IGNORECASE)
WHEN_CLAUSE = re.compile(r"\b(?:if|when|whenever|unless|once)\b.*$", re.IGNORECASE)


def _timed_step(level: dict, rest: str) -> None:
    """The rest of a step's line: its timer and its holder when the line gives them, else its condition."""
    timer = TIMER.match(rest)
    if timer is None or not duration(timer.group("after")):
        duty = DUTY.match(rest) if rest and not CONDITION_OPEN.match(rest) else None
        if duty:   # '**Service Desk** logs the ticket ...': what the level does, not when it is reached
            level["duties"] = rest
            when = WHEN_CLAUSE.search(rest)   # '... is called by the Head of IT if a site is stopped'
            if when:
                level["triggers"].append({"condition": when.group(0).strip(" .")})
        elif rest:
            level["triggers"].append({"condition": rest})
        return
    level["name"] = f"{level['name']}{(timer.group('who') or '').rstrip()} ({timer.group('after')})"   # as written
    trigger = {"after": duration(timer.group("after"))}
    condition = timer.group("rest").strip(" .")
    if condition:
        trigger["condition"] = condition
    level["triggers"].append(trigger)
    ack = ACK_WITHIN.search(condition)
    if ack and duration(ack.group(1)):
        level["response_time"] = duration(ack.group(1))


# '3. Page the Incident Commander on duty, even for a P2, if more than two teams are involved.'
CHAIN_VERB = re.compile(r"^(?:pull in|bring in|loop in|page|call|phone|escalate to|contact|notify|involve|"
                        r"raise it with|hand (?:it )?(?:over )?to)\s+(.+?)(?:\s*[,;:]\s*(.*?))?\.?$", re.IGNORECASE)


def _verb_chain(section: Section, found: Found) -> bool:
    """'1. Pull in the night lead.' / '2. Page the platform team, if ...': a numbered list of whom to
    bring in, outside a playbook, is an escalation chain whatever its heading says."""
    if in_playbook(found, section):
        return False
    tops = [b for b in section.blocks if b.kind == "item" and b.level == 0 and b.lines[0] not in found.used]
    return len(tops) >= 2 and all(b.ordered and CHAIN_VERB.match(strip_md(b.text)) for b in tops)


def _chain_step(text: str) -> tuple[str, str, str]:
    """A chain step's name, who it goes to, and the rest of its line (when to go there), as written."""
    verb = CHAIN_VERB.match(strip_md(text))
    if verb and len(verb.group(1).split()) <= 8 and not text.lstrip().startswith("**"):
        return strip_md(text).rstrip(". "), verb.group(1), (verb.group(2) or "").strip(" .")   # the step as written
    name = _chain_name(text)
    if not name and re.match(r"\W*(?:TBD|TODO|XXX)\b", strip_md(text)):   # '3. TBD: a vendor contact ...':
        return strip_md(text).rstrip(". "), strip_md(text).rstrip(". "), ""    # a step, kept as written to fill in
    return (name, name, strip_md(text)[len(name):].strip(" :-–—.")) if name else ("", "", "")


def _chain_name(text: str) -> str:
    """'**Primary on-call engineer**' or a short 'Account manager'; '' for a sentence."""
    bold = re.match(r"^\*\*([^*]+)\*\*", text.strip())
    if bold:
        return strip_md(bold.group(1)).rstrip(":. ")
    plain = strip_md(text).rstrip(".")
    who = _dash_who(plain)   # 'Tier 2 analyst on shift — via #soc-tier2, ...'
    short = re.sub(r"\s*\([^()]*\)$", "", plain)   # 'Second on-call (the other name on the rota)': a name
    return who or (plain if len(short.split()) <= 8 else "")


def _dash_who(plain: str) -> str:
    """Whom a 'Who — when' step goes to: the words before its dash, when they are few."""
    who = re.split(r"\s+[—–]\s+|\s+--?\s+", plain, maxsplit=1)[0]   # '--': a dash typed in plain text
    return who if who != plain and len(who.split()) <= 6 else ""


def _chain_detail(level: dict, block: Block) -> None:
    """A nested line of a chain step: when this level is paged, how soon it answers, or what it may do."""
    text = strip_md(block.text)
    if block.key and RESPONSE_KEY.search(block.key) and duration(block.value):
        level["response_time"] = duration(block.value)
        return
    if re.search(r"\b(paged?|paging|escalat\w*|notif\w*|call(ed)?|if|when|after|only|stop)\b|^for\b", text,
                 re.IGNORECASE):   # 'Sev 1 and Sev 2 only', 'For Sev 3, stop at step 3': when, not what it may decide
        after = re.search(r"after\s+(\d+\s*\w+)", text, re.IGNORECASE)
        trigger = {"condition": text}
        if after and duration(after.group(1)):
            trigger["after"] = duration(after.group(1))
        level["triggers"].append(trigger)
        return
    level["authority"] = f"{level['authority']} {text}" if level.get("authority") else text
