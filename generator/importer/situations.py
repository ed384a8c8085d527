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
# 'If the office printer queue gets stuck (it does, every Monday), open PowerShell ... and run:'
CONDITION = re.compile(r"^(?:if|when|whenever|should)\s+(?:(?:you\s+(?:see|get|notice|find)|there\s+(?:is|are))\s+)?"
                       r"(?:the\s+)?(?P<what>[^,;:.()]{6,80}?)\s*(?:\([^()]*\)\s*)?[,:]\s", re.IGNORECASE)


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


def condition_runbooks(root: Section, found: Found) -> None:
    """A paragraph that opens with its situation ('If the office printer queue gets stuck, ... run:')
    and the commands right under it, in a document or section that is not itself a playbook: a
    playbook named by the situation, as written, its paragraph and commands the steps. When the
    paragraph opens a section of its own ('## Posting via the API'), the section is the playbook."""
    from .scenarios import _playbook

    for section in root.walk():
        if home_of(section) in ("templates", "escalation", "contacts") or in_playbook(found, section):
            continue
        blocks = section.blocks
        for n, block in enumerate(blocks):
            match = CONDITION.match(strip_md(block.text)) if block.kind == "para" else None
            code = _code_after(blocks, n + 1) if match and block.lines[0] not in found.used else []
            if not code or any(b.lines[0] in found.used for b in code):
                continue
            if n == 0 and section.level and not section.children and section.line not in found.used:
                found.playbooks.append(_playbook(section, found))   # the heading opens on when: all of it
                break
            what = match.group("what").strip()
            situation = Section(what[0].upper() + what[1:], section.level + 1, block.lines[0],
                                blocks=[Block("para", list(block.lines), text=block.text), *code], parent=section)
            found.playbooks.append(_playbook(situation, found))


def _code_after(blocks: list[Block], start: int) -> list[Block]:
    """The code blocks that follow one another from ``start``, when one of them holds commands."""
    from .found import command_block

    code = []
    for block in blocks[start:]:
        if block.kind != "code":
            break
        code.append(block)
    return code if any(command_block(b) for b in code) else []
