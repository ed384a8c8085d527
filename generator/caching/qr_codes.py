"""The desk cards' QR codes (inline SVG) by the text they hold, kept between runs.

`playbook check` renders every card's HTML to find its layout in the card cache,
and that HTML holds a QR code per section: making them (and importing segno) was
about a tenth of a warm check at 1,000 playbooks. A code depends only on its text,
the options below and segno's version, all of which are in the key, so a stored
code is the one segno would make now. One signed file (see store); codes no run
asked for are dropped when it is rewritten.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from . import store as cache

NAME = "qr-v1.json"
MAKE = {"error": "l", "micro": False}
SVG = {"scale": 2, "border": 2, "dark": "#000", "light": "#fff", "omitsize": False}


@lru_cache(maxsize=1)
def _segno_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("segno")
    except metadata.PackageNotFoundError:
        return "unknown"


def key(text: str) -> str:
    """What decides the code of ``text``: the text, segno's version and the options."""
    return cache.digest(text, _segno_version(), json.dumps([MAKE, SVG], sort_keys=True))


def make(text: str) -> str:
    """The inline SVG segno makes for ``text`` (the text is data inside the code, never markup)."""
    import segno

    return segno.make(text, **MAKE).svg_inline(**SVG)


class Store:
    """Codes by key for one run; ``open`` a repository's cache folder first (None: no cache)."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.stored: dict[str, str] = {}
        self.used: dict[str, str] = {}

    def open(self, folder: Path | None) -> None:
        if folder == self.folder and self.used:
            return  # the same repository again in this process (serve): what it has is current
        self.folder, self.used = folder, {}
        raw = cache.read(folder, NAME)
        try:
            stored = json.loads(raw) if raw else {}
        except ValueError:
            stored = {}
        valid = isinstance(stored, dict) and all(isinstance(v, str) for v in stored.values())
        self.stored = stored if valid else {}

    def svg(self, text: str) -> str:
        code_key = key(text)
        found = self.used.get(code_key) or self.stored.get(code_key) or make(text)
        self.used[code_key] = found
        return found

    def save(self) -> None:
        """Rewrite the file only when this run asked for other codes than it holds."""
        if self.folder is not None and self.used and self.used.keys() != self.stored.keys():
            cache.write(self.folder, NAME, json.dumps(self.used, separators=(",", ":")).encode("utf-8"))
            self.stored = dict(self.used)
