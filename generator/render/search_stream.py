"""Material's search index written as it is made, page by page, instead of held whole.

Material's search plugin keeps every section's entry (its text) for the whole
build, serializes them into one string at the end, encodes that, and the
offline plugin reads the file back to write search_index.js: at 5,000
playbooks, several copies of a 55 MB index at the build's peak. In a full build
each page's entries are serialized as soon as Material has made them (the same
``json.dumps`` per entry Material's whole-index dump produces, joined with
commas), kept in the build's spool file (caching/spool.py) and taken out of
Material's list; at the end search_index.json and search_index.js are written
from the spool in pieces. The bytes are those Material and its offline plugin
write (tests/test_build_memory.py compares a whole build with one that holds
everything).

This module never imports MkDocs or Material: plugin.py hands it the index.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from ..caching.spool import Spool, Ticket

CONFIG_KEYS = ("lang", "separator", "pipeline", "fields")  # what Material writes as "config"


class IndexStream:
    """Each page's entries as JSON in ``spool``, in the order Material indexed them."""

    def __init__(self, spool: Spool) -> None:
        self.spool = spool
        self.tickets: list[Ticket] = []

    def take(self, index: Any) -> None:
        """Move the entries Material just made (one page's) out of ``index.entries``."""
        entries = getattr(index, "entries", None)
        if not entries:
            return
        self.tickets.append(self.spool.put(",".join(
            json.dumps(entry, separators=(",", ":"), default=str) for entry in entries)))
        entries.clear()

    def _pieces(self, config: dict) -> Iterator[str]:
        head = {key: config[key] for key in CONFIG_KEYS}
        yield '{"config":' + json.dumps(head, separators=(",", ":"), default=str) + ',"docs":['
        for number, ticket in enumerate(self.tickets):
            yield ("," if number else "") + self.spool.get(ticket)
        yield "]}"

    def write(self, site_dir: str, config: dict, script: bool) -> None:
        """search/search_index.json, and search_index.js (``script``: the offline plugin's copy)."""
        folder = Path(site_dir) / "search"
        folder.mkdir(parents=True, exist_ok=True)
        targets = [(folder / "search_index.json", "")]
        if script:
            targets.append((folder / "search_index.js", "var __index = "))
        for path, prefix in targets:
            with open(path, "wb") as out:
                out.write(prefix.encode("utf-8"))
                for piece in self._pieces(config):
                    out.write(piece.encode("utf-8"))


def material_index(search: Any) -> Any:
    """The enabled Material search plugin's index whose entries this module can stream, or None."""
    index = getattr(search, "search_index", None)
    enabled = getattr(getattr(search, "config", None), "enabled", False)
    material = type(index).__module__.startswith("material.plugins.search")
    return index if enabled and material and isinstance(getattr(index, "entries", None), list) else None


def write_instead(stream: IndexStream, search: Any, offline: Any, site_dir: str) -> list:
    """Write the index files now and pause the plugins that would write them again.

    Returns the paused plugins, to be enabled again once their post-build turn is over.
    """
    script = offline is not None and bool(offline.config.enabled)
    stream.write(site_dir, search.search_index.config, script)
    paused = [search] + ([offline] if script else [])
    for plugin in paused:
        plugin.config.enabled = False
    return paused
