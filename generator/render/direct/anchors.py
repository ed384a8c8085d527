"""The ids MkDocs' raw-HTML scan finds in a page, found without an HTML parser when its tags are plain.

``Page.render`` feeds the whole page (fences already stashed) to an HTML parser to
collect ``id`` (and ``<a name>``) attributes; on a playbook page that scan was a
sixth of the conversion. When every ``<`` in the text opens a well-formed tag
(a name, attributes with double-quoted values or none, no comment, declaration or
processing instruction) and no raw-text element (script, style, title...) holds
another tag, the parser sees exactly these tags, so a regular expression finds the
same attributes. Anything else is scanned by MkDocs' own parser.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

_START = re.compile(r'<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*)\s*/?>')
_END = re.compile(r"</[a-zA-Z][a-zA-Z0-9-]*\s*>")
_ATTRIBUTE = re.compile(r'\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"<>]*)")?')
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                       "noscript", "plaintext"})


def _tag_ids(tag: str, attributes: str, ids: set) -> bool:
    for match in _ATTRIBUTE.finditer(attributes):
        name, value = match.group(1).lower(), match.group(2)
        if name == "id" or (name == "name" and tag == "a"):
            if value is None:
                return False
            ids.add(html.unescape(value) if "&" in value else value)
    return True


def plain_ids(text: str) -> set[str] | None:
    """The anchors the parser would find, or None when the text is not plain enough to tell."""
    ids: set[str] = set()
    at = text.find("<")
    while at != -1:
        start = _START.match(text, at)
        if start is None:
            end = _END.match(text, at)
            if end is None:
                return None
            at = text.find("<", end.end())
            continue
        tag = start.group(1).lower()
        if not _tag_ids(tag, start.group(2), ids):
            return None
        at = text.find("<", start.end())
        if tag in _RAW_TEXT and not text.lower().startswith(f"</{tag}", at):
            return None
    return ids


def preprocessor() -> Any:
    """MkDocs' raw-HTML anchor preprocessor, answering from ``plain_ids`` when it can."""
    return _preprocessor_class()()


@lru_cache(maxsize=1)
def _preprocessor_class() -> type:
    from mkdocs.structure.pages import _RawHTMLPreprocessor

    class _PlainAnchors(_RawHTMLPreprocessor):
        def run(self, lines: list[str]) -> list[str]:
            found = plain_ids("\n".join(lines))
            if found is None:
                return super().run(lines)
            self.present_anchor_ids = found
            return lines

    return _PlainAnchors
