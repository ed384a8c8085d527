"""Where to get help, by situation, as bullets under a heading such as 'Getting help' or 'If you
are stuck':

    - Database problems: page the DBA rota in #dba
    - Anything customer-facing: Support lead Sam Ito +1 555 0133

Each bullet says whom to bring in when its situation holds: the situation (before the colon) is
the condition, whom (after a verb such as 'page', up to a comma, 'in', 'on', a phone or a handle)
is the contact, with the phone, address or handle the bullet gives. The bullets are not in an
order and give no wait, so none is written: in a playbook each is an entry of its escalation with
its situation as 'when'; elsewhere each is a chain of its own, of one level. The bullets also stay
as written in the section's text.
"""
from __future__ import annotations

import re

from .arrow_chains import PEOPLE
from .call_lists import ASKS, held_by, holder
from .contacts import reach_fields
from .found import Found
from .kinds import kind_in_words
from .mdparse import Block, Section, strip_md
from .text import slug

HELP = re.compile(r"\b(?:getting|get|need|asking for|ask for|where to get|finding)\s+help\b|\bstuck\b|"
                  r"\bwho\s+(?:to|can|should)\s+(?:i\s+|you\s+)?(?:ask|contact|call|help)\b|\bhelp\s+(?:contacts|desks?)\b|"
                  r"\bwhere\s+to\s+ask\b|^\W*help\W*$|escalat", re.IGNORECASE)
VERB = re.compile(r"^(?:page|call|ring|phone|ping|ask|contact|e-?mail|message|post|raise (?:it )?with|"
                  r"escalate to|talk to|go to)(?:\s+(?:in|on|to))?\s+(?:the\s+|our\s+|your\s+)?", re.IGNORECASE)
CUT = re.compile(r",|\s+(?:in|on|at|via|through|or)\s+|\s*\(|\s+[-–—]\s+|\s+\+?\d|\s+#|\s+\S+@", re.IGNORECASE)


def help_lists(root: Section, found: Found, role_contact) -> None:
    for section in root.walk():
        if not section.level or not (HELP.search(strip_md(section.title)) or ASKS.search(strip_md(section.title))):
            continue
        items = [b for b in section.blocks if b.kind == "item" and b.level == 0 and b.lines[0] not in found.used]
        entries = [_entry(b) for b in items]
        read = [(b, e) for b, e in zip(items, entries) if e]
        if len(read) < 2 or len(read) * 2 < len(items) or any(b.ordered for b in items) or \
                any(line in found.mapped["escalation"] for b in items for line in b.lines):
            continue   # a numbered list is a chain, in order: the other passes read it
        home = found.homes.get(section.line, "")
        playbook = next((pb for pb in found.playbooks if home == f"playbook:{pb['id']}"), None)
        for block, (when, who, rest) in read:
            cid = held_by(found, role_contact, *holder(who))
            reach_fields(found.contacts[cid], rest)
            if who.startswith("#"):   # 'Networking: #net-help': the channel is whom to ask
                found.contacts[cid].update(kind="channel", chat=who)
            channel = re.match(r"^\W*(?:(?:in|on|via)\s+)?(#[a-z0-9][\w-]+)", rest, re.IGNORECASE)
            if channel:   # 'the DBA rota in #dba', 'Cloud platform team, #cloud-help': where to reach them
                found.contacts[cid].setdefault("chat", channel.group(1))
            if playbook is not None:
                playbook.setdefault("escalation", []).append({"to": cid, "when": when})
            else:
                found.escalation.append({"id": slug(f"{when} {who}"), "name": who, "contacts": [cid],
                                         "triggers": [{"condition": when}], "_chain": when, "_apart": True,
                                         "_chain_order": block.lines[0]})
            found.mapped["escalation" if playbook is None else home].extend(block.lines)   # also kept as written


def _entry(block: Block) -> tuple[str, str, str] | None:
    """(situation, whom, the rest) of '- Situation: whom ...', or None for any other bullet."""
    match = re.match(r"^([^:?—–]{2,60}?)(?::|\?|\s+[—–]|\s+-)\s+(\S.*)$", strip_md(block.text))
    first = re.match(r"^\*\*([^*]{2,60})\*\*,?\s+(?:for|about|on|with)\s+(\S.{2,80}?)\.?$", block.text.strip())
    if first and (PEOPLE.search(first.group(1)) or kind_in_words(first.group(1))):   # '**DBA on-call** for databases'
        when, bracket = first.group(2), re.search(r"\s*\(([^()]*)\)$", first.group(2))
        return (when[:bracket.start()], strip_md(first.group(1)), bracket.group(1)) if bracket else \
            (when, strip_md(first.group(1)), "")
    if not match or len(match.group(1).split()) > 7:
        return None
    when, said = match.group(1).strip(), match.group(2).strip()
    target = re.sub(r"^(?:the|our|your)\s+", "", VERB.sub("", said), flags=re.IGNORECASE)
    who = CUT.split(target, maxsplit=1)[0].strip(" .;")
    rest = target[len(who):]
    if not who or len(who.split()) > 6 or not (PEOPLE.search(who) or kind_in_words(who) or who.startswith("#")
                                                 or re.search(r"\d{3}|#|@", rest)):
        return None
    return when, who, rest
