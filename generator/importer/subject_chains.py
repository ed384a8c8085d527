"""An escalation order written as numbered sentences, each naming whom it reaches:

    1) Reception team leader logs it with the IT helpdesk
    2) If no answer in 15 minutes → Practice Manager
    3) Practice Manager calls Pennine IT's account manager
    4) If clinical safety is affected → Lead GP (Dr Okonjo) decides whether to stop booking

Under an escalation heading (not a playbook's), when no other pass found the chain: a numbered list
of three steps or more, each naming one role, is the chain in the list's order. Whom a step
reaches is what follows its arrow, else whom its verb calls ('calls Pennine IT's account
manager'), else who does it (the words before its verb). The sentence as written is the step's
condition; a wait it states ('in 15 minutes') is the step's delay.
"""
from __future__ import annotations

import re

from .found import Found, in_playbook
from .mdparse import Section, strip_md, titled
from .prose_chains import ABOUT, WHEN
from .text import duration, slug

ENDS = r"(?=\s*\(|\s+(?:decides?|will|who|to|and|if|for|on|at|with|calls?)\b|\s*[,.;:]|\s*$)"
AFTER_ARROW = re.compile(r"(?:→|->|=>)\s*(?:the\s+)?([A-Z][\w'’&/ -]{1,50}?)" + ENDS)
CALLS = re.compile(r"\b(?:calls?|rings?|phones?|pages?|contacts?|escalates? to|notif(?:y|ies))\s+"
                   r"(?:the\s+|our\s+|their\s+)?([A-Z][\w'’&/ -]{1,50}?)" + ENDS)
NO_ANSWER_IN = re.compile(r"\bno (?:answer|reply|response|ack\w*) in\s+(\d+\s*(?:minutes?|mins?|hours?|hrs?))", re.IGNORECASE)
SUBJECT = re.compile(r"^(?:the\s+)?([A-Z][\w'’&/-]*(?:\s+[\w'’&/-]+){0,4}?)\s+(?:logs|raises|reports|opens|declares|"
                     r"decides|checks|tells|informs|takes|owns|starts|answers|picks)\b")


def subject_chains(root: Section, found: Found, role_contact) -> None:
    if found.escalation:
        return
    for section in root.walk():
        if not section.level or in_playbook(found, section) or not titled(section, ABOUT):
            continue
        items = [b for b in section.blocks if b.kind == "item" and b.level == 0]
        if len(items) < 3 or not all(b.ordered and b.lines[0] not in found.used for b in items):
            continue
        texts = [strip_md(b.text).rstrip(" .:") for b in items]
        whom = [reached(text) for text in texts]
        if not all(whom):
            continue
        for number, (block, text, who) in enumerate(zip(items, texts, whom), start=1):
            trigger: dict = {"condition": text}
            wait = WHEN.search(text) or NO_ANSWER_IN.search(text)
            if wait and duration(wait.group(1)) not in (None, "immediate"):
                trigger["after"] = duration(wait.group(1))
            found.escalation.append({"id": slug(f"{section.title} step {number}"), "name": who,
                                     "contacts": [role_contact(found, who)], "triggers": [trigger],
                                     "_chain": strip_md(section.title), "_chain_line": section.line})
            found.use("escalation", block)
        return


def reached(text: str) -> str:
    """Whom a step's sentence reaches, or '' when it names nobody a chain could call."""
    for pattern in (AFTER_ARROW, CALLS, SUBJECT):
        match = pattern.search(text)
        if match and len(match.group(1).split()) <= 6:
            return match.group(1).strip()
    return ""
