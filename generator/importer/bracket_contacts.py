"""A person named in a sentence with how to reach them in brackets, as prose gives a contact:

    Customer-facing comms go through Lucía (lucia@furrow.example.io), not engineering.

A name of one or two capitalised words (after the sentence's first word, or two words at its start)
straight before brackets that hold an e-mail address or a phone number is a contact with that
address or number. What the sentence says of them stays in notes as written; a name the document
already lists gets the missing address only.
"""
from __future__ import annotations

import re

from .contacts import reach_fields
from .found import Found, free_paragraphs
from .kinds import contact_kind
from .mdparse import Section, strip_md
from .text import EMAIL, PHONE, slug

NAMED = re.compile(r"(?:(?<=[a-z,;:]\s)|^)(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+\((?P<reach>[^()]{5,80})\)")


def bracket_contacts(root: Section, found: Found) -> None:
    """Every such name in the paragraphs outside playbooks."""
    for block in free_paragraphs(root, found):
        for match in NAMED.finditer(strip_md(block.text)):
            if _reach_only(match.group("reach")) and _named(match):
                _keep(match.group("name"), match.group("reach"), found)
                found.mapped["contacts"].extend(block.lines)   # the sentence stays in notes


def _reach_only(text: str) -> bool:
    """Brackets that give an address or a number: 'lucia@furrow.example.io', '+1 415 555 0172'."""
    return bool(EMAIL.fullmatch(text.strip()) or PHONE.fullmatch(text.strip()))


def _named(match: re.Match) -> bool:
    """Not a sentence's opening verb or a heading word ('Call (555 0100)'): one word mid-sentence, or two."""
    return match.start() > 0 or len(match.group("name").split()) == 2


def _keep(name: str, reach: str, found: Found) -> None:
    listed = next((cid for cid, c in found.contacts.items()
                   if str(c.get("name", "")).split(" (")[0].lower() in (name.lower(), name.split()[0].lower())), None)
    cid = listed or slug(name, "contact")
    contact = found.contacts.setdefault(cid, {"id": cid, "kind": contact_kind(name), "name": name})
    reach_fields(contact, reach)
