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
    """Each 'From:' header's line, name and address, in document order."""
    for block in root.all_blocks():
        for match in FROM.finditer(block.text or ""):
            found.senders.append((block.lines[0], match.group("name").strip(" \"'"), match.group("email")))
    found.senders.sort()


def sender_at(found: Found, line: int) -> tuple[str, str] | None:
    """The sender of the message that line ``line`` is in: the last header above it."""
    above = [(name, email) for at, name, email in found.senders if at <= line]
    return above[-1] if above else None


def who_is_me(found: Found, name: str, line: int) -> tuple[str, str] | None:
    """'me' on line ``line`` of an e-mail: its sender's name and address; None for any other name."""
    return sender_at(found, line) if ME.match(name.strip()) else None
