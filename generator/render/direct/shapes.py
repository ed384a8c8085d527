"""What a block of our template's Markdown must look like for ``blocks`` to read it.

A line of content lands at the start of a paragraph or a list item; the block
parser would read some starts as something else (a heading, a list, a rule, a
quote, raw HTML). ``plain_start`` accepts only starts that are text for every
block processor of the known set, so anything else is left to the real parser.
"""
from __future__ import annotations

import re

# Inline tags that may open a paragraph or an item: none is block-level.
_INLINE_TAGS = re.compile(r"<(?:span|a|code|strong|em|br)[ >]")
_PLAIN = re.compile(r"[A-Za-z0-9\u00a0-\U0010ffff\"'(]")
_BOLD = re.compile(r"\*\*[^\s*]")
_NUMBERED = re.compile(r"\d+\.(?:\s|$)")
# A link of our own (its text escaped: no bare bracket inside), never a reference definition.
_LINK = re.compile(r"\[(?:\\.|[^\\\[\]])*\]\(")

PLACEHOLDER = re.compile("\x02wzxhzdk:\\d+\x03")
LIST_ITEM = re.compile(r"(- |(\d+)\. )(.*)")
NESTED_ITEM = re.compile(r"    - (.*)")
STEP_OPEN = re.compile(r'<li class="pb-step" id="([^"<>&]*)" markdown>')
HEAD_OPEN = '<div class="pb-head" markdown>'
SYMPTOMS_OPEN = '<details class="pb-symptoms" markdown>'
SYMPTOMS_SUMMARY = "<summary>Symptoms: is this the right playbook?</summary>"
STEPS_OPEN = '<ol class="pb-steps" markdown>'
INCIDENT = re.compile(r'<div class="pb-incident" data-expire-hours="[0-9]+"></div>')
FIGURE_OPEN = '<figure class="pb-tree" markdown="0">'
TAG_LINE = re.compile(r"</?[A-Za-z!?]")


def plain_start(text: str) -> bool:
    """True when ``text`` opening a block is paragraph text for the block parser."""
    if not text or text[0].isspace() or "\t" in text:  # trailing spaces stay text (a YAML block's end)
        return False
    first = text[0]
    if first == "<":
        return bool(_INLINE_TAGS.match(text))
    if first == "[":
        return bool(_LINK.match(text))
    if first == "*":
        return bool(_BOLD.match(text))
    if first.isdigit() and _NUMBERED.match(text):
        return False
    return bool(_PLAIN.match(first))


def plain_line(text: str) -> bool:
    """A line inside a paragraph or item: any text that no block processor takes as its own."""
    return bool(text) and not text[0].isspace() and "\t" not in text and not text.startswith(("=", "-", "#", ">", "|"))
