"""Procedures under sub-headings: a sub-heading as a step, groups of procedures, sections of
commands, symptom tables, and how to declare an incident."""
from __future__ import annotations

import re

from .found import SHELL_START, Found, unused_tables
from .span_commands import TRAILING
from .mdparse import Block, Section, strip_md, title_matches
from .text import slug, unnumbered


def sub_step(node: Section, pb: dict, stage: str, key: str, found: Found) -> None:
    """A sub-heading under a stage is one step; its lists are the step's note, its code its commands."""
    from .scenarios import _append, _code_steps

    step: dict = {"text": strip_md(re.sub(r"^\d+[.)]\s*", "", node.title))}
    found.used.add(node.line)
    found.mapped[key].append(node.line)
    pb["_lines"].add(node.line)
    notes = []
    for inner in node.walk():
        if inner is not node:
            notes.append(strip_md(inner.title))
            found.used.add(inner.line)
            found.mapped[key].append(inner.line)
        for block in inner.blocks:
            if block.kind == "code":
                for part in _code_steps(block, ""):
                    step.setdefault("commands", []).extend(part.get("commands", []))
            elif block.kind in ("item", "para", "label") and (block.text or block.label):
                notes.append(strip_md(block.text if block.kind != "label" else f"{block.label}: {block.text}"))
            else:
                continue
            found.use(key, block)
    if notes:
        step["note"] = "\n".join(notes)
    if stage == "symptoms" and not step.get("commands"):
        pb["symptoms"].append(step["text"])
    else:   # a symptom has no commands: commands under one confirm what is seen
        _append(pb, stage if stage in ("immediate", "investigate", "resolve", "verify") else "investigate", step)


PROCEDURES = re.compile(r"procedure|runbook|playbook|scenario|recover", re.IGNORECASE)


def procedure_groups(root: Section, found: Found) -> None:
    """'Recovery Procedures' with numbered sub-headings: each sub-heading is its own playbook."""
    from .found import _stage
    from .scenarios import _playbook

    for section in root.walk():
        if not section.level or (section.level == 1 and (_document_title(section) or not GROUP_TITLE.match(
                unnumbered(strip_md(section.title))))) \
                or not title_matches(PROCEDURES, section.title) or section.line in found.used:
            continue   # ('PROCEDURES' over '=====' after the document's title: a part of it, the title's level)
        from .found import _leading_stage
        from .scenarios import _phase_list
        if _phase_list(section) or len({_leading_stage(c.title) for c in section.children} - {None}) >= 2:
            continue   # phases of the process, or the stages of one procedure
        # (a sub-heading over sentences only is a procedure too, told in words: the heading says what they are)
        members = [c for c in section.children if any(b.kind in ("item", "code", "para") for b in c.all_blocks())
                   and c.line not in found.used]
        if not any(b.kind in ("item", "code") for c in members for b in c.all_blocks()):
            continue   # sentences only: a part of the document about its procedures, not them
        if len(members) < 2 or len(members) < len(section.children) // 2:
            continue
        stage = _stage(section.title) or "immediate"
        for child in members:   # the group's own heading stays in notes, on the site
            found.playbooks.append(_playbook(child, found, stage))


# 'PROCEDURES', 'Recovery procedures', 'Runbooks': a part of the document that only groups them
GROUP_TITLE = re.compile(r"^(?:\w+\s+)?(?:procedures|runbooks|playbooks|scenarios)$", re.IGNORECASE)


def _document_title(section: Section) -> bool:
    """The first heading of a file, at its top level: what the whole file is about ('4. Procedures',
    numbered, is a part of a longer document even where the export starts with it)."""
    return section.parent is not None and section.parent.children[:1] == [section] \
        and not re.match(r"^\d{1,2}[.)]?\s", strip_md(section.title))


def _has_commands(section: Section) -> bool:
    from .found import command_block
    return any(command_block(b) for b in section.blocks)


def command_sections(root: Section, found: Found) -> None:
    """Sibling sub-sections that each hold shell commands ('### The queue is stuck'): a playbook each."""
    from .alerts import _header_fields
    from .scenarios import _playbook

    for section in root.walk():
        free = [c for c in section.children if not c.children and c.line not in found.used
                and not any(line in found.used for b in c.blocks for line in b.lines)
                and not DEVELOPER_TITLE.match(unnumbered(strip_md(c.title)))]
        leaves = [c for c in free if _has_commands(c)]
        told = [c for c in free if c not in leaves and _told_in_words(c, leaves)] if leaves else []
        if len(leaves) == 1 and section.level and told and len(told) == len(free) - 1:
            leaves += told   # 'Booking site returns 503:' with its commands, 'Card payments failing:' in words
        if len(leaves) < 2:   # 'Useful commands' alone, or '6. If Statuspage itself is unavailable' over commands
            leaves = [c for c in leaves if COMMANDS_TITLE.search(strip_md(c.title))
                      or SITUATION_TITLE.match(unnumbered(strip_md(c.title)))]
        if not leaves:
            continue
        if len(leaves) >= 2:   # '**Push notifications not sending.** TODO ...' among them: one still to write
            told_ids = {id(c) for c in told}
            leaves += [c for c in free if c not in leaves and (_stub(c) or id(c) in told_ids)]
            leaves.sort(key=lambda c: c.line)
        for child in leaves:
            pb = _playbook(child, found, "immediate")
            _header_fields(child, pb, f"playbook:{pb['id']}", found)   # '**Alert:**', '**Owner:**' over the steps
            found.playbooks.append(pb)


# A README's parts for developers: how to build, test and lay out the code, not what to do in an incident
DEVELOPER_TITLE = re.compile(r"^(?:getting started|quick ?start|installation|install(?:ing)?|set ?up|setup|"
                             r"local (?:dev\w*|setup|environment)|development|developing|contributing|tests?|testing|"
                             r"running (?:the )?tests|build(?:ing)?|usage|licen[cs]e|prerequisites|requirements|"
                             r"(?:repo(?:sitory)?|project|directory|folder|code) (?:layout|structure)|changelog)$",
                             re.IGNORECASE)
SITUATION_TITLE = re.compile(r"^(?:if|when)\s+\S+.{3,}$", re.IGNORECASE)   # the situation it is for
STUB = re.compile(r"\b(?:TODO|TBD|TBC|FIXME)\b|\bto be (?:written|added|done)\b|\bcoming soon\b", re.IGNORECASE)


# A part of a document that is about it, not a situation to handle
ABOUT_TITLE = re.compile(r"^(?:overview|background|summary|introduction|intro|about|purpose|scope|notes?|glossary|"
                         r"references?|see also|links|history|changelog|contacts?|dashboards?)\b", re.IGNORECASE)


def _told_in_words(section: Section, leaves: list[Section]) -> bool:
    """'Payments failing on checkout:' over what to do in sentences, after siblings that are runbooks with
    commands: a situation like theirs, its runbook told in words."""
    texts = [b for b in section.blocks if b.kind in ("para", "item")]
    return bool(texts) and section.line > leaves[0].line and not ABOUT_TITLE.match(unnumbered(strip_md(section.title))) \
        and all(b.kind in ("para", "item", "label") for b in section.blocks)


def _stub(section: Section) -> bool:
    """A part that only says it is still to be written ('TODO - Ravi knows how ...')."""
    texts = [b.text for b in section.blocks if b.kind in ("para", "item", "label")]
    return bool(texts) and len(section.blocks) <= 2 and bool(STUB.search(texts[0])) and \
        not any(b.kind in ("code", "table") for b in section.blocks)


# A section that is a list of commands to run: 'Useful commands', 'Cheat sheet', 'Manual escalation from the CLI'.
COMMANDS_TITLE = re.compile(r"\bcommands?\b|cheat ?sheet|snippets|quick reference|quick[- ]checks?\b|\bcli\b|by hand|manual(ly)?\b",
                            re.IGNORECASE)


def symptom_tables(root: Section, found: Found) -> None:
    """| Symptom | Likely cause | Action |: one playbook, a step per row applying when its symptom is seen."""
    for section, block, header in unused_tables(root, found):
        seen = next((i for i, h in enumerate(header) if re.search(r"symptom|problem|issue|error|alert|(?:if|when) you see|you notice", h)), None)
        act = next((i for i, h in enumerate(header) if re.search(r"action|fix|resol|what to do|remed|mitigat|^do$|^then$", h)),
                   None)
        if seen is None or act is None:
            continue
        cause = next((i for i, h in enumerate(header) if re.search(r"cause|reason|why", h)), None)
        found.playbooks.append(_symptom_playbook(section, block, seen, act, cause, found))


def _symptom_playbook(section: Section, block: Block, seen: int, act: int, cause, found: Found) -> dict:
    from collections import defaultdict

    title = strip_md(section.title) or "Troubleshooting"
    pb = {"id": slug(title, "playbook"), "title": title, "severity": "", "aliases": [title.lower()],
          "symptoms": [], "steps": defaultdict(list), "_lines": {section.line}, "_notes": []}
    key = f"playbook:{pb['id']}"
    for row in block.rows[1:]:
        if max(seen, act) >= len(row) or not strip_md(row[act]):
            continue
        step = {"text": strip_md(row[act]), "condition": strip_md(row[seen])}
        trailing = TRAILING.match(row[act].strip())   # 'Check the consumers: `kubectl -n ingest get pods`'
        if trailing and SHELL_START.match(trailing.group(2).strip() + " "):
            step = {"text": strip_md(trailing.group(1)) + ":", "condition": strip_md(row[seen]),
                    "commands": [{"lang": "bash", "code": trailing.group(2).strip()}]}
        if cause is not None and cause < len(row) and strip_md(row[cause]):
            step["note"] = strip_md(row[cause])
        pb["symptoms"].append(strip_md(row[seen]))
        pb["steps"]["resolve"].append(step)
    found.used.add(section.line)
    found.mapped[key].append(section.line)
    found.use(key, block)
    for line in block.lines:
        found.homes[line] = key
    for child in section.children:
        if _has_commands(child) and child.line not in found.used:
            for node in child.walk():
                for b in node.blocks:
                    for line in b.lines:
                        found.homes[line] = key
            sub_step(child, pb, "resolve", key, found)
    return pb


def declare_sections(root: Section, found: Found) -> None:
    """'## Declaring an incident' / 'How to declare': its items (or sentences) are how to declare."""
    for section in root.walk():
        if not section.level or section.line in found.used or not re.search(
                r"\bdeclar|report(ing)? (an |a )?(incident|problem)|how to report", section.title, re.I):
            continue
        blocks = [b for b in section.blocks if b.kind in ("item", "para") and b.text and b.lines[0] not in found.used]
        items = [b for b in blocks if b.kind == "item"] or blocks
        if not items:
            continue
        found.org.setdefault("declare", []).extend(strip_md(b.text) for b in items)
        found.use("organization", *items)
