"""Read a content file without trusting what the path points at.

A pull request can commit a symlink: to /dev/zero (reads until memory runs
out), to /dev/stdin (waits forever), or to a file outside the repository
(published with its search entry). Content and post-mortems are therefore read
only when the path resolves inside the repository to a regular file, and never
more than the size limit is read, whatever the file claims its size is.
"""
from __future__ import annotations

import os
import stat
from functools import lru_cache
from pathlib import Path

LIMIT = 1_000_000


class Refused(Exception):
    """The file is not read; ``code``/``message``/``hint`` make the Problem."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


@lru_cache(maxsize=256)
def _real(folder: str) -> str:
    """Where a folder really is; asked once per folder and run (see forget_folders)."""
    return os.path.realpath(folder)


def forget_folders() -> None:
    """Resolve folders afresh: called at the start of every content read."""
    _real.cache_clear()


def _inside(path: Path, root: Path) -> bool:
    if os.path.islink(path):
        real = os.path.realpath(path)
    else:
        real = os.path.join(_real(os.path.dirname(os.path.abspath(path))), os.path.basename(path))
    top = _real(os.path.abspath(root))
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def read_bounded(path: Path, root: Path | None = None, limit: int = LIMIT) -> bytes:
    """The bytes of ``path``: a regular file inside ``root``, at most ``limit`` bytes. Raises Refused."""
    if root is not None and not _inside(path, root):
        raise Refused("outside-repository", f"is a link to {path.resolve()}, outside the repository; "
                      f"not read", "commit the file itself instead of a symbolic link")
    try:  # O_NONBLOCK: opening a FIFO must not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise Refused("unreadable", f"cannot read file: {exc.strerror}", "check the file's permissions") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("not-a-file", "is not a regular file (a device, pipe or socket); not read",
                          "content and post-mortems must be plain text files")
        if info.st_size > limit:
            raise Refused("file-too-large", f"file is {info.st_size:,} bytes; the limit is {limit:,}",
                          "split it into several documents")
        chunks, total = [], 0
        while total <= limit:  # st_size can lie (/proc files); the limit cannot
            data = os.read(fd, limit + 1 - total)
            if not data:
                break
            chunks.append(data)
            total += len(data)
        raw = b"".join(chunks)
    except OSError as exc:
        raise Refused("unreadable", f"cannot read file: {exc.strerror}", "check the file's permissions") from None
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise Refused("file-too-large", f"file is over {limit:,} bytes (the limit)", "split it into several documents")
    return raw
