"""Contacts, channels and tools: contact tables and items, reach fields (phone, e-mail, chat),
sections and sentences that give a number."""
from __future__ import annotations

import re

from .found import Found, home_of, in_playbook
from .mdparse import Block, Section, strip_md, titled
from ..validate.imported import is_missing
from .kinds import contact_kind, kind_in_words
from .text import CHANNEL, EMAIL, HANDLE, PHONE, PHONE_ANY, PLACEHOLDER, URL, phone_in, slug, unescape


REACH_KEY = re.compile(r"phone|e-?mail|slack|pager|hotline|line|portal|support|status|chat|contact", re.I)


# A key that names a person or a team ('Support Manager on duty'), not a way to reach the heading's.
# Not arrow_chains.PEOPLE: that counts 'support', 'ops' and 'escalation', which also name a portal,
# a line or a page ('Support portal', 'Escalation line') a heading's contact is reached through.
NAMES_SOMEONE = re.compile(r"\b(?:manager|lead|engineer|on-?call|director|head|officer|supervisor|admin\w*|"
                           r"owner|commander|team|desk|duty)\b", re.IGNORECASE)


def section_contacts(root: Section, found: Found) -> None:
    """'## Payment processor' with '- **Emergency line**: +1 555 0123': a contact named by its heading."""
    from .text import EMAIL, PHONE_ANY, URL

    for section in root.walk():
        if not section.level:
            continue
        items = [b for b in section.blocks if b.kind == "item" and b.key and REACH_KEY.search(b.key)
                 and b.lines[0] not in found.used
                 and (PHONE_ANY.search(b.value) or EMAIL.search(b.value) or URL.search(b.value))]
        labelled = [b for b in section.blocks if b.kind == "item" and b.key and not b.ordered
                    and b.lines[0] not in found.used and PHONE_ANY.match(strip_md(b.value).strip())]
        if sum(bool(NAMES_SOMEONE.search(strip_md(b.key))) for b in labelled) >= 2:
            _labelled_people(labelled, section, found)   # '- Support Manager on duty: ...': people of their own
            continue
        if not items:
            continue
        name = re.sub(r"^[\d.]+\s+", "", strip_md(section.title))
        cid = slug(name, "contact")
        contact = found.contacts.setdefault(cid, {"id": cid, "kind": contact_kind(name, _over(section)), "name": name})
        for block in items:
            _reach(contact, block.value)
        found.use("contacts", *items)


def _labelled_people(items: list[Block], section: Section, found: Found) -> None:
    """Each '- Tier 2 lead line: +1 (646) 555-0164, ext. 12' a contact named by its label; the words
    beside the number (the extension, when to use it) kept with it as written."""
    for block in items:
        name = strip_md(block.key).rstrip(":").strip()
        cid = slug(name, "contact")
        contact = found.contacts.setdefault(cid, {"id": cid, "kind": contact_kind(name, _over(section)), "name": name})
        _reach(contact, block.value)
        found.use("contacts", block)


def para_contacts(root: Section, found: Found) -> None:
    """'Dial-in: +1 555 0166, PIN 4411.' under '## Bridge call': a contact named by its heading;
    'SOC desk: +1 555 0260 (24×7) · soc@example.org' on a line of its own: a contact named by its
    label. The sentence stays in notes, as it says more than the number."""
    from .arrow_chains import ARROW
    from .text import PHONE

    for section in root.walk():
        if not section.level:
            continue
        for block in section.blocks:
            if block.kind != "para" or block.lines[0] in found.used:
                continue
            if _listed_contacts(block, found):
                continue
            match = re.match(r"^(dial-?in|phone|call|hotline|bridge|conference)\b[^:]*:\s*(.+)$", block.text or "", re.I)
            labelled = LABELLED_LINE.match(strip_md(block.text or ""))
            if match and PHONE.search(match.group(2)):
                name, text = re.sub(r"^[\d.]+\s+", "", strip_md(section.title)), match.group(2)
                kind = "channel" if re.match(r"dial|bridge|conference|hotline", match.group(1), re.I) \
                    else contact_kind(name, _over(section))   # 'Phone:' under '## Payment processor'
            elif labelled and len(labelled.group(1).split()) <= 4 and PHONE.search(NEXT_LABEL.split(labelled.group(2))[0]) \
                    and len(ARROW.findall(labelled.group(2))) < 2:   # 'Escalation order: A > B > C (+1 555 0230)': a chain
                name, text = labelled.group(1), NEXT_LABEL.split(labelled.group(2))[0]
                kind = contact_kind(name, _over(section))
            else:
                continue
            cid = slug(name, "contact")
            contact = found.contacts.setdefault(cid, {"id": cid, "kind": kind, "name": name})
            _reach(contact, text)
            hours = AROUND_THE_CLOCK.search(text)
            if hours and kind != "channel":
                contact.setdefault("hours", hours.group(0))
            found.mapped["contacts"].extend(block.lines)


# 'Contacts: platform on-call `+1 555 0134`, database team `dba@example.com`.': whom to reach, each with how
LISTED = re.compile(r"^(?:key |useful |other |escalation )?contacts?\s*:\s*(.+)$", re.IGNORECASE)


def _listed_contacts(block: Block, found: Found) -> bool:
    """A line that lists contacts, each a name and a number or address, apart by commas or semicolons:
    a contact each, named as written."""
    listed = LISTED.match(strip_md(block.text or ""))
    parts = [p.strip(" .") for p in re.split(r"[;,]\s+(?=\D)", listed.group(1))] if listed else []
    pairs = []
    for part in parts:
        reach = PHONE.search(part) or EMAIL.search(part)
        name = part[:reach.start()].strip(" :-–—(") if reach else ""
        if not reach or not name or len(name.split()) > 5 or part[reach.end():].strip(" )"):
            return False
        pairs.append((name, part[reach.start():]))
    if len(pairs) < 2:
        return False
    for name, reach in pairs:
        cid = slug(name, "contact")
        _reach(found.contacts.setdefault(cid, {"id": cid, "kind": contact_kind(name), "name": name}), reach)
    found.mapped["contacts"].extend(block.lines)   # structured; the line also stays in notes as written
    return True


# 'SOC desk: +1 555 0260 · soc@example.org', and where a wrapped line starts the next label ('IR lead rota: ...').
LABELLED_LINE = re.compile(r"^([A-Z][\w&/.' -]{1,30}?)\s*:\s+(.+)$")
NEXT_LABEL = re.compile(r"\s+(?=[A-Z][\w&/' -]{1,30}:\s)")
AROUND_THE_CLOCK = re.compile(r"24\s*[x×/]\s*7")


def _over(section: Section) -> str:
    """The heading a section sits under ('Vendors' over '## Payment processor'): what its contacts are."""
    return section.parent.title if section.parent is not None and section.parent.level else ""


CONTACT_WORDS = re.compile(r"contact|who to (?:call|ring|phone|page|contact|notify)|directory|on-?call list|phone list|"
                           r"phone numbers", re.I)


def _contacts(root: Section, found: Found) -> None:
    for section in root.walk():
        in_contacts = home_of(section) == "contacts" or under_contact_words(section) or _keyed_phones(section, found)
        field_cards(section, found)
        if in_contacts and section.level and not section.children:
            heading_card(section, found)
        for block in section.blocks:
            if block.kind == "table" and block.rows and block.lines[0] not in found.used and ROTA.match(
                    strip_md(block.rows[0][0]).strip()) and len(block.rows) > 2:
                _rota(block, section, found)
            elif block.kind == "table" and block.rows and block.lines[0] not in found.used and (
                    any("phone" in h.lower() for h in block.rows[0]) or _reach_table(block)):
                _contact_table(block, found)
            elif in_contacts and block.kind == "item" and block.lines[0] not in found.used:
                _contact_item(block, found, section.title)
            elif in_contacts and block.kind in ("para", "label") and block.lines[0] not in found.used \
                    and len(block.lines) == 1 and _bold_contact(block, section, found):
                continue
            elif in_contacts and block.kind == "para" and block.lines[0] not in found.used and len(block.lines) == 1:
                field = re.match(r"^([A-Z][\w /&()-]{0,40}):\s+(\S.*)$", block.text)   # 'Urgent line: +1 555 0177'
                if field:
                    _contact_item(Block("item", block.lines, text=block.text, key=field.group(1),
                                        value=field.group(2)), found, section.title)
        for block in section.blocks:
            if block.kind in ("item", "para", "label") and block.lines[0] not in found.used:
                _channels_and_tools(block, found, in_contacts)


def _keyed_phones(section: Section, found: Found) -> bool:
    """'Whose numbers do I need?' over '- **Tomasz Wren**, platform lead: 555-0122' twice or more: a
    phone list whatever its heading says, unless it is a playbook's (a step may name a number)."""
    items = [b for b in section.blocks if b.kind == "item" and not b.level and not b.ordered
             and b.lines[0] not in found.used and ":" in b.text and KEYED_PHONE.search(strip_md(b.text))]
    return len(items) >= 2 and not in_playbook(found, section)


KEYED_PHONE = re.compile(r":\s*" + PHONE_ANY.pattern)


# '**Priya Natarajan**, IT Manager: +44 20 7946 0388', '**Service Desk** (08:00–18:00): +44 ...': a bold
# name, its title after a comma, its hours in brackets, then the number (as Word contact lists are written)
BOLD_CONTACT = re.compile(r"^\*\*(?P<name>[^*]{2,60}?)\*\*(?:,\s*(?P<title>[^:()*]{2,60}?))?\s*"
                          r"(?:\((?P<hours>[^()]{2,40})\))?\s*:\s*(?P<rest>\S.*)$")


def _bold_contact(block: Block, section: Section, found: Found) -> bool:
    """A paragraph or label of a contacts section that is one contact written with its name in bold."""
    text = f"**{block.label}**: {block.text}" if block.kind == "label" else block.text
    match = BOLD_CONTACT.match(text.strip())
    rest = match.group("rest") if match else ""
    if not match or not PHONE.search(rest) or not _number_of(match, rest, section):
        return False
    name, title = _name_and_title(unescape(strip_md(match.group("name"))).strip(), match.group("title"))
    cid = slug(name, "contact")
    # a job title after a comma is the holder's ('Margaret Ellis, Operations Manager': a person); words
    # in brackets describe whoever it is ('Kestrel Refrigeration (cold store engineers)')
    bracketed = bool(PAREN_TITLE.match(unescape(strip_md(match.group("name"))).strip()))
    kind = bracket_kind(contact_kind(name, section.title), title) if bracketed else \
        contact_kind(f"{name} {title}".strip(), section.title)
    contact = found.contacts.setdefault(cid, {"id": cid, "kind": kind, "name": name})
    if title:
        contact.setdefault("title", title)
    hours = match.group("hours") if match.group("hours") and re.search(r"\d", match.group("hours")) else ""
    if hours:
        contact.setdefault("hours", hours.strip())
    if reach_fields(contact, unescape(strip_md(rest))) or hours:   # more than the number: the line as written
        contact.setdefault("notes", unescape(strip_md(text)))
    found.use("contacts", block)
    return True


def _number_of(match: re.Match, rest: str, section: Section) -> bool:
    """The number comes first ('**Desk**: +1 555 0100, 24/7'), or, under a heading that says these
    are whom to call, the text holds one number only ('**Duty phone:** carried by ... The number is
    07700 900400.'); elsewhere '**Escalation**: call +1 555 0100 if ...' is a sentence."""
    if not rest[:PHONE.search(rest).start()].strip(" :–—-"):
        return True
    numbers = {re.sub(r"\D", "", m.group(0)) for m in PHONE.finditer(rest)}
    name = strip_md(match.group("name")).strip(" :")
    return len(numbers) == 1 and under_contact_words(section) and len(name.split()) <= 6 and _names_someone(name)


PERSON_NAME = re.compile(r"^[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}\b")


def _names_someone(name: str) -> bool:
    """'Duty Coordinator', 'Margaret Ellis, ...', 'Kestrel Refrigeration (...)': a holder, a person or
    a firm described in brackets; 'Escalation' or 'After hours' is a topic, its sentence no contact."""
    return bool(kind_in_words(name) or PERSON_NAME.match(name) or PAREN_TITLE.match(name))


COMMA_TITLE = re.compile(r"^(?P<name>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}), (?P<title>[A-Za-z][\w &/-]{2,50})$")
PAREN_TITLE = re.compile(r"^(?P<name>[^()]{2,60}?)\s*\((?P<title>[^()\d]{2,60})\)$")


def _name_and_title(name: str, title: str | None) -> tuple[str, str]:
    """'Dev Patel (volunteer IT support)': the name, and the title in brackets."""
    bracketed = PAREN_TITLE.match(name) if not title else None
    if bracketed:
        return bracketed.group("name").strip(), bracketed.group("title").strip()
    comma = COMMA_TITLE.match(name) if not title else None   # '**Sunil Varma, Chief Executive:**'
    if comma:
        return comma.group("name"), comma.group("title").strip()
    return name, (title or "").strip()


def under_contact_words(section: Section) -> bool:
    """A section called 'Who to call' or 'Contacts', or one of its sub-sections."""
    return titled(section, CONTACT_WORDS)


PHONE_COLUMN = re.compile(r"phone|mobile|\bcell\b|\btel\b|dial", re.IGNORECASE)
# '| How to reach |', '| Contact details |': a column of numbers and addresses, and words beside them
# ('Contact' alone over 'nadia@host.example  +1 555-0170': how to reach the row's person, as an on-call tool lists it)
HOW_TO_REACH = re.compile(r"how to (?:reach|contact)|contact details|\breach\b|^contact(?: info(?:rmation)?)?$", re.IGNORECASE)
REACH_COLUMN = re.compile(r"phone|mobile|\btel|e-?mail|slack|\bchat\b|pager|handle|teams|dial|" + HOW_TO_REACH.pattern,
                          re.IGNORECASE)


# A contact written as its fields, a line each: a wiki's {{Contact card | name = ... | phone = ...}}, a
# YAML-like block ('name: ...' / 'email: ...')
CARD_FIELD = re.compile(r"^(?:name|full name|role|title|job title|phone|tel|telephone|mobile|cell|ext|extension|"
                        r"e-?mail|slack|chat|pager|hours|availability|notes?|team|organi[sz]ation|company)$", re.IGNORECASE)


def field_cards(section: Section, found: Found) -> None:
    """Runs of '- **name**: Rachel Adeyemi' / '- **phone**: ...' items, one run a person or team: a
    contact each, its fields where the schema has them, the rest its notes."""
    run: list[Block] = []
    for block in section.blocks + [None]:
        card = block is not None and block.kind == "item" and not block.level and block.key \
            and block.lines[0] not in found.used and CARD_FIELD.match(strip_md(block.key).strip())
        starts = card and strip_md(block.key).strip().lower() in ("name", "full name") and run
        if run and (not card or starts or block.lines[0] > run[-1].lines[-1] + 1):
            _card(run, section, found)
            run = []
        if card:
            run.append(block)


def heading_card(section: Section, found: Found) -> None:
    """'** Wen Liang — HPC Systems Lead' over '- Phone: ...' / '- Email: ...' under a contacts heading: the
    heading names the contact (and its title), its items are its fields."""
    items = [b for b in section.blocks if b.kind == "item" and not b.level and b.lines[0] not in found.used]
    fields = card_fields(items)
    if not fields or section.line in found.used:
        return
    parts = re.split(r"\s+[—–]\s+|\s+-\s+", strip_md(section.title), maxsplit=1)
    name, title = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
    if not name or len(name.split()) > 6:
        return
    card = [Block("item", [section.line], key="name", value=name)]
    if title:
        card.append(Block("item", [section.line], key="role", value=title))
    _card(card + fields, section, found)
    found.used.add(section.line)
    found.mapped["contacts"].append(section.line)


def card_fields(items: list[Block]) -> list[Block]:
    """The items that are a contact's fields ('Phone: ...', 'Email: ...'), where they are most of the
    items; [] where they are not."""
    fields = [b for b in items if b.key and CARD_FIELD.match(strip_md(b.key).strip())]
    return fields if fields and len(fields) * 2 >= len(items) else []


def _card(run: list[Block], section: Section, found: Found) -> None:
    fields = {strip_md(b.key).strip().lower(): strip_md(b.value).strip() for b in run}
    name = fields.get("name") or fields.get("full name")
    if not name or len(run) < 2 or not any(k not in ("name", "full name") for k in fields):
        return
    cid = slug(name, "contact")
    role = fields.get("role") or fields.get("title") or fields.get("job title") or ""
    kind = _row_kind(name, role or _over(section), name, name, role)   # ('Trust Network Manager': a person's title)
    contact = found.contacts.setdefault(cid, {"id": cid, "kind": kind, "name": name})
    if role and role != name:
        contact.setdefault("title", role)
    for key, value in fields.items():
        if key in ("name", "full name", "role", "title", "job title") or not value:
            continue
        if key in ("hours", "availability"):
            contact.setdefault("hours", value)
        elif reach_fields(contact, value) or key in ("notes", "note", "team", "organisation", "organization", "company"):
            contact["notes"] = "\n".join(filter(None, [contact.get("notes", ""), f"{key.capitalize()}: {value}"]))
    found.use("contacts", *run)


# '| Week of | Primary | Secondary |': who is on call when, a row a week; not a list of contacts
ROTA = re.compile(r"^(?:weeks?(?: of| starting| commencing| beginning)?|dates?|from|starting|shift|period|month|day)$",
                  re.IGNORECASE)


def _rota(block: Block, section: Section, found: Found) -> None:
    """An on-call rota: shown on the contacts page as the table it is (the people in it are the
    contacts the document lists elsewhere, with their numbers)."""
    from .word_docx import markdown_table

    rows = [[strip_md(c).replace("|", "\\|") for c in row] for row in block.rows]
    found.guidance.setdefault("contacts", []).append({"title": strip_md(section.title) or "On-call rota",
                                                      "text": "\n".join(markdown_table(rows)).strip()})
    found.use("contacts", block)
    found.guidance_lines.update(block.lines)


def _reach_table(block: Block) -> bool:
    """| Team | Slack | Email |: a column that says how to reach someone, and cells that are addresses."""
    header = [strip_md(h) for h in block.rows[0]]
    columns = [i for i, h in enumerate(header) if REACH_COLUMN.search(h)]
    cells = [strip_md(row[i]) for row in block.rows[1:] for i in columns if i < len(row)]
    return (bool(columns) and len(block.rows) > 1 and any(EMAIL.search(c) or CHANNEL.search(c) or HANDLE.search(c)
                                                           or PHONE_ANY.search(c) for c in cells)) \
        or bool(number_columns(block))


def number_columns(block: Block) -> list[int]:
    """Columns whatever their header ('Duty Manager line') where every row gives a phone number."""
    rows = block.rows[1:]
    header = [strip_md(h).lower() for h in block.rows[0]]
    return [i for i, h in enumerate(header) if rows and not re.search(r"backup|secondary|deputy", h)
            and all(i < len(row) and DIALLED.fullmatch(unescape(strip_md(row[i])).strip()) for row in rows)]


DIALLED = re.compile(rf"\(?{PHONE.pattern}")   # '(937) 555-0142' as well


# 'Results lead — Marta Lind' in a Who cell: a title, then who holds it
TITLE_THEN_NAME = re.compile(r"^(?P<title>[A-Z][^—–]{1,40}?)\s+[—–]\s+(?P<name>[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){1,2})$")
# A name cell that names nobody: '--' (none given), 'Rota' (whoever is on it): the row's role names it.
NO_NAME = re.compile(r"^(?:[-–—]+|n/?a|none|rota|rotation|roster)$", re.IGNORECASE)


def _contact_table(block: Block, found: Found) -> None:
    """Rows of people or roles: name/role, primary, phone(s), backup, email, chat columns."""
    header = [h.lower() for h in block.rows[0]]
    dialled = {header[i] for i in number_columns(block)}
    for row in block.rows[1:]:
        row = [unescape(c) for c in row]
        cells = dict(zip(header, [strip_md(c) for c in row]))
        name = next((v for k, v in cells.items() if "name" in k), "")
        role = next((v for k, v in cells.items() if "role" in k or "title" in k), "")
        given = name
        if NO_NAME.match(name) and role:
            name = ""
        who = next((v for k, v in cells.items() if re.match(r"(?:who|contact|person|responder|call)\b", k)), "")
        name = name or (who if role and not NO_NAME.match(who) else "")   # '| Who | Role | Phone |': who is the name
        label = name or role or who or strip_md(row[0])   # '| Order | Who | Phone |': not the order number
        column = next((k for k, v in cells.items() if v == label), header[0])   # the column the name is in
        phones = [(v, strip_md(h)) for k, h, v in zip(header, block.rows[0], row)
                  if PHONE_COLUMN.search(k) or k in dialled]
        primary = next((v for k, v in cells.items() if "primary" in k), "")
        backup = next((v for k, v in cells.items() if "backup" in k), "")
        titled = TITLE_THEN_NAME.match(label)   # 'Results lead — Marta Lind': a title, then who holds it
        if titled and not role:
            label, role = titled.group("name"), titled.group("title")
            name = name or label
        kind = _row_kind(label, column, given, name, role)
        contact = found.contacts.setdefault(slug(label), {"id": slug(label), "kind": kind, "name": label})
        if name and role:
            contact["title"] = role
        if primary and primary.upper() not in ("N/A",):
            contact["name"] = f"{label} ({primary})" if PLACEHOLDER.search(primary) else primary
            contact["title"] = label
        _reach(contact, *(phones[0] if phones else ("",)))   # 'Dial-in' of a bridge, 'Mobile'
        _other_columns(contact, cells, block.rows[0], label, dialled)
        if backup and backup.upper() != "N/A":
            _backup(found, contact, label, backup, column, phones)
    _backups_listed(found)
    found.use("contacts", block)


def _backups_listed(found: Found) -> None:
    """'Dev Raghunathan' as one row's backup is the 'Dev Raghunathan, Sr Sec Eng' another row lists, number
    and all: the backup is that contact, not a second one with nothing to reach them by."""
    def bare(name: str) -> str:
        return re.split(r"\s*[(,]", str(name), maxsplit=1)[0].strip().lower()

    moved = set()
    for contact in list(found.contacts.values()):
        bid = contact.get("backup")
        named = found.contacts.get(bid, {})
        if not named or set(named) - {"id", "kind", "name"}:
            continue
        same = [cid for cid, c in found.contacts.items() if cid != bid and bare(c.get("name", "")) == bare(named["name"])]
        if len(same) == 1 and same[0] != contact["id"]:
            contact["backup"] = same[0]
            moved.add(bid)
    named_elsewhere = {c.get("backup") for c in found.contacts.values()} | \
        {cid for level in found.escalation for cid in level.get("contacts", [])}
    for bid in moved - named_elsewhere:
        del found.contacts[bid]   # the backup-only entry no row, level or backup names any more


def _row_kind(label: str, column: str, given: str, name: str, role: str) -> str:
    """The kind the row's words give: its name's, else the Name cell's ('Rota'), else the role's."""
    kind = contact_kind(label, column)
    if given and not name and kind_in_words(given):
        kind = kind_in_words(given)   # 'Rota' in the Name column: whoever is on the rota
    if is_missing(kind) and name and role and kind_in_words(role) == "person":
        kind = "person"   # 'Priya Raman' in the Name column, 'Infrastructure Lead' in the Role column
    return kind


def _other_columns(contact: dict, cells: dict[str, str], header: list[str], label: str, dialled: set[str]) -> None:
    """Chat, e-mail, pager and hours columns into their fields; a column no field holds into notes."""
    keys = [h.lower() for h in header]
    for key, value in cells.items():
        if re.search(r"slack|chat|teams", key) and CHANNEL.fullmatch(value.strip()) and "chat" not in contact:
            contact["chat"] = value.strip()   # '#payments' in a Slack column
        elif HOW_TO_REACH.search(key) and value:   # '| How to reach |': its numbers and addresses, and what else it says
            if reach_fields(contact, value):
                shown = strip_md(header[keys.index(key)])
                contact["notes"] = "\n".join(filter(None, [contact.get("notes", ""), f"{shown}: {value}"]))
        elif any(word in key for word in ("email", "mail", "slack", "chat", "handle", "pager")):
            _reach(contact, value)
        elif re.search(r"hours|availab|staffed", key) and value and "hours" not in contact:
            contact["hours"] = value
        elif value and value != label and not re.search(r"name|role|title|primary|backup", key) \
                and not PHONE_COLUMN.search(key) and key not in dialled:
            shown = strip_md(header[keys.index(key)])   # a column no field holds: the contact's notes
            contact["notes"] = "\n".join(filter(None, [contact.get("notes", ""), f"{shown}: {value}"]))


def _backup(found: Found, contact: dict, label: str, backup: str, column: str, phones: list) -> None:
    """The backup named in a row: its number from the second phone column, or from its own cell
    ('Aoife Brennan, +353 87 555 0961': a name and the number to call her on)."""
    number = DIALLED.search(backup)
    if number and backup[:number.start()].strip(" ,;:-–—("):
        backup, phones = backup[:number.start()].strip(" ,;:-–—("), [("", ""), (backup[number.start():], "")]
    bid = slug(f"{label} backup") if PLACEHOLDER.search(backup) else slug(backup)
    found.contacts.setdefault(bid, {"id": bid, "kind": contact_kind(backup, column),
                                    "name": f"Backup for {label} ({backup})" if PLACEHOLDER.search(backup) else backup})
    _reach(found.contacts[bid], *(phones[1] if len(phones) > 1 else ("",)))
    contact["backup"] = bid


def _reach(contact: dict, text: str, label: str = "") -> None:
    text = strip_md(text)
    if text and text.upper() != "N/A" and text not in ("—", "–", "-") and reach_fields(contact, text):
        # words beside the numbers (or 'TBC'): kept as written, under their column's name when known
        contact.setdefault("notes", f"{label}: {text}" if label else text)


def reach_fields(contact: dict, text: str) -> bool:
    """The phone, email, pager or site address and chat handle in ``text``, each into its field if
    still empty; True when ``text`` says more than those (or none of them): then it is a remark."""
    phone = PHONE_ANY.search(text)
    number = phone_in(text)
    email = EMAIL.search(text)
    url = URL.search(text)
    handle = HANDLE.search(text)
    if number and "phone" not in contact:
        contact["phone"] = number
    if email and "email" not in contact:
        contact["email"] = email.group(0)
    if url and re.search(r"\bpager\b|\bpage\b", text, re.I) and "pager" not in contact:
        contact["pager"] = url.group(0).rstrip(".,")
    elif url and "url" not in contact:
        contact["url"] = url.group(0).rstrip(".,")
    if handle and "chat" not in contact and not email:
        contact["chat"] = handle.group(0)
    leftover = text
    for match in (phone, email, url, handle):
        if match:
            leftover = leftover.replace(match.group(0), " ")
    # a number the phone field cannot hold as written ('(608) 555-0100') is kept, as written, in notes
    return not (phone or email or url or handle) or bool(re.search(r"[A-Za-z]{2,}", leftover)) \
        or bool(phone and not number)


def _contact_item(block: Block, found: Found, context: str) -> None:
    match = re.match(r"^\*\*([^*]+?):?\*\*:?\s*(.*)$", block.text)
    if match:
        name, details = strip_md(match.group(1)).rstrip(":"), match.group(2)
    elif block.key and block.value and (PHONE_ANY.search(block.value) or EMAIL.search(block.value)):
        if "(" in block.key and _titled_contact(block, found, context):
            return   # 'ScanSure Ltd (PACS vendor) 24h support: ...': the name before the brackets
        name, details = block.key, block.value     # 'Engineering manager: Priya Raman, +1 415 555 0134'
    else:
        _titled_contact(block, found, context)
        return
    if URL.fullmatch(details.strip()) or CHANNEL.fullmatch(details.strip()):
        return  # a tool or a channel, handled with the organization
    cid = slug(name)
    contact = found.contacts.setdefault(cid, {"id": cid, "kind": contact_kind(name, context), "name": name})
    _reach(contact, details)
    found.use("contacts", block)


# '- Oksana Brand, Plant IT Manager: (555) 013-0152', '- VetLedger Support (vendor, 24/7 only): ...'
TITLED_CONTACT = re.compile(r"^(?P<name>[^:,()*\[\]]{2,60}?)(?:,\s*(?P<title>[^:()*]{2,60}?))?\s*"
                            r"(?:\((?P<remark>[^()]{2,80})\)(?:\s+(?P<more>[^:()*]{2,30}?))?)?\s*:\s*(?P<rest>\S.*)$")


def bracket_kind(kind: str, remark: str | None) -> str:
    """The kind the words in brackets give ('(LIS vendor)', '(service desk)') where the name gave
    none; never a person from them ('(cold store engineers)' describes a firm's staff)."""
    said = kind_in_words(remark) if remark and is_missing(kind) else None
    return said if said and said != "person" else kind


def _titled_contact(block: Block, found: Found, context: str) -> bool:
    """A contact item whose name has its job after a comma, or a remark in brackets, before the number
    (True when it is one)."""
    match = TITLED_CONTACT.match(strip_md(block.text).strip())
    if not match or not (match.group("title") or match.group("remark")):
        return False
    rest = match.group("rest")
    number = PHONE_ANY.search(rest) or EMAIL.search(rest)
    if not number or rest[:number.start()].strip(" :–—-(+"):
        return False   # the number first, or a sentence that mentions one
    name = match.group("name").strip()
    cid = slug(name, "contact")
    title = (match.group("title") or "").strip()
    kind = bracket_kind(contact_kind(f"{name} {title}".strip(), context), match.group("remark"))
    contact = found.contacts.setdefault(cid, {"id": cid, "kind": kind, "name": name})
    if match.group("title"):
        contact.setdefault("title", match.group("title").strip())
    if reach_fields(contact, rest) or match.group("remark"):   # more than the number: the line as written
        contact.setdefault("notes", strip_md(block.text).strip())
    found.use("contacts", block)
    return True


def _channels_and_tools(block: Block, found: Found, in_contacts: bool) -> None:
    text = block.text if block.kind != "label" else f"**{block.label}**: {block.text}"
    match = re.match(r"^\*\*([^*]+?):?\*\*:?\s*(.*)$", text)
    if not match:
        return
    name, details = strip_md(match.group(1)).rstrip(":"), strip_md(match.group(2))
    url = URL.fullmatch(details.strip())
    channel = CHANNEL.match(name) or CHANNEL.fullmatch(details.strip())
    if url and in_contacts:
        if "status" in name.lower():
            found.org.setdefault("status_page", url.group(0))
        found.org["tools"].append({"title": name, "url": url.group(0)})
        found.use("organization", block)
    elif channel:
        channel_name = channel.group(0).lower()
        purpose = details if CHANNEL.match(name) else name
        if channel_name not in [c["name"] for c in found.org["channels"]]:
            found.org["channels"].append({"name": channel_name, "purpose": purpose.strip(" :") or "Incidents"})
        found.use("organization", block)
