"""Escalation chains written on one line with arrows, as footers and cheat sheets give them:

    *Anything not covered here: Platform Ops on-call → the owning dev on-call → Duty manager (+1 555 0150).*

Three or more short parts between arrows, most of them people or teams, are the steps of the
chain in order; a number in brackets after a step is its contact's phone. The line says nothing
about when to move on, so each step's trigger is left for a human to fill in, and the line also
stays in notes as written. ``A → B → C`` of
systems ('CDN → load balancer → API') is not a chain: its parts are not people.
"""
from __future__ import annotations

import re

from .contacts import reach_fields
from .found import Found
from .mdparse import Section, strip_md
from .prose_chains import WHEN
from .text import duration, slug

# ('NOC ANALYST  >  NOC SHIFT LEAD  >  CTO': a typed card's '>', set apart by spaces, is an arrow too)
ARROW = re.compile(r"\s*(?:→|->|=>|»|⟶|➜|➔|➡️?|⇒)\s*|(?<=\S)\s+>\s+(?=\S)")
PEOPLE = re.compile(r"\b(?:on-?call|manager|lead|engineer|team|desk|director|head|cto|ciso|cio|vp|support|duty|"
                    r"owner|sre|ops|commander|supervisor|admin\w*|officer|chief|executive|escalation)\b",
                    re.IGNORECASE)
BRACKETED = re.compile(r"\s*\(([^()]*)\)\s*$")


def arrow_chains(root: Section, found: Found, role_contact) -> None:
    """The first arrow line of the document that names a chain of people, when no other shape gave one."""
    if found.escalation:
        return
    for section in root.walk():
        for block in section.blocks:
            if block.kind not in ("para", "item", "label") or block.lines[0] in found.used:
                continue
            steps = _steps(strip_md(block.text), known_names(found))
            if steps:
                _add(steps, found, role_contact)
                found.mapped["escalation"].extend(block.lines)   # structured; the line stays in notes as written
                return


def playbook_arrows(root: Section, found: Found, role_contact) -> None:
    """'Escalate if it is not fixed: DBA on-call → Storage lead → CTO' as a playbook's step: the step
    stays as written, and its people, in order, are also the playbook's own escalation."""
    for pb in found.playbooks:
        if pb.get("escalation"):
            continue
        for step in (s for group in pb["steps"].values() for s in group):
            text = strip_md(str(step.get("text", "")))
            steps = _steps(text)
            if not steps:
                continue
            before = ARROW.split(text.strip())[0]
            when = before.rsplit(":", 1)[0].strip(" .;") if ":" in before else ""
            wait = WHEN.search(when)
            first = {"when": when} if when else {}
            if wait and duration(wait.group(1)) not in (None, "immediate"):
                first["after"] = duration(wait.group(1))   # 'Still stuck after 15 minutes'
            pb["escalation"] = [{"to": _contact(part, found, role_contact), **(first if i == 0 else {})}
                                for i, part in enumerate(steps)]
            break


def _contact(step: str, found: Found, role_contact) -> str:
    bracket = BRACKETED.search(step)
    who = re.sub(r"^the\s+", "", BRACKETED.sub("", step), flags=re.IGNORECASE)
    cid = role_contact(found, who)
    if bracket:   # '(+1 555 0150)': the contact's phone
        contact = found.contacts[cid]
        reach_fields(contact, bracket.group(1))
        person = PERSON_FIRST.match(bracket.group(1))
        if person and contact.get("phone") and "title" not in contact:   # '(Priya Natarajan, +1 555 0230)'
            contact["name"], contact["title"] = person.group(1), who
    return cid


# '(Priya Natarajan, +1 555 0230)' after a title: who holds it, then the number to call
PERSON_FIRST = re.compile(r"^([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,2}),\s*\+?\(?\d")


def known_names(found: Found) -> list[str]:
    """The document's contacts' names, without what they say in brackets ('Haruto Sato (owner)')."""
    return [BRACKETS_ANYWHERE.sub("", str(c.get("name", ""))).strip().lower() for c in found.contacts.values()]


BRACKETS_ANYWHERE = re.compile(r"\s*\([^()]*\)")


def _chain_sentence(text: str) -> str:
    """The text up to the end of the sentence its last arrow is in: '... → Studio Director. Go to the next
    person after 15 minutes.' names the chain, then says when to move along it."""
    arrows = list(ARROW.finditer(text))
    if not arrows:
        return text
    end = re.search(r"[.!?](?=\s+[A-Z])", text[arrows[-1].end():])
    return text[:arrows[-1].end() + end.start()] if end else text


def _steps(text: str, known: list[str] = ()) -> list[str]:
    """The chain's steps as written, the words before the first one ('Anything not covered here:') left out.
    A step names someone if it says a role ('on-call', 'CTO') or is one of the document's contacts."""
    parts = ARROW.split(_chain_sentence(text.strip()).rstrip("."))
    if len(parts) < 3:
        return []
    parts[0] = parts[0].rsplit(":", 1)[-1]
    # ('CTO (CTO ONLY VIA SHIFT LEAD. DO NOT ...)': the sentence's end cut the remark; whom it names stays)
    parts = _joined([re.sub(r"\s*\([^()]*$", "", part).strip(" .;") for part in parts])
    if len(parts) < 3:
        return []
    if not all(parts) or any(len(BRACKETED.sub("", part).split()) > 7 for part in parts):
        return []
    firsts = {name.split()[0] for name in known if len(name.split()) >= 2}   # 'Kwame' of 'Kwame Asante'
    people = sum(bool(PEOPLE.search(BRACKETED.sub("", part))) or BRACKETED.sub("", part).strip().lower() in known
                 or BRACKETED.sub("", part).strip().lower() in firsts for part in parts)
    return parts if people * 2 > len(parts) else []


def _joined(parts: list[str]) -> list[str]:
    """'On-call -> +1 555 0101 (wait 10 min) -> Lead': a part that names nobody (a number, a wait) is
    the step before it's, in brackets as a phone is written, never a step of its own."""
    from .call_lists import _names_someone
    out: list[str] = []
    for part in parts:
        if out and part and not _names_someone(part):
            out[-1] = f"{out[-1]} ({part})"
        else:
            out.append(part)
    return out


def _add(steps: list[str], found: Found, role_contact) -> None:
    for step in steps:   # the step's name keeps the words as written
        who = re.sub(r"^the\s+", "", BRACKETED.sub("", step), flags=re.IGNORECASE)
        found.escalation.append({"id": slug(who), "name": step, "contacts": [_contact(step, found, role_contact)],
                                 "triggers": []})
