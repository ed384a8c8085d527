"""Parsed YAML by content hash: a file that has not changed is not parsed again.

Only clean parses are kept (no problem of any kind), and only data that JSON
gives back exactly (string keys; YAML's other scalars survive the round trip),
so a cached file reads exactly as a fresh parse would. The store is one signed
JSON file (see cache): entries not used by the last run are dropped.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import cache

NAME = "yaml-v1.json"


class ParseCache:
    """Parsed data by SHA-256 of the file's text, for one run."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        raw = cache.read(folder, NAME)
        try:
            self.entries: dict[str, Any] = json.loads(raw) if raw else {}
        except ValueError:
            self.entries = {}
        if not isinstance(self.entries, dict):
            self.entries = {}
        self.used: dict[str, Any] = {}
        self.changed = False

    def get(self, text: str) -> Any:
        """The data of ``text`` if it was parsed cleanly before, else None."""
        key = cache.digest(text)
        data = self.entries.get(key)
        if data is not None:
            self.used[key] = data
        return data

    def put(self, text: str, data: Any) -> None:
        """Remember a clean parse, if JSON keeps it exactly."""
        try:
            if json.loads(json.dumps(data, allow_nan=False)) != data:
                return
        except (TypeError, ValueError):
            return
        self.used[cache.digest(text)] = data
        self.changed = True

    def save(self) -> None:
        if self.folder is None or not (self.changed or len(self.used) != len(self.entries)):
            return
        cache.write(self.folder, NAME, json.dumps(self.used, separators=(",", ":")).encode("utf-8"))


def open_for(root: Path) -> ParseCache:
    return ParseCache(cache.cache_dir(root))
