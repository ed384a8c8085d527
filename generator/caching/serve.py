"""Incremental rebuilds for `playbook serve` (and `mkdocs serve --dirty`).

Every edit used to rebuild every page. Within one serve process this module
remembers, for each page, the key of the output last written: a digest of the
page's Markdown and of everything shared by all pages (navigation, the list of
files, the configuration, the theme overrides). A page whose key is unchanged
and whose output file still exists is skipped by MkDocs' dirty build; what the
other pages and the search index need from it (title, metadata, anchors,
search entries) is restored from its snapshot. Any change to the navigation,
the configuration or the theme changes every key, so everything is rebuilt.
A failed build forgets everything: the next one is a full build, so no
warning is lost to a skipped page.

The module holds state only; plugin.py (the only module importing MkDocs)
wires it to the build events.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .store import digest


@dataclass
class Snapshot:
    """What a skipped page must still provide to the rest of the build."""

    markdown: str
    meta: dict
    title_from_render: str | None
    present_anchor_ids: set | None
    search_entries: list = field(default_factory=list)
    search_json: str | None = None  # the entries as JSON, made once

    def entries_json(self) -> str:
        if self.search_json is None:
            self.search_json = ",".join(json.dumps(entry, separators=(",", ":"), default=str)
                                        for entry in self.search_entries)
        return self.search_json


@dataclass
class State:
    """One serve process's memory of the last successful build."""

    site_dir: str = ""
    written: dict[str, str] = field(default_factory=dict)      # uri -> key of the output on disk
    dests: dict[str, str] = field(default_factory=dict)        # uri -> its output file
    snapshots: dict[str, Snapshot] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)      # uri -> key, this build
    keys: dict[str, str] = field(default_factory=dict)         # uri -> key wanted this build

    def forget(self) -> None:
        self.written.clear()
        self.dests.clear()
        self.snapshots.clear()
        self.pending.clear()


_STATES: dict[str, State] = {}


def state_for(config_file: str, site_dir: str) -> State:
    """The state of the serve process for this configuration; reset if the site dir moved."""
    state = _STATES.setdefault(config_file, State())
    if state.site_dir != site_dir:
        state.forget()
        state.site_dir = site_dir
    return state


def theme_signature(folders: Iterable[str]) -> str:
    """Names, sizes and dates of every file in the theme override folders."""
    parts: list[str] = []
    for folder in folders:
        for base, _, files in sorted(os.walk(folder)):
            for name in sorted(files):
                try:
                    stat = os.stat(os.path.join(base, name))
                except OSError:
                    continue
                parts.append(f"{base}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest(*parts)


def shared_signature(nav: Any, uris: Iterable[str], config_bytes: bytes, settings: Iterable[str],
                     theme: str) -> str:
    """Everything every page's output depends on besides its own Markdown."""
    return digest(repr(nav), "\n".join(sorted(uris)), config_bytes, "\n".join(settings), theme)


def page_key(shared: str, markdown: str) -> str:
    return digest(shared, markdown)


def unchanged(state: State, uri: str, key: str, dest: str) -> bool:
    """True when the output written for ``uri`` is exactly what this build would write."""
    state.keys[uri] = key
    return (state.written.get(uri) == key and uri in state.snapshots and os.path.isfile(dest))


def remember(state: State, uri: str, snapshot: Snapshot, dest: str) -> None:
    state.snapshots[uri] = snapshot
    state.dests[uri] = dest
    state.pending[uri] = state.keys.get(uri, "")


def search_entries(state: State, uris: Iterable[str]) -> list:
    """The search index entries of every page, in build order."""
    entries: list = []
    for uri in uris:
        snapshot = state.snapshots.get(uri)
        if snapshot is not None:
            entries.extend(snapshot.search_entries)
    return entries


SEARCH_CONFIG_KEYS = ("lang", "separator", "pipeline", "fields")


def search_index_json(state: State, uris: Iterable[str], config: dict) -> str:
    """search_index.json as Material's search plugin writes it, from each page's JSON, made once.

    The same text as ``json.dumps({"config": ..., "docs": entries}, separators=(",", ":"),
    default=str)``: serializing the whole index again was a sixth of an edit's rebuild.
    """
    head = json.dumps({key: config[key] for key in SEARCH_CONFIG_KEYS}, separators=(",", ":"), default=str)
    parts = [snapshot.entries_json() for snapshot in (state.snapshots.get(uri) for uri in uris)
             if snapshot is not None and snapshot.search_entries]
    return '{"config":' + head + ',"docs":[' + ",".join(parts) + "]}"


def commit(state: State, current: Iterable[str]) -> list[str]:
    """Record this build's outputs; return the output files of pages that no longer exist."""
    state.written.update({uri: key for uri, key in state.pending.items() if key})
    state.pending.clear()
    state.keys.clear()
    present = set(current)
    stale = []
    for uri in [uri for uri in state.dests if uri not in present]:
        state.written.pop(uri, None)
        state.snapshots.pop(uri, None)
        stale.append(state.dests.pop(uri))
    return stale


def remove_outputs(site_dir: str, dest_paths: Iterable[str]) -> None:
    """Delete the outputs of removed pages, never anything outside the site directory."""
    base = Path(site_dir).resolve()
    for dest in dest_paths:
        path = Path(dest).resolve()
        if base in path.parents and path.is_file():
            path.unlink()
