"""A sentence beside a chain that says when to move on to one of its levels:

    If Level 2 does not answer within 20 minutes, go straight to Level 3.
    - No answer in 15 min? Call the duty manager.

gives that level ('Level 3', 'the duty manager') its wait ('after: 20m'), with the sentence as its
condition, where the chain left the level's trigger to fill in. The sentence must name the level
it goes to by the words of its name; nothing else is inferred.
"""
from __future__ import annotations

import re

from .found import Found
from .mdparse import Section, strip_md
from .text import duration

# 'If X does not answer within 20 minutes, go straight to Y' / 'No answer in 15 min? Call Y.'
WAIT = re.compile(r"\b(?:no\s+(?:answer|response|ack\w*|reply)|(?:does|do|has|have)\s*(?:not|n't)\s+(?:answer|respond|"
                  r"acknowledg|pick\w* up|repl)\w*|(?:un)?answered)\b.{0,40}?\b(?:within|in|after|for)\s+"
                  r"((?:\d+|[a-z-]+)\s*(?:an?\s+)?(?:minutes?|mins?|m\b|hours?|hrs?|h\b))", re.IGNORECASE)
GOES = re.compile(r"\b(?:go(?:es)?\s+(?:straight\s+|directly\s+)?to|call|page|ring|phone|escalate\s+to|move\s+to|"
                  r"bring\s+in|wake)\s+(?:the\s+)?(.+?)\s*[.!]?$", re.IGNORECASE)


def chain_waits(root: Section, found: Found) -> None:
    if not found.escalation:
        return
    for section in root.walk():
        for block in section.blocks:
            if block.kind not in ("para", "item", "label") or block.lines[0] in found.used:
                continue
            text = strip_md(block.text)
            if _every_step(found, text):
                continue
            wait, goes = WAIT.search(text), None
            if wait:
                goes = GOES.search(text[wait.end():])
            after = duration(wait.group(1)) if wait else None
            level = _level_named(found, goes.group(1)) if goes else _next_step(section, block, found, text)
            if level is None or not after or after == "immediate" or level["triggers"]:
                continue
            level["triggers"].append({"after": after, "condition": text})
            found.use("escalation", block)


# 'Go to the next person after 15 minutes without an answer': the same wait before every step
EVERY_STEP = re.compile(r"\bnext\s+(?:person|level|step|one|tier|contact|name)\b[^.;]{0,30}?\b(?:after|within|in)\s+"
                        r"((?:\d+|[a-z-]+)\s*(?:minutes?|mins?|m\b|hours?|hrs?|h\b))[^.;]{0,40}?"
                        r"\b(?:without|no|unanswered|not)\b[^.;]{0,20}?\b(?:answer|response|reply|ack\w*)", re.IGNORECASE)


def _every_step(found: Found, text: str) -> bool:
    """The sentence gives one wait for every step of the document's one chain: each step after the
    first whose trigger is still to fill in gets it, with the sentence as its condition."""
    match = EVERY_STEP.search(text)
    after = duration(match.group(1)) if match else None
    if not after or after == "immediate" or len({lv.get("_chain") for lv in found.escalation}) > 1:
        return False
    sentence = next(s for s in re.split(r"(?<=[.;])\s+", text) if EVERY_STEP.search(s))
    for level in found.escalation[1:]:
        if not level["triggers"]:
            level["triggers"].append({"after": after, "condition": sentence.strip(" ;")})
    return True


def _next_step(section: Section, block, found: Found, text: str) -> dict | None:
    """'No answer in 15 min' alone between two numbered steps (a label on a drawn arrow, a line
    between items): the wait before the step that comes next."""
    if block.kind != "para" or len(text.split()) > 12:
        return None
    after = section.blocks[section.blocks.index(block) + 1:]
    step = next((b for b in after if b.kind == "item" and b.ordered and b.level == 0), None)
    if step is None or any(b.kind not in ("para", "item") for b in after[:after.index(step)]):
        return None
    words = _plain(step.text)
    named = [lv for lv in found.escalation if _plain(lv["name"]) and (words + " ").startswith(_plain(lv["name"]) + " ")]
    return named[0] if len(named) == 1 else None


def _level_named(found: Found, words: str) -> dict | None:
    """The one level whose name (or its contact's) is the words the sentence gives."""
    wanted = _plain(words)
    named = [lv for lv in found.escalation if wanted and (
        wanted == _plain(lv["name"]) or _plain(lv["name"]).startswith(wanted + " ")
        or any(wanted == _plain(str(found.contacts.get(c, {}).get("name", ""))) for c in lv["contacts"]))]
    return named[0] if len(named) == 1 else None


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", strip_md(text).lower()).split())
