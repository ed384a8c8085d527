"""Laid-out parts of the binder cached on disk, keyed by their HTML and the layout environment.

The binder is laid out in parts (front matter, playbooks twenty at a time,
back matter). A part's layout (its PDF, page count and the page of each
anchor) depends only on its HTML (which holds the template, the inline CSS,
and, as placeholders, its QR codes' URLs; never its first page number), the fonts,
the WeasyPrint, pydyf and segno versions and the binder's code. Those are
hashed into the key, as for the desk cards: an edit to one playbook changes
the HTML of its part only (and the front's, when a page number in the
contents moves), so only those are laid out again. Every file is signed (see store).
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import cards as card_cache
from . import store as cache

FORMAT = "binder-part-1"
FOLDER = "binder"
KEEP_DAYS = 14  # parts nobody has used for this long are deleted (the footer date changes daily)
_CODE = ("render/binder.py", "render/cards.py", "render/tree_svg.py", "render/page_numbers.py",
         "caching/binder.py")


@lru_cache(maxsize=1)
def _environment_key() -> str:
    """The desk cards' layout environment (fonts, WeasyPrint) plus segno, pypdf and the binder's code."""
    package = Path(__file__).resolve().parent.parent
    versions = []
    for name in ("segno", "pypdf"):
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    return cache.digest(FORMAT, card_cache._environment_key(), *versions,
                        *((package / name).read_bytes() for name in _CODE))


def key(*parts: str) -> str:
    """The cache key of a part whose HTML (or of a joined binder whose description) is ``parts``."""
    return cache.digest(_environment_key(), *parts)


def get(folder: Path | None, part_key: str, with_pdf: bool = True) -> tuple[dict, bytes] | None:
    """(layout facts, PDF) stored under ``part_key``, or None; the PDF is b"" when not asked for."""
    facts_raw = cache.read(folder, f"{FOLDER}/{part_key}.json")
    if facts_raw is None:
        return None
    try:
        facts = json.loads(facts_raw)
    except ValueError:
        return None
    pdf = b""
    if with_pdf:
        pdf = cache.read(folder, f"{FOLDER}/{part_key}.pdf")
        if pdf is None or hashlib.sha256(pdf).hexdigest() != facts.get("pdf_sha256"):
            return None  # absent, or written by two runs at once: lay the part out again
    _touch(folder, part_key)
    return facts, pdf


def put(folder: Path | None, part_key: str, facts: dict, pdf: bytes | None = None) -> None:
    """Store a layout (the PDF is optional: a draft layout is only measured)."""
    if pdf is not None:
        cache.write(folder, f"{FOLDER}/{part_key}.pdf", pdf)
        facts = {**facts, "pdf_sha256": hashlib.sha256(pdf).hexdigest()}
    cache.write(folder, f"{FOLDER}/{part_key}.json", json.dumps(facts).encode())


def _touch(folder: Path | None, part_key: str) -> None:
    """A used part counts as fresh, so prune() keeps it."""
    for suffix in (".json", ".pdf"):
        try:
            os.utime(folder / FOLDER / f"{part_key}{suffix}")
        except (OSError, TypeError):
            pass


def prune(folder: Path | None, keep_days: float = KEEP_DAYS) -> None:
    """Delete parts not used for ``keep_days``: old dates' and old contents' layouts."""
    if folder is None:
        return
    cutoff = time.time() - keep_days * 86400
    try:
        entries = list(os.scandir(folder / FOLDER))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_file() and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
        except OSError:
            pass
