"""Highlighted code reused: Pygments runs once per distinct command, not once per code block.

pymdownx.highlight calls ``pygments.highlight(source, lexer, formatter)`` for
every fenced block (26,000 at 1,000 playbooks, about a tenth of a build). The
result depends only on the source, the lexer (its class and options) and the
formatter's options, so it is looked up by a digest of those, with the
versions of Pygments and pymdownx: in memory (a command repeated in several
steps or playbooks is highlighted once) and across builds in one signed file
of the repository's cache folder (caching.store), holding the blocks the
last build used. The HTML is byte for byte what Pygments returns; a lexer or
formatter whose options this module cannot key (unhashable, or an object
without a stable repr) is simply highlighted.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from . import store

CACHE_FILE = "highlight.json"
_state: dict[str, Any] = {"memo": {}, "used": {}, "folder": None, "loaded": None, "fresh": 0}


def _versions() -> str:
    import pygments
    import pymdownx

    return f"{pygments.__version__}/{getattr(pymdownx, '__version__', '?')}"


def _stable(text: str) -> bool:
    return " at 0x" not in text  # a default object repr changes between processes


def block_key(source: str, lexer: Any, formatter: Any) -> str | None:
    """The digest that names one highlighted block, or None when it cannot be named."""
    options = getattr(formatter, "shared_key", None)
    if options is None or not isinstance(source, str):
        return None
    lexer_part = (f"{type(lexer).__module__}.{type(lexer).__qualname__}"
                  f"{sorted(lexer.options.items())!r}{lexer.filters!r}")
    formatter_part = f"{type(formatter).__module__}.{type(formatter).__qualname__}{options!r}"
    if not (_stable(lexer_part) and _stable(formatter_part)):
        return None
    return store.digest(_versions(), lexer_part, formatter_part, source)


def caching(highlight: Callable[[str, Any, Any], str]) -> Callable[[str, Any, Any], str]:
    """``highlight`` answered from the memo for a block highlighted before."""
    if getattr(highlight, "cached", False):
        return highlight

    def cached_highlight(source: str, lexer: Any, formatter: Any, outfile: Any = None) -> str:
        key = block_key(source, lexer, formatter) if outfile is None else None
        if key is None:
            return highlight(source, lexer, formatter, outfile)
        html = _state["memo"].get(key)
        if html is None:
            html = _state["memo"][key] = highlight(source, lexer, formatter)
            _state["fresh"] += 1
        _state["used"][key] = html
        return html

    cached_highlight.cached = True  # type: ignore[attr-defined]
    return cached_highlight


def use_folder(folder: Path | None) -> None:
    """Start a build: blocks highlighted by earlier builds come from ``folder``'s cache file."""
    _state["used"], _state["fresh"] = {}, 0
    if folder is None or _state["loaded"] == str(folder):
        _state["folder"] = folder
        return
    _state["folder"], _state["loaded"] = folder, str(folder)
    data = store.read(folder, CACHE_FILE)
    try:
        kept = json.loads(data) if data else {}
    except ValueError:
        kept = {}
    if isinstance(kept, dict):
        _state["memo"].update((k, v) for k, v in kept.items() if isinstance(v, str))


def save() -> None:
    """End a build: keep the blocks it used (only those), if any was highlighted anew."""
    folder = _state["folder"]
    if folder is None or not _state["fresh"]:
        return
    store.write(folder, CACHE_FILE, json.dumps(_state["used"], separators=(",", ":")).encode("utf-8"))
    _state["fresh"] = 0
