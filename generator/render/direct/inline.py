"""Inline text Python-Markdown's inline stage would only stash (and embolden), done here instead.

The inline stage runs each pattern over the text in priority order. When the text
has none of the characters that start the patterns before ``html`` (code spans,
escapes, links, images, autolinks, line breaks), the only patterns that can match
are ``html`` (each raw tag is stashed and replaced by its placeholder), ``entity``
(an entity is stashed and written back as it was; the serializer leaves an entity
as it is too) and ``em_strong``. Such text, with its tags stashed by the ``html``
pattern's own code, is marked atomic, so the inline stage skips it and the HTML
written is the same. Code spans are taken out first, as the backtick pattern (the first) does, and
become ``<code>`` elements with its escaping. ``**bold**`` runs are done here only in the plainest form
(opened before a letter or digit, closed after one, or after ``:``/``.``/``)``/``?`` before
a space, the end or punctuation; no other star, no underscore), where the delimiter
rules can only pair them in order as strong emphasis; the rest is left to the
inline stage.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any, Callable

from markdown import util
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE
from markdown.util import AtomicString

# The inline patterns this module knows how they match (Python-Markdown with our extensions).
PATTERNS = ("backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
            "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "em_strong")
_TRIGGERS = re.compile(r"[`\\\[\]!_\x02\x03]|  \n")
_LINKS = re.compile(f"{AUTOLINK_RE}|{AUTOMAIL_RE}")
_STASHED = re.compile("\x02wzxhzdk:[0-9]+\x03")  # a raw block's placeholder: no pattern matches it
_CODE = re.compile("\x02C[0-9]+\x03")  # a code span, taken out first (as the backtick pattern runs first)
_CODE_TOKEN = re.compile("\x02C([0-9]+)\x03")
# Opens before a letter or digit (left-flanking, whatever precedes); closes after one (right-flanking),
# or after ':', '.', ')' or '?' when a space, the end or one of '.,:;)?' follows.
_STRONG = re.compile(r"\*\*([A-Za-z0-9](?:[^*\n]*?[A-Za-z0-9])?)\*\*"
                     r"|\*\*([A-Za-z0-9][^*\n]*?[:.)?])\*\*(?=[ .,:;)?]|$)")


def known(md: Any) -> bool:
    return tuple(item.name for item in md.inlinePatterns._priority) == PATTERNS


def filler(md: Any) -> Callable[[etree.Element], None]:
    """``fill(element)``: its text done as the inline stage would, when it is this plain; else left."""
    html = md.inlinePatterns["html"]
    pattern, backtick = html.getCompiledRegExp(), md.inlinePatterns["backtick"]
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
        text, codes = _code_spans(backtick, element.text)
        if text is None or _TRIGGERS.search(_STASHED.sub("", _CODE.sub("", text))) or (
                "<" in text and _LINKS.search(text)):
            return
        done = stashed(text)
        if done is not None:
            _build(element, done, codes)

    return fill


def _code_spans(backtick: Any, text: str) -> tuple[str | None, list[str]]:
    """The text with each code span replaced by a token, and the spans' code, found by the backtick
    processor itself as the inline stage applies it (it runs first); None when it gives text."""
    if "`" not in text:
        return text, []
    codes: list[str] = []
    regex, at = backtick.getCompiledRegExp(), 0
    while True:
        found = next(((node, start, end) for node, start, end in
                      (backtick.handleMatch(match, text) for match in regex.finditer(text, at))
                      if start is not None and end is not None), None)
        if found is None:
            return text, codes
        node, start, end = found
        if node is None:  # a backtick run with no partner: passed over
            at = end
            continue
        if isinstance(node, str):  # escaped backslashes before backticks
            return None, []
        codes.append(node.text)
        token = f"\x02C{len(codes) - 1}\x03"
        text, at = text[:start] + token + text[end:], start + len(token)


def _build(element: etree.Element, text: str, codes: list[str]) -> None:
    """``element``'s text and inline children: strong runs and code spans as the inline stage makes them."""
    parts = _STRONG.split(text) if "*" in text else [text]  # plain, (group 1, group 2), plain, ...
    plain = parts[0::3]
    if any("*" in piece for piece in plain):
        return
    made = etree.Element("made")
    _append(made, plain[0], codes)
    for index, tail in enumerate(plain[1:]):
        strong = etree.SubElement(made, "strong")
        _append(strong, parts[3 * index + 1] or parts[3 * index + 2], codes)
        _append(made, tail, codes)
    element.text = made.text
    for index, child in enumerate(list(made)):
        element.insert(index, child)


def _append(parent: etree.Element, text: str, codes: list[str]) -> None:
    """``text`` (code tokens in it) after ``parent``'s last child, as the inline stage links text."""
    pieces = _CODE_TOKEN.split(text)
    _add_text(parent, pieces[0])
    for index in range(1, len(pieces), 2):
        code = etree.SubElement(parent, "code")
        code.text = AtomicString(codes[int(pieces[index])])
        _add_text(parent, pieces[index + 1])


def _add_text(parent: etree.Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = AtomicString((parent[-1].tail or "") + text)
    else:
        parent.text = AtomicString((parent.text or "") + text)
