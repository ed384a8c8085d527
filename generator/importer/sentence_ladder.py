"""A severity ladder told in one paragraph, a sentence or more per level, as a README says it:

    We use four levels. P0 means growers can't see their data at all ... whoever is on call should
    be looking at it within 15 minutes, day or night. P1 means something important is broken ...
    P2 is a bug that's annoying but has a workaround ... P3 is everything else ...

Where no other shape gave a ladder: a paragraph in which three levels or more (two, when it says
'levels', 'severity' or 'priority') each open a sentence with their id and what it is ('means',
'is', 'covers', a dash or a colon). A level's description is its sentences as written, up to the
next level's; its response time and paging come only from those sentences. The paragraph also
stays in notes as written: what it says before the first level belongs to no level.
"""
from __future__ import annotations

import re

from .found import Found
from .mdparse import Section, strip_md

LEVEL_OPENS = re.compile(r"(?:^|(?<=[.!?;]\s)|(?<=[.!?;]\s\s))(?P<id>(?:P|SEV|Sev|sev|Priority|Severity|Level|S)[\s-]?\d{1,2})"
                         r"(?=\s+(?:means|is|are|covers|applies|stands for|=)\b|\s*[—–:(]|\s+-\s)")
LADDER_WORD = re.compile(r"\blevels?\b|\bseverit|\bpriorit", re.IGNORECASE)


def sentence_ladder(root: Section, found: Found, make_level) -> None:
    """The first paragraph that is such a ladder, when the document has no other."""
    if found.levels:
        return
    for section in root.walk():
        for block in section.blocks:
            if block.kind != "para" or block.lines[0] in found.used:
                continue
            text = strip_md(block.text)
            opens = list(LEVEL_OPENS.finditer(text))
            ids = [_key(m.group("id")) for m in opens]
            if len(set(ids)) != len(ids) or len(ids) < (2 if LADDER_WORD.search(text) else 3):
                continue
            _add(text, opens, found, make_level)
            found.mapped["severities"].extend(block.lines)   # structured; the paragraph stays in notes
            return


def _key(level: str) -> str:
    return re.sub(r"[\s-]", "", level).upper()


def _add(text: str, opens: list[re.Match], found: Found, make_level) -> None:
    from .ladders import level_id
    from .prose import sentence_facts

    for n, match in enumerate(opens):
        end = opens[n + 1].start() if n + 1 < len(opens) else len(text)
        said = text[match.start():end].strip()
        lid = level_id(match.group("id")) or _key(match.group("id"))
        entry = make_level(found, lid, match.group("id"))
        entry["_by_order"] = True
        entry.setdefault("_order", len(found.levels))
        entry.setdefault("description", said)
        sentence_facts(entry, said)
