"""Our playbook template's Markdown read into the tree Python-Markdown's block stage builds.

Input: the page's lines after the real preprocessors (whitespace normalised,
fenced code replaced by stash placeholders). Output: the root element, as
md_in_html and the block parser leave it (raw HTML blocks stashed as they do),
ready for the tree processors. Each reader accepts one shape of block exactly
and raises ``Unsupported`` on anything else; no guess is ever made.
"""
from __future__ import annotations

import html

import xml.etree.ElementTree as etree
from typing import Callable

from markdown.blockprocessors import HashHeaderProcessor

from . import shapes


class Unsupported(Exception):
    """The page has a block this reader cannot prove it reads as the block parser does."""


def _need(condition: bool) -> None:
    if not condition:
        raise Unsupported


class Reader:
    """One page's lines, read block by block into ``root``."""

    def __init__(self, lines: list[str], stash: Callable[[str], str], doc_tag: str = "div",
                 fill: Callable[[etree.Element], None] | None = None) -> None:
        self.lines, self.at, self.stash, self.fill = lines, 0, stash, fill
        self.root = etree.Element(doc_tag)

    def read(self) -> etree.Element:
        while self._skip_blank():
            self._block(self.lines[self.at])
        if self.fill is not None:  # the text of every element but headings (the toc reads those)
            for element in list(self.root.iter()):
                if element.text and element.tag not in _HEADINGS:
                    self.fill(element)
        return self.root

    def _skip_blank(self) -> bool:
        while self.at < len(self.lines) and not self.lines[self.at].strip():
            _need(self.lines[self.at] == "")
            self.at += 1
        return self.at < len(self.lines)

    def _take(self) -> str:
        line = self.lines[self.at]
        self.at += 1
        return line

    def _until(self, closing: str) -> list[str]:
        """The lines up to the line ``closing`` (consumed, not returned)."""
        out = []
        while self.at < len(self.lines):
            line = self._take()
            if line == closing:
                return out
            out.append(line)
        raise Unsupported

    def _run(self) -> list[str]:
        """The lines up to the next blank line."""
        out = []
        while self.at < len(self.lines) and self.lines[self.at]:
            out.append(self._take())
        return out

    def _block(self, line: str) -> None:
        if line.startswith("#"):
            return self._heading()
        reader = _OPENERS.get(line)
        if reader is not None:
            self.at += 1
            return reader(self)
        if shapes.INCIDENT.fullmatch(line) or line == shapes.FIGURE_OPEN:
            return self._raw_block()
        if shapes.PLACEHOLDER.fullmatch(line):
            return self._fence()
        if shapes.LIST_ITEM.match(line):
            return _lists(self)
        return self._paragraph()

    def _heading(self) -> None:
        block = self._run()
        match = HashHeaderProcessor.RE.fullmatch(block[0]) if len(block) == 1 else None
        _need(match is not None)
        element = etree.SubElement(self.root, f"h{len(match.group('level'))}")
        element.text = match.group("header").strip()

    def _paragraph(self) -> None:
        block = self._run()
        _need(len(block) == 1 and shapes.plain_start(block[0]))
        etree.SubElement(self.root, "p").text = block[0]

    def _fence(self) -> None:
        block = self._run()
        _need(len(block) == 1)
        etree.SubElement(self.root, "p").text = block[0]

    def _raw_block(self) -> None:
        """A raw HTML block (no markdown attribute): stashed whole, as md_in_html does."""
        block = self._run()
        figure = block[0] == shapes.FIGURE_OPEN
        _need(len(block) == 3 and block[2] == "</figure>" if figure else len(block) == 1)
        _need(not any(shapes.PLACEHOLDER.search(line) for line in block))
        etree.SubElement(self.root, "p").text = self.stash("\n".join(block) + "\n")

    def _head(self) -> None:
        inner = self._until("</div>")
        _need(len(inner) >= 1 and all(inner))
        lines = inner
        _need(lines[0].startswith('<span class="pb-sev') or shapes.plain_start(lines[0]))
        _need(all(shapes.plain_line(line) for line in lines[1:]))
        div = etree.SubElement(self.root, "div", {"class": "pb-head"})
        div.text = ""
        etree.SubElement(div, "p").text = "\n".join(lines)

    def _symptoms(self) -> None:
        inner = self._until("</details>")
        _need(len(inner) >= 4 and inner[0] == shapes.SYMPTOMS_SUMMARY and inner[1] == "" and inner[-1] == "")
        details = etree.SubElement(self.root, "details", {"class": "pb-symptoms"})
        details.text = ""
        etree.SubElement(details, "summary").text = shapes.SYMPTOMS_SUMMARY[9:-10]
        _list_into(details, inner[2:-1])

    def _steps(self) -> None:
        ol = etree.SubElement(self.root, "ol", {"class": "pb-steps"})
        ol.text = ""
        while True:
            line = self._take() if self.at < len(self.lines) else ""
            if line == "</ol>":
                break
            match = shapes.STEP_OPEN.fullmatch(line)
            _need(match is not None)
            inner = self._until("</li>")
            _need(all(shapes.TAG_LINE.match(l) is None or l.startswith("<input ") for l in inner))
            li = etree.SubElement(ol, "li", {"class": "pb-step", "id": html.unescape(match.group(1))})
            li.text = "\n" + "\n".join(inner) + "\n"
        _need(self.at >= len(self.lines) or not self.lines[self.at])


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_OPENERS = {shapes.HEAD_OPEN: Reader._head, shapes.SYMPTOMS_OPEN: Reader._symptoms,
            shapes.STEPS_OPEN: Reader._steps}


def _lists(reader: Reader) -> None:
    """A list, over blank lines too: a list item after one continues the list (loosely)."""
    lines = reader._run()
    while True:
        resume = reader.at
        while reader.at < len(reader.lines) and reader.lines[reader.at] == "":
            reader.at += 1
        if reader.at < len(reader.lines) and shapes.LIST_ITEM.fullmatch(reader.lines[reader.at]):
            lines += [""] + reader._run()
        else:
            reader.at = resume
            break
    _list_into(reader.root, lines)


def _runs(lines: list[str]) -> list[list[str]]:
    """The lines in blocks, as the block parser splits them (on blank lines)."""
    out: list[list[str]] = [[]]
    for line in lines:
        if line:
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [run for run in out if run]


def _list_into(parent: etree.Element, lines: list[str]) -> None:
    """A list of one-line items, each optionally with a tight nested bullet list.

    As OListProcessor does: a block after the first continues the list; the item before
    it is put in a paragraph, and so is the block's first item (a loose list).
    """
    runs = _runs(lines)
    first = shapes.LIST_ITEM.fullmatch(runs[0][0]) if runs else None
    _need(first is not None and first.group(2) in (None, "1"))
    numbered = first.group(2) is not None
    outer = etree.SubElement(parent, "ol" if numbered else "ul")
    for index, run in enumerate(runs):
        if index:
            _loosen(outer[-1])
        _items(outer, run, numbered, bool(index))


def _loosen(item: etree.Element) -> None:
    if item.text:
        paragraph = etree.Element("p")
        paragraph.text, item.text = item.text, ""
        item.insert(0, paragraph)


def _items(outer: etree.Element, run: list[str], numbered: bool, loose: bool) -> None:
    item = nested = None
    for index, line in enumerate(run):
        top = shapes.LIST_ITEM.fullmatch(line)
        if top is not None:
            _need((top.group(2) is not None) == numbered and shapes.plain_start(top.group(3)))
            item, nested = etree.SubElement(outer, "li"), None
            if loose and index == 0:
                etree.SubElement(item, "p").text = top.group(3)
            else:
                item.text = top.group(3)
            continue
        inner = shapes.NESTED_ITEM.fullmatch(line)
        _need(inner is not None and item is not None and shapes.plain_start(inner.group(1)))
        _need(not (loose and len(outer) and item is outer[len(outer) - 1] and item.text is None))
        if nested is None:
            nested = etree.SubElement(item, "ul")
        etree.SubElement(nested, "li").text = inner.group(1)
