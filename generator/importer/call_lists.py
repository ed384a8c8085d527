"""Whom to call, in order, as a numbered list under a heading that asks it:

    ## First: who do I call?
    1. Payments on-call -> +1 555 0101 (wait 10 min)
    2. **Duty manager** (Dana Ruiz, +1 555 0102) - if no answer in 10 minutes, go to 3.

Each item is one level of a chain, in the list's order: whom it goes to is the item's bold lead or
the words before its first arrow, dash, bracket or colon; a phone, address or chat handle in the
rest is that contact's; a name in the brackets ('Dana Ruiz') is the person holding the role. A wait
written on an item ('wait 10 min', 'if no answer in 10 minutes') is how long to wait before the next
item, so it is the next level's 'after'; nothing else about when is inferred. Inside a playbook the
chain is the playbook's own escalation; elsewhere it is a chain of the policy. The items also stay
as written (steps, or the section's text), since a level keeps only whom and when.
"""
from __future__ import annotations

import re

from .arrow_chains import ARROW
from .chain_waits import WAIT
from .prose_chains import WHEN
from .contacts import reach_fields
from ..validate.imported import is_missing
from .found import Found
from .kinds import kind_in_words
from .mdparse import Block, Section, strip_md
from .text import duration, slug

ASKS = re.compile(r"\bwho\b[^.]*\b(?:call|contact|page|ring|phone|escalate|notify|wake|reach)\b|"
                  r"\b(?:call|calling|contact)\s+(?:list|order|sequence|tree)\b|"
                  r"\b(?:call|ring|escalate|contact)\s+in\s+(?:this|that|the following)\s+order\b", re.IGNORECASE)
SPLIT = re.compile(r"\s*(?:→|->|=>|»|⟶)\s*|\s+[-–—]\s+|\s*\(|:\s+|,\s+")
WAIT_WORD = re.compile(r"\bwait\s+(?:for\s+)?(\d+\s*(?:m|min|minutes?|h|hrs?|hours?))\b", re.IGNORECASE)
POSSESSIVE = re.compile(r"^(.+?)['’]s\s+[\w-]+(?:\s[\w-]+)?$")
PERSON = re.compile(r"^[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}$")


def call_lists(root: Section, found: Found, role_contact) -> None:
    for section in root.walk():
        if not section.level or not ASKS.search(strip_md(section.title)):
            continue
        items = [b for b in section.blocks if b.kind == "item" and b.level == 0]
        if not items or not all(b.ordered or ORDINAL.match(b.text) for b in items) or \
                any(line in found.mapped["escalation"] for b in items for line in b.lines):
            continue
        per_item = [_steps(b.text) for b in items]
        steps = [step for group in per_item for step in group]
        if not all(per_item) or len(steps) < 2:
            continue
        home = found.homes.get(section.line, "")
        playbook = next((pb for pb in found.playbooks if home == f"playbook:{pb['id']}"), None)
        if playbook is not None and playbook.get("escalation"):
            continue
        entries = _contacts(steps, found, role_contact, items[0].lines[0])
        said = _lead_condition(section, items[0])
        if said and entries and not entries[0][3]:   # 'If you're on call and you get stuck, the order is:' over the list
            entries[0] = (*entries[0][:3], said)
        if playbook is not None:
            playbook["escalation"] = [{"to": cid, **({"when": when} if when else {}), **({"after": after} if after else {})}
                                      for cid, _, after, when in entries]
            firsts = [sum(len(g) for g in per_item[:i]) for i in range(len(items))]
            _calls(playbook, items, [entries[i] for i in firsts])
        else:
            for cid, who, after, when in entries:
                trigger = {**({"after": after} if after else {}), **({"condition": when} if when else {})}
                found.escalation.append({"id": slug(who), "name": who, "contacts": [cid],
                                         "triggers": [trigger] if trigger else [],
                                         "_chain": strip_md(section.title), "_chain_line": section.line})
        for block in items:   # structured; the items also stay as written
            found.mapped["escalation"].extend(block.lines)


def _lead_condition(section: Section, first: Block) -> str:
    """When the whole order applies, as the sentence over the list says it, or ''."""
    from .staircase_chains import IN_ORDER, _when_first

    lead = next((b for b in reversed(section.blocks[:section.blocks.index(first)]) if b.kind == "para"), None)
    return _when_first(lead.text) if lead is not None and IN_ORDER.search(lead.text) else ""


def _steps(text: str) -> list[tuple[str, str]]:
    """The calls an item gives, in order: one, or several between arrows ('On-call -> +1 555 0101
    (wait 10 min) -> Team lead'), where a part naming nobody (a number, a wait) is the one before's."""
    inline = INLINE_NUMBER.split(text.strip())   # '... - if no answer in 10 minutes, 2. **Network on-call** ...'
    if len(inline) > 1:
        steps = [_steps(part) for part in inline]
        return [step for group in steps for step in group] if all(steps) else []
    parts = ARROW.split(text.strip())
    groups: list[list[str]] = []
    for part in parts:
        if _names_someone(part) or not groups:
            groups.append([part])
        else:
            groups[-1].append(part)
    steps = [_step(group[0]) for group in groups]
    if not all(steps):
        return []
    return [(who, " ".join([rest, *group[1:]]).strip()) for (who, rest), group in zip(steps, groups)]


INLINE_NUMBER = re.compile(r"[,;]\s+(?:then\s+)?[2-9][.)]\s+(?=\*\*|[A-Z])")
FILLER = re.compile(r"\b(?:wait|call|ring|phone|then|or|and|tel|mobile|cell|page|min|mins|minutes?|hours?|if|no|"
                    r"answer|in|after|for)\b", re.IGNORECASE)


def _names_someone(part: str) -> bool:
    from .text import CHANNEL, EMAIL, HANDLE, PHONE_ANY
    cleaned = re.sub(r"\([^)]*\)", " ", strip_md(part))
    for pattern in (PHONE_ANY, EMAIL, CHANNEL, HANDLE):
        cleaned = pattern.sub(" ", cleaned)
    return bool(re.search(r"[A-Za-z]{2,}", FILLER.sub(" ", cleaned)))


PLACE = re.compile(r"^\W*(?:primary|secondary|tertiary|first|second|third|fourth|backup|then|next|finally|last(?: resort)?|"
                   r"(?:level|tier|step|stage)\s*\d+|1st|2nd|3rd|[4-9]th)\W*\s*[:.—–-]\s+(\S.*)$", re.IGNORECASE)
ORDINAL = re.compile(r"^\W*(?:1st|2nd|3rd|[4-9]th|last resort|finally)\s*[:.—–-]\s+\S", re.IGNORECASE)
# 'ring Marta', 'then me (Gav)', 'if no answer in 15 mins try Jonno': what to do, then whom
VERB_LEAD = re.compile(r"^(?:then\s+)?(?:ring|call|phone|try|page|contact|escalate to)\s+(\S.*)$|^then\s+(\S.*)$", re.IGNORECASE)
WHEN_VERB = re.compile(r"^(?P<when>(?:if|when|otherwise)\b.{3,120}?),?\s+(?:then\s+)?(?:ring|call|phone|try|page|contact)\s+"
                       r"(?P<rest>\S.*)$", re.IGNORECASE)
# 'If nobody picks up within 15 minutes:' / 'Still nothing after 30 minutes?' before whom: when to call them
LEAD = re.compile(r"^(?P<when>(?:if|when|still|no\s+answer|nobody|after|otherwise|then)\b[^:?]{0,80}[:?])\s*(?P<rest>\S.*)$",
                  re.IGNORECASE)


def _step(text: str) -> tuple[str, str] | None:
    """(whom, the rest of the item) or None when the item does not start with whom to call; an item
    that starts with when ('If nobody picks up within 15 minutes: the team lead') gives it as
    '<when>' at the end of the rest."""
    place = PLACE.match(text.strip())
    if place:   # 'Primary: Payments on-call (PagerDuty)': the place in the order is the list's own
        return _step(place.group(1))
    verb = VERB_LEAD.match(strip_md(text.strip()))
    if verb:
        return _step(verb.group(1) or verb.group(2))
    when = WHEN_VERB.match(strip_md(text.strip()))
    if when:
        step = _step(when.group("rest"))
        return (step[0], f"{step[1]}\0{when.group('when')}") if step else None
    lead = LEAD.match(strip_md(text.strip()))
    if lead:
        step = _step(re.sub(r"^(?:the|our|your)\s+", "", lead.group("rest"), flags=re.IGNORECASE))
        return (step[0], f"{step[1]}\0{lead.group('when').rstrip(':? ')}") if step else None
    text = text.strip()
    bold = re.match(r"^\*\*([^*]+)\*\*\s*(.*)$", text)
    if bold:
        who, rest = strip_md(bold.group(1)).strip(" :"), bold.group(2)
    else:
        plain = strip_md(text)
        parts = SPLIT.split(plain, maxsplit=1)
        who, rest = parts[0].strip(" .:"), plain[len(parts[0]):]
    if not who or len(who.split()) > 8 or re.search(r"\d{3}", who) or not _a_contact(who, rest):
        return None
    return who, strip_md(rest)


def _a_contact(who: str, rest: str) -> bool:
    """Words that name a role, team or person ('Duty manager', 'Arvid Lind'), or a way to reach them."""
    from .arrow_chains import PEOPLE
    from .kinds import kind_in_words
    from .text import EMAIL, PHONE_ANY
    from .senders import ME
    return bool(PEOPLE.search(who) or kind_in_words(who) or PERSON.match(holder(who)[1] or who)
                or PHONE_ANY.search(rest) or EMAIL.search(rest) or ME.match(who) or FIRST_NAME.fullmatch(who))


# 'Marta' in '1st - ring Marta': a first name, whom the document's phone list gives in full
FIRST_NAME = re.compile(r"(?!(?:Everyone|Everybody|Someone|Somebody|Nobody|Anyone|Support|Security|Management|Engineering)$)"
                        r"[A-Z][a-z]{2,14}")


def _contacts(steps: list[tuple[str, str]], found: Found, role_contact, line: int = 0) -> list[tuple]:
    """(contact id, whom as written, after how long, when as written) per step; a wait written at the
    end of a step is the next one's 'after', one written before whom ('If ... within 15 minutes:') its own."""
    from .senders import ME, who_is_me

    out, waited = [], None
    for who, rest in steps:
        rest, _, when = rest.partition("\0")
        bracket = re.match(r"^\s*\(([^()]*)\)", rest) or re.match(r"^\s*,\s*([^,()]+)", rest) \
            or re.match(r"^\s*[–—]\s*([^–—()]+?)\s*(?:[–—(]|$)", rest)   # '**Duty Manager** – Karin Solberg – mobile ...'
        person = next((p.strip() for p in bracket.group(1).split(",") if PERSON.match(p.strip())), "") \
            if bracket else ""
        if when:   # the item's own 'If nobody answers within 15 minutes:' is when, and after how long
            wait = WAIT_WORD.search(when) or WAIT.search(when) or WHEN.search(when)
            waited = duration(wait.group(1)) if wait and duration(wait.group(1)) != "immediate" else waited
        if not person:
            who, person = holder(who)
        owner = POSSESSIVE.match(who)   # "Fastlane Hosting's emergency line": the line of a contact the document lists
        if owner and not person and slug(owner.group(1)) in found.contacts:
            who = owner.group(1)
        # '2. me - 07700 900322' in Dylan Reyes's e-mail: the list's writer, whom the phone list already has
        sender = who_is_me(found, who, line) if not found.writer else None
        if found.writer and ME.match(who.strip()):
            cid = found.writer
        elif sender:   # 'then me (Gav)' in Gavin Reilly's e-mail: the one who sent it
            cid = role_contact(found, sender[0])
            found.contacts[cid].setdefault("email", sender[1])
        else:
            cid = held_by(found, role_contact, who, person)
        reach_fields(found.contacts[cid], rest)
        out.append((cid, f"{who} ({person})" if person else who, waited, when))
        wait = WAIT_WORD.search(rest) or WAIT.search(rest)
        waited = duration(wait.group(1)) if wait else None
        waited = None if waited == "immediate" else waited
    return out


def held_by(found: Found, role_contact, title: str, person: str) -> str:
    """The contact for a role ('Payments lead'), or for the person holding it ('Arvid Lind', whose
    title it is and whose kind the title's words give: a lead is a person, whatever team it leads)."""
    if not person:
        return role_contact(found, title, title)
    cid = role_contact(found, person)
    contact = found.contacts[cid]
    contact.setdefault("title", title)
    if is_missing(contact.get("kind")):
        contact["kind"] = kind_in_words(title) or contact["kind"]
    return cid


def holder(who: str) -> tuple[str, str]:
    """'Payments lead Arvid Lind' -> ('Payments lead', 'Arvid Lind'): a role, then the person holding it."""
    match = re.match(r"^(.*\b[a-z][\w-]*)\s+([A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+)$", who)
    return (match.group(1), match.group(2)) if match else (who, "")


def _calls(playbook: dict, items: list[Block], entries: list) -> None:
    """A step written from an item says to call its contact: the page shows the contact's number there."""
    wanted = {strip_md(b.text): entry[0] for b, entry in zip(items, entries)}
    for step in (s for group in playbook["steps"].values() for s in group):
        cid = wanted.get(str(step.get("text", "")))
        if cid and "call" not in step:
            step["call"] = cid
