"""A directory written as prose: one paragraph per contact under 'Who to call' or 'Contacts'.

    Network Operations Center (NOC), staffed 24x7 -- ext. 4411, or
    (608) 555-0144 from outside.

    Director of Infrastructure Services, Dr. Alan Kowalczyk -- (608) 555-0123 x2210.

Each paragraph that opens with a name, then a separator ('--', a dash, ':' or 'is') before the
first number, is a contact: the name (a person's name after a comma is the name, the words before
it the title), the first full phone number the paragraph gives, and the paragraph as written in
its notes, since it says more than the number (other numbers, when to use which). A kind comes
only from the name's words; a paragraph with no number (a TODO about a vendor, '911') is not a
contact. The directory is a section so titled, or, in plain text where section titles are list
items ('4. WHO TO CALL'), the paragraphs after such a line up to the next item.
"""
from __future__ import annotations

import re

from .contacts import CONTACT_WORDS, _over
from .found import Found
from .kinds import contact_kind
from .mdparse import Block, Section, strip_md
from .text import PHONE, slug, unescape

# An extension or a number: what makes a paragraph a directory entry.
REACH = re.compile(rf"{PHONE.pattern}|\b(?:ext\.?|extension|x)\s?\d{{3,6}}\b", re.IGNORECASE)
# Where the name ends: ' -- ', a dash, ': ', ' is ' / ' are ', before the first number.
SEPARATOR = re.compile(r"\s+(?:--|[\u2013\u2014])\s+|:\s+|\s+(?:itself\s+)?(?:is|are)\s+")
PERSON = re.compile(r"^(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2}$")


def prose_contacts(root: Section, found: Found) -> None:
    """Every contact of every prose directory."""
    for section in root.walk():
        titled = bool(section.level) and bool(CONTACT_WORDS.search(strip_md(section.title)))
        runs = [section.blocks] if titled else _after_heading_items(section.blocks)
        for run in runs:
            entries = [(block, _entry(block)) for block in run
                       if block.kind == "para" and block.lines[0] not in found.used]
            entries = [(block, entry) for block, entry in entries if entry]
            if len(entries) >= 2:
                for block, (name, title) in entries:
                    _keep(block, name, title, _over(section) or section.title, found)


def _after_heading_items(blocks: list[Block]) -> list[list[Block]]:
    """The blocks after each item that is a directory's title ('4. WHO TO CALL'), to the next item."""
    runs: list[list[Block]] = []
    for i, block in enumerate(blocks):
        if block.kind == "item" and len(block.lines) == 1 and _directory_title(strip_md(block.text)):
            run = []
            for later in blocks[i + 1:]:
                if later.kind == "item":
                    break
                run.append(later)
            runs.append(run)
    return runs


def _directory_title(text: str) -> bool:
    """'WHO TO CALL', 'Contacts', 'Key contacts': a section title written as a list item; not a step
    ('Contact the vendor') that happens to hold the word."""
    if len(text.split()) > 6 or not CONTACT_WORDS.search(text):
        return False
    return text.isupper() or bool(re.fullmatch(r"(?:(?:key|useful|emergency|important)\s+)?contacts?"
                                               r"(?:\s+(?:list|directory|numbers))?|who to call|phone (?:list|directory)"
                                               r"|directory", text.rstrip(":"), re.IGNORECASE))


def _entry(block: Block) -> tuple[str, str] | None:
    """(name, title) of a paragraph that opens with a name then gives a number; else None."""
    text = unescape(strip_md(block.text))
    reach = REACH.search(text)
    cut = SEPARATOR.search(text[:reach.start()]) if reach else None
    if cut is None:
        return None
    head = re.sub(r"^(?:the|our)\s+", "", text[:cut.start()].strip(), flags=re.IGNORECASE)
    head = re.sub(r"\s*\([^A-Z()][^()]*\)", "", head).strip()   # '(for a class in progress)': a remark; '(NOC)' names
    name, _, rest = (part.strip() for part in head.partition(","))
    title = ""
    if rest and PERSON.match(rest):   # 'Director of Infrastructure Services, Dr. Alan Kowalczyk'
        name, title = rest, name
    if not name or not text[0].isupper() or len(name.split()) > 8 or not re.search(r"[A-Za-z]{2}", name):
        return None
    return name, title


# The phone field's own pattern (schemas/contacts.schema.json): '+' or a digit first.
PHONE_FIELD = re.compile(r"^\+?[0-9][0-9 ().-]{5,24}$")


def _number(text: str) -> str | None:
    """The first full number as written, brackets and all, when the phone field can hold it as
    written; '(608) 555-0100' cannot (it opens with a bracket) and stays, as written, in the notes."""
    match = re.search(r"\(?\+?\d[\d\s().-]{6,}\d", text)
    if not match:
        return None
    value = match.group(0)
    while value.count(")") > value.count("("):   # '555-0144)' closing the remark it sits in
        value = value[:value.rindex(")")].rstrip(" -.")
    return value if PHONE_FIELD.match(value) and PHONE.fullmatch(value) else None


def _keep(block: Block, name: str, title: str, context: str, found: Found) -> None:
    text = unescape(strip_md(block.text))
    cid = slug(name, "contact")
    kind = contact_kind(title) if title else contact_kind(name, context)
    contact = found.contacts.setdefault(cid, {"id": cid, "kind": kind, "name": name})
    if title:
        contact.setdefault("title", title)
    number = _number(text)
    if number and "phone" not in contact:
        contact["phone"] = number
    contact["notes"] = "\n".join(filter(None, [contact.get("notes", ""), text]))
    found.use("contacts", block)
