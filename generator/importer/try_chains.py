"""Escalation told in one sentence of whom to try next, the way an e-mail or a memo says it:

    If you can't get hold of me, try Jo, then Mrs Adeyemi, and only after that the Trust helpdesk.

The sentence must say 'then' (or 'after that', 'failing that') between whom it names, so a list
of people that is not an order is never read as one. Each name is matched to a contact the
document lists ('Jo' is 'Jo Finch', 'Mrs Adeyemi' is 'Folasade Adeyemi', 'the Trust helpdesk'
is 'Trust IT helpdesk'), else it is a contact whose details the team fills in. 'me' in the
sentence's condition is the contact the phone list marks '(me)'. The sentence stays in notes
as well: it says more (out of hours, who not to ring) than the levels keep.
"""
from __future__ import annotations

import re

from .found import Found, in_playbook
from .mdparse import Section, strip_md
from .text import slug

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# 'If you can't get hold of me,' / 'If nobody answers,' : the condition before the order
UNREACHED = re.compile(r"^(?P<if>(?:if|when)\b[^,]{0,80}?\b(?:get hold of|reach|get through to|answer\w*|pick\w* up|"
                       r"unavailable|available|respond\w*)\b(?P<whom>[^,]*)),\s*", re.IGNORECASE)
TRY = re.compile(r"^(?:try|call|ring|phone|contact|go to|escalate to)\s+(?P<list>.+?)\s*[.;!]?$", re.IGNORECASE)
NEXT = re.compile(r",?\s+(?:and\s+)?(?:(?:only\s+)?(?:then|after that|failing that|finally|otherwise|next))\s+"
                  r"|,\s+", re.IGNORECASE)
HONORIFIC = re.compile(r"^(?:mrs?|ms|miss|dr|prof)\.?\s+", re.IGNORECASE)
WORD = re.compile(r"[a-z0-9']+")


def try_chains(root: Section, found: Found, role_contact) -> None:
    """The first sentence outside a playbook that names two or more people to try in turn."""
    if found.escalation:
        return
    for section in root.walk():
        if in_playbook(found, section):
            continue
        for block in section.blocks:
            if block.kind != "para" or block.lines[0] in found.used:
                continue
            for sentence in SENTENCE.split(strip_md(block.text)):
                order = _order(sentence, found)
                if len(order) >= 2:
                    _add(order, sentence, found, role_contact)
                    found.mapped["escalation"].extend(block.lines)
                    return


def _order(sentence: str, found: Found) -> list[str]:
    """Whom the sentence tries, in order, or [] when it is not such a sentence."""
    condition = UNREACHED.match(sentence)
    rest = sentence[condition.end():] if condition else sentence
    tried = TRY.match(rest)
    if not tried or not re.search(r"\b(?:then|after that|failing that)\b", tried.group("list"), re.IGNORECASE):
        return []
    names = [_bare(piece) for piece in NEXT.split(tried.group("list"))]
    if not all(names) or any(len(name.split()) > 5 for name in names):
        return []
    whom = condition.group("whom").strip().lower() if condition else ""
    first = [found.writer] if whom == "me" and found.writer else []
    return first + names


def _bare(piece: str) -> str:
    """'Jo', 'the Trust helpdesk', 'the on-call vet': a name, or a role the article says is one; ''
    for words that name nobody ('restarting it')."""
    bare = re.sub(r"^(?:the|our|your)\s+", "", piece.strip(), flags=re.IGNORECASE)
    return bare if re.match(r"^[A-Z0-9]", bare) or bare != piece.strip() else ""


def _add(order: list[str], sentence: str, found: Found, role_contact) -> None:
    for n, who in enumerate(order):
        cid = who if who in found.contacts else _listed(found, who) or role_contact(found, who)
        name = found.contacts[cid].get("name", who) if cid in found.contacts else who
        triggers = [{"condition": sentence}] if n else []   # the first is whom to ring first: no condition
        found.escalation.append({"id": slug(name), "name": name, "contacts": [cid], "triggers": triggers})


def _listed(found: Found, who: str) -> str | None:
    """The one listed contact the words name: a first name, a surname, or words of its name."""
    words = set(WORD.findall(HONORIFIC.sub("", who).lower()))
    matches = [cid for cid, contact in found.contacts.items()
               if words and words <= set(WORD.findall(str(contact.get("name", "")).lower()))]
    return matches[0] if len(matches) == 1 else None
