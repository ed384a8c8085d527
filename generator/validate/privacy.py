"""Public audience: a private contact value must not appear in plain text anywhere else.

Values are matched the way a reader would see them: phone numbers by their
digits (so "+1 555 010 0110", "555-010-0110" and "tel:+15550100110" are one
number), addresses and handles case-insensitively.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..load.positions import locate
from ..problems import ERROR, WARNING, Problem

CHECKED = ("phone", "email", "chat", "pager", "url")  # hours and notes are prose, not identifiers
INTERNAL_ONLY = ("phone", "email", "chat", "pager", "url", "hours", "notes")
_PHONE_LIKE = re.compile(r"\+?\d[\d \t().\-/]*\d")
MIN_LOCAL_DIGITS = 7


@dataclass(frozen=True)
class PrivateValue:
    contact: str
    field: str
    value: str
    line: int  # where the value is defined in contacts.yaml: the one place it may be

    def masked(self) -> str:
        return f"...{self.value[-4:]}" if len(self.value) > 4 else "..."


def private_fields(contact: dict) -> tuple[str, ...]:
    if contact.get("visibility") == "internal":
        return INTERNAL_ONLY
    listed = contact.get("private")
    return tuple(f for f in INTERNAL_ONLY if isinstance(listed, list) and f in listed)


def private_values(contacts_source) -> list[PrivateValue]:
    """Every private, checkable value of contacts.yaml with the line that defines it."""
    data = contacts_source.data if isinstance(contacts_source.data, dict) else {}
    root = contacts_source.node()
    found = []
    for index, contact in enumerate(data.get("contacts") or ()):
        if not isinstance(contact, dict):
            continue
        for name in private_fields(contact):
            value = contact.get(name)
            if name in CHECKED and isinstance(value, str) and value.strip():
                line = locate(root, ("contacts", index, name))[0] if root else 0
                found.append(PrivateValue(str(contact.get("id")), name, value.strip(), line))
    return found


def _phone_hits(text: str, digits: str) -> Iterator[int]:
    for match in _PHONE_LIKE.finditer(text):
        run = re.sub(r"\D", "", match.group(0))
        if digits in run or (len(run) >= MIN_LOCAL_DIGITS and digits.endswith(run)):
            yield match.start()


def _text_hits(text: str, value: str, handle: bool) -> Iterator[int]:
    pattern = re.escape(value)
    if handle:
        pattern = r"(?<![\w@#])" + pattern + r"(?![\w-])"
    for match in re.finditer(pattern, text, re.IGNORECASE):
        yield match.start()


def hits(text: str, private: PrivateValue) -> Iterator[int]:
    """Offsets in ``text`` where ``private`` appears, in any of its usual spellings."""
    if private.field == "phone":
        digits = re.sub(r"\D", "", private.value)
        return _phone_hits(text, digits) if len(digits) >= MIN_LOCAL_DIGITS else iter(())
    return _text_hits(text, private.value, handle=private.field == "chat")


def _full_text(source) -> str:
    if source.line_offset:  # Markdown: front matter and body, as in the file
        return "---\n" + source.text + "---\n" + source.body
    return source.text


def check_private_values(content) -> Iterator[Problem]:
    """In a public-audience repository, private contact values may live only in their own field."""
    contacts = content.singletons.get("contacts")
    if contacts is None:
        return
    values = private_values(contacts)
    if not values:
        return
    for _, source in content.all_sources():
        text = _full_text(source)
        for private in values:
            for offset in hits(text, private):
                line = text.count("\n", 0, offset) + 1
                if source is contacts and line == private.line:
                    continue
                column = offset - (text.rfind("\n", 0, offset) + 1) + 1
                yield Problem(source.rel, "private-value", f"the {private.field} of contact "
                              f"'{private.contact}' ({private.masked()}) is private, but appears here "
                              f"in plain text; the public build would publish it", line=line,
                              column=column, level=ERROR,
                              hint=f"refer to the contact by name or id instead (public pages say how "
                                   f"to reach them internally), or remove '{private.field}' from "
                                   f"{private.contact}'s private list in contacts.yaml")


def check_internal_routes(project, contacts_rel: str, data: dict) -> Iterator[Problem]:
    """Warn where a public page can only show a placeholder instead of a private field."""
    from ..model.privacy import NO_ROUTE

    index = {c.get("id"): i for i, c in enumerate(data.get("contacts") or ()) if isinstance(c, dict)}
    for contact in project.contacts:
        if contact.reach.startswith(NO_ROUTE):
            i = index.get(contact.id, 0)
            key = "visibility" if "visibility" in data["contacts"][i] else "private"
            yield Problem(contacts_rel, "private-no-route", f"contacts[{i}] ({contact.id}): private "
                          f"fields are left out of the public build, and no other way to reach "
                          f"{contact.name} is published", path=("contacts", i, key), level=WARNING,
                          key=True, hint=f"add '{contact.id}' to the members of their team (a team "
                                         f"or rotation with a chat channel), or give a public chat")
