"""Inline text Python-Markdown's inline stage would only stash (and embolden), done here instead.

The inline stage runs each pattern over the text in priority order. When the text
has none of the characters that start the patterns before ``html`` (code spans,
escapes, links, images, autolinks, line breaks), the only patterns that can match
are ``html`` (each raw tag is stashed and replaced by its placeholder), ``entity``
(an entity is stashed and written back as it was; the serializer leaves an entity
as it is too) and ``em_strong``. Such text, with its tags stashed by the ``html``
pattern's own code, is marked atomic, so the inline stage skips it and the HTML
written is the same. ``**bold**`` runs are done here only in the plainest form
(opened before a letter or digit, closed after one, or after ``:``/``.``/``)``/``?`` before
a space, the end or punctuation; no other star, no underscore), where the delimiter
rules can only pair them in order as strong emphasis; the rest is left to the
inline stage.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any, Callable

from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE
from markdown.util import AtomicString

# The inline patterns this module knows how they match (Python-Markdown with our extensions).
PATTERNS = ("backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
            "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "em_strong")
_TRIGGERS = re.compile(r"[`\\\[\]!_\x02\x03]|  \n")
_LINKS = re.compile(f"{AUTOLINK_RE}|{AUTOMAIL_RE}")
_STASHED = re.compile("\x02wzxhzdk:[0-9]+\x03")  # a raw block's placeholder: no pattern matches it
# Opens before a letter or digit (left-flanking, whatever precedes); closes after one (right-flanking),
# or after ':', '.', ')' or '?' when a space, the end or one of '.,:;)?' follows.
_STRONG = re.compile(r"\*\*([A-Za-z0-9](?:[^*\n]*?[A-Za-z0-9])?)\*\*"
                     r"|\*\*([A-Za-z0-9][^*\n]*?[:.)?])\*\*(?=[ .,:;)?]|$)")


def known(md: Any) -> bool:
    return tuple(item.name for item in md.inlinePatterns._priority) == PATTERNS


def filler(md: Any) -> Callable[[etree.Element], None]:
    """``fill(element)``: its text done as the inline stage would, when it is this plain; else left."""
    html = md.inlinePatterns["html"]
    pattern = html.getCompiledRegExp()
    md.treeprocessors["inline"].stashed_nodes = {}  # what html.handleMatch reads (none: no inline stash yet)

    def stashed(text: str) -> str | None:
        out, last = [], 0
        for match in pattern.finditer(text):
            if "<" in text[last:match.start()]:
                return None
            placeholder, _, _ = html.handleMatch(match, text)
            out += [text[last:match.start()], placeholder]
            last = match.end()
        return None if "<" in text[last:] else "".join(out) + text[last:]

    def fill(element: etree.Element) -> None:
        text = element.text
        if _TRIGGERS.search(_STASHED.sub("", text)) or ("<" in text and _LINKS.search(text)):
            return
        done = stashed(text)
        if done is not None and "*" not in done:
            element.text = AtomicString(done)
        elif done is not None:
            _embolden(element, done)

    return fill


def _embolden(element: etree.Element, text: str) -> None:
    parts = _STRONG.split(text)  # plain, (group 1, group 2), plain, ...
    plain = parts[0::3]
    if any("*" in piece for piece in plain):
        return
    element.text = AtomicString(plain[0]) if plain[0] else None
    for index, tail in enumerate(plain[1:]):
        strong = etree.Element("strong")
        strong.text = AtomicString(parts[3 * index + 1] or parts[3 * index + 2])
        strong.tail = AtomicString(tail) if tail else None
        element.insert(index, strong)
