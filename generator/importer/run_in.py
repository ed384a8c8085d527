"""Run-in headings: a paragraph that opens with its title in bold, ending in a full stop, the way
prose documents head their parts without a heading line:

    **Ingest falling behind.** The sensors post to ingest ... Check how far behind the stream is:

Where a section has two such paragraphs or more, each starts a sub-section of its own, titled by
the bold words, holding the rest of its paragraph and every block up to the next one; the
paragraphs before the first stay where they are. One bold sentence alone is emphasis, not a
heading, and '**Note.**' or '**Warning.**' is a remark to the reader, never a part's title.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .mdparse import Block, Section

RUN_IN = re.compile(r"^\*\*(?P<title>[^*]{3,80}?)(?P<stop>[.!?])?\*\*(?(stop)|[.!?])\s+(?P<rest>\S.*)$", re.DOTALL)
ASIDE = re.compile(r"^(?:notes?|warning|caution|tip|important|info|danger|attention|example|update|edit|"
                   r"nb|ps|tl;?dr|disclaimer|seriously)$", re.IGNORECASE)


def run_in_sections(root: Section) -> None:
    """Split every section with two run-in headings or more into sub-sections, in place (before the
    tree is complete)."""
    stack = [root]
    while stack:
        section = stack.pop()
        stack.extend(section.children)
        heads = [n for n, block in enumerate(section.blocks) if _title(block)]
        if len(heads) >= 2:
            _split(section, heads)


def _title(block: Block) -> str:
    if block.kind != "para" or block.quoted or block.aside:
        return ""
    match = RUN_IN.match(block.text)
    if not match or len(match.group("title").split()) > 10 or ASIDE.match(match.group("title").strip()) \
            or LEVEL_LEAD.match(match.group("title")):
        return ""
    return match.group("title").strip()


# '**P1 \\- Presses stopped.** Both press lines down ...': a ladder's level, which the ladder passes read
LEVEL_LEAD = re.compile(r"^\s*(?:level|severity|sev|priority|tier|class|category|p|s)[\s-]?\d{1,2}\b", re.IGNORECASE)


def _split(section: Section, heads: list[int]) -> None:
    blocks = section.blocks
    parts, kept = [], blocks[:heads[0]]
    for n, start in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(blocks)
        lead = blocks[start]
        rest = replace(lead, text=RUN_IN.match(lead.text).group("rest"))
        body = blocks[start + 1:end]
        if STUB.match(rest.text):   # '**Push notifications.** TODO - ...': nothing more is that part's
            kept, body = kept + body, []
        parts.append(Section(_title(lead), section.level + 1, lead.lines[0], [rest] + body, parent=section))
    section.blocks = kept
    section.children[:0] = parts


STUB = re.compile(r"^\W*(?:TODO|TBD|TBC|FIXME)\b", re.IGNORECASE)
