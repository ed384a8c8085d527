"""Escalation chains told in sentences that name people without marking them up:

    First ring the Duty Coordinator. If you cannot reach them within 15 minutes, ring Margaret
    as Operations Manager. If it is a Red and Margaret has not answered, ring Sunil, our Chief
    Executive.

Read only under a heading about escalation (or on-call), only when no other pass found a chain,
and after the contacts are read: each sentence whose verb brings someone in ('ring', 'call',
'page', 'escalate to', 'tell') names the next step with the capitalised words after the verb
('the Duty Coordinator', 'Margaret'), matched to a listed contact by full name, by a first name
only one contact has, or by title; a name no contact has becomes a role contact for the team to
fill in. The sentence's time ('within 15 minutes') is when the step is reached, else the sentence
is its condition, as written. The paragraphs also stay in notes: the levels keep only who and when.
"""
from __future__ import annotations

import re

from .found import Found, in_playbook
from .mdparse import Section, strip_md, titled
from .prose_chains import ABOUT, SENTENCE, WHEN
from .text import duration, slug

# the verb, an article or 'our', then a capitalised name or title of up to five words
CALLED = re.compile(r"\b(?:ring|rings|call|calls|phone|phones|page|pages|contact|contacts|escalate to|escalates to|"
                    r"tell|tells|inform|informs|notify|notifies)\s+(?:the\s+|our\s+|your\s+)?"
                    r"(?P<who>[A-Z][\w'’.-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w'’-]*){0,4})")
NOT_PEOPLE = re.compile(r"^(?:If|When|Then|Do|Don't|Please|It|They|Them|You|We|I)$")


def plain_chains(root: Section, found: Found, role_contact) -> None:
    """The chain of the first section about escalation whose sentences bring in two people or more."""
    if found.escalation:
        return
    for section in root.walk():
        if not section.level or not titled(section, ABOUT) or in_playbook(found, section):
            continue
        blocks = [b for b in section.blocks if b.kind == "para" and b.lines[0] not in found.used]
        steps = [(block, sentence, who) for block in blocks for sentence in sentences(strip_md(block.text))
                 for who in _named(sentence)]
        if len({slug(who) for _, _, who in steps}) >= 2:
            for block, sentence, who in _first_mentions(steps):
                _add(section, block, sentence, who, found, role_contact)
            return


TITLE_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Rev|Revd|Prof|Sr|Jr|St|Capt|Col|Lt|Sgt|Fr)\.$")


def sentences(text: str) -> list[str]:
    """The text's sentences; 'Rev. Anne Holloway' and 'Dr. Lee' do not end one."""
    out: list[str] = []
    for piece in SENTENCE.split(text):
        if out and TITLE_ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _named(sentence: str) -> list[str]:
    """Who the sentence brings in, in its order: 'Margaret as Operations Manager' is Margaret."""
    names = []
    for match in CALLED.finditer(sentence):
        who = re.split(r"\s+(?:as|and|if|when|or)\s+|,", match.group("who"))[0].strip(" .")
        if who and not NOT_PEOPLE.match(who.split()[0]):
            names.append(who)
    return names


def _first_mentions(steps: list) -> list:
    seen, out = set(), []
    for step in steps:
        if slug(step[2]) not in seen:
            seen.add(slug(step[2]))
            out.append(step)
    return out


def _add(section: Section, block, sentence: str, who: str, found: Found, role_contact) -> None:
    cid = _listed(found, who) or role_contact(found, who)
    name = str(found.contacts[cid].get("name") or who)
    when = WHEN.search(sentence)
    after = duration(when.group(1)) if when else None
    trigger = {"after": after} if after and after != "immediate" else {"condition": sentence.strip()}
    found.escalation.append({"id": slug(name), "name": name, "contacts": [cid], "triggers": [trigger],
                             "_chain": strip_md(section.title), "_chain_line": section.line})
    found.mapped["escalation"].extend(block.lines)


def _listed(found: Found, who: str) -> str | None:
    """The contact the words name: the same name or title, or the one contact with that first name."""
    wanted = who.lower()
    same = [cid for cid, c in found.contacts.items()
            if wanted in (str(c.get("name", "")).lower(), str(c.get("title", "")).lower())]
    if same:
        return same[0]
    first = [cid for cid, c in found.contacts.items() if str(c.get("name", "")).lower().split()[:1] == [wanted]]
    return first[0] if len(first) == 1 and " " not in wanted else None
