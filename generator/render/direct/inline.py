"""Inline text Python-Markdown's inline stage would only stash, stashed here instead.

The inline stage runs each pattern over the text in priority order. When the text
has none of the characters that start the patterns before ``html`` (code spans,
escapes, links, images, autolinks, line breaks) nor emphasis, the only patterns
that can match are ``html`` (each raw tag is stashed and replaced by its
placeholder) and ``entity`` (an entity is stashed and written back as it was; the
serializer leaves an entity as it is too). So such text, with its tags stashed by
the ``html`` pattern's own code, is marked atomic: the inline stage skips it, and
the HTML written is the same. Anything else is left to the inline stage.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE
from markdown.util import AtomicString

# The inline patterns this module knows how they match (Python-Markdown with our extensions).
PATTERNS = ("backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
            "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "em_strong")
_TRIGGERS = re.compile(r"[`\\\[\]!*_\x02\x03]|  \n")
_LINKS = re.compile(f"{AUTOLINK_RE}|{AUTOMAIL_RE}")
_STASHED = re.compile("\x02wzxhzdk:[0-9]+\x03")  # a raw block's placeholder: no pattern matches it


def known(md: Any) -> bool:
    return tuple(item.name for item in md.inlinePatterns._priority) == PATTERNS


def stasher(md: Any) -> Callable[[str], str]:
    """``text`` -> the same text, atomic with its tags stashed, when the inline stage would do only that."""
    html = md.inlinePatterns["html"]
    pattern = html.getCompiledRegExp()
    md.treeprocessors["inline"].stashed_nodes = {}  # what html.handleMatch reads (none: no inline stash yet)

    def atomic(text: str) -> str:
        if _TRIGGERS.search(_STASHED.sub("", text)) or ("<" in text and _LINKS.search(text)):
            return text
        out, last = [], 0
        for match in pattern.finditer(text):
            if "<" in text[last:match.start()]:
                return text
            placeholder, _, _ = html.handleMatch(match, text)
            out += [text[last:match.start()], placeholder]
            last = match.end()
        if "<" in text[last:]:
            return text
        return AtomicString("".join(out) + text[last:])

    return atomic
