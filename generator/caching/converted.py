"""Converted HTML of generated pages reused across full builds (MkDocs' ``Page.render``).

Python-Markdown is about half of a build, and in a second build nearly every
generated page has the same Markdown. A page's conversion reads only its
Markdown, its own place (source path and URL: relative links are rewritten
from there), the list of files and their URLs (links are checked and rewritten
against them), the Markdown extensions with their options, the validation
settings and the versions of the libraries that convert (and of this package's
highlighting code). The key is a digest of all of those; the entry holds what
``Page.render`` sets: the HTML, the table of contents, the title found in the
page, the anchors it defines and the anchors its links point at (MkDocs checks
those after every page is converted, so that check still runs on a cached page).

On a miss, a playbook page is converted by render.direct (our template's blocks read
directly, the rest of Python-Markdown run as usual; the same result) unless it declines
the page or ``PLAYBOOK_DIRECT_HTML=0`` turns it off; then MkDocs converts it.

A conversion that logged a warning is never stored (a strict build fails on it,
and a cached page would not log it again). Entries are one signed file per page
in the repository's cache folder (caching.store); those the last build did not
use are deleted at its end. Full builds only: ``playbook serve`` has its own
incremental state.
"""
from __future__ import annotations

import json
import logging
import os
import zlib
from pathlib import Path
from typing import Any

from . import store

FOLDER = "pages-v1"


def _versions() -> list[str]:
    from importlib import metadata

    names = ("markdown", "pymdown-extensions", "pygments", "mkdocs", "mkdocs-material")
    found = []
    for name in names:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=?")
    return found


def _own_code() -> str:
    """This package's code that runs inside a conversion (the shared highlighter)."""
    from ..render import highlight as render_highlight
    from ..render.direct import anchors, blocks, engine, inline, shapes
    from . import highlight as cache_highlight

    return "".join(Path(module.__file__).read_text(encoding="utf-8")
                   for module in (render_highlight, cache_highlight, anchors, blocks, engine, inline,
                                     shapes))


def _stable(value: Any) -> Any:
    """A repr that is the same in every process: functions and classes by their dotted name."""
    if isinstance(value, dict):
        return {str(k): _stable(v) for k, v in sorted(value.items(), key=lambda item: str(item[0]))}
    if isinstance(value, (list, tuple)):
        return [_stable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '?')}.{value.__qualname__}"
    text = repr(value)
    if " at 0x" in text:
        raise ValueError("no stable name")  # an object only this process can tell apart
    return text


# Extensions whose output is a function of the Markdown and their options alone. Any other
# (pymdownx.snippets reads files, a team's own extension may read anything) turns the cache off.
_PURE = ("markdown.extensions.", "pymdownx.", "material.extensions.", "toc", "tables", "admonition",
         "attr_list", "md_in_html", "def_list", "footnotes", "abbr", "meta", "sane_lists", "smarty",
         "fenced_code", "codehilite", "nl2br", "wikilinks", "legacy_attrs", "legacy_em")
_READS_FILES = ("pymdownx.snippets",)


def _pure(name: Any) -> bool:
    return (isinstance(name, str) and name not in _READS_FILES
            and any(name == pure or (pure.endswith(".") and name.startswith(pure)) for pure in _PURE))


def build_key(config: Any, files: Any) -> str | None:
    """What every page's conversion shares, or None when it cannot be named (then no cache)."""
    if not all(_pure(name) for name in config["markdown_extensions"]):
        return None
    try:
        extensions = json.dumps(_stable([config["markdown_extensions"], config["mdx_configs"] or {},
                                         dict(config["validation"] or {})]), sort_keys=True)
    except (ValueError, TypeError):
        return None
    listing = "\n".join(f"{f.src_uri}\0{f.dest_uri}\0{f.url}" for f in files)
    return store.digest(*_versions(), _own_code(), extensions, str(config["use_directory_urls"]),
                        str(config["site_url"]), listing)


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def direct_enabled() -> bool:
    return os.environ.get("PLAYBOOK_DIRECT_HTML", "1") != "0"


class Converted:
    """One full build's use of the cache (which entries it read or wrote) and of direct HTML."""

    def __init__(self, folder: Path | None, direct: bool | None = None) -> None:
        self.folder = folder
        self.key: str | None = None
        self.used: set[str] = set()
        self.usable = folder is not None
        self.direct = direct_enabled() if direct is None else direct
        self.engine: Any = None

    def install(self, page: Any, config: Any, files: Any, direct: bool = False) -> None:
        """Make ``page.render`` answer from the cache or directly (MkDocs calls it next).

        ``direct``: the page is a playbook page, which render.direct may convert.
        """
        if self.usable and self.key is None:  # the final file list: every plugin's on_files has run
            self.key = build_key(config, files)
            self.usable = self.key is not None
        direct = direct and self._engine(config) is not None
        if self.usable or direct:
            page.render = lambda config, files: self.render(page, config, files, direct)

    def _engine(self, config: Any) -> Any:
        if self.direct and self.engine is None:
            from ..render.direct.engine import Engine

            self.engine = Engine(config)
            self.direct = self.engine.usable
        return self.engine if self.direct else None

    def render(self, page: Any, config: Any, files: Any, direct: bool = False) -> None:
        del page.render  # MkDocs' own method again, should anything render the page twice
        name = None
        if self.usable:
            name = store.digest(self.key, page.file.src_uri, page.file.url, page.markdown)
            self.used.add(name)
            entry = _load(store.read(self.folder, f"{FOLDER}/{name}"))
            if entry is not None and _apply(page, entry, files):
                return
        counter = _Warnings()
        root = logging.getLogger()
        root.addHandler(counter)
        try:
            if not (direct and self.engine.render(page, config, files)):
                type(page).render(page, config, files)
        finally:
            root.removeHandler(counter)
        if name is not None and not counter.count:
            store.write(self.folder, f"{FOLDER}/{name}", zlib.compress(json.dumps(_entry(page)).encode(), 1))

    def prune(self) -> None:
        """Delete the entries this build did not use (others' temporary files stay)."""
        if self.folder is None:
            return
        try:
            names = os.listdir(self.folder / FOLDER)
        except OSError:
            return
        for name in names:
            if not name.startswith(".") and name not in self.used:
                try:
                    os.unlink(self.folder / FOLDER / name)
                except OSError:
                    pass


def _toc(items: Any) -> list:
    return [[item.title, item.id, item.level, _toc(item.children)] for item in items]


def _anchor(title: str, anchor_id: str, level: int, children: list) -> Any:
    from mkdocs.structure.toc import AnchorLink

    link = AnchorLink(title, anchor_id, level)
    link.children = [_anchor(*child) for child in children]
    return link


def _entry(page: Any) -> dict:
    links = getattr(page, "links_to_anchors", None)
    return {"content": page.content, "toc": _toc(page.toc), "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids),
            "links": None if links is None else {f.src_uri: dict(targets) for f, targets in links.items()}}


def _load(raw: bytes | None) -> dict | None:
    if raw is None:
        return None
    try:
        entry = json.loads(zlib.decompress(raw))
    except (ValueError, zlib.error):
        return None
    return entry if isinstance(entry, dict) else None


def _apply(page: Any, entry: dict, files: Any) -> bool:
    """Set what ``Page.render`` sets; False when the entry no longer fits the files."""
    from mkdocs.structure.toc import TableOfContents

    links = None
    if entry.get("links") is not None:
        links = {}
        for src_uri, targets in entry["links"].items():
            target = files.get_file_from_path(src_uri)
            if target is None:
                return False
            links[target] = targets
    items = [_anchor(*item) for item in entry["toc"]]
    if items:
        items[0].active = True  # as mkdocs.structure.toc.get_toc does
    page.content, page.toc = entry["content"], TableOfContents(items)
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    if links is not None and logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = links
    return True
