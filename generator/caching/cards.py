"""Desk card layouts cached on disk, keyed by everything that decides the layout.

Laying a card out takes WeasyPrint about a second; `playbook check` does it on
every run to prove each card fits one sheet. The result (column split, page
count, overflow, section heights, PDF) depends only on the card's HTML (which
holds its template and inline CSS), the fonts installed, the WeasyPrint
version and this package's layout code, so those are hashed into the key: a
change to any of them is a different key, never a stale layout.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import store as cache

FORMAT = "card-layout-2"  # 2: facts hold the hash of the card HTML the PDF was made from
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts",
             "/etc/fonts")


@lru_cache(maxsize=1)
def _environment_key() -> str:
    """Fonts (names, sizes, dates), WeasyPrint's version and the layout code."""
    digest = hashlib.sha256(FORMAT.encode())
    for name in ("weasyprint", "pydyf", "tinycss2", "tinyhtml5"):
        try:
            digest.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none;".encode())
    digest.update((Path(__file__).resolve().parent.parent / "render" / "cards.py").read_bytes())
    for folder in FONT_DIRS:
        for base, dirs, files in sorted(os.walk(os.path.expanduser(folder))):
            for name in sorted(files):
                try:
                    stat = os.stat(os.path.join(base, name))
                except OSError:
                    continue
                digest.update(f"{base}/{name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()


def key(measure_html: str) -> str:
    """The cache key of a card whose one-column measuring page is ``measure_html``."""
    return hashlib.sha256((_environment_key() + "\0" + measure_html).encode()).hexdigest()


def get(folder: Path | None, card_key: str) -> tuple[dict, bytes] | None:
    """(layout facts, PDF) stored under ``card_key``, or None."""
    facts_raw = cache.read(folder, f"cards/{card_key}.json")
    pdf = cache.read(folder, f"cards/{card_key}.pdf")
    if facts_raw is None or pdf is None:
        return None
    try:
        facts = json.loads(facts_raw)
    except ValueError:
        return None
    if hashlib.sha256(pdf).hexdigest() != facts.get("pdf_sha256"):
        return None  # written by two runs at once: lay the card out again
    return facts, pdf


def html_digest(card_html: str) -> str:
    """What a cached PDF was made from: the whole card HTML, footer included."""
    return cache.digest(card_html)


def put(folder: Path | None, card_key: str, facts: dict, pdf: bytes) -> None:
    """Store a layout; a cache that cannot be written only costs time."""
    cache.write(folder, f"cards/{card_key}.pdf", pdf)
    cache.write(folder, f"cards/{card_key}.json",
                json.dumps({**facts, "pdf_sha256": hashlib.sha256(pdf).hexdigest()}).encode())
