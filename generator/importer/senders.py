"""Who wrote each part of an e-mail thread: the 'From: Gareth Pryce <gareth@...>' header above it.

A forwarded or quoted thread gives each message its sender. Where a message's own words say 'me'
('2. me - 07700 900588' in its call order), the person is that message's sender: the name and
address of the header, never a contact called 'me'.
"""
from __future__ import annotations

import re

from .found import Found
from .mdparse import Section

FROM = re.compile(r"(?:^|\s)From:\s*(?P<name>[^<>\n:]{2,60}?)\s*<(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
ME = re.compile(r"^(?:me|myself)$", re.IGNORECASE)


def email_senders(root: Section, found: Found) -> None:
    """Each 'From:' header's line, name and address, in document order; a message's sign-off
    ('Dylan', 'Thanks, Tom', '-- Gareth Pryce ...') is then no step or paragraph of any part: it is
    kept in notes as written, as the e-mail's own furniture."""
    for block in root.all_blocks():
        for match in FROM.finditer(block.text or ""):
            found.senders.append((block.lines[0], match.group("name").strip(" \"'"), match.group("email")))
    found.senders.sort()
    if not found.senders:
        return
    names = {part.lower() for _, name, _ in found.senders for part in [name, name.split()[0]]}
    for block in root.all_blocks():
        if block.kind == "para" and _sign_off(block.text, names):
            block.kind = "signoff"   # read by no pass: its lines stay in notes


SIGN_OFF = re.compile(r"^(?:--\s*)?(?:(?:thanks|thank you|cheers|best|regards|kind regards|many thanks|ta)[,!.]?\s*)?"
                      r"(?P<name>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)[.!]?(?:\s.*)?$", re.IGNORECASE | re.DOTALL)


def _sign_off(text: str, names: set[str]) -> bool:
    """'Dylan', 'Thanks Tom', '-- Gareth Pryce IT Operations Manager ...': a sender's name closing a message."""
    match = SIGN_OFF.match(text.strip())
    if not match or match.group("name").lower() not in names:
        return False
    rest = text.strip()[match.end("name"):].strip()
    return not rest or text.strip().startswith("--")


def sender_at(found: Found, line: int) -> tuple[str, str] | None:
    """The sender of the message that line ``line`` is in: the last header above it."""
    above = [(name, email) for at, name, email in found.senders if at <= line]
    return above[-1] if above else None


def who_is_me(found: Found, name: str, line: int) -> tuple[str, str] | None:
    """'me' on line ``line`` of an e-mail: its sender's name and address; None for any other name."""
    return sender_at(found, line) if ME.match(name.strip()) else None
