"""A chain's level written as a bullet with nested who / when / how bullets:

    - Level 2: Station supervisor
      - Who: Lena Park
      - When: no fix within 30 minutes
      - How: phone +1 555 0151 or #station-ops

'When' (or 'Trigger', 'Escalate if') is the level's trigger, as written, with its wait when it gives
one; a person's name under 'Who' holds the level's role; a phone, address or handle under 'How'
(or 'Contact', 'Reach') is the contact's. A 'Who' that names no person and a 'How' line also stay
as written in the section's text, since the contact keeps only the number.
"""
from __future__ import annotations

import re

from .call_lists import PERSON
from .contacts import reach_fields
from .found import Found
from .mdparse import Block, Section, strip_md
from .prose_chains import WHEN
from .text import CHANNEL, duration

WHEN_KEY = re.compile(r"^(?:when|trigger|escalate\s+(?:if|when)|if)$", re.IGNORECASE)
WHO_KEY = re.compile(r"^(?:who|name|person|holder)$", re.IGNORECASE)
HOW_KEY = re.compile(r"^(?:how|contact|reach|phone|call|channel|via)$", re.IGNORECASE)


def nested_chains(root: Section, found: Found) -> None:
    levels = {lv["_line"]: lv for lv in found.escalation if lv.get("_line")}
    if not levels:
        return
    for section in root.walk():
        current = None
        for block in section.blocks:
            if block.kind != "item":
                current = None
            elif block.level == 0:
                current = levels.get(block.lines[0])
            elif current is not None and block.key and block.value and block.lines[0] not in found.used:
                _detail(current, block, found)


def keyed_detail(block: Block) -> bool:
    """'- When: ...', '- Who: ...', '- How: ...' under a level's bullet."""
    key = strip_md(block.key).strip()
    return bool(block.key and block.value and (WHEN_KEY.match(key) or WHO_KEY.match(key) or HOW_KEY.match(key)))


def detailed(blocks: list[Block], top: Block) -> bool:
    """An unnumbered bullet is a level when bullets nested under it say who, when or how."""
    after = blocks[blocks.index(top) + 1:]
    nested = []
    for block in after:
        if block.level == 0:
            break
        nested.append(block)
    return bool(nested) and all(keyed_detail(b) for b in nested)


def _detail(level: dict, block: Block, found: Found) -> None:
    key, value = strip_md(block.key).strip(), strip_md(block.value).strip()
    contact = found.contacts.get(level["contacts"][0], {})
    if WHEN_KEY.match(key):
        wait = WHEN.search(value)
        after = duration(wait.group(1)) if wait else None
        level["triggers"].append({"condition": value, **({"after": after} if after and after != "immediate" else {})})
        found.use("escalation", block)
    elif WHO_KEY.match(key) and PERSON.match(value) and contact:
        contact.setdefault("title", contact.get("name", ""))
        contact["name"] = value
        found.use("escalation", block)
    elif HOW_KEY.match(key) and contact:
        reach_fields(contact, value)
        channel = CHANNEL.search(value)
        if channel:
            contact.setdefault("chat", channel.group(0))
        found.mapped["escalation"].extend(block.lines)   # the number is the contact's; the line stays as written
