"""An on-call tool's escalation policy copied out of its web page: each rule a few lines,

    1
    Level 1
    Notify the following users or schedules immediately
    Telehealth Primary On-Call
    escalates after 15 minutes

as PagerDuty's policy page reads when selected and pasted. A rule is one paragraph (its lines run
together in the tree); the words the tool prints around the names are fixed, so what lies between
them is whom the rule notifies, and 'escalates after N' is when the next rule is reached.
Nothing the copy does not give is filled in: the first rule's trigger stays a placeholder. The copy
stays in the escalation notes as written too, as a paging tool's policy file does (policy_blocks).
"""
from __future__ import annotations

import re

from .found import Found
from .mdparse import Section, strip_md
from .text import duration, slug

RULE = re.compile(r"^(?:\d{1,2}\s+)?Level\s+(\d{1,2})\s+Notify the following users or schedules\s+"
                  r"(immediately|after\s+\d+\s*\w+)\s+(?P<who>.+?)"
                  r"(?:\s+escalates after\s+(?P<after>\d+\s*(?:minutes?|mins?|m|hours?|h)))?\s*$", re.IGNORECASE)


def ui_policies(root: Section, found: Found, role_contact) -> None:
    """The rules of each copied policy, in order, as one escalation chain."""
    if found.escalation:
        return
    for section in root.walk():
        rules = [(block, RULE.match(strip_md(block.text))) for block in section.blocks
                 if block.kind == "para" and block.lines[0] not in found.used]
        rules = [(block, match) for block, match in rules if match]
        numbers = [int(match.group(1)) for _, match in rules]
        if len(rules) < 2 or numbers != list(range(1, len(rules) + 1)):
            continue
        _chain(section, rules, found, role_contact)
        return


def _chain(section: Section, rules, found: Found, role_contact) -> None:
    wait = ""   # 'escalates after 15 minutes' on a rule: when the one after it is notified
    for block, match in rules:
        who = match.group("who").strip()
        level = {"id": slug(f"level {match.group(1)} {who}"), "name": f"Level {match.group(1)}: {who}",
                 "contacts": [role_contact(found, who)], "triggers": [],
                 "_chain": strip_md(section.title), "_chain_line": section.line}
        if wait:
            level["triggers"].append({"after": wait})
        wait = duration(match.group("after")) if match.group("after") else ""
        found.escalation.append(level)
        # the copy also stays in the escalation notes, as written: the tool's page is what counts, and its
        # words ('escalates after 15 minutes', a repeat the levels cannot say) are read there
        found.mapped["escalation"].extend(block.lines)
