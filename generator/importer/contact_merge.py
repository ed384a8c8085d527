"""One contact for one name: 'Digital Service Desk (ext. 4400)', made when an escalation step named
it, is the 'Digital Service Desk' the contacts table lists with its number and address.

A contact made from a name alone (no way to reach it yet) whose name, without what its brackets
say, is the whole name of exactly one other contact (or, failing that, the title of exactly one,
'Head of Digital Operations' for 'Marcus Osei, Head of Digital Operations') becomes that contact: every escalation level,
playbook step and backup that pointed at it points at the listed one, and the bracket's words
stay where they were written (the level's name, the step's text).
"""
from __future__ import annotations

import re

from .found import Found

BRACKETS = re.compile(r"\s*\([^()]*\)\s*")


def merge_named_twice(found: Found) -> None:
    """Fold each bare-name contact into the listed contact it names, in place."""
    names: dict[str, list[str]] = {}
    titles: dict[str, list[str]] = {}
    for cid, contact in found.contacts.items():
        names.setdefault(str(contact.get("name", "")).strip().lower(), []).append(cid)
        titles.setdefault(BRACKETS.sub(" ", str(contact.get("title", ""))).strip().lower(), []).append(cid)
    moved = {}
    for cid, contact in found.contacts.items():
        if set(contact) - {"id", "kind", "name"}:
            continue   # it says how to reach it: a contact of its own
        written = str(contact.get("name", "")).strip().lower()
        bare = BRACKETS.sub(" ", written).strip()
        same = [other for other in names.get(bare, []) if other != cid] if bare != written else []
        # 'Head of Digital Operations', a step of the chain, is the one contact listed with that title
        held = [other for other in titles.get(bare, []) if other != cid] if len(bare) > 3 else []
        if len(same) == 1 or (not same and len(held) == 1):
            moved[cid] = same[0] if same else held[0]
    for old, new in moved.items():
        _point(found, old, new)
        del found.contacts[old]


def _point(found: Found, old: str, new: str) -> None:
    for level in found.escalation:
        level["contacts"] = [new if c == old else c for c in level.get("contacts", [])]
    for pb in found.playbooks:
        for step in pb.get("escalation") or []:
            if step.get("to") == old:
                step["to"] = new
        if pb.get("owner") == old:
            pb["owner"] = new
    for contact in found.contacts.values():
        if contact.get("backup") == old:
            contact["backup"] = new
