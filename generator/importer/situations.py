"""Situations written as bold run-in labels rather than headings, the way a manager's guide does:

    **If the cold store fails:** check the display on the front; if it reads above 8°C, ring ...

    **If the website or online referral form is down:** ring the duty phone, who will contact Dev.
    ```
    ping example.org
    ```

Two labels or more in one section that each name a situation ('If ...', 'When ...', 'In case
of ...', 'Should ...') and say what to do: each label, with the paragraphs, lists and code under it
up to the next label, is a playbook named by the label, its text the steps in the source's order.
"""
from __future__ import annotations

import re

from .found import Found, home_of, in_playbook
from .mdparse import Block, Section, strip_md

SITUATION = re.compile(r"^(?:if|when|in case|in the event|should)\b", re.IGNORECASE)


def situation_labels(root: Section, found: Found) -> None:
    from .scenarios import _playbook

    for section in root.walk():
        if not section.level or home_of(section) in ("templates", "escalation", "contacts") \
                or in_playbook(found, section):
            continue
        runs = _runs(section, found)
        if len(runs) < 2:
            continue
        for label, under in runs:
            situation = Section(strip_md(label.label).rstrip(":").strip(), section.level + 1, label.lines[0],
                                blocks=[Block("para", list(label.lines), text=label.text), *under], parent=section)
            found.playbooks.append(_playbook(situation, found))


def _runs(section: Section, found: Found) -> list[tuple[Block, list[Block]]]:
    """(label, the blocks under it) for each situation label of the section with text beside it."""
    runs: list[tuple[Block, list[Block]]] = []
    for block in section.blocks:
        situation = block.kind == "label" and SITUATION.match(strip_md(block.label)) and block.text.strip()
        if block.lines[0] in found.used or (runs and block.kind == "label" and not situation):
            if runs:
                break   # a block another pass took, or another kind of label, ends the situations
            continue
        if situation:
            runs.append((block, []))
        elif runs:
            runs[-1][1].append(block)
    return runs
