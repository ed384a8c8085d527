"""Ladders whose levels each lead a block of their own, the way pages write them when no table does:

    ### 🔴 SEV1 — customers can't move money          (sibling headings)
    - CRITICAL – players can't log in ... Respond within 10 minutes.   (a list, one level per item)
    > [!danger] Critical — respond within 15 min      (callouts: a bold title over its text)
    LEVEL A  -- Campus-wide outage                     (paragraphs, plain text)
               Response: within 30 minutes, 24x7

A run of two or more such blocks one after another, each led by a different level, is a ladder.
The lead is a level id (P1, SEV-2, Priority 3, Level A) or a level name (Critical, Major, Minor),
then a dash or colon. Level names and 'Level N' also number escalation steps and much else, so
they make a ladder only where the section says it is about severity or a level's text says how
soon to respond. Read only when no other pass found a ladder. A level's time and paging come from
what its own text says (prose.sentence_facts), a bare time after the lead ('Medium — 4h') only
where the other levels say in the same place that it is the time to respond.
"""
from __future__ import annotations

import re

from .found import Found
from .ladders import EXAMPLE_KEY, RESPONSE_KEY, apply_level_value, level_id, lossless, written_as
from .mdparse import Block, Section, strip_md
from .named_ladders import COLOURS, RANKS, _gravest_first
from .prose import RESPOND_SENTENCE, SEVERITY_TITLE, sentence_facts
from .text import duration

STRONG = r"(?:P|SEV|Sev|S|Priority|Severity)[\s-]?(?:\d{1,2}|[A-E])"
# 'SEC-1', 'INC-2': a team's own prefix and a number, a level where the section or its times say so
COLOUR_TOKEN = r"(?:(?:code|condition|status|level|alert)\s+)?(?:" + "|".join(COLOURS) + r")"
WEAK = r"(?:Level|Class|Category|Cat|Grade)[\s-]?(?:\d{1,2}|[A-E])|[A-Z]{2,5}-\d{1,2}|" + \
    "|".join(sorted(RANKS, key=len, reverse=True)) + "|" + COLOUR_TOKEN
# ('Level 1 (Critical): the furnace controller is offline': the level's name in brackets before the colon)
LEAD = re.compile(rf"^\W*?(?P<token>(?P<strong>{STRONG})|{WEAK})\s*(?:\((?P<named>[A-Za-z][\w /-]{{0,24}})\)\s*)?"
                  rf"(?:--|[-–—:|·])\s*(?P<rest>\S.*)$",
                  re.IGNORECASE | re.DOTALL)
LEVEL_KEY = r"Examples?|First response|Response(?: time)?|Respond|Impact|Definition|Meaning|Paging|Updates?|Resolution(?: target)?"
KEY_PARA = re.compile(rf"^(?P<key>{LEVEL_KEY}):\s+(?P<value>\S.*)$", re.DOTALL | re.IGNORECASE)
INLINE_KEY = re.compile(rf"\s\b({LEVEL_KEY}):\s+", re.IGNORECASE)


def lead_ladders(root: Section, found: Found, make_level) -> None:
    if found.levels:
        return
    for section in root.walk():
        if re.search(r"escalat", section.title, re.IGNORECASE):
            continue
        if _heading_run(section, found, make_level) or _block_run(section, found, make_level) \
                or _colour_run(section, found, make_level):
            return


def _lead(text: str) -> re.Match | None:
    match = LEAD.match(strip_md(text).strip())
    return match if match and len(match.group("token")) <= 12 else None


def _about_severity(section: Section) -> bool:
    node = section
    while node is not None and node.level > 0:
        if SEVERITY_TITLE.search(node.title) and not re.search(r"escalat", node.title, re.IGNORECASE):
            return True
        node = node.parent
    return False


def _token_key(match: re.Match) -> str:
    return re.sub(r"[\W_]+", "", match.group("token")).lower()


def _distinct(matches: list[re.Match]) -> bool:
    keys = [_token_key(m) for m in matches]
    return len(keys) >= 2 and len(set(keys)) == len(keys)


def _heading_run(section: Section, found: Found, make_level) -> bool:
    children = [c for c in section.children if c.line not in found.used]
    run = _first_run([(c, _lead(c.title)) for c in children])
    if not run or not _trusted(section, [m for _, m in run], [_body(c, found) for c, _ in run]):
        return False
    for order, (child, match) in enumerate(_gravest_first_by_token(run)):
        entry = _entry(found, make_level, match, order, name=match.group("rest").strip(" *_."))
        written_as(entry, child.title)   # 'CAT 1 - CRITICAL', which the site shows as 'CAT1 · CRITICAL'
        found.used.add(child.line)
        found.mapped["severities"].append(child.line)
        prose = [b for b in child.blocks if b.kind == "para" and b.lines[0] not in found.used]
        for block in prose[:1]:
            entry.setdefault("description", strip_md(block.text))
            sentence_facts(entry, strip_md(block.text))
            found.use("severities", block)
    return True


COLOUR_TITLE = re.compile(r"^\W*(?:(?:code|condition|status|level|alert)\s+)?(" + "|".join(COLOURS) + r")\W*$",
                          re.IGNORECASE)


def _colour_run(section: Section, found: Found, make_level) -> bool:
    """'### 🔴 Code Red' beside '### 🟠 Code Orange', each over what it is and how soon someone must
    be on it: a ladder of colour codes, where two of them or more say how soon."""
    titled = [(c, COLOUR_TITLE.match(strip_md(c.title))) for c in section.children if c.line not in found.used]
    children = [c for c, match in titled if match]
    colours = [match.group(1).lower() for _, match in titled if match]
    texts = [_body(c, found) + " " + " ".join(strip_md(b.text) for b in c.blocks if b.kind == "item") for c in children]
    timed = sum(bool(RESPOND_SENTENCE.search(t) and duration(t)) for t in texts)
    if len(children) < 2 or len(set(colours)) < len(colours) or timed < 2:
        return False
    ranked = sorted(zip(children, colours), key=lambda pair: COLOURS[pair[1]])
    for order, (child, _) in enumerate(ranked):
        title = re.sub(r"^\W+", "", strip_md(child.title)).strip()
        entry = make_level(found, re.sub(r"\s+", "-", title).upper(), title)
        entry["_by_order"], entry["_order"] = True, order
        blocks = [b for b in child.blocks if b.kind in ("para", "item") and b.lines[0] not in found.used
                  and not b.text.lstrip().startswith("<!--")]   # a slide's speaker notes are not the level's
        if blocks:
            entry.setdefault("description", " ".join(strip_md(b.text) for b in blocks))
        for block in blocks:
            sentence_facts(entry, strip_md(block.text))
        found.used.add(child.line)
        found.mapped["severities"].append(child.line)
        found.use("severities", *blocks)
    return True


def _body(child: Section, found: Found) -> str:
    return " ".join(strip_md(b.text) for b in child.blocks if b.kind == "para" and b.lines[0] not in found.used)


def _block_run(section: Section, found: Found, make_level) -> bool:
    blocks = [b for b in section.blocks if b.lines[0] not in found.used]
    base = min((b.level for b in blocks if b.kind == "item"), default=0)   # a plain-text list may be indented
    candidates = [(b, _lead(b.label or b.text) if _leads(b, base) else None) for b in blocks
                  if not (b.kind == "item" and b.level > base)]   # nested items belong to the item above
    run = _first_run(candidates)
    if not run:
        return False
    if any(b.kind == "item" for b, _ in run) and not _whole_list(blocks, run, base):
        return False
    extras = _key_paragraphs(blocks, run)
    nested = _nested_items(blocks, run)
    texts = [m.group("rest") + " " + " ".join(b.text for b in extras.get(id(b), []) + nested.get(id(b), []))
             for b, m in run]
    if not _trusted(section, [m for _, m in run], texts):
        return False
    respond_leads = any(b.kind == "label" and RESPOND_SENTENCE.search(m.group("rest")) for b, m in run)
    for order, (block, match) in enumerate(_gravest_first_by_token(run)):
        under = nested.get(id(block), [])
        short = len(strip_md(match.group("rest")).split()) <= 3
        entry = _entry(found, make_level, match, order,
                       name=strip_md(match.group("rest")).strip() if under and short else match.group("token"))
        if under and short:   # '1. **SEC-1 · Critical**' over bullets that say what it is and how fast
            written_as(entry, block.text)
            entry.setdefault("description", " ".join(strip_md(b.text) for b in under))
            for item in under:
                sentence_facts(entry, strip_md(item.text))
            found.use("severities", *under)
        _describe(entry, block, match, respond_leads)
        for extra in extras.get(id(block), []):
            key = KEY_PARA.match(strip_md(extra.text))
            _key_value(entry, key.group("key"), key.group("value"))
            found.use("severities", extra)
        found.use("severities", block)
    return True


def _leads(block: Block, base: int) -> bool:
    return block.kind in ("para", "label") or (block.kind == "item" and block.level == base)


def _first_run(candidates: list) -> list:
    """The first run of two or more consecutive candidates that each have a lead, led by different levels."""
    run: list = []
    for block, match in candidates + [(None, None)]:
        if match is not None:
            run.append((block, match))
            continue
        if block is not None and run and _continues(block):
            continue
        if _distinct([m for _, m in run]):
            return run
        run = []
    return []


def _continues(block) -> bool:
    """'Response: within 2 hours' after a level's paragraph: more of the same level."""
    return isinstance(block, Block) and block.kind == "para" and bool(KEY_PARA.match(strip_md(block.text)))


def _whole_list(blocks: list[Block], run: list, base: int) -> bool:
    """Every top-level item of the list the run is in leads with a level (else it is a list about something)."""
    first = blocks.index(run[0][0])
    items = []
    for block in blocks[first:]:
        if block.kind != "item":
            break
        items.append(block)
    return all(b.level > base or any(b is r for r, _ in run) for b in items)


def _nested_items(blocks: list[Block], run: list) -> dict[int, list[Block]]:
    """The items nested under each level's item."""
    return _following(blocks, [b for b, _ in run if b.kind == "item"],
                      lambda lead, block: block.kind == "item" and block.level > lead.level)


def _key_paragraphs(blocks: list[Block], run: list) -> dict[int, list[Block]]:
    """The 'Key: value' paragraphs right after each level's block."""
    return _following(blocks, [b for b, _ in run], lambda lead, block: _continues(block))


def _following(blocks: list[Block], leads: list[Block], belongs) -> dict[int, list[Block]]:
    """id(lead) -> the blocks right after it for which ``belongs(lead, block)`` holds, up to the first that does not."""
    ids = {id(b) for b in leads}
    out: dict[int, list[Block]] = {}
    current = None
    for block in blocks:
        if id(block) in ids:
            current = block
        elif current is not None and belongs(current, block):
            out.setdefault(id(current), []).append(block)
        else:
            current = None
    return out


def _trusted(section: Section, matches: list[re.Match], texts: list[str]) -> bool:
    if not _distinct(matches):
        return False
    if all(m.group("strong") for m in matches) or _about_severity(section):
        return True
    says_respond = sum(bool((RESPOND_SENTENCE.search(t) or RESPONSE_KEY.search(t)) and duration(t)) for t in texts)
    return says_respond >= 2 or says_respond * 2 >= len(texts) and says_respond > 0


def _gravest_first_by_token(run: list) -> list:
    colours = [_colour(m) for _, m in run]
    if all(c is not None for c in colours):
        return [pair for _, pair in sorted(zip(colours, run), key=lambda c: COLOURS[c[0]])]
    if all(_token_key(m) in RANKS for _, m in run):
        named = _gravest_first([(m.group("token"), (b, m)) for b, m in run])
        return [pair for _, pair in named]
    return run


def _colour(match: re.Match) -> str | None:
    """The colour a level's token names ('Code Amber' -> amber), or None."""
    last = match.group("token").split()[-1].lower()
    return last if last in COLOURS else None


def _entry(found: Found, make_level, match: re.Match, order: int, name: str) -> dict:
    token = match.group("token").strip()
    name = (match.groupdict().get("named") or "").strip() or name
    lid = level_id(token) or re.sub(r"[\s-]+", "-", token).upper()
    entry = make_level(found, lid, name or token)
    entry["_by_order"], entry["_order"] = True, order
    return entry


def _describe(entry: dict, block: Block, match: re.Match, respond_leads: bool) -> None:
    """The text after the lead (and a callout's body) is the level's description and its facts."""
    rest = strip_md(match.group("rest")).strip()
    if block.kind == "label":
        title, body = rest, strip_md(block.text).strip()
        written_as(entry, block.label)
        sentence_facts(entry, title)
        if respond_leads and "response_time" not in entry and duration(title) and \
                re.fullmatch(r"(?:within\s+)?[\w\s-]{1,25}", title):
            entry["response_time"] = duration(title)
        rest = body or title
    parts = INLINE_KEY.split(rest)
    entry.setdefault("description", parts[0].strip())
    sentence_facts(entry, parts[0])
    for key, value in zip(parts[1::2], parts[2::2]):
        _key_value(entry, key, value.strip())


def _key_value(entry: dict, key: str, value: str) -> None:
    """'Response: within 2 hours during business hours (Mon-Fri)': the time, and the words as written."""
    if not apply_level_value(entry, key, value) or not (lossless(value) or EXAMPLE_KEY.search(key)):
        entry.setdefault("details", []).append({"label": key, "text": value})
