"""A phone tree drawn in a code block ('├── Primary on-call', '│   └── no answer in 10 min ─► Secondary'):
the people with numbers are contacts, and a run of 'no answer in N min ─► next' branches, each
under the one before, is the escalation chain it draws, starting at the node above the first.

A drawing with no number and no timed arrow (a directory listing) is left alone. The drawing
itself stays, as written, in the notes of the contacts page: it says who calls whom.
"""
from __future__ import annotations

import re

from .contacts import _reach
from .found import Found
from .mdparse import Block, Section
from .kinds import contact_kind
from .text import PHONE, duration, slug

GLYPHS = re.compile(r"[├└│┌┬┼]|(?:^|\s)(?:\+--|\|--|`--|\\--)")
# '|------|-------|', a Markdown table's rule in a post-mortem template, draws no branch
TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$")
LEAD = re.compile(r"^(?:[\s│├└┌┬┼─|`\\]|\+(?=-)|-(?=[-\s]))*")
ARROW = re.compile(r"\s*(?:─+\s*[►>▶]|-+>|=+>|→|➜|⟶)\s*")
WITHIN = re.compile(r"(\d+\s*(?:s|sec|seconds?|m|min|minutes?|h|hours?))\b", re.IGNORECASE)


def phone_trees(root: Section, found: Found, role_contact) -> None:
    for section in root.walk():
        for block in section.blocks:
            if block.kind != "code" or block.lines[0] in found.used:
                continue
            if block.lang in ("markdown", "md") or \
                    sum(bool(GLYPHS.search(line)) and not TABLE_RULE.match(line) for line in block.code) < 2:
                continue
            nodes = [_node(index, line) for index, line in enumerate(block.code) if line.strip()]
            phones = [n for n in nodes if PHONE.search(n[2])]
            arrows = [n for n in nodes if _timed_arrow(n[2])]
            if len(phones) < 2 and not arrows:
                continue   # a drawing of something else: a directory, a service map
            for index, _, text in phones:
                _contact(_target(text), found)
                found.mapped["contacts"].append(block.lines[index + 1])
            _chain(section, block, nodes, found, role_contact)
            found.homes.update({line: "contacts" for line in block.lines})


def _node(index: int, line: str) -> tuple[int, int, str]:
    """(code line, depth, text without the drawing)."""
    text = LEAD.sub("", line.rstrip())
    return index, len(line) - len(line.lstrip(" │├└┌┬┼─|`\\+-")), " ".join(text.split())


def _timed_arrow(text: str) -> tuple[str, str] | None:
    """'no answer in 10 min ─► Secondary on-call': (the condition, whom it goes to)."""
    parts = ARROW.split(text, maxsplit=1)
    if len(parts) == 2 and WITHIN.search(parts[0]) and parts[1].strip():
        return parts[0].strip(), parts[1].strip()
    return None


def _target(text: str) -> str:
    """A node's person or group and their number: 'Dmitri Volkov +1 555 0133' as written."""
    arrow = _timed_arrow(text)
    return arrow[1] if arrow else text


def _name(text: str) -> str:
    phone = PHONE.search(text)
    name = text[:phone.start()] if phone else text
    return re.sub(r"\s*\((?:desk|tel|phone|mobile|cell)?\s*:?\s*$", "", name, flags=re.IGNORECASE).strip(" ,:-–—")


def _contact(text: str, found: Found) -> str:
    name = _name(text)
    cid = slug(name, "contact")
    contact = found.contacts.setdefault(cid, {"id": cid, "kind": contact_kind(name), "name": name})
    _reach(contact, text[len(name):].strip())
    return cid


def _chain(section: Section, block: Block, nodes: list, found: Found, role_contact) -> None:
    """The first run of timed arrows, each one level deeper than the last, under the node above it."""
    run: list[tuple[int, int, str]] = []
    for node in nodes:
        if _timed_arrow(node[2]) and (not run or node[1] > run[-1][1]):
            run.append(node)
        elif run and node[1] <= run[0][1]:
            break
    if not run:
        return
    above = max((n for n in nodes if n[0] < run[0][0] and n[1] < run[0][1]), key=lambda n: n[0], default=None)
    steps = ([(above, "", _target(above[2]))] if above else []) + [(n, *_timed_arrow(n[2])) for n in run]
    for node, condition, who in steps:
        name = _name(who) or who
        contact = slug(name, "contact") if slug(name, "contact") in found.contacts else role_contact(found, name)
        trigger = {"condition": condition} if condition else {}
        within = WITHIN.search(condition)
        if within and duration(within.group(1)):
            trigger["after"] = duration(within.group(1))
        found.escalation.append({"id": slug(name), "name": name, "contacts": [contact],
                                 "triggers": [trigger] if trigger else [], "_chain": section.title})
        found.mapped["escalation"].append(block.lines[node[0] + 1])
