"""Numbered runbooks: procedures written as ordered lists, with nested sub-steps and code blocks.

A section whose own content is an ordered list of at least three steps with commands (code
blocks inside the items) or nested sub-steps is a procedure. A file's top section with such
procedures among its sub-headings is one playbook: each procedure's items are steps in order
(the procedure's name as each step's condition when there are several), a step whose nested
numbered items carry commands has those items as steps of their own after it, other nested
items and wrapped paragraphs are the step's note, and each code block is the command of the
step it sits under, as written. A procedure section anywhere else is a playbook of its own.
Prose before a procedure's list is shown as the playbook's guidance under the procedure's name.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from .alerts import ALERT_TITLE
from .found import Found, _leading_stage, home_of
from .mdparse import Block, Section, strip_md
from .text import slug, unnumbered

STAGES = ("immediate", "investigate", "resolve", "verify")
LANGS = ("bash", "sh", "console", "sql", "python", "pycon", "powershell", "text", "json", "yaml")   # the schema's


SHELLS = {"bash", "sh", "shell", "console", "zsh", "powershell", "ps1", "sql", "psql"}
RUNBOOKS_TITLE = re.compile(r"^\W*(?:[\d.]+\s*)?(?:(?:run|play)books\b|(?:recovery|response|incident|operating|emergency)\s+procedures\b)",
                            re.IGNORECASE)


def prose_runbooks(root: Section, found: Found) -> None:
    """'## Runbooks' over '### Calendar sync stuck' with a paragraph and a shell block: a playbook
    each, its prose and commands the steps in order (no list, no stage headings needed)."""
    from .scenarios import _playbook as scenario_playbook

    for section in root.walk():
        parent = section.parent
        if not section.level or section.children or section.line in found.used or parent is None \
                or not parent.level or not RUNBOOKS_TITLE.search(strip_md(parent.title)):
            continue
        blocks = section.blocks
        if any(b.lines[0] in found.used for b in blocks) or home_of(section) == "templates" or not (any(
                b.kind == "code" and (b.lang.lower() in SHELLS or _typed_commands(b)) for b in blocks)
                or _numbered_steps(blocks)):
            continue
        found.playbooks.append(scenario_playbook(section, found))


def _typed_commands(block) -> bool:
    """A code block with no language whose lines are commands ('ssh mgmt01', 'sudo systemctl ...')."""
    from .found import SHELL_START
    return not block.lang and bool(block.code) and SHELL_START.match(block.code[0].strip()) is not None


def _numbered_steps(blocks: list) -> bool:
    """Steps in a numbered list, two or more, as a runbook without commands writes them."""
    return sum(b.kind == "item" and b.ordered and b.level == 0 for b in blocks) >= 2


def _is_procedure(section: Section) -> bool:
    from .found import _looks_like_scenario, _stage
    blocks = section.blocks
    if _looks_like_scenario(section) or any(b.kind == "label" and _stage(b.label) for b in blocks):
        return False   # 'Symptoms:' / 'Check:' / 'Act:': a scenario, read by its labels elsewhere
    if command_items(section) >= 2 and not ALERT_TITLE.match(strip_md(section.title)):
        return True   # '- Hash lookups (from the analyst VM):' with its code block under it, twice or more
    top = [b for b in blocks if b.kind == "item" and b.ordered and b.level == 0]
    if len(top) < 3:
        return False
    start = blocks.index(top[0])
    rich = [b for b in blocks[start:] if b.kind == "code" or (b.kind == "item" and b.level > 0)]
    return bool(rich) and any(b.kind == "code" for b in section.all_blocks())


def numbered_runbooks(root: Section, found: Found) -> None:
    taken: set[int] = set()
    for section in root.walk():
        if not section.level or section.line in found.used or section.line in taken:
            continue
        if home_of(section) == "templates" or _claimed(section, found):
            continue
        if _staged(section):
            continue   # 'Incident Response Playbook: X' over 'Phase 3 - Containment': one playbook, its stages (scenarios)
        if _phases(section) or (section.parent is not None and section.parent.level and _phases(section.parent)) \
                or (re.search(r"\bphase\b|\bstage\b", section.title, re.IGNORECASE) and command_items(section) < 2):
            continue   # the phases of the process, not a procedure
        procedures = [c for c in section.children if c.line not in found.used and _is_procedure(c)
                      and not _claimed(c, found)]
        named = [c for c in procedures if KIND_LABEL.match(unnumbered(strip_md(c.title)))]
        if named and not _is_procedure(section):
            continue   # 'Procedure A - Furnace controller offline' under the document's title: each its own
        if section.parent is not None and section.parent.level == 0 and procedures:
            from .substeps import _has_commands   # '## 1. Confirm it's DNS' with its code blocks: a step, in order
            steps = [c for c in section.children if c not in procedures and not c.children and c.line not in found.used
                     and not _claimed(c, found) and _has_commands(c) and home_of(c) != "templates"]
            members = ([section] if _is_procedure(section) else []) + sorted(procedures + steps, key=lambda c: c.line)
        elif _is_procedure(section):
            members = [section]
        else:
            continue
        pb = _playbook(section, members, found)
        found.playbooks.append(pb)
        taken |= {n.line for m in members for n in m.walk()}


def _staged(section: Section) -> bool:
    from .scenarios import staged_playbook   # (scenarios imports this module)
    return staged_playbook(section)


def command_items(section: Section) -> int:
    """How many of the section's top-level list items have a code block under them."""
    count, holder = 0, None
    for block in section.blocks:
        if block.kind == "item" and block.level == 0:
            holder = block
        elif block.kind == "code" and holder is not None:
            count, holder = count + 1, None
        elif block.kind not in ("item", "code"):
            holder = None   # a paragraph or table of the section's own ends the item
    return count


def _phases(section: Section) -> bool:
    """The phases of the process; a 'Stage 2: triage checks' whose items carry commands is a procedure."""
    from .scenarios import _phase_list
    return _phase_list(replace(section, children=[c for c in section.children if command_items(c) < 2]))


def _claimed(section: Section, found: Found) -> bool:
    """Any of its lines already structured by a more specific rule."""
    return any(line in found.used for b in section.blocks for line in b.lines)


KIND_LABEL = re.compile(r"^(?:procedure|playbook|runbook|scenario)\s*(?:\d{1,2}|[A-Z])?\s*(?::|[—–-](?=\s))\s*", re.IGNORECASE)


def _playbook(section: Section, members: list[Section], found: Found) -> dict:
    from .procedures import _intro
    from .role_shapes import _paragraphs
    from .substeps import sub_step

    written = unnumbered(strip_md(section.title))   # '3.1 Shop shows a 502'
    # '7.5 Procedure A - Print queue stalled': the document's own label for it is a name too, not the title
    title = KIND_LABEL.sub("", written).strip() or written
    pb = {"id": slug(title, "playbook"), "title": title, "severity": "", "aliases": list(dict.fromkeys([title.lower(), written.lower()])),
          "symptoms": [], "steps": defaultdict(list), "_lines": {section.line}, "_notes": []}
    key = f"playbook:{pb['id']}"
    for member in members:
        for node in member.walk():
            found.homes[node.line] = key
            for block in node.blocks:
                for line in block.lines:
                    found.homes[line] = key
    found.homes[section.line] = key
    found.used.add(section.line)
    found.mapped[key].append(section.line)
    if section not in members:
        _intro(section, pb, key, found, _paragraphs)
    several = len(members) > 1
    for member in members:
        name = strip_md(re.sub(r"^(?:[A-Z]|\d+(?:\.\d+)*)[.)]\s+", "", member.title))
        stage = _leading_stage(member.title)
        stage = stage if stage in STAGES else "resolve"
        if member is not section and not _is_procedure(member):
            sub_step(member, pb, stage, key, found)
            continue
        if member is not section:
            found.used.add(member.line)
            found.mapped[key].append(member.line)
            pb["_lines"].add(member.line)
            if name.lower() not in pb["aliases"]:
                pb["aliases"].append(name.lower())
        _steps(member, pb, found, key, stage, name if several and member is not section else "")
        for child in member.children:   # '### Data-loss check' under a procedure: one step with its content
            if child.line not in found.used:
                sub_step(child, pb, stage, key, found)
    return pb


def _steps(member: Section, pb: dict, found: Found, key: str, stage: str, condition: str) -> None:
    blocks = member.blocks
    first = next((i for i, b in enumerate(blocks) if b.kind == "item" and b.ordered and b.level == 0), None)
    if first is None:   # a bulleted list whose items carry commands
        first = next(i for i, b in enumerate(blocks) if b.kind == "item" and b.level == 0)
    intro = [b for b in blocks[:first] if b.kind in ("para", "label") and (b.text or b.label)]
    if intro:
        text = "\n\n".join(_text(b) for b in intro)
        found.guidance.setdefault(key, []).append({"title": strip_md(member.title), "text": text})
        found.use(key, *intro)
        found.guidance_lines.update(line for b in intro for line in b.lines)
    top: dict | None = None       # the numbered step being read
    current: dict | None = None   # the step its nested content belongs to
    split_level = None            # nested numbered items that are steps of their own
    for index, block in enumerate(blocks[first:], start=first):
        if block.kind == "item" and block.level == 0:
            top = current = _step(pb, stage, strip_md(block.text), condition)
            split_level = _split_level(blocks, index)
        elif block.kind == "item" and top is not None:
            if split_level is not None and block.level == split_level and block.ordered:
                current = _step(pb, stage, strip_md(block.text), condition)
            else:
                _note(current, strip_md(block.text))
        elif block.kind == "code" and current is not None:
            code = "\n".join(block.code).strip("\n")
            if not code.strip():
                continue
            lang = "bash" if block.lang in ("", "shell", "zsh") else block.lang
            lang = lang if lang in LANGS else "text"
            current.setdefault("commands", []).append({"lang": lang, "code": code})
        elif block.kind in ("para", "label") and current is not None and (block.text or block.label):
            _note(current, _text(block))
        else:
            continue
        found.use(key, block)


def _split_level(blocks: list[Block], index: int) -> int | None:
    """The level of a step's nested numbered items when two or more of them and a code block are under it."""
    nested = []
    has_code = False
    for block in blocks[index + 1:]:
        if block.kind == "item" and block.level == 0:
            break
        if block.kind == "item" and block.ordered:
            nested.append(block.level)
        has_code = has_code or block.kind == "code"
    if not nested or not has_code:
        return None
    level = min(nested)
    return level if nested.count(level) >= 2 else None


def _text(block: Block) -> str:
    return strip_md(f"{block.label}: {block.text}" if block.kind == "label" and block.text else block.text or block.label)


def _step(pb: dict, stage: str, text: str, condition: str) -> dict:
    step = {"text": text}
    if condition:
        step["condition"] = condition
    pb["steps"][stage].append(step)
    return step


def _note(step: dict | None, text: str) -> None:
    if step is not None and text:
        step["note"] = (step.get("note", "") + "\n" + text).strip("\n")
