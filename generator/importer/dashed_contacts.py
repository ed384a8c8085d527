"""Contact lists written as dashed lines, the way a printed phone list reads:

    - Dana Whitcombe — Infrastructure manager — +1 555 0110
      - dana.whitcombe@example.org
      - after 22:00 text first, then call

Name first, then the role, the hours and the numbers in any order, split by em or en
dashes (a hyphen is too common inside names and prose to split on). Items nested under
one are its addresses or remarks. A plain hyphen splits only before a number, as typed phone
lists write it: '* Jo Finch (School Business Manager) - 07700 900184'.
"""
from __future__ import annotations

import re

from .found import Found, home_of, in_playbook
from .senders import who_is_me
from .mdparse import Block, Section, strip_md
from .contacts import AROUND_THE_CLOCK, reach_fields, under_contact_words
from ..validate.imported import is_missing
from .kinds import contact_kind, kind_in_words
from .text import EMAIL, PHONE_ANY, PLACEHOLDER, TEL_WORDS, slug

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
    for n, block in enumerate(section.blocks):
        if block.kind != "item" or block.level or block.ordered:   # a numbered list is an order to go in
            continue
        following = section.blocks[n + 1] if n + 1 < len(section.blocks) else None
        nested = following if following is not None and following.kind == "item" and following.level else None
        reachable += any(_reaches(b) for b in (block, nested) if b is not None)
    return reachable >= 2


def _reaches(block: Block) -> bool:
    parts = _parts(block)
    return bool(parts) and any(PHONE_ANY.search(p) or EMAIL.search(p) for p in parts[1:])


def dashed_contacts(section: Section, found: Found) -> None:
    """Every dashed contact line of ``section`` with the items nested under it."""
    contact, level = None, 0
    for n, block in enumerate(section.blocks):
        if block.kind != "item" or block.lines[0] in found.used:
            contact = None
            continue
        if contact is not None and block.level > level:
            _remark(contact, strip_md(block.text))
            found.use("contacts", block)
            continue
        following = section.blocks[n + 1] if n + 1 < len(section.blocks) else None
        contact = _dashed_contact(block, found, section.title) or _group_contact(block, following, section.title, found)
        level = block.level


def _group_contact(block: Block, following: Block | None, heading: str, found: Found) -> dict | None:
    """'- Brightline Networks (branch internet)' over '  - fault line, 24h — +1 555 0250': the item
    names whom the numbers nested under it reach."""
    if following is None or following.kind != "item" or following.level <= block.level or _parts(block) \
            or not _reaches(following):
        return None
    name = strip_md(block.text).strip()
    if not name or len(name.split()) > 8 or PHONE_ANY.search(name):
        return None
    cid = slug(name)
    contact = found.contacts.setdefault(cid, {"id": cid, "kind": contact_kind(name, heading), "name": name})
    found.use("contacts", block)
    return contact


HYPHEN_NUMBER = re.compile(r"\s+-\s+(?=\+?\(?\d)")
SELF = {"me", "myself", "us", "you"}
SELF_MARK = re.compile(r"\((?:me|myself)\)", re.IGNORECASE)   # 'Mark Ellison (me)': who wrote the list, not a title
TEL = re.compile(r"\s+" + TEL_WORDS + r"\b\.?:?\s+", re.IGNORECASE)
BRACKETED_TITLE = re.compile(r"^([A-Z][^()]{1,50}?)\s*\(([A-Za-z][^()]{1,40})\)$")
TITLE_FIRST = re.compile(r"^([A-Z][\w /&'’-]{1,40}?):\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})$")


# A person's name (two or three capitalised words), a spaced hyphen, their title: the hyphen parts them
PERSON_THEN_TITLE = re.compile(r"^((?:[A-Z][\w'’.]+\s){1,2}[A-Z][\w'’-]+)\s+-\s+([A-Za-z][^-]{1,40}?)$")


def _parts(block: Block) -> list[str]:
    """'Name — role — phone': the fields of a dashed contact line, or [] when the line is not one."""
    parts = [part.strip() for part in DASH.split(strip_md(block.text)) if part.strip()]
    told = TEL.search(parts[0]) or HYPHEN_NUMBER.search(parts[0]) if len(parts) == 1 else None
    if told:   # 'Graham Whitlock (Duty IT Manager) tel. 0113 ...', 'Jo Finch (Bursar) - 07700 ...'
        who, number = parts[0][:told.start()].strip(), parts[0][told.end():].strip()
        bracket = BRACKETED_TITLE.match(who)
        if bracket and bracket.group(2).strip().lower() in SELF:
            parts = [bracket.group(1), number]
        elif not bracket and (titled := PERSON_THEN_TITLE.match(who)):   # 'Tomasz Wierzbicki - SRE lead - +44 ...'
            parts = [titled.group(1), titled.group(2), number]
        else:
            parts = ([bracket.group(1), bracket.group(2)] if bracket else [who]) + [number]
    titled = TITLE_FIRST.match(parts[0]) if len(parts) >= 2 else None
    if titled:   # 'Community manager: Ruby Hale — +61 ...': the title, then whom it names
        parts = [titled.group(2), titled.group(1)] + parts[1:]
    name = re.sub(r"\([^)]*\)", "", parts[0]) if parts else ""   # '(Mon-Fri 09:00-17:00)' is no label
    return parts if 2 <= len(parts) <= 4 and len(parts[0].split()) <= 8 and ":" not in name else []


def _dashed_contact(block: Block, found: Found, heading: str = "") -> dict | None:
    parts = _parts(block)
    if not parts:
        return None
    reach = [p for p in parts[1:] if PHONE_ANY.search(p) or EMAIL.search(p) or PLACEHOLDER.search(p)]
    if not reach and len(parts) < 3:
        return None
    name, hours = _name_and_hours(parts[0])
    sender = who_is_me(found, name, block.lines[0])
    name = sender[0] if sender else name   # '2. me - 07700 900588' in Gareth Pryce's e-mail: Gareth Pryce
    cid = slug(name)
    kind = contact_kind(name, heading)
    if is_missing(kind) and len(parts) > 1 and kind_in_words(parts[1]) == "person":
        kind = "person"   # 'Bronwen Pryce — Service Management lead — ...': the holder of a title
    contact = found.contacts.setdefault(cid, {"id": cid, "kind": kind, "name": name})
    if SELF_MARK.search(strip_md(block.text).split(" - ")[0]) or sender:
        found.writer = found.writer or cid
    if sender:
        contact.setdefault("email", sender[1])
    if hours:
        contact.setdefault("hours", hours)
    for part in parts[1:]:
        if part in reach:
            _remark(contact, part)
            hours = AROUND_THE_CLOCK.search(part)   # '0808 157 0143 (24/7), support@...': when they answer
            if hours and "hours" not in contact:
                contact["hours"] = hours.group(0)
        elif HOURS.match(part) and "hours" not in contact:
            contact["hours"] = part
        elif "title" not in contact and _holds(contact["name"], part):
            contact["name"], contact["title"] = part, contact["name"]   # 'Head of Airport Systems — Anjali Mehta — ...'
            if is_missing(contact.get("kind")):
                contact["kind"] = "person"
        elif "title" not in contact:
            contact["title"] = part
        else:
            _note(contact, part)
    found.use("contacts", block)
    return contact


HOLDER = re.compile(r"^[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}$")   # 'Anjali Mehta'


def _holds(label: str, part: str) -> bool:
    """The line names a role first, then the person who holds it."""
    from .arrow_chains import PEOPLE
    return bool(HOLDER.match(part)) and not PEOPLE.search(part) and not kind_in_words(part) \
        and kind_in_words(label) == "person"   # ('Linkwave Support — Ticket Supplier': a firm, then what it is)


def _name_and_hours(text: str) -> tuple[str, str]:
    """'IT help desk (Mon-Fri 09:00-17:00)': the name, and the hours its parenthesis gives."""
    match = re.match(r"^(.*?\S)\s*\(([^()]*)\)$", text)
    if match and HOURS.match(match.group(2).strip()):
        return match.group(1), match.group(2).strip()
    return text, ""


def _remark(contact: dict, text: str) -> None:
    """A number or an address goes to its field; words beside them stay as the contact's notes."""
    if reach_fields(contact, text):
        _note(contact, text)


def _note(contact: dict, text: str) -> None:
    contact["notes"] = "\n".join(filter(None, [contact.get("notes", ""), text]))
