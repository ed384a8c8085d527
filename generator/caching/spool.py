"""Page text kept in one temporary file instead of memory while MkDocs builds.

MkDocs converts every page's Markdown to HTML before it writes any page, and
keeps both (``page.markdown``, ``page.content``) for every page until the end of
the build: at 5,000 playbooks that is most of the build's peak memory. A page
handed to ``spool`` keeps those two attributes' text in an unlinked temporary
file (removed by the system when the build's pages are gone, even after a
crash) and reads it back whenever anything reads the attribute, so plugins and
templates see exactly the text they would have seen, and at most the pages
being worked on are in memory. A value written again that fits in the space of
the one before (the search plugin's stripped copy of the HTML) reuses it.

Not used by `playbook serve`, which keeps each page's Markdown for its
incremental rebuilds. This module never imports MkDocs.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from typing import Callable

ATTRIBUTES = ("markdown", "content")


@dataclass(frozen=True, slots=True)
class Ticket:
    """Where one value lives in the spool file."""

    offset: int
    length: int
    room: int


class Spool:
    """An append-mostly temporary file of UTF-8 text."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="playbook-spool-")
        self._end = 0

    def put(self, text: str, previous: Ticket | None = None) -> Ticket:
        data = text.encode("utf-8", "surrogatepass")
        if previous is not None and len(data) <= previous.room:
            offset, room = previous.offset, previous.room
        else:
            offset, room = self._end, len(data)
            self._end += len(data)
        self._write_at(data, offset)
        return Ticket(offset, len(data), room)

    def get(self, ticket: Ticket) -> str:
        return self.get_bytes(ticket).decode("utf-8", "surrogatepass")

    def get_bytes(self, ticket: Ticket) -> bytes:
        return os.pread(self._file.fileno(), ticket.length, ticket.offset)

    def reader(self, data: bytes) -> Callable[[], bytes]:
        """Keep ``data`` here; the function returned reads it back."""
        ticket = Ticket(self._end, len(data), len(data))
        self._write_at(data, self._end)
        self._end += len(data)
        return lambda: self.get_bytes(ticket)

    def _write_at(self, data: bytes, offset: int) -> None:
        view = memoryview(data)
        while view:
            written = os.pwrite(self._file.fileno(), view, offset)
            view, offset = view[written:], offset + written

    @property
    def size(self) -> int:
        """Bytes of the file (including space left by values written again)."""
        return self._end


class _Spooled:
    """A page attribute whose str value lives in the page's spool."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_spooled_" + name

    def __get__(self, page, owner=None):
        if page is None:
            return self
        value = page.__dict__.get(self.slot)
        return page._spool.get(value) if isinstance(value, Ticket) else value

    def __set__(self, page, value) -> None:
        previous = page.__dict__.get(self.slot)
        if isinstance(value, str):
            value = page._spool.put(value, previous if isinstance(previous, Ticket) else None)
        page.__dict__[self.slot] = value


_CLASSES: dict[type, type] = {}


def _spooled_class(cls: type) -> type:
    if cls not in _CLASSES:
        members = {name: _Spooled() for name in ATTRIBUTES}  # type() calls their __set_name__
        _CLASSES[cls] = type(cls.__name__, (cls,), {**members, "_spooled": True,
                                                     "__module__": cls.__module__,
                                                     "__qualname__": cls.__qualname__})
    return _CLASSES[cls]


def spool(page, where: Spool) -> None:
    """Keep ``page.markdown`` and ``page.content`` in ``where`` from now on (same values)."""
    if getattr(type(page), "_spooled", False):
        return
    values = {name: page.__dict__.pop(name, None) for name in ATTRIBUTES}
    page._spool = where
    page.__class__ = _spooled_class(type(page))
    for name, value in values.items():
        setattr(page, name, value)
