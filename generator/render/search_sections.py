"""A page's search sections in one regex pass, the same as Material's HTML parser finds them.

Material's search plugin feeds every page through ``html.parser.HTMLParser``
and a Python callback per tag and per text run; with its set operations on
each callback that was the largest cost of a build left to remove. This
module tokenizes the HTML with one compiled expression and runs the same
state machine (section per heading with an id, kept tags p/code/pre/li/ol/
ul/sub/sup, skipped script/style/object and data-search-exclude/linenodiv
blocks, permalinks left out of titles, whitespace collapsed outside <pre>),
with its quirks: Material compares elements by tag name only, so an open
element "is" the section's heading or a skipped element whenever one of
the same tag is open.

Only well-formed markup as the sanitizer (nh3) writes it is read here:
lowercase tag names, double-quoted attribute values, no comments,
declarations, ``/>`` or raw-text elements with markup inside. Anything else
returns None and the caller hands the page to Material's own parser, so a
hand-written page with unusual HTML is indexed exactly as before.
tests/test_search_sections.py compares both on every page of built sites and
on generated HTML.
"""
from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser

_TOKEN = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:\s+[A-Za-z_:][-\w:.]*(?:="[^"]*")?)*)>|([^<]+)')
_ATTR = re.compile(r'([A-Za-z_:][-\w:.]*)(?:="([^"]*)")?')
_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_KEEP = frozenset(("p", "code", "pre", "li", "ol", "ul", "sub", "sup"))
_ALWAYS_SKIPPED = ("object", "script", "style")
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"))
# Elements whose content HTMLParser reads as raw text (which ones depends on the Python version).
_RAW_TEXT = frozenset((*HTMLParser.CDATA_CONTENT_ELEMENTS,
                       *getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ())))


class Unsupported(Exception):
    """Markup this scanner does not read exactly like HTMLParser: use Material's parser."""


class Section:
    """What Material's SearchIndex.create_entry_for_section reads: id, title and text."""

    __slots__ = ("tag", "excluded", "depth", "id", "title", "text")

    def __init__(self, tag: str, depth: float = 0, excluded: bool = False) -> None:
        self.tag, self.depth, self.excluded = tag, depth, excluded
        self.id: str | None = None
        self.title: list[str] = []
        self.text: list[str] = []

    def is_excluded(self) -> bool:
        return self.excluded


_NO_ATTRIBUTES: dict = {}


def _attributes(tag: str, text: str) -> dict:
    """The attributes Material reads (id, class, data-search-exclude), parsed only where present."""
    if not text or not (tag in _HEADINGS or tag == "a" or "&" in text or "linenodiv" in text
                        or "data-search-exclude" in text.lower()):
        return _NO_ATTRIBUTES
    found = {}
    for match in _ATTR.finditer(text):
        value = match.group(2)
        found[match.group(1).lower()] = None if value is None else unescape(value)
    return found


class _Scan:
    """Material's Parser (material/plugins/search/plugin.py), event for event."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.links: list[bool] = []  # per open element: is it a permalink (a.headerlink)
        self.open: dict[str, int] = {}
        self.headerlinks = 0
        self.skipped = set(_ALWAYS_SKIPPED)
        self.skip_open = 0  # open elements whose tag is in ``skipped``
        self.section: Section | None = None
        self.found: list[Section] = []

    def skipping(self) -> bool:
        return self.skip_open > 0

    def skip(self, tag: str) -> None:
        if tag not in self.skipped:
            self.skipped.add(tag)
            self.skip_open += self.open[tag]

    def target(self) -> list[str]:
        section = self.section
        return section.title if self.open.get(section.tag) else section.text

    def preface(self) -> None:
        if self.section is None:
            self.section = Section("hx")
            self.found.append(self.section)

    def start(self, tag: str, attrs: dict) -> None:
        if tag in _VOID:
            return
        self.stack.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        self.skip_open += tag in self.skipped
        link = tag == "a" and attrs.get("class") == "headerlink"
        self.links.append(link)
        self.headerlinks += link
        if tag in _HEADINGS and "id" in attrs:
            self.heading(tag, attrs)
        self.preface()
        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            self.skip(tag)
            return
        if tag in _KEEP and not self.skipping():
            self.target().append(f"<{tag}>")

    def heading(self, tag: str, attrs: dict) -> None:
        depth = len(self.stack)
        if attrs["id"] is None:
            raise Unsupported("a heading id without a value")
        if tag != "h1" and not self.found:
            self.found.append(Section("hx", depth))
        section = Section(tag, depth, "data-search-exclude" in attrs)
        if self.found:
            section.id = attrs["id"]
        self.found.append(section)
        self.section = section

    def end(self, tag: str) -> None:
        stack = self.stack
        if not stack or stack[-1] != tag:
            return
        if self.section.depth > len(stack):  # leaving the element a heading was nested in
            for section in reversed(self.found):
                if section.depth <= len(stack):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        stack.pop()
        self.open[tag] -= 1
        self.headerlinks -= self.links.pop()
        if tag in self.skipped:
            self.skip_open -= 1
            if tag not in _ALWAYS_SKIPPED:
                self.skipped.remove(tag)
                self.skip_open -= self.open[tag]
            return
        if tag in _KEEP and not self.skipping():
            self.close_kept(tag)

    def close_kept(self, tag: str) -> None:
        data = self.target()
        try:
            index = data.index(f"<{tag}>")  # Material looks for the first one, as here
        except ValueError:
            raise Unsupported("a closing tag whose opening tag was not kept") from None
        for position in range(index + 1, len(data)):
            if not data[position].isspace():
                data.append(f"</{tag}>")
                return
        del data[index:]  # an empty element (or only whitespace) is dropped

    def data(self, text: str) -> None:
        if self.skipping():
            return
        in_pre = bool(self.open.get("pre"))
        if not in_pre:
            text = " " if text.isspace() else text.replace("\n", " ")
        self.preface()
        section = self.section
        if self.open.get(section.tag):
            if not self.headerlinks:
                section.title.append(escape(text, quote=False))
        elif text.isspace():
            kept = section.text
            if not kept or not kept[-1].isspace() or in_pre:
                kept.append(text)
        else:
            section.text.append(escape(text, quote=False))

    def run(self, html: str) -> list[Section]:
        position, raw = 0, None
        for match in _TOKEN.finditer(html):
            if match.start() != position:
                raise Unsupported(f"markup at offset {position}")
            position = match.end()
            closing, tag, attrs, text = match.groups()
            if raw is not None and (text is None and not (closing and tag == raw)):
                raise Unsupported(f"markup inside <{raw}>")
            if text is not None:
                self.data(unescape(text))
            elif closing:
                if attrs:
                    raise Unsupported("attributes on a closing tag")
                raw = None
                self.end(tag)
            else:
                raw = tag if tag in _RAW_TEXT else None
                self.start(tag, _attributes(tag, attrs))
        if position != len(html):
            raise Unsupported(f"markup at offset {position}")
        return self.found


def sections(html: str) -> list[Section] | None:
    """The page's sections as Material's parser makes them, or None where it must parse."""
    try:
        return _Scan().run(html)
    except Unsupported:
        return None
