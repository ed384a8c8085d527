"""Response times said for several levels in one sentence, beside the ladder that lists them.

'A P1 must be acknowledged within 15 minutes and a P2 within 1 hour, day or night.' under a
table of P1-P4 with no time column: P1 is 15m and P2 1h; P3 and P4 stay FILL IN. A level gets a
time only from the words between its id and the next level's id, and only in a sentence that
says respond (acknowledge, engage, pick up ...). The sentence stays in notes as written.
"""
from __future__ import annotations

import re

from .found import Found
from .mdparse import Section, strip_md
from .prose import RESPOND_SENTENCE
from .text import duration

WITHIN = re.compile(r"\b(?:within|in under|under|inside)\s+(?:an?\s+|one\s+)?\d*\.?\d*\s*(?:minutes?|mins?|hours?|hrs?|h|m|days?)\b",
                    re.IGNORECASE)


def level_sentences(root: Section, found: Found) -> None:
    """Times for the ladder's levels that have none, from sentences naming two levels or more."""
    untimed = {lid for lid, entry in found.levels.items() if not entry.get("response_time")}
    if len(found.levels) < 2 or not untimed:
        return
    for section in root.walk():
        for block in section.blocks:
            if block.kind != "para" or block.lines[0] in found.used:
                continue
            timed = _times(strip_md(block.text), _mentions(found.levels))
            given = {lid: t for lid, t in timed.items() if lid in untimed}
            for lid, time in given.items():
                found.levels[lid]["response_time"] = time
                untimed.discard(lid)
            if given:
                found.mapped["severities"].extend(block.lines)   # structured; the sentence stays in notes


def _mentions(levels: dict) -> list[tuple[re.Pattern, str]]:
    """A pattern per level finding it as a sentence writes it: 'P1', 'P 1', 'SEV-1', 'Sev1', 'G1' for 'G-1'."""
    out = []
    for lid in levels:
        parts = re.match(r"^([A-Za-z]+)[\s-]?(\d{1,2})$", lid)
        if parts:
            word = {"SEV": "sev(?:erity)?", "P": "p(?:riority)?"}.get(parts.group(1).upper(), re.escape(parts.group(1)))
            out.append((re.compile(rf"\b{word}[\s-]?{parts.group(2)}\b", re.IGNORECASE), lid))
    return out


def _times(text: str, patterns: list[tuple[re.Pattern, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if not RESPOND_SENTENCE.search(sentence):
            continue
        mentions = sorted(((m, lid) for pattern, lid in patterns for m in pattern.finditer(sentence)),
                          key=lambda found: found[0].start())
        if len({lid for _, lid in mentions}) < 2:
            continue
        for n, (match, lid) in enumerate(mentions):
            end = mentions[n + 1][0].start() if n + 1 < len(mentions) else len(sentence)
            within = WITHIN.search(sentence[match.end():end])
            if within and duration(within.group(0)) not in (None, "immediate"):
                out.setdefault(lid, duration(within.group(0)))
    return out
