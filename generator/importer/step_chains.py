"""An escalation procedure written as numbered sentences, each one reached after a wait:

    1. Open an Urgent case in the vendor portal:
       (a command, or a paragraph, between the items)
    2. If nobody has responded within 30 minutes, ring the support line.
    3. After an hour without progress, email our account manager, Ana Ruiz.

Under a heading about escalation (not a playbook's), a numbered list with at least two items that
wait ('within 30 minutes', 'after an hour') is one chain, in the list's order, whatever stands
between its items. Whom a step goes to is the one its verb names ('ring the support line',
'email our account manager, Ana Ruiz'); a step that names nobody keeps a contact to fill in.
The sentence as written is each step's condition, and the text between the items stays in notes.
"""
from __future__ import annotations

import re

from ..validate.imported import missing
from .contacts import reach_fields
from .found import Found, in_playbook
from .mdparse import Section, strip_md, titled
from .prose_chains import ABOUT, WHEN
from .text import duration, slug

# 'ring the support line and ...', 'email our account manager, Ana Ruiz (' : the verb, whom, a name after
TARGET = re.compile(r"\b(?:ring|call|phone|e-?mail|page|contact|notify|escalate to|wake)\s+(?:the\s+|our\s+|their\s+)?"
                    r"([A-Za-z][\w'’&/ -]{1,50}?)(?:,\s*([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}))?"
                    r"(?=\s*[,.;:(]|\s+(?:and|for|to|on|at|with|if)\b|\s*$)", re.IGNORECASE)


def step_chains(root: Section, found: Found, role_contact) -> None:
    for section in root.walk():
        if not section.level or in_playbook(found, section) or not titled(section, ABOUT):
            continue
        items = [b for b in section.blocks if b.kind == "item" and b.ordered and b.level == 0
                 and b.lines[0] not in found.used]
        waits = [WHEN.search(strip_md(b.text)) for b in items]
        if len(items) < 2 or sum(bool(w) for w in waits) < 2 or len(items) != len(
                [b for b in section.blocks if b.kind == "item" and b.level == 0]):
            continue
        for number, (block, wait) in enumerate(zip(items, waits), start=1):
            text = strip_md(block.text).rstrip(" :")
            trigger = {"condition": text}
            if wait and duration(wait.group(1)) not in (None, "immediate"):
                trigger["after"] = duration(wait.group(1))
            cid, who = _whom(found, section, number, text, role_contact)
            found.escalation.append({"id": slug(f"{section.title} step {number}"), "name": who or text,
                                     "contacts": [cid],
                                     "triggers": [trigger], "_chain": strip_md(section.title),
                                     "_chain_line": section.line})
            found.use("escalation", block)


def _whom(found: Found, section: Section, number: int, text: str, role_contact) -> tuple[str, str]:
    """The contact a step goes to, and the step's name (whom, as written); ('...', '') when it names nobody."""
    target = TARGET.search(text)
    if target:
        title, name = target.group(1).strip(), (target.group(2) or "").strip()
        who = f"{title} ({name})" if name else title
        for cid, contact in found.contacts.items():   # a contact the source gave already
            if (name or title).lower() in (str(contact.get("name", "")).lower(), str(contact.get("title", "")).lower()):
                return cid, who
        cid = role_contact(found, name or title, title)
        if name:
            found.contacts[cid].setdefault("title", title)
        reach_fields(found.contacts[cid], text[target.end():])   # 'Ana Ruiz (ana@example.org)'
        return cid, who
    cid = slug(f"{section.title} step {number} contact")
    found.contacts.setdefault(cid, {"id": cid, "kind": missing("person, team, rotation, vendor or channel"),
                                    "name": missing(f"whom step {number} of '{strip_md(section.title)}' goes to")})
    return cid, ""
