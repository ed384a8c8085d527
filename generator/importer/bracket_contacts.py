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


# 'the DPO, Colm Ferriter, by email only: dpo@host' and 'safety officer (Dr. Helen Tran) ... -> helen.tran@host':
# a person named beside a title, the sentence's one address theirs
PERSON = r"(?:Dr\.?\s+)?[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+(?:-[A-Z][a-z'’-]+)?"
APPOSITIVE = re.compile(rf"\bthe\s+(?P<title>[A-Za-z][\w/&-]*(?:\s+[A-Za-z][\w/&-]*){{0,3}}),\s+(?P<name>{PERSON}),")
BRACKETED = re.compile(rf"(?P<title>[A-Za-z][\w/&-]*(?:\s+[A-Za-z][\w/&-]*){{0,3}})\s+\((?P<name>{PERSON})\)")


def bracket_contacts(root: Section, found: Found) -> None:
    """Every such name in the paragraphs outside playbooks."""
    for block in free_paragraphs(root, found):
        text = strip_md(block.text)
        for match in NAMED.finditer(text):
            if _reach_only(match.group("reach")) and _named(match):
                _keep(match.group("name"), match.group("reach"), found)
                found.mapped["contacts"].extend(block.lines)   # the sentence stays in notes
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            titled = _titled_person(sentence)
            if titled:
                _keep(titled[1], titled[2], found).setdefault("title", titled[0])
                found.mapped["contacts"].extend(block.lines)


def _titled_person(sentence: str) -> tuple[str, str, str] | None:
    """(title, name, address) when the sentence names one person beside a title and gives one address
    that is plainly theirs: the address names them or their title ('helen.tran@', 'dpo@')."""
    addresses = EMAIL.findall(sentence)
    match = APPOSITIVE.search(sentence) or BRACKETED.search(sentence)
    if len(addresses) != 1 or match is None:
        return None
    local = re.sub(r"[^a-z]", " ", addresses[0].split("@")[0].lower()).split()
    name = re.sub(r"^Dr\.?\s+", "", match.group("name"))
    words = {w.lower() for w in re.split(r"[\s-]+", name)} | {match.group("title").split()[-1].lower()}
    if not any(part in words for part in local):
        return None
    return match.group("title").strip(), match.group("name"), addresses[0]


def _listed(name: str, found: Found) -> str | None:
    return next((cid for cid, c in found.contacts.items()
                 if str(c.get("name", "")).split(" (")[0].lower() in (name.lower(), name.split()[0].lower())), None)


def _reach_only(text: str) -> bool:
    """Brackets that give an address or a number: 'lucia@furrow.example.io', '+1 415 555 0172'."""
    return bool(EMAIL.fullmatch(text.strip()) or PHONE.fullmatch(text.strip()))


def _named(match: re.Match) -> bool:
    """Not a sentence's opening verb or a heading word ('Call (555 0100)'): one word mid-sentence, or two."""
    return match.start() > 0 or len(match.group("name").split()) == 2


def _keep(name: str, reach: str, found: Found) -> dict:
    """The contact for ``name`` (the listed one, or a new one), with ``reach`` given to it."""
    cid = _listed(name, found) or slug(name, "contact")
    contact = found.contacts.setdefault(cid, {"id": cid, "kind": contact_kind(name), "name": name})
    reach_fields(contact, reach)
    return contact
