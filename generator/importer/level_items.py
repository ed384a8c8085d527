"""Severity levels told under their own headings and as key-value bullets: '## SEV-0 · Catastrophic'
over its description, '- **Acknowledge within:** 5 minutes', '- **Examples:**' with nested items,
'- **P1**: acknowledge within 5 minutes (page 24/7)'. A bullet whose key no field holds is one of
the level's details, as written."""
from __future__ import annotations

import re

from .found import Found
from .ladders import (EXAMPLE_KEY, RESPONSE_KEY, _grade_id, _rest_name, _under_severities, apply_level_value, level_id,
                      lossless, paging_of, written_as)
from .mdparse import Block, Section, joined, strip_md
from .text import duration


def _further_definitions(after: list[Block], level: dict, found: Found) -> None:
    """A level's later ': Response: ...' definitions (the items ``after`` its label): part of what it says."""
    from .prose import sentence_facts

    for block in after:
        if block.kind != "item" or block.level or block.lines[0] in found.used or \
                (block.key and level_id(block.key)) or level_id(strip_md(block.text).split(":")[0]):
            break
        text = strip_md(block.text)
        level["description"] = f"{level['description']} {text}".strip()
        sentence_facts(level, text)
        found.use("severities", block)


def level_items(root: Section, found: Found, make_level) -> None:
    """'- **P1**: acknowledge within 5 minutes (page 24/7)' and kv bullets under level headings."""
    for section in root.walk():
        _level_blocks(section, _heading_level(section, found, make_level), found, make_level)


def _heading_level(section: Section, found: Found, make_level) -> dict | None:
    """The level a heading names ('## SEV-0 · Catastrophic'), its paragraphs the description."""
    heading_level = level_id(section.title) if section.level else None
    entry = found.levels.get(heading_level) if heading_level else None
    if heading_level and section.line not in found.used and (_under_severities(section) or _in_level_run(section)):
        # '## SEV-0 · Catastrophic' over its description, even when a table elsewhere named the level first
        entry = make_level(found, heading_level, _rest_name(section.title) or strip_md(section.title))
        written_as(entry, section.title)   # 'SEV-0 · Catastrophic' as the old page wrote it
        found.used.add(section.line)
        found.mapped["severities"].append(section.line)
        prose = [b for b in section.blocks if b.kind == "para" and b.text and b.lines[0] not in found.used]
        if prose and not entry.get("description"):
            from .prose import sentence_facts
            entry.setdefault("description", joined(prose, section.blocks))
            sentence_facts(entry, entry["description"])
            found.use("severities", *prose)
    return entry


LADDER_TITLE = re.compile(r"severit|priorit|urgen|\blevels?\b|classification|\bgrades?\b", re.IGNORECASE)


def _graded_keys(section: Section) -> dict[int, str]:
    """'- **U1**: ...' / '- **U2**: ...' under '## Urgency': ids of a word and a number, counted up, of one
    kind: the levels, by the document's own ids (block index -> id)."""
    if not section.level or not LADDER_TITLE.search(section.title) or \
            re.search(r"escalat|support|tier", section.title, re.IGNORECASE):
        return {}   # ('Escalation levels': whom to go to, not how bad it is)
    keyed = {}
    for n, block in enumerate(section.blocks):
        lead = _bold_lead(block.text) if block.kind == "item" and not block.level else ""
        if block.kind == "item" and not block.level and (block.key or lead):
            keyed[n] = (_grade_id(block.key) if block.key else None) or (_grade_id(lead) if lead else None)
    ids = list(keyed.values())
    if len(ids) < 2 or not all(ids) or len(set(ids)) != len(ids) or len({i.split("-")[0] for i in ids}) != 1 \
            or re.match(r"(?:LEVEL|TIER|STEP|STAGE|PHASE|LINE)-", ids[0]):
        return {}
    return keyed


BOLD_GRADE = re.compile(r"^\*\*([A-Za-z]{1,10}[\s-]?(?:\d{1,2}|[A-E]))\s*[—–-]\s*[^*]+\*\*\s*$")   # '**Impact 0 — Down**'


def _bold_lead(text: str) -> str:
    """The grade id of an item that is only '**Impact 0 — Marketplace Down**', or ''."""
    match = BOLD_GRADE.match(text.strip())
    return match.group(1) if match else ""


def _in_level_run(section: Section) -> bool:
    """'### 🔴 SEV1 — ...' beside '### 🟠 SEV2 — ...': sibling headings that each name another level
    are a ladder, whatever the heading above them says ('How bad is it?')."""
    if section.parent is None:
        return False
    ids = [level_id(c.title) for c in section.parent.children if not c.children and SET_APART.match(strip_md(c.title))]
    ids = [i for i in ids if i]
    return len(ids) >= 2 and len(set(ids)) == len(ids)


# the level id set apart from the rest: 'SEV1 — ...', 'P2: ...', 'Sev 3 (Minor)', not 'P1 Critical Incidents'
SET_APART = re.compile(r"^\W*\w+(?:[\s-]?\w)?\s*(?:$|--|[-–—:|(·])")


def _level_blocks(section: Section, heading_entry: dict | None, found: Found, make_level) -> None:
    """The section's level labels and key-value bullets: levels of their own, or facts of the level
    they belong to (the heading's, or a level bullet's that they are nested under)."""
    graded = _graded_keys(section)
    examples = False   # under '- **Examples:**', its nested items
    bullet: tuple[dict, int] | None = None   # '- **P1 — Sailing-critical**' and its list level
    for index, block in enumerate(section.blocks):
        if bullet is not None and (block.kind != "item" or block.level <= bullet[1]):
            bullet = None
        entry, depth = (bullet[0], block.level - bullet[1] - 1) if bullet else (heading_entry, block.level)
        if entry is not None and block.kind == "item" and depth > 0 and examples \
                and block.lines[0] not in found.used:
            entry.setdefault("examples", []).append(strip_md(block.text))
            found.use("severities", block)
            continue
        examples = False
        if block.kind == "label" and block.text and block.lines[0] not in found.used and level_id(block.label) \
                and (_under_severities(section) or re.search(r"severit|priorit|levels", section.title, re.I)):
            from .prose import sentence_facts   # 'SEV1' over ': Total outage. Respond within 5 minutes.'
            item = make_level(found, level_id(block.label), _rest_name(block.label) or strip_md(block.label))
            written_as(item, block.label)
            _describe(item, strip_md(block.text), section)
            sentence_facts(item, strip_md(block.text))
            found.use("severities", block)
            _further_definitions(section.blocks[index + 1:], item, found)
            continue
        if block.kind != "item" or block.lines[0] in found.used:
            continue
        if not block.value and graded.get(index) and _bold_lead(block.text):   # '**Impact 0 — Down**' over what it means
            name = re.split(r"\s*[—–-]\s*", strip_md(block.text), maxsplit=1)[-1].strip()
            bullet = (make_level(found, graded[index], name), block.level)
            written_as(bullet[0], strip_md(block.text))
            found.use("severities", block)
            continue
        key_level = (level_id(block.key) or graded.get(index)) if block.key else None
        if key_level and block.value:
            item = make_level(found, key_level, _rest_name(block.key) or strip_md(block.key))
            written_as(item, block.key)
            text = block.value
            if re.search(r"\w|^\W*[—–-]\W*$", strip_md(text)):   # a dash says 'nothing'; a colour dot ('🔴') is no text
                _describe(item, strip_md(text), section)
            bullet = (item, block.level)   # the items nested under it say more about this level
            from .prose import sentence_facts
            if "response_time" not in item:   # 'Someone is on it within 5 minutes, 24/7.': a sentence saying so
                sentence_facts(item, strip_md(text))   # 'Page immediately; ack within 5 min.': 5m, not 'immediate'
            if "response_time" not in item and duration(text) and (
                    RESPONSE_KEY.search(text) or duration(text) in ("immediate", "next-business-day")):
                item["response_time"] = duration(text)
            if paging_of(text):
                item.setdefault("paging", paging_of(text))
            found.use("severities", block)
        elif entry is not None and ((block.key and EXAMPLE_KEY.search(block.key) and not strip_md(block.value)) or
                                    _label_line(block, EXAMPLE_KEY)):
            examples = True
            found.use("severities", block)
        elif entry is not None and block.key and apply_level_value(entry, block.key, block.value):
            if lossless(block.value):
                found.use("severities", block)
            else:   # structured, and the words the fields do not keep stay in notes
                found.mapped["severities"].extend(block.lines)
        elif entry is not None and block.key and depth == 0 and strip_md(block.value):
            # '- **Incident Commander:** required': a fact about the level no other field holds
            entry.setdefault("details", []).append({"label": strip_md(block.key).rstrip(":"),
                                                    "text": strip_md(block.value)})
            found.use("severities", block)
        elif entry is not None and depth == 0 and not block.key and _plain_fact(entry, strip_md(block.text)):
            # '- acknowledge: 5 minutes', '- updates every hour' (an outline's facts): structured; words the
            # field does not keep stay in notes
            if lossless(strip_md(block.text).split(":", 1)[-1]):
                found.use("severities", block)
            else:
                found.mapped["severities"].extend(block.lines)
        elif entry is not None and depth == 0 and not block.key:
            entry.setdefault("examples", []).append(strip_md(block.text))
            found.use("severities", block)


PLAIN_KEY = re.compile(r"^([a-z][\w /-]{0,30}):\s+(\S.{0,40})$")


def _plain_fact(entry: dict, text: str) -> bool:
    """A lowercase 'acknowledge: 5 minutes' or an 'updates every hour' item: a fact of the level, in its field."""
    from .prose import UPDATES_EVERY

    key = PLAIN_KEY.match(text)
    if key and apply_level_value(entry, key.group(1), key.group(2)):
        return True
    every = UPDATES_EVERY.search(text)
    if every and duration(text) not in (None, "immediate") and "update_every" not in entry:
        entry["update_every"] = duration(text)
        return True
    if "response_time" not in entry and RESPONSE_KEY.search(text) and duration(text):
        from .prose import sentence_facts   # 'Acknowledge within 15 min' nested under '**Impact 1 — Major**'
        sentence_facts(entry, text)
        return "response_time" in entry
    return False


def _label_line(block: Block, key: re.Pattern) -> bool:
    """'- Examples:' written plainly, with its items nested below it."""
    text = strip_md(block.text).strip()
    return not block.key and text.endswith(":") and len(text.split()) <= 3 and bool(key.search(text))


def _describe(level: dict, text: str, section) -> None:
    """The level's description; a level described already (by a table above) keeps this text too,
    under the heading it stands under ('Updates and the status page'), never dropped."""
    if "description" not in level:
        level["description"] = text
    elif text and text != level["description"]:
        label = strip_md(section.title) or "More"
        level.setdefault("details", []).append({"label": label, "text": text})

