"""Material's search index for this site: each page scanned once, the JSON serialized once.

Material's search plugin runs every page's HTML through Python's HTMLParser,
with a Python callback per tag and per text run. Here its index object is
given an ``add_entry_from_context`` that reads the page with one regular
expression scan instead (render/search_sections.py: the same sections, by the
same rules) and hands them to Material's own ``create_entry_for_section``,
so the entries (locations, titles, text, tags and boosts, and thus ranking)
are Material's. Before the scan, Pygments' token spans are removed from
<pre> blocks: most tags of a playbook page are those spans (258 of 438 in a
generated playbook), and removing them leaves the same entries (a <pre>
block holding any other kind of span is passed on untouched). A page the
scanner does not read (unusual hand-written HTML) goes to Material's parser.
tests/test_search_index.py and tests/test_search_sections.py compare the
entries with Material's on every page of real builds.

The JSON Material serializes is kept (``remember_text``) and written as
search/search_index.js too (``write_script``), instead of the offline plugin
reading the .json back from disk to copy it.

This module never imports MkDocs or Material; plugin.py hands it the search
plugin's index object.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from .search_sections import sections

_PRE = re.compile(r"<pre\b[^>]*>.*?</pre>", re.S)
_ANY_SPAN = re.compile(r"<span\b")
_TOKEN_SPAN = re.compile(r'<span(?: class="[\w -]*")?>|</span>')


def _plain_block(match: re.Match) -> str:
    block = match.group(0)
    opened = len(_ANY_SPAN.findall(block))
    if not opened:
        return block
    tokens = _TOKEN_SPAN.findall(block)
    if len(tokens) != 2 * opened or tokens.count("</span>") != opened:
        return block  # a span that is not a bare token span: leave the block as it is
    return _TOKEN_SPAN.sub("", block)


def without_token_spans(html: str) -> str:
    """``html`` with Pygments' token spans inside <pre> blocks removed (their text stays)."""
    if "<pre" not in html:
        return html
    return _PRE.sub(_plain_block, html)


def _material(index: Any) -> bool:
    """Material's own SearchIndex, whose entries this package knows how to make."""
    return (type(index).__module__.startswith("material.plugins.search")
            and callable(getattr(index, "create_entry_for_section", None)))


def _add_scanned(index: Any, page: Any) -> bool:
    """Add the page's entries from one regex scan (search_sections); False if it must be parsed."""
    content = page.content
    found = sections(without_token_spans(content)) if isinstance(content, str) else None
    if found is None:
        return False
    if (page.meta.get("search") or {}).get("exclude"):
        return True
    first = len(index.entries)
    for section in found:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)
    trim_section_tags(index.entries[first:], page.meta.get("section_tags"))
    return True


def trim_section_tags(entries: list[dict], section_tags: object) -> None:
    """Material copies a page's tags onto every section's entry; with the vocabulary's terms
    that was three quarters of the index every phone downloads. A page that names its
    sections' tags (a playbook: its own terms) keeps the rest on its own entry only."""
    if not isinstance(section_tags, list):
        return
    keep = set(map(str, section_tags))
    for entry in entries[1:]:
        if "tags" in entry:
            entry["tags"] = [tag for tag in entry["tags"] if tag in keep]


def lighten(index: Any) -> None:
    """Make ``index.add_entry_from_context`` scan each page once instead of parsing it.

    Pages the scanner does not read (unusual hand-written HTML) still go
    through Material's parser, without their token spans.
    """
    add: Callable | None = getattr(index, "add_entry_from_context", None)
    if add is None or getattr(add, "_lightened", False):
        return
    scan = _material(index)

    def add_entry_from_context(page) -> None:
        if scan and _add_scanned(index, page):
            return
        content = page.content
        page.content = without_token_spans(content) if isinstance(content, str) else content
        try:
            add(page)
        finally:
            page.content = content

    add_entry_from_context._lightened = True
    index.add_entry_from_context = add_entry_from_context


def remember_text(index: Any) -> None:
    """Keep the JSON ``index.generate_search_index`` returns (once per build) as ``index.text``."""
    generate: Callable | None = getattr(index, "generate_search_index", None)
    if generate is None or getattr(generate, "_remembered", False):
        return

    def generate_search_index(prev) -> str:
        index.text = generate(prev)
        return index.text

    generate_search_index._remembered = True
    index.text = None
    index.generate_search_index = generate_search_index


def write_script(site_dir: str, text: str) -> None:
    """search/search_index.js, read from file:// where a worker cannot fetch the JSON.

    The same bytes Material's offline plugin writes after reading search_index.json back.
    """
    path = Path(site_dir) / "search" / "search_index.js"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("var __index = " + text).encode("utf-8"))
