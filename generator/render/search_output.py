"""What the plugin does with Material's search and offline plugins, as plain functions.

The MkDocs hooks in plugin.py delegate here; this module never imports MkDocs.
``plugins`` is MkDocs' plugin collection (a mapping of names to plugins).

- A full build streams each page's entries into the spool (search_stream.py)
  and writes search_index.json and .js itself, pausing the two plugins for
  their post-build turn.
- `playbook serve` reuses each unchanged page's entries and JSON (caching/serve.py).
- Otherwise the JSON Material serializes is kept and written as search_index.js
  too, instead of the offline plugin reading the file back.
"""
from __future__ import annotations

from typing import Any

from ..caching import serve as serve_cache
from ..caching.spool import Spool
from .search_index import remember_text, write_script
from .search_stream import IndexStream, material_index, write_instead


def search_plugin(plugins: Any) -> Any:
    return plugins.get("material/search") or plugins.get("search")


def offline_plugin(plugins: Any) -> Any:
    return plugins.get("material/offline") or plugins.get("offline")


def _index(plugins: Any) -> Any:
    return getattr(search_plugin(plugins), "search_index", None)


class SearchOutputs:
    """One build's handling of the index: the stream, and the plugins paused after the pages."""

    def __init__(self, plugins: Any, spool: Spool | None) -> None:
        self.plugins = plugins
        streams = spool is not None and material_index(search_plugin(plugins)) is not None
        self.stream = IndexStream(spool) if streams else None
        self.paused: list = []

    def page_done(self) -> None:
        """After the search plugin indexed a page (full builds: its entries go to the spool)."""
        if self.stream is not None:
            self.stream.take(_index(self.plugins))

    def page_entries(self, url: str) -> list:
        """Copies of the entries the search plugin just made for the page at ``url`` (serve)."""
        entries = getattr(_index(self.plugins), "entries", None)
        if not entries:
            return []
        start = len(entries)
        while start and entries[start - 1]["location"].split("#", 1)[0] == url:
            start -= 1
        return [dict(entry) for entry in entries[start:]]

    def before_search_writes(self, site_dir: str, state: serve_cache.State | None, uris: list[str]) -> None:
        """Post-build, before the search plugin: write the streamed index, or set serve's."""
        if self.stream is not None:
            self.paused += write_instead(self.stream, search_plugin(self.plugins),
                                         offline_plugin(self.plugins), site_dir)
            self.stream = None
            return
        index = _index(self.plugins)
        if index is None:
            return
        remember_text(index)
        if state is not None:
            index.entries = serve_cache.search_entries(state, uris)
            search_plugin(self.plugins).search_index_prev = None  # the entries above are the whole index
            text = serve_cache.search_index_json(state, uris, index.config)
            index.generate_search_index = lambda prev: text  # unchanged pages' JSON is reused
            index.text = text

    def write_script(self, site_dir: str) -> None:
        """After the search plugin: search_index.js from the JSON it just wrote, not read back."""
        offline = offline_plugin(self.plugins)
        text = getattr(_index(self.plugins), "text", None)
        if offline is None or not offline.config.enabled or not isinstance(text, str):
            return
        write_script(site_dir, text)
        offline.config.enabled = False  # its copy would be the same bytes, read back from disk
        self.paused.append(offline)

    def resume(self) -> None:
        """After the offline plugin's turn, or when the build fails."""
        for plugin in self.paused:
            plugin.config.enabled = True
        self.paused, self.stream = [], None
