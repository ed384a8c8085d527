"""Escalation chains written as sentences, the way a policy page explains them:

    Every alert goes to the **Platform primary** first. If the primary does not acknowledge
    within five minutes, the **Platform secondary** is paged as well. If neither has
    acknowledged after 15 minutes, the page goes to the **engineering manager on duty**.

A section is read this way when its heading (or one above it) is about escalation or on-call,
or when its sentences wait for an answer and then bring in someone else. Each sentence that
brings in someone new, named in bold, is one step, in the order the text
gives them; the time in its sentence ('within five minutes', 'after half an hour') is when
that step is reached. A sentence without a time is the step's condition, as written. The
paragraphs say more than the levels keep (who keeps being paged, what happens out of hours),
so they also stay in notes.
"""
from __future__ import annotations

import re

from .contacts import reach_fields
from .found import Found, in_playbook
from .mdparse import Block, Section, strip_md, titled
from .text import duration, slug

# A section about escalation: its own heading or one above it says so.
ABOUT = re.compile(r"escalat|\bchain\b|\bpaging\b|\bon[- ]call\b|call[- ]?out", re.IGNORECASE)
# Words that bring someone in: the sentence is a step only when it says one of them.
BRINGS_IN = re.compile(r"\b(?:pages?|paged|paging|goes to|go to|escalat\w*|call|calls|called|ring|rings|phone|"
                       r"brings? in|pulls? in|loops? in|involves?|"
                       r"phoned|notif\w*|contact|wake|page goes)\b", re.IGNORECASE)
# ('after a further 10 min' counts from the step before: no time of its own, its sentence the condition as written)
WHEN = re.compile(r"\b(?:within|after|for|no (?:ack|answer|response) in)\s+((?:\d+|[a-z-]+)\s+(?:an?\s+)?(?:minutes?|mins?|hours?|hrs?)|"
                  r"half[\s-]+(?:an?[\s-]+)?hour)", re.IGNORECASE)
BOLD = re.compile(r"\*\*([^*]{2,60})\*\*")
NOT_A_NAME = re.compile(r"^(?:not|never|only|must|always|all|any|no|none|immediately|first|now|do not|don't)$",
                        re.IGNORECASE)
# 'the Security lead, **Ines Carvalho**': the title before the name
TITLE_BEFORE = re.compile(r"(?:\bthe\s+([A-Za-z][\w'’&/ -]{1,40}?)|\b([A-Z][\w'’&/ -]{2,40}?)),\s*$")
ACK = re.compile(r"\b(?:acknowledg\w*|ack(?:s|ed)?|answer\w*|respond\w*|called back|calls? back|picks? up)\b",
                 re.IGNORECASE)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z*])")


def prose_chains(root: Section, found: Found, role_contact) -> None:
    """Chains told in sentences, one per section that tells one (named by its heading)."""
    from .call_lists import ASKS

    if found.escalation:
        return   # a table or a list already gave the chain; sentences beside it only explain it
    for section in root.walk():
        if in_playbook(found, section):
            continue   # 'page the DBA after 10 minutes' inside a playbook is one of its steps
        # (or a numbered list of such sentences: '1. If no ack in 10 min, page **Secondary on-call**.')
        # ('## Who do I call?' over such a list is a call list: call_lists reads it, whom first)
        listed = [b for b in section.blocks if b.kind == "item" and b.ordered and not b.level
                  and b.lines[0] not in found.used]
        if listed and ASKS.search(strip_md(section.title)):
            listed = []
        if not listed or not all(_steps(b) for b in listed):
            listed = []   # a list some of whose items bring in nobody in words ('3. ... → **SRE lead**'): not this shape
        listed_ids = {id(b) for b in listed}
        paragraphs = [b for b in section.blocks if (b.kind == "para" or id(b) in listed_ids) and b.lines[0] not in found.used]
        steps = [step for block in paragraphs for step in _steps(block)]
        if len(steps) < 2 or not (titled(section, ABOUT) or _tells_a_chain(steps)):
            continue
        for step in steps:
            _add(step, section, found, role_contact)


def _tells_a_chain(steps: list[dict]) -> bool:
    """Whatever the heading says: sentences that wait for an answer, then bring in someone else."""
    text = " ".join(step["sentence"] for step in steps)
    return bool(ACK.search(text)) and any(WHEN.search(strip_md(step["sentence"])) for step in steps[1:])


def _steps(block: Block) -> list[dict]:
    """The steps one paragraph names, in order."""
    steps = []
    for sentence in SENTENCE.split(block.text):
        if not BRINGS_IN.search(sentence):
            continue
        bold = next((m for m in BOLD.finditer(sentence) if not NOT_A_NAME.match(m.group(1).strip())), None)
        if bold is None:
            continue
        steps.append({"bold": bold, "sentence": sentence, "block": block})
    return steps


def _add(step: dict, section: Section, found: Found, role_contact) -> None:
    sentence, bold = step["sentence"], step["bold"]
    who = strip_md(bold.group(1)).strip(" ,.:")
    if re.match(r"\s+on[- ]call\b", sentence[bold.end():], re.IGNORECASE):
        who = f"{who} on-call"   # '**Platform primary** on-call': the words run on after the bold
    before = TITLE_BEFORE.search(strip_md(sentence[:bold.start()]))
    title = (before.group(1) or before.group(2)).strip() if before else ""
    name = f"{title} ({who})" if title else who
    cid = role_contact(found, who)
    contact = found.contacts[cid]
    if title and "title" not in contact:
        contact["title"] = title
    reach_fields(contact, strip_md(sentence[bold.end():]))
    plain = strip_md(sentence).strip()
    when = WHEN.search(plain)
    after = duration(when.group(1)) if when else None
    trigger = {"after": after} if after and after != "immediate" else {"condition": plain}
    found.escalation.append({"id": slug(name), "name": name, "contacts": [cid], "triggers": [trigger],
                             "_chain": strip_md(section.title), "_chain_line": section.line})
    found.mapped["escalation"].extend(step["block"].lines)   # structured; the paragraph stays in notes too
