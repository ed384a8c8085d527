"""Roles: role tables, bold-led role paragraphs, sections under a Roles heading, role headings."""
from __future__ import annotations

import re

from .found import Found, unused_tables
from .mdparse import Block, Section, joined, strip_md, title_matches
from .text import unnumbered, slug


def role_tables(root: Section, found: Found) -> None:
    """| Role | Description / Responsibilities |: one role per row."""
    for _section, block, header in unused_tables(root, found):
        role_col = next((i for i, h in enumerate(header) if re.fullmatch(r"roles?( name)?|hats?|position", h)), None)
        duty_col = next((i for i, h in enumerate(header) if re.search(r"descr|responsib|duties|does|what (?:they|you) do|"
                                                                          r"^(?:their )?(?:job|tasks?)$", h)), None)
        if duty_col is None:   # '| Role | Person | Notes |': the notes say what the role does
            duty_col = next((i for i, h in enumerate(header) if re.fullmatch(r"notes?|what|remit|purpose", h)), None)
        if duty_col is None and role_col is not None and len(header) == 2:   # '| Role | If you are this person, you... |'
            duty_col = 1 - role_col if re.search(r"\byou\b", header[1 - role_col]) else None
        if role_col is None or duty_col is None or any("phone" in h or "email" in h for h in header):
            continue
        who_col = next((i for i, h in enumerate(header) if i not in (role_col, duty_col) and re.fullmatch(
            r"who|(filled|staffed|held|taken) by|person|owner|assigned( to)?|default|usually", h)), None)
        for row in block.rows[1:]:
            if max(role_col, duty_col) < len(row) and strip_md(row[role_col]) and strip_md(row[duty_col]):
                name = strip_md(row[role_col])
                role = {"id": slug(name, "role"), "name": name, "responsibilities": [strip_md(row[duty_col])]}
                if who_col is not None and who_col < len(row) and strip_md(row[who_col]):
                    role["who"] = strip_md(row[who_col])
                found.roles.append(role)
        rest = any(strip_md(cell) for row in block.rows[1:] for i, cell in enumerate(row)
                   if i not in (role_col, duty_col, who_col))
        if rest:   # a column the role has no field for ('Backup'): structured, and the table stays in notes
            found.mapped["roles"].extend(block.lines)
        else:
            found.use("roles", block)


# '**Incident Commander** — coordinates, makes decisions.' as a paragraph of its own.
# '**Incident Commander** (Engineering) — confirms facts': whose role it is, in brackets, part of its name
BOLD_LEAD = re.compile(r"^\*\*([^*]{2,60}?)\*\*(\s*\([^()]{2,40}\))?\s*[—–-]\s*(\S.*)$")


ROLES_TITLE = re.compile(r"\broles?\b|\bhats\b|who does what|who['’]?s who|who is who|responsibilit", re.IGNORECASE)


DASHED_ROLE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\s+)?([A-Za-z][^—–:]{1,40}?)\s+(?:[—–]|-(?=\s))\s+(\S.*)$")


RACI_CELL = re.compile(r"^(?:[RACI](?:\s*[/,]\s*[RACI])*|[-–—]|n/?a)?$", re.IGNORECASE)


def raci_tables(root: Section, found: Found) -> None:
    """'| Activity | CSIRT Lead | CISO | ...' over rows of R, A, C and I: who does, owns, is asked and is
    told what. Kept as the table it is, on the roles page (its guidance), under its heading."""
    for section in root.walk():
        for block in section.blocks:
            if block.kind != "table" or len(block.rows) < 3 or len(block.rows[0]) < 3 or block.lines[0] in found.used:
                continue
            cells = [strip_md(c).strip() for row in block.rows[1:] for c in row[1:]]
            if not all(RACI_CELL.match(c) for c in cells) or sum(bool(c.strip("-–—")) for c in cells) * 2 < len(cells):
                continue
            rows = [[strip_md(c).strip() for c in row] for row in block.rows]
            text = "\n".join(["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])] +
                             ["| " + " | ".join(row) + " |" for row in rows[1:]])
            home = "roles" if found.roles else "organization"   # the roles page, when the import writes one
            found.guidance.setdefault(home, []).append({"title": strip_md(section.title) or "RACI", "text": text})
            found.use(home, block)
            found.guidance_lines.update(block.lines)


def role_sections(root: Section, found: Found) -> None:
    """Under a 'Roles' heading: each sub-heading with a list is a role, and so is each
    '**Name**: what they do' line."""
    for section in root.walk():
        leads = [BOLD_LEAD.match(b.text) for b in section.blocks if b.kind == "para" and b.lines[0] not in found.used]
        named_roles = sum(bool(m and ROLE_NOUN.search(m.group(1))) for m in leads) >= 2 \
            or _duty_leads(leads)   # '**Scribe** — ...', '**Recorder** - writes each decision down'
        if not section.level or not (title_matches(ROLES_TITLE, section.title) or named_roles) \
                or re.search(r"escalat", section.title, re.I):
            continue
        for block in section.blocks:
            lead = BOLD_LEAD.match(block.text) if block.kind == "para" else None
            label, text = (block.label, block.text) if block.kind == "label" else (block.key, block.value) \
                if block.kind == "item" and block.level == 0 else _lead_role(lead) if lead else ("", "")
            dashed = DASHED_ROLE.match(strip_md(block.text)) if block.kind == "item" and not block.level and not label else None
            if dashed:   # '- Incident Commander — decides, delegates, keeps time'
                label, text = dashed.groups()
            if label and text and block.lines[0] not in found.used and len(label.split()) <= 5:
                found.roles.append(_role(label, [strip_md(text)]))
                found.use("roles", block)
        _toggle_roles(section, found)
        _labelled_roles(section, found)
        titled = title_matches(ROLES_TITLE, section.title)   # ('* Roles' over '** Sample Custodian': each one a role)
        if titled:
            _named_roles(section, found)
        for child in section.children:
            items = [b for b in child.blocks if b.kind == "item" and b.level == 0 and b.lines[0] not in found.used]
            told = titled and any(b.kind == "para" and b.text for b in child.blocks) and len(strip_md(child.title).split()) <= 4 \
                and not NOT_A_ROLE.search(strip_md(child.title))
            if child.line in found.used or child.children or not (items or told or ROLE_NOUN.search(strip_md(child.title))):
                continue
            _prose_role(child, found)


# 'chairs the call', 'works on the press': what someone does, said in the third person
DUTY_VERB = re.compile(r"^(?!(?:is|was|has|means|applies|covers|includes|affects)\b)[a-z]{3,}s\b")


# 'Handing a role over', 'Choosing roles': a part about the roles, not one of them
NOT_A_ROLE = re.compile(r"^\w+ing\b|\broles?\b", re.IGNORECASE)


def _lead_role(lead: re.Match) -> tuple[str, str]:
    """The role's name (its bracket too) and what it does."""
    return lead.group(1) + (lead.group(2) or ""), lead.group(3)


def _duty_leads(leads: list) -> bool:
    """Three bold names or more, each over a lower-case duty in the third person and nothing else."""
    leads = [m for m in leads if m]
    return len(leads) >= 3 and all(DUTY_VERB.match(m.group(3)) for m in leads)


def _toggle_roles(section: Section, found: Found) -> None:
    """'- **Incident Commander**' with what the role does in the paragraphs under it (a Notion toggle
    list): each bold-only item is a role, its paragraphs up to the next item what it does. Only where
    two or more items have that shape, so a lone bold item over prose stays as it was."""
    roles: list[tuple[Block, list[Block]]] = []
    current: list[Block] | None = None
    for block in section.blocks:
        free = block.lines[0] not in found.used
        if free and block.kind == "item" and block.level == 0 and block.key and not block.value \
                and strip_md(block.text) == block.key and len(block.key.split()) <= 5:
            current = []
            roles.append((block, current))
        elif free and block.kind == "para" and block.text and current is not None:
            current.append(block)
        else:
            current = None   # anything else ends the role above it
    roles = [(item, paras) for item, paras in roles if paras]
    if len(roles) < 2:
        return
    for item, paras in roles:
        found.roles.append(_role(item.key, _paragraphs(paras)))
        found.use("roles", item, *paras)


def _labelled_roles(section: Section, found: Found) -> None:
    """'**Incident Manager**' on a line of its own over a list of what the role does (a word processor's
    bold paragraph): a role each, where two or more are written so."""
    roles: list[tuple[Block, list[Block]]] = []
    current: list[Block] | None = None
    for block in section.blocks:
        free = block.lines[0] not in found.used
        if free and block.kind == "label" and not block.text and 1 <= len(strip_md(block.label).split()) <= 5:
            current = []
            roles.append((block, current))
        elif free and block.kind == "item" and current is not None:
            current.append(block)
        else:
            current = None
    roles = [(label, items) for label, items in roles if items]
    if len(roles) < 2:
        return
    for label, items in roles:
        duties: list[str] = []
        for item in items:   # a nested item says more about the duty above it
            if item.level and duties:
                duties[-1] += f"; {strip_md(item.text)}"
            else:
                duties.append(strip_md(item.text))
        found.roles.append(_role(label.label, duties))
        found.use("roles", label, *items)


def _named_roles(section: Section, found: Found) -> None:
    """'## Incident roles' over a list of names only ('1. Incident Commander', '2. Scribe'): a role each,
    what it does left for a human to fill in (the source does not say)."""
    from ..validate.imported import missing

    items = [b for b in section.blocks if b.kind == "item" and not b.level]
    names = [strip_md(b.text).strip(" .") for b in items]
    if len(items) < 2 or any(b.lines[0] in found.used or b.key for b in items) or \
            not all(1 <= len(n.split()) <= 4 and n[:1].isupper() and not re.search(r"[.:;,—–]", n) for n in names):
        return
    for block, name in zip(items, names):
        found.roles.append(_role(name, [missing("what this role does")]))
        found.use("roles", block)


def _prose_role(section: Section, found: Found) -> None:
    """A role heading: its list is what the role does, its prose what the role is (or, alone, what it does);
    '**Does not:** ...' and other labels are duties as written; a '**Responsibilities**' label is a caption."""
    free = [b for b in section.blocks if b.lines[0] not in found.used]
    items = [b for b in free if b.kind == "item" and b.level == 0]
    nested = [b for b in free if b.kind == "item" and b.level > 0]
    prose = [b for b in free if b.kind == "para" and b.text]
    labels = [b for b in free if b.kind == "label"]
    duties = [unnumbered(strip_md(b.text)) for b in items]   # '2.1.1 Declares the fault': the clause's number is structure
    duties += [f"{strip_md(b.label)}: {strip_md(b.text)}" for b in labels if b.text]
    text = _paragraphs(prose)
    if not duties and not text:
        return
    role = _role(section.title, duties or text)
    if duties and text:
        role["description"] = "\n\n".join(text)
    found.roles.append(role)
    found.used.add(section.line)
    found.mapped["roles"].append(section.line)
    found.use("roles", *items, *prose, *labels)
    for block in nested:   # a wrapped or nested line goes with the duty above it
        above = max((b for b in items if b.lines[0] < block.lines[0]), key=lambda b: b.lines[0], default=None)
        if above is not None:
            index = items.index(above)
            role["responsibilities"][index] += f" {strip_md(block.text)}"
            found.use("roles", block)


def _paragraphs(blocks: list[Block]) -> list[str]:
    """Consecutive source lines joined into one paragraph each."""
    out: list[str] = []
    last = None
    for block in blocks:
        if last is not None and block.lines[0] == last + 1 and out:
            out[-1] += " " + strip_md(block.text)
        else:
            out.append(strip_md(block.text))
        last = block.lines[-1]
    return out


def _role(title: str, duties: list[str]) -> dict:
    title = unnumbered(strip_md(title))
    # '(IC)' is the role's short name, kept apart; '(Pennine)' says whose role it is: part of its name
    name = re.sub(r"\s*\([A-Z]{1,4}\)\s*$", "", title).strip() or title
    role = {"id": slug(name, "role"), "name": name, "responsibilities": duties}
    short = re.search(r"\(([A-Z]{1,4})\)", title)
    if short:
        role["short"] = short.group(1)
    return role


ROLE_NOUN = re.compile(r"\b(manager|commander|lead|leader|coordinator|scribe|liaison|officer|owner|responder|"
                       r"analysts?|advisor|adviser|expert|specialist|representative|engineer|director|"
                       r"controller|spokesperson|on-call|technician|recorder|note[- ]?taker|chair|operator|"
                       r"supervisor|administrator|handler)s?\s*(\([A-Z]{1,5}\))?$", re.IGNORECASE)


def role_headings(root: Section, found: Found) -> None:
    """'## Major incident manager' followed by a list of what they do: a role."""
    from .contacts import card_fields

    for section in root.walk():
        if not section.level or section.line in found.used or section.children or \
                not ROLE_NOUN.search(strip_md(section.title)):
            continue
        items = [b for b in section.blocks if b.kind == "item" and b.level == 0 and b.lines[0] not in found.used]
        if card_fields(items):
            continue   # '** Wen Liang — HPC Systems Lead' over '- Phone:' / '- Email:': a contact, not a role
        siblings = [c for c in (section.parent.children if section.parent else []) if not c.children
                    and ROLE_NOUN.search(strip_md(c.title))]
        if len(items) < 2 and len(siblings) >= 2:   # '### Response Lead' among other role headings, in prose
            _prose_role(section, found)
            continue
        if len(items) < 2:
            continue
        role = _role(section.title, [strip_md(b.text) for b in items])
        lead = [b for b in section.blocks if b.kind == "para" and b.text and b.lines[0] not in found.used]
        if lead:
            role["who"] = joined(lead, section.blocks)
            found.use("roles", *lead)
        found.roles.append(role)
        found.used.add(section.line)
        found.mapped["roles"].append(section.line)
        found.use("roles", *items)
