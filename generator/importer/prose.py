"""Structure written as sentences: severity levels defined in paragraphs, escalation chains of sentences.

'A **Level 3 (High)** incident is one where ... The CSIRT must begin work within one hour,
at any time of day.' is a level: its id and name from the bold label, the paragraph its
description, the response time and paging only where a sentence says so.
'2. If the owner cannot be reached within 15 minutes, call the Infrastructure Lead.' is a
step of an escalation chain: whom it calls, after how long, and the sentence as its condition.
"""
from __future__ import annotations

import re

from .found import Found
from .mdparse import Section, strip_md, title_matches
from .kinds import contact_kind
from .text import business_time, duration, slug

ESCALAT = re.compile(r"escalat", re.IGNORECASE)

SEVERITY_TITLE = re.compile(r"severit|priorit|classification|impact|levels?\b|classes|categor", re.IGNORECASE)
BOLD_LEVEL = re.compile(r"\*\*\s*((?:level|severity|sev|priority|tier|class|category|cat|p|s)[\s-]?\d{1,2})"
                        r"\s*(?:\(([^)]{1,40})\)|[-–—:]\s*([A-Za-z][\w '’&/]{0,30}?))?\s*\*\*", re.IGNORECASE)
# 'Priority 1, which we call *Urgent*, is ...', 'Sev 2 (Major) means ...', 'P3 - Minor: ...': a level said first, in prose.
PLAIN_LEVEL = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\s+)?((?:level|severity|sev|priority|tier|class|category|p|s)[\s-]?\d{1,2})\b"
                         r"(?:,\s*(?:which we call|also called|known as|or)?\s*\*+([A-Za-z][\w ]{0,30}?)\*+\s*,?"
                         r"|\s*\(([^)]{1,40})\)|\s*[-–—:]\s*([A-Z][\w]*(?: [A-Z][\w]*){0,3})\b"
                         r"|\s*/\s*([A-Z][\w]*(?: [A-Z][\w]*){0,3})\b)?", re.IGNORECASE)   # 'P1 / Critical - ...'
RESPOND_SENTENCE = re.compile(r"respond|\banswer(?:s|ed)?\b|\backs?\b|\blook(?:s|ing)? at it\b|\bon (?:the )?(?:bridge|call)\b|\brepl(?:y|ies)\b|\bresponse (?:with)?in\b|first (?:human )?response|begins? work|engage|acknowledg|starts? work|pick(ed)? up|\btriag(?:e|ed)\b|\bhandled?\b|\bon it\b|\beyes on\b|"
                              # 'a call back within 15 minutes', 'get back to you within the hour', 'on site within 30 minutes'
                              r"\bcall(?:s|ed)?\s+(?:you\s+)?back\b|\bcall-?back\b|\bgets?\s+back\s+to\b|\bon[- ]site\b|\bon scene\b", re.IGNORECASE)
NEXT_DAY_ALONE = re.compile(r"\s*(?:(?:within|by)\s+(?:the\s+)?)?next\s+(?:business|working)\s+day\W*", re.IGNORECASE)
SHORT_RESPONSE = re.compile(r"^\s*(?:ack(?:nowledge)?|respond|response|pick ?up)\s+(?:in\s+|within\s+)?(\d+\s*(?:m|min|mins|minutes?|h|hrs?|hours?|d|days?|business days?))\.?\s*$",
                            re.IGNORECASE)
LABELLED_WITHIN = re.compile(r"\bwithin\s+(?:an?\s+|one\s+)?\d*\s*(?:minutes?|mins?|hours?|hrs?|days?)\b", re.IGNORECASE)
RESPONSE_KEY_WORD = re.compile(r"^\s*(?:response|respond|acknowledge(?:ment)?|ack)\b", re.IGNORECASE)
LABELLED_SENTENCE = re.compile(r"^\s*([A-Za-z][\w /-]{0,30}):\s*(\S.*)$")
UPDATES_EVERY = re.compile(r"^\s*(?:post\s+|send\s+)?(?:status\s+|customer\s+)?updates?\s+every\s+(.+)$", re.IGNORECASE)
CALLS = re.compile(r"\b(?:calls?|pages?|escalates? to|contacts?|notif(?:y|ies)|phones?)\s+(?:the\s+)?"
                   r"([A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*)")


def prose_levels(root: Section, found: Found, make_level) -> None:
    for section in root.walk():
        led = _led_level_run(section, found)   # (at the top of a document with no headings too)
        if not led and (not section.level or not (title_matches(SEVERITY_TITLE, section.title)
                                                  or _bold_level_run(section, found))):
            continue
        for block in section.blocks:
            if block.kind != "para" or block.lines[0] in found.used:
                continue
            match = BOLD_LEVEL.search(block.text)
            if not match or match.start() > 12:   # the level is what the paragraph is about, said first
                continue
            _level_paragraph(block, match, found, make_level)
        plain = [(b, PLAIN_LEVEL.match(strip_md(b.text) if b.kind == "item" else b.text)) for b in section.blocks
                 if (b.kind == "para" or (b.kind == "item" and not b.level and not b.key)) and b.lines[0] not in found.used]
        plain = [(b, m) for b, m in plain if m] or _prefixed_run(section, found) or _colour_run(section, found)
        if len({m.group(1).lower() for _, m in plain}) >= 2:   # a ladder: two levels or more, each its paragraph
            for block, match in plain:
                _level_paragraph(block, match, found, make_level)


def _led_level_run(section: Section, found: Found) -> bool:
    """'sev levels (what we agreed):' over two items or more that each start with a level:
    a ladder, whatever the heading above says."""
    for n, (lead, following) in enumerate(zip(section.blocks, section.blocks[1:])):
        if lead.kind == "para" and lead.text.rstrip().endswith(":") and SEVERITY_TITLE.search(lead.text) \
                and following.kind == "item":
            run = [b for b in section.blocks[n + 1:] if b.kind == "item"]
            levels = [b for b in run if PLAIN_LEVEL.match(strip_md(b.text)) and b.lines[0] not in found.used]
            return len(levels) >= 2
    return False


# 'PR1  The catalogue is down ...': a team's own prefix and a number, set off by spaces or a dash
PREFIXED_LEVEL = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\s+)?([A-Z]{1,4}[\s-]?\d{1,2})(?:\s{2,}|\s*[-–—:]\s+)(?=\S)")


def _prefixed_run(section: Section, found: Found) -> list:
    """Paragraphs (or items) under a severity heading that each begin with another 'PR1', 'PR2' sharing one prefix."""
    run = [(b, PREFIXED_LEVEL.match(b.text)) for b in section.blocks
           if (b.kind == "para" or (b.kind == "item" and not b.level and not b.key)) and b.lines[0] not in found.used]
    run = [(b, m) for b, m in run if m]
    prefixes = {re.sub(r"[\s\d-]", "", m.group(1)) for _, m in run}
    ids = [m.group(1).lower() for _, m in run]
    return run if len(prefixes) == 1 and len(run) >= 2 and len(set(ids)) == len(ids) else []


# '- RED Telemetry lost ...' / '- AMBER ...': a ladder of colour codes
COLOUR_LEVEL = re.compile(r"^(red|amber|orange|yellow|green|blue|black|purple|white)\b(?:\s*[-–—:]\s*|\s+)(?=\S)", re.IGNORECASE)


def _colour_run(section: Section, found: Found) -> list:
    """Items or paragraphs under a severity heading that each begin with another colour, two or more."""
    run = [(b, COLOUR_LEVEL.match(strip_md(b.text))) for b in section.blocks
           if b.kind in ("para", "item") and not b.level and b.lines[0] not in found.used]
    run = [(b, m) for b, m in run if m]
    colours = [m.group(1).lower() for _, m in run]
    return run if len(run) >= 2 and len(set(colours)) == len(colours) else []


def _bold_level_run(section: Section, found: Found) -> bool:
    """'**P0** is ...', '**P1** is ...': paragraphs that each begin with another level's id are a
    ladder whatever the heading says ('How bad is it?')."""
    bold = [b for b in section.blocks if b.kind == "para" and b.text.startswith("**") and b.lines[0] not in found.used]
    if len(bold) < 2:   # most sections have no such paragraph, and a run is two
        return False
    from .ladders import level_id

    ids = []
    for block in bold:
        match = BOLD_LEVEL.search(block.text)
        if match and match.start() == 0 and level_id(match.group(1)):
            ids.append(level_id(match.group(1)))
    return len(ids) >= 2 and len(set(ids)) == len(ids)


def _level_paragraph(block, match: re.Match, found: Found, make_level) -> None:
    from .ladders import level_id

    raw = match.group(1)
    lid = level_id(raw) or re.sub(r"[\s-]+", "-", raw.strip()).upper()
    name = next((g.strip() for g in match.groups()[1:] if g and g.strip()), "") or strip_md(raw)
    entry = make_level(found, lid, name) if level_id(raw) else found.levels.setdefault(lid, {"id": lid, "name": name})
    entry["_by_order"] = True
    entry.setdefault("_order", len(found.levels))
    text = strip_md(block.text)
    entry.setdefault("description", text)
    sentence_facts(entry, text)
    found.use("severities", block)


LEADING_TIME = re.compile(r"^(?:within\s+|under\s+)?\d+\s*(?:min(?:ute)?s?|h(?:ou)?rs?|hours?)\b", re.IGNORECASE)
TIMES = re.compile(r"\d+(?:\.\d+)?\s*(?:min(?:ute)?s?|m\b|h(?:ou)?rs?|hours?|h\b|days?|d\b)", re.IGNORECASE)


def responding_part(text: str) -> str:
    """Of '30 minutes to acknowledge, 2 hours to update', the part that says respond; the whole text
    when it gives one time, or no part says respond alone ('24-48 hours' keeps its larger bound)."""
    if len(TIMES.findall(text)) + bool(re.search(r"\bimmediate", text, re.IGNORECASE)) < 2:
        return text   # ('Page immediately, respond within 15 minutes': two times, the second the response)
    parts = [p for p in re.split(r"[,;]|\s+and\s+|\s+then\s+", text) if TIMES.search(p)]
    responding = [p for p in parts if RESPOND_SENTENCE.search(p)]
    return responding[0] if len(responding) == 1 else text


def sentence_facts(entry: dict, text: str) -> None:
    """'Respond within 10 minutes.', 'Page the on-call immediately, 24/7.': a level's time and paging,
    only from a sentence that says respond (or acknowledge, engage, begin work)."""
    from .ladders import apply_level_value, paging_of

    for sentence in re.split(r"(?<=[.!?])\s+|\s+[·•|]\s+|\s+[—–]\s+", text):
        if NEXT_DAY_ALONE.fullmatch(sentence) and "response_time" not in entry:
            entry["response_time"] = "next-business-day"   # '... internal stuff. next business day': when it is looked at
            continue
        short = SHORT_RESPONSE.match(sentence)   # 'ack 5m', 'respond 15 min': a cheat sheet's clause
        if short and "response_time" not in entry and duration(short.group(1)):
            entry["response_time"] = duration(short.group(1))
            continue
        labelled = LABELLED_SENTENCE.match(sentence)   # 'Response: 15 minutes.', as a typed ladder writes it
        if labelled and len(labelled.group(2).split()) <= 4 and \
                apply_level_value(entry, labelled.group(1), labelled.group(2).rstrip(".")):
            continue
        responding = bool(labelled and RESPONSE_KEY_WORD.search(labelled.group(1)))
        first = LEADING_TIME.match(labelled.group(2)) if responding else None
        if first and len(TIMES.findall(labelled.group(2))) == 1 and "response_time" not in entry:
            entry["response_time"] = duration(first.group(0))   # 'Response: 10 minutes, day or night.'
            continue
        within = LABELLED_WITHIN.search(labelled.group(2)) if responding else None
        if within and "response_time" not in entry and duration(within.group(0)) not in (None, "immediate"):
            entry["response_time"] = duration(within.group(0))   # 'RESPONSE: ON CONSOLE WITHIN 15 MINUTES, ANY HOUR.'
            continue
        every = UPDATES_EVERY.match(sentence)          # 'Updates every 30 minutes.'
        if every and duration(every.group(0)) not in (None, "immediate"):
            entry.setdefault("update_every", duration(every.group(0)))
            continue
        if not RESPOND_SENTENCE.search(sentence) and not re.search(r"\bpage|paging", sentence, re.I):
            continue
        # the clause that says respond: 'acknowledges within 5 minutes; an IC joins within 15 minutes'
        clause = next((c for c in sentence.split(";") if RESPOND_SENTENCE.search(c) and (duration(c) or business_time(c))), "")
        if clause and "response_time" not in entry:
            entry["response_time"] = business_time(clause) or duration(responding_part(clause))
        if paging_of(sentence):
            entry.setdefault("paging", paging_of(sentence))


def sentence_chains(root: Section, found: Found, role_contact) -> None:
    """Numbered sentences under an escalation heading, each naming whom to call."""
    for section in root.walk():
        if not section.level or not title_matches(ESCALAT, section.title):
            continue
        items = [b for b in section.blocks if b.kind == "item" and b.ordered and b.level == 0
                 and b.lines[0] not in found.used]
        targets = [_target(strip_md(b.text), found) for b in items]
        if len(items) < 2 or not all(targets):
            continue
        for block, who in zip(items, targets):
            text = strip_md(block.text)
            trigger = {"condition": text}
            within = re.search(r"(?:within|after)\s+(\d+\s*\w+)", text, re.IGNORECASE)
            if within and duration(within.group(1)) not in (None, "immediate"):
                trigger["after"] = duration(within.group(1))
            found.escalation.append({"id": slug(who), "name": who, "contacts": [_contact_for(found, who, role_contact)],
                                     "triggers": [trigger]})
            found.use("escalation", block)


def _target(text: str, found: Found) -> str:
    """Whom the sentence calls: 'calls the EHR Application Owner' -> 'EHR Application Owner'."""
    match = CALLS.search(text)
    return match.group(1).strip() if match else ""


def _contact_for(found: Found, who: str, role_contact) -> str:
    """The contact whose name or title is who (from a contacts table), else a contact for the role."""
    for cid, contact in found.contacts.items():
        if who.lower() in (str(contact.get("name", "")).lower(), str(contact.get("title", "")).lower()):
            return cid
    return role_contact(found, who)


NAMED_ITEM = re.compile(r"^\*\*([^*]{2,60})\*\*\s*(?:\(([^)]{1,80})\))?\s*[:.-]?\s*$")


def nested_contacts(root: Section, found: Found) -> None:
    """'- **Meridian Hosting** (EHR platform)' with nested '- Support line: +1 555 0160', '- Portal: https://...':
    a contact named by the item; its other nested lines ('Contract ID: ...') are the contact's notes."""
    from .contacts import _reach
    from .text import EMAIL, PHONE_ANY, URL

    for section in root.walk():
        blocks = section.blocks
        for i, block in enumerate(blocks):
            match = NAMED_ITEM.match(block.text.strip()) if block.kind == "item" and block.level == 0 else None
            if not match or block.lines[0] in found.used:
                continue
            nested = []
            for inner in blocks[i + 1:]:
                if inner.kind != "item" or inner.level == 0:
                    break
                nested.append(inner)
            reach = [b for b in nested if b.key and (PHONE_ANY.search(b.value) or EMAIL.search(b.value) or URL.search(b.value))]
            if not reach or any(b.lines[0] in found.used for b in nested):
                continue
            name = strip_md(match.group(1)).rstrip(":")
            cid = slug(name, "contact")
            contact = found.contacts.setdefault(cid, {"id": cid, "kind": contact_kind(name, section.title), "name": name})
            if match.group(2):
                contact.setdefault("title", strip_md(match.group(2)))
            for item in reach:
                _reach(contact, item.value)
            rest = [strip_md(b.text) for b in nested if b not in reach]
            if rest:
                contact["notes"] = "\n".join(filter(None, [contact.get("notes", ""), *rest]))
            found.use("contacts", block, *nested)


WHO_COLUMN = re.compile(r"^(who|contact|escalate to|name|role|team|person|owner|notify|page|responders?|target|on-call)\b", re.IGNORECASE)
WHEN_COLUMN = re.compile(r"^(when|after|trigger|condition|time|timeout|wait)\b", re.IGNORECASE)
# A column of timers: 'Escalate after', 'Business hours: escalate after', 'Out-of-hours timeout', 'Wait (min)'.
TIMER_COLUMN = re.compile(r"escalate after|\bafter\b|timeout|time ?out|timer|\bwait\b|time to escalate", re.IGNORECASE)
# 'Wait before next', 'Time to next level': how long before the row below is called, not when this row is.
ONWARD = re.compile(r"before\s+(?:the\s+)?next|to\s+(?:the\s+)?next|onward|next\s+(?:level|step|person)", re.IGNORECASE)
ORDER_COLUMN = re.compile(r"^(step|level|tier|order|stage|#|no\.?)$", re.IGNORECASE)
AUTHORITY_COLUMN = re.compile(r"authority|may|decides|can", re.IGNORECASE)


def _timers_reach(rows: list[list[str]], timers: list[int]) -> bool:
    """Whether a timer column says when a row's own level is paged ('Immediately' on the first row,
    or nothing on the first row and a time on the last) rather than when the row escalates onward."""
    if not timers or not rows:
        return False
    def cells(row):
        return [strip_md(row[i]) for i in timers if i < len(row)]
    first, last = cells(rows[0]), cells(rows[-1])
    if any(duration(c) == "immediate" for c in first):
        return True
    return not any(re.search(r"\d", c) for c in first) and any(re.search(r"\d", c) for c in last)


NOTHING = re.compile(r"[-–—/.]+|n/?a", re.IGNORECASE)
ONLY_TIME = re.compile(r"(?:after\s+)?\d+\s*(?:m|min|mins|minutes?|h|hrs?|hours?)\.?", re.IGNORECASE)


def _upright(rows: list[list[str]]) -> list[list[str]]:
    """'order | Servicedesk | On-call sysadmin | Head of IT' over 'after | - | 15 min | 60 min' (a sheet
    laid out sideways, a row per fact): a column per fact and a row per level, the names' row headed
    'Who'. Any other table as it is."""
    if not 2 <= len(rows) <= 4 or any(len(r) != len(rows[0]) for r in rows):
        return rows
    width = max((i + 1 for r in rows for i, c in enumerate(r) if strip_md(c).strip()), default=0)
    if width < 4:   # (a sheet's empty columns at the right are no levels)
        return rows
    rows = [r[:width] for r in rows]
    labels = [strip_md(r[0]).strip() for r in rows]
    names = [strip_md(c).strip() for c in rows[0][1:]]
    if not (ORDER_COLUMN.match(labels[0]) or WHO_COLUMN.search(labels[0])) or not all(names) \
            or any(n.isdigit() for n in names) or not any(TIMER_COLUMN.search(x) or WHEN_COLUMN.search(x) for x in labels[1:]):
        return rows
    header = ["Who"] + labels[1:]
    return [header] + [[r[i] for r in rows] for i in range(1, len(rows[0]))]


def escalation_tables(root: Section, found: Found, role_contact) -> None:
    """| Step | Who | When | under an escalation heading: one level per row, in order."""
    from .ladders import RESPONSE_KEY

    for section in root.walk():
        for block in section.blocks:
            rows = _upright(block.rows) if block.kind == "table" else []
            if len(rows) < 3:
                continue
            from .call_lists import ASKS
            asks = bool(ASKS.search(strip_md(section.title)))   # 'Who do I call?' over | Order | Who | Phone |
            if block.lines[0] in found.used and not (
                    asks and block.lines[0] in found.mapped["contacts"]
                    and block.lines[0] not in found.mapped["escalation"]):
                continue   # (a call table is the chain's, in order, and its contacts' numbers too)
            header = [strip_md(h) for h in rows[0]]
            if not (asks or title_matches(ESCALAT, section.title) or any(ESCALAT.search(h) for h in header)):
                continue
            who = next((i for i, h in enumerate(header) if WHO_COLUMN.search(h)), None)
            when = next((i for i, h in enumerate(header) if WHEN_COLUMN.search(h) and not ONWARD.search(h)), None)
            timers = [i for i, h in enumerate(header) if i != when and (TIMER_COLUMN.search(h) or ONWARD.search(h))]
            order = next((i for i, h in enumerate(header) if ORDER_COLUMN.match(h)), None)
            if who is None or (when is None and order is None and not timers):
                continue
            known = {who, when, *timers} | {i for i, h in enumerate(header) if ORDER_COLUMN.match(h)
                                            or RESPONSE_KEY.search(h) or AUTHORITY_COLUMN.search(h)}
            levels: list[dict] = []
            leaving: dict[int, list[dict]] = {}
            shift = 0 if _timers_reach(rows[1:], timers) else 1
            for row in rows[1:]:
                name = strip_md(row[who]) if who < len(row) else ""
                if not name:
                    continue
                step = strip_md(row[order]) if order is not None and order < len(row) else ""
                level = {"id": slug(step if 0 < len(step) <= 12 else name), "name": name,
                         "contacts": [_contact_for(found, name, role_contact)], "triggers": [],
                         "_chain": strip_md(section.title), "_chain_line": section.line}
                for i, (head, cell) in enumerate(zip(header, row)):
                    cell = strip_md(cell)
                    if not cell or i == who:
                        continue
                    if i in timers:   # 'Business hours: escalate after' | '10 min': when the next level is paged
                        after = duration(cell)
                        if after not in (None, "immediate"):
                            # 'Business hours: escalate after': the words before the colon say when; a
                            # header cut down around its timer words ('Escalate to next level after') says nothing
                            qualifier = head.split(":")[0].strip(" -–—()") if ":" in head else ""
                            leaving.setdefault(len(levels), []).append(
                                {"after": after, **({"condition": qualifier} if re.search(r"\w", qualifier) else {})})
                        elif re.search(r"\w", cell):
                            leaving.setdefault(len(levels), []).append({"condition": cell})
                    elif i == when and not NOTHING.fullmatch(cell):   # ('-' on the first row: no wait)
                        trigger = {} if ONLY_TIME.fullmatch(cell) else {"condition": cell}   # '15 min' is when, no condition
                        if duration(cell) not in (None, "immediate"):
                            trigger["after"] = duration(cell)
                        if trigger:
                            level["triggers"].append(trigger)
                    elif RESPONSE_KEY.search(head) and duration(cell):
                        level["response_time"] = duration(cell)
                    elif AUTHORITY_COLUMN.search(head):
                        level["authority"] = cell
                levels.append(level)
            for index, triggers in leaving.items():   # a row's timer pages the row below it
                if index + shift < len(levels):
                    levels[index + shift]["triggers"][:0] = triggers
                else:
                    known.difference_update(timers)   # the last level's timer has no level to page: notes keep it
            found.escalation.extend(levels)
            if set(range(len(header))) <= known:
                found.use("escalation", block)
            else:   # columns a level has no field for: the table also stays, as written, in notes
                found.mapped["escalation"].extend(block.lines)
