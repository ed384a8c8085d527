"""Contact lists written as dashed lines, the way a printed phone list reads:

    - Dana Whitcombe — Infrastructure manager — +1 555 0110
      - dana.whitcombe@example.org
      - after 22:00 text first, then call

Name first, then the role, the hours and the numbers in any order, split by em or en
dashes (a hyphen is too common inside names and prose to split on). Items nested under
one are its addresses or remarks.
"""
from __future__ import annotations

import re

from .found import Found, home_of, in_playbook
from .mdparse import Block, Section, strip_md
from .contacts import reach_fields, under_contact_words
from ..validate.imported import is_missing
from .kinds import contact_kind, kind_in_words
from .text import EMAIL, PHONE_ANY, PLACEHOLDER, slug

DASH = re.compile(r"\s+[—–]\s+")
HOURS = re.compile(r"^(?:24\s*[x×/]\s*7|24/7|business hours|(?:mon|tue|wed|thu|fri|sat|sun)\w*\b.*|"
                   r"\d{1,2}:\d{2}\s*[-–]\s*\d{1,2}:\d{2}.*)$", re.IGNORECASE)


def contact_lists(root: Section, found: Found) -> None:
    """Dashed contact lines in the sections of a contact list ('Who to call', 'Contacts'),
    read before roles: a line with a name and a number is a contact even under 'Leads'."""
    for section in root.walk():
        if home_of(section) == "contacts" or under_contact_words(section) or _phone_list(section, found):
            dashed_contacts(section, found)


def _phone_list(section: Section, found: Found) -> bool:
    """'## Our side' with '- Duty IT manager — +1 555 0220 (any hour)' twice or more: a list of whom
    to call whatever its heading says, unless it is a playbook's (a step may name a number)."""
    if in_playbook(found, section):
        return False
    reachable = 0
    for block in section.blocks:
        parts = _parts(block) if block.kind == "item" and not block.level else []
        if parts and any(PHONE_ANY.search(p) or EMAIL.search(p) for p in parts[1:]):
            reachable += 1
    return reachable >= 2


def dashed_contacts(section: Section, found: Found) -> None:
    """Every dashed contact line of ``section`` with the items nested under it."""
    contact, level = None, 0
    for block in section.blocks:
        if block.kind != "item" or block.lines[0] in found.used:
            contact = None
            continue
        if contact is not None and block.level > level:
            _remark(contact, strip_md(block.text))
            found.use("contacts", block)
            continue
        contact, level = _dashed_contact(block, found), block.level


def _parts(block: Block) -> list[str]:
    """'Name — role — phone': the fields of a dashed contact line, or [] when the line is not one."""
    parts = [part.strip() for part in DASH.split(strip_md(block.text)) if part.strip()]
    return parts if 2 <= len(parts) <= 4 and len(parts[0].split()) <= 8 and ":" not in parts[0] else []


def _dashed_contact(block: Block, found: Found) -> dict | None:
    parts = _parts(block)
    if not parts:
        return None
    reach = [p for p in parts[1:] if PHONE_ANY.search(p) or EMAIL.search(p) or PLACEHOLDER.search(p)]
    if not reach and len(parts) < 3:
        return None
    name = parts[0]
    cid = slug(name)
    kind = contact_kind(name)
    if is_missing(kind) and len(parts) > 1 and kind_in_words(parts[1]) == "person":
        kind = "person"   # 'Bronwen Pryce — Service Management lead — ...': the holder of a title
    contact = found.contacts.setdefault(cid, {"id": cid, "kind": kind, "name": name})
    for part in parts[1:]:
        if part in reach:
            _remark(contact, part)
        elif HOURS.match(part) and "hours" not in contact:
            contact["hours"] = part
        elif "title" not in contact:
            contact["title"] = part
        else:
            _note(contact, part)
    found.use("contacts", block)
    return contact


def _remark(contact: dict, text: str) -> None:
    """A number or an address goes to its field; words beside them stay as the contact's notes."""
    if reach_fields(contact, text):
        _note(contact, text)


def _note(contact: dict, text: str) -> None:
    contact["notes"] = "\n".join(filter(None, [contact.get("notes", ""), text]))
