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

from .found import Found, free_paragraphs
from .mdparse import Section, strip_md
from .text import slug
from ..validate.imported import is_missing

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# 'If you can't get hold of me,' / 'If nobody answers,' : the condition before the order
UNREACHED = re.compile(r"^(?P<if>(?:if|when)\b[^,]{0,80}?\b(?:get hold of|reach|get through to|answer\w*|pick\w* up|"
                       r"unavailable|available|respond\w*)\b(?P<whom>[^,]*)),\s*", re.IGNORECASE)
TRY = re.compile(r"^(?:try|call|ring|phone|contact|go to|escalate to|(?:the\s+)?(?:escalation\s+)?order\s+is\s*:?|"
                 r"escalate\s+in\s+(?:this|that|the following)\s+order\s*:?)\s+(?P<list>.+?)\s*[.;!]?$", re.IGNORECASE)
# 'then Amara (CEO, +1 415 555 0139) if it's a P0 and Jonah isn't picking up': when, not whom
CONDITION_TAIL = re.compile(r"\s+(?:if|when|unless|but|once|only if)\b.*$", re.IGNORECASE)
BRACKET = re.compile(r"\s*\(([^()]*)\)")
NEXT = re.compile(r",?\s+(?:and\s+)?(?:(?:only\s+)?(?:then|after that|failing that|finally|otherwise|next))\s+"
                  r"|,\s+", re.IGNORECASE)
HONORIFIC = re.compile(r"^(?:mrs?|ms|miss|dr|prof)\.?\s+", re.IGNORECASE)
WORD = re.compile(r"[a-z0-9']+")


def try_chains(root: Section, found: Found, role_contact) -> None:
    """The first sentence outside a playbook that names two or more people to try in turn."""
    if found.escalation:
        return
    for block in free_paragraphs(root, found):
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
    named = [(_bare(name), remarks, when) for name, remarks, when in _pieces(tried.group("list"))]
    if not all(name for name, _, _ in named) or any(len(name.split()) > 5 for name, _, _ in named):
        return []
    whom = condition.group("whom").strip().lower() if condition else ""
    first = [(found.writer, [], "")] if whom == "me" and found.writer else []
    return first + named


def _pieces(text: str) -> list[tuple[str, list[str], str]]:
    """Each one tried, with what its brackets say ('Jonah (CTO, +1 415 555 0172)': 'Jonah', and 'CTO,
    +1 ...'); a comma inside brackets parts nobody, and a condition after the name is not part of it."""
    remarks: list[str] = []

    def masked(match: re.Match) -> str:
        remarks.append(match.group(1))
        return f"\x00{len(remarks) - 1}\x00"

    out = []
    for piece in NEXT.split(BRACKET.sub(masked, text)):
        said = [remarks[int(k)] for k in re.findall(r"\x00(\d+)\x00", piece)]
        piece = re.sub(r"\x00\d+\x00", "", piece)
        tail = CONDITION_TAIL.search(piece)
        out.append((piece[:tail.start()].strip() if tail else piece.strip(), said, tail.group(0).strip() if tail else ""))
    return out


def _bare(piece: str) -> str:
    """'Jo', 'the Trust helpdesk', 'the on-call vet': a name, or a role the article says is one; ''
    for words that name nobody ('restarting it')."""
    bare = re.sub(r"^(?:the|our|your)\s+", "", piece.strip(), flags=re.IGNORECASE)
    return bare if re.match(r"^[A-Z0-9]", bare) or bare != piece.strip() else ""


def _add(order: list[tuple[str, list[str], str]], sentence: str, found: Found, role_contact) -> None:
    from .contacts import reach_fields
    from .kinds import kind_in_words

    for n, (who, remarks, when) in enumerate(order):
        cid = who if who in found.contacts else _listed(found, who) or role_contact(found, who)
        for remark in remarks:   # '(CTO, +1 415 555 0172)': their title and number
            title = remark.split(",")[0].strip()
            if remark != title and TITLE.match(title):
                found.contacts[cid].setdefault("title", title)
                if is_missing(found.contacts[cid].get("kind")):   # 'CTO': the title says a person
                    found.contacts[cid]["kind"] = kind_in_words(title) or found.contacts[cid]["kind"]
            reach_fields(found.contacts[cid], remark)
        name = found.contacts[cid].get("name", who) if cid in found.contacts else who
        # the first is whom to ring first: no condition; 'then Amara ... if it's a P0': that is hers
        triggers = [{"condition": when or sentence}] if n else []
        found.escalation.append({"id": slug(name), "name": name, "contacts": [cid], "triggers": triggers})


TITLE = re.compile(r"^[A-Z][\w&/ -]{1,40}$")   # 'CTO', 'Head of Platform': a title, no number


def _listed(found: Found, who: str) -> str | None:
    """The one listed contact the words name: a first name, a surname, or words of its name."""
    words = set(WORD.findall(HONORIFIC.sub("", who).lower()))
    matches = [cid for cid, contact in found.contacts.items()
               if words and words <= set(WORD.findall(str(contact.get("name", "")).lower()))]
    return matches[0] if len(matches) == 1 else None
