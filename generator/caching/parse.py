"""Parsed YAML by content hash: a file that has not changed is not parsed again.

Only clean parses are kept (no problem of any kind), and only data that JSON
gives back exactly (string keys; YAML's other scalars survive the round trip),
so a cached file reads exactly as a fresh parse would. The store is one signed
JSON file (see cache) mapping each key to the JSON text of its data: reading it
decodes strings only, and each file's data is decoded when that file is read
(v1 decoded all data and encoded it again, 0.05 s of a 0.6 s check at 1,000
files). Entries not used by the last run are dropped. Within
one process (serve rebuilds) entries stay in memory as JSON text, so every
run still gets its own fresh objects.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import store as cache

NAME = "yaml-v2.json"
_MEMORY: dict[str, dict[str, str]] = {}  # cache folder -> {key: JSON text of the data}
_KEEP = {"between_runs": False}


def keep_between_runs(keep: bool) -> None:
    """Serve: keep each run's entries in memory for the next run (else read from disk:
    a one-shot build does not hold 5,000 files' data as JSON text to the end)."""
    _KEEP["between_runs"] = keep
    if not keep:
        _MEMORY.clear()


class ParseCache:
    """Parsed data by SHA-256 of the file's text, for one run."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        remembered = _MEMORY.get(str(folder)) if folder is not None else None
        self.entries = remembered if remembered is not None else self._read_disk()
        self.used: dict[str, str] = {}

    def _read_disk(self) -> dict[str, str]:
        raw = cache.read(self.folder, NAME)
        try:
            stored = json.loads(raw) if raw else {}
        except ValueError:
            return {}
        if not isinstance(stored, dict) or not all(isinstance(text, str) for text in stored.values()):
            return {}
        return stored

    def get(self, text: str) -> Any:
        """The data of ``text`` if it was parsed cleanly before, else None."""
        key = cache.digest(text)
        found = self.entries.get(key)
        if found is None:
            return None
        try:
            data = json.loads(found)
        except ValueError:   # signed, so written by this machine; but never trust a text blindly
            return None
        self.used[key] = found
        return data

    def put(self, text: str, data: Any) -> None:
        """Remember a clean parse, if JSON keeps it exactly."""
        try:
            encoded = json.dumps(data, allow_nan=False, separators=(",", ":"))
            if json.loads(encoded) != data:
                return
        except (TypeError, ValueError):
            return
        self.used[cache.digest(text)] = encoded

    def save(self) -> None:
        """Keep what this run used; the file is rewritten only when that set changed."""
        if self.folder is None:
            return
        if _KEEP["between_runs"]:
            _MEMORY[str(self.folder)] = self.used
        if self.used.keys() == self.entries.keys():
            return
        cache.write(self.folder, NAME, json.dumps(self.used, separators=(",", ":")).encode("utf-8"))


def open_for(root: Path) -> ParseCache:
    return ParseCache(cache.cache_dir(root))
