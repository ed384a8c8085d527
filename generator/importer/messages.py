"""Message templates, the post-mortem definition, contacts, channels and tools."""
from __future__ import annotations

import re

from .mdparse import Block, Section, joined, strip_md
from .found import SHELL_START, Found, home_of
from ..validate.imported import missing
from .text import CHANNEL, EMAIL, HANDLE, PHONE_ANY, PLACEHOLDER, URL, duration, phone_in, placeholders, slug

def _templates(root: Section, found: Found) -> None:
    for section in root.walk():
        _quoted_template(section, found)
        previous = None
        for block in section.blocks:
            if block.kind == "code" and block.lines[0] not in found.used and _is_message(block, section):
                _template(block, section, previous, found)
            previous = block


def _quoted_template(section: Section, found: Found) -> None:
    """A block quote holding a message ('> **Subject:** ...'), in a templates section or with a subject line."""
    run = [b for b in section.blocks if b.quoted and b.kind in ("para", "label", "item") and b.lines[0] not in found.used]
    if len(run) < 2:
        return
    lines = [f"{strip_md(b.label)}: {b.text}".rstrip(": ") if b.kind == "label" else
             (f"- {b.text}" if b.kind == "item" else b.text) for b in run]
    subject = any(b.kind == "label" and b.label.lower().rstrip(":") == "subject" for b in run)
    if not subject and home_of(section) != "templates" and "template" not in section.title.lower():
        return
    code = Block("code", [n for b in run for n in b.lines], lang="text", code=[strip_md(line) for line in lines])
    _template(code, section, None, found)
    found.use("templates", *run)


def _is_message(block: Block, section: Section) -> bool:
    """Fenced prose with [placeholders], or any fenced prose in a templates section."""
    if block.lang not in ("", "text", "txt", "markdown", "md") or not any(l.strip() for l in block.code):
        return False
    if len(block.code) < 2 and "[" not in block.code[0] and "{" not in block.code[0]:
        return False
    if block.lang in ("markdown", "md") and any(line.startswith("#") for line in block.code):
        return False  # a document template (the post-mortem), not a message
    body = "\n".join(block.code)
    shell = sum(bool(SHELL_START.match(line.strip())) for line in block.code)
    if shell:
        return False
    home = home_of(section)
    in_templates = home == "templates" or ("template" in section.title.lower() and home != "postmortem")
    fill_ins = "[" in body or re.search(r"\{[A-Za-z][^{}\n]{0,40}\}", body)   # '[name]' or '{team}'
    return bool(fill_ins) or (in_templates and not re.search(r"^\s*\d+\s*[-+]", body, re.MULTILINE))


def _template(block: Block, section: Section, previous: Block | None, found: Found) -> None:
    lines = [line for line in block.code]
    title = section.title
    if lines and lines[0].strip().endswith(":") and len(lines[0]) < 40:
        title = lines[0].strip().rstrip(":")
        lines = lines[1:]
    elif previous is not None and previous.kind in ("item", "label", "para") and len(strip_md(previous.text or previous.label)) < 60:
        title = strip_md(previous.label or previous.text).rstrip(":")
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    text = text.strip().strip('"').strip()
    subject = ""
    match = re.search(r"^Subject:\s*(.+)$", text, re.MULTILINE)
    if match:
        subject = match.group(1).strip()
    body, declared = placeholders(text)
    subject, more = placeholders(subject) if subject else ("", {})
    declared.update(more)
    named = f"{title} {' '.join(section.path())}".lower()   # what the source calls it decides first,
    context = f"{named} {text[:80]}".lower()                 # then the start of the message itself
    channel = _first(CHANNELS, named, context) or missing("status-page, chat, email, sms or phone-bridge")
    audience = _first(AUDIENCES, named, context) or missing("customers, internal, stakeholders, executives or support")
    stage = _first(STAGES, named, context) or missing("declared, investigating, identified, update, monitoring, "
                                                      "resolved or postmortem")
    template = {"id": slug(title, "template"), "title": strip_md(title) or "Message", "channel": channel,
                "audience": audience, "stage": stage, "body": body + "\n"}
    if subject:
        template["subject"] = subject
    if declared:
        template["placeholders"] = declared
    found.templates.append(template)
    found.use("templates", block)
    if title == section.title and section.blocks[-1] is block and len(section.blocks) == 1:
        found.used.add(section.line)        # the heading is the template's title
        found.mapped["templates"].append(section.line)
    if previous is not None and previous.kind in ("label",) and not previous.text:
        found.use("templates", previous)


CHANNELS = [(r"subject:|e-?mail", "email"), (r"status", "status-page"), (r"slack|chat|#[a-z]|\bchannel\b", "chat")]
AUDIENCES = [(r"executive|leadership", "executives"), (r"stakeholder", "stakeholders"),
             (r"status|customer|user", "customers"), (r"internal|team", "internal")]


STAGES = [("resolv", "resolved"), ("update", "update"), ("identif", "identified"), ("monitor", "monitoring"),
          ("investigat", "investigating"), ("declar", "declared"), ("alert", "declared")]


def _first(rules: list[tuple[str, str]], *contexts: str) -> str | None:
    for context in contexts:
        for pattern, value in rules:
            if re.search(pattern, context):
                return value
    return None


PM_TEMPLATE = re.compile(r"template|format|structure", re.IGNORECASE)


def _postmortem(root: Section, found: Found) -> None:
    pm = found.postmortem
    for section in root.walk():
        if section.parent is not None and PM_TEMPLATE.search(section.title) and (
                home_of(section.parent) == "postmortem" or re.search(r"review|post|retro", section.title, re.I)):
            _pm_sections_from_headings(section, pm, found)
        if home_of(section) != "postmortem":
            continue
        for block in section.blocks:
            if block.kind == "code" and block.lang in ("markdown", "md", "") and \
                    sum(line.startswith("## ") for line in block.code) >= 3:
                _pm_sections_from_fence(block, pm, found)
        _pm_agenda_and_principles(section, pm, found)
        labels = [b for b in section.blocks if b.kind == "label" and not b.text]
        if len(labels) >= 4 and "sections" not in pm and "template" in section.title.lower():
            pm["sections"] = [{"id": slug(b.label), "title": strip_md(b.label),
                               "prompt": strip_md(b.label)} for b in labels]
            found.use("postmortem", *labels)
        window_text = re.search(r"\(([^)]*\d[^)]*)\)", section.title)
        if window_text and "within" not in pm and re.search(r"post|review", section.title, re.I):
            pm["within"] = duration(window_text.group(1))
            pm["within_severities"] = [m.replace(" ", "").replace("-", "").upper() for m in
                                       re.findall(r"\b(?:P|SEV)[\s-]?[0-9]\b", section.title, re.I)]


def _pm_sections_from_headings(section: Section, pm: dict, found: Found) -> None:
    """'## Review Template' whose sub-headings are the post-mortem's sections, each with its prompt."""
    if "sections" in pm or len(section.children) < 3:
        return
    sections = []
    for child in section.children:
        prose = [b for b in child.blocks if b.kind in ("para", "item") and b.text]
        title = strip_md(child.title)
        sections.append({"id": slug(title), "title": title,
                         "prompt": joined(prose, child.blocks) or title})
        found.used.add(child.line)
        found.mapped["postmortem"].append(child.line)
        found.use("postmortem", *prose)
    pm["sections"] = sections
    found.used.add(section.line)
    found.mapped["postmortem"].append(section.line)


def _pm_sections_from_fence(block: Block, pm: dict, found: Found) -> None:
    sections, current = [], None
    for line in block.code:
        if line.startswith("## "):
            current = {"id": slug(line[3:]), "title": line[3:].strip(), "prompt": ""}
            sections.append(current)
        elif current is not None and not current["prompt"] and line.strip() and not line.startswith("|"):
            current["prompt"] = strip_md(line.lstrip("- "))
    for section in sections:
        section["prompt"] = section["prompt"] or section["title"]
    pm.setdefault("sections", sections)
    pm.setdefault("template_lines", []).extend(block.lines)
    # Only headings and first prompts are structured: the whole template also stays in notes.
    found.mapped["postmortem"].extend(block.lines)


def _pm_agenda_and_principles(section: Section, pm: dict, found: Found) -> None:
    mode = None
    for block in section.blocks:
        label = (block.label or block.text).lower() if block.kind in ("label", "para") else ""
        if block.kind in ("label", "para") and ("agenda" in label or "principle" in label):
            mode = "agenda" if "agenda" in label else "principles"
            found.use("postmortem", block)
            continue
        if block.kind != "item":
            if block.kind not in ("label",):
                continue
            mode = None
            continue
        text = strip_md(block.text)
        minutes = re.search(r"\((\d+)\s*min", text)
        if mode == "agenda" and (block.level == 0):
            item = {"topic": re.sub(r"\s*\(\d+\s*min\w*\)", "", text).strip()}
            if minutes:   # no time in the source: none on the agenda, never a made-up one
                item["minutes"] = int(minutes.group(1))
            pm.setdefault("agenda", []).append(item)
            found.use("postmortem", block)
        elif mode == "agenda" and pm.get("agenda"):
            pm["agenda"][-1].setdefault("points", []).append(text)
            found.use("postmortem", block)
        elif mode == "principles":
            pm.setdefault("principles", []).append(text)
            found.use("postmortem", block)
        elif "blameless" in section.title.lower() or "principle" in section.title.lower():
            pm.setdefault("principles", []).append(text)
            found.use("postmortem", block)


CONTACT_WORDS = re.compile(r"contact|who to (?:call|page|contact|notify)|directory|on-?call list|phone list", re.I)


def _contacts(root: Section, found: Found) -> None:
    for section in root.walk():
        in_contacts = home_of(section) == "contacts" or under_contact_words(section)
        for block in section.blocks:
            if block.kind == "table" and block.rows and block.lines[0] not in found.used and (
                    any("phone" in h.lower() for h in block.rows[0]) or _reach_table(block)):
                _contact_table(block, found)
            elif in_contacts and block.kind == "item" and block.lines[0] not in found.used:
                _contact_item(block, found)
            elif in_contacts and block.kind == "para" and block.lines[0] not in found.used and len(block.lines) == 1:
                field = re.match(r"^([A-Z][\w /&()-]{0,40}):\s+(\S.*)$", block.text)   # 'Urgent line: +1 555 0177'
                if field:
                    _contact_item(Block("item", block.lines, text=block.text, key=field.group(1),
                                        value=field.group(2)), found)
        for block in section.blocks:
            if block.kind in ("item", "para", "label") and block.lines[0] not in found.used:
                _channels_and_tools(block, found, in_contacts)


def under_contact_words(section: Section) -> bool:
    """A section called 'Who to call' or 'Contacts', or one of its sub-sections."""
    node = section
    while node is not None and node.level > 0:
        if CONTACT_WORDS.search(node.title):
            return True
        node = node.parent
    return False


REACH_COLUMN = re.compile(r"phone|mobile|\btel|e-?mail|slack|\bchat\b|pager|handle|teams", re.IGNORECASE)


def _reach_table(block: Block) -> bool:
    """| Team | Slack | Email |: a column that says how to reach someone, and cells that are addresses."""
    header = [strip_md(h) for h in block.rows[0]]
    columns = [i for i, h in enumerate(header) if REACH_COLUMN.search(h)]
    cells = [strip_md(row[i]) for row in block.rows[1:] for i in columns if i < len(row)]
    return bool(columns) and len(block.rows) > 1 and any(EMAIL.search(c) or CHANNEL.search(c) or HANDLE.search(c)
                                                          or PHONE_ANY.search(c) for c in cells)


def _contact_table(block: Block, found: Found) -> None:
    """Rows of people or roles: name/role, primary, phone(s), backup, email, chat columns."""
    header = [h.lower() for h in block.rows[0]]
    for row in block.rows[1:]:
        cells = dict(zip(header, [strip_md(c) for c in row]))
        name = next((v for k, v in cells.items() if "name" in k), "")
        role = next((v for k, v in cells.items() if "role" in k or "title" in k), "")
        label = name or role or strip_md(row[0])
        phones = [v for k, v in zip(header, row) if "phone" in k]
        primary = next((v for k, v in cells.items() if "primary" in k), "")
        backup = next((v for k, v in cells.items() if "backup" in k), "")
        contact = found.contacts.setdefault(slug(label), {"id": slug(label), "kind": "person", "name": label})
        if name and role:
            contact["title"] = role
        if primary and primary.upper() not in ("N/A",):
            contact["name"] = f"{label} ({primary})" if PLACEHOLDER.search(primary) else primary
            contact["title"] = label
        _reach(contact, phones[0] if phones else "")
        for key, value in cells.items():
            if re.search(r"slack|chat|teams", key) and CHANNEL.fullmatch(value.strip()) and "chat" not in contact:
                contact["chat"] = value.strip()   # '#payments' in a Slack column
            elif any(word in key for word in ("email", "mail", "slack", "chat", "handle", "pager")):
                _reach(contact, value)
            elif re.search(r"hours|availab", key) and value and "hours" not in contact:
                contact["hours"] = value
            elif value and value != label and not re.search(r"name|role|title|phone|primary|backup", key):
                shown = strip_md(block.rows[0][header.index(key)])   # a column no field holds: the contact's notes
                contact["notes"] = "\n".join(filter(None, [contact.get("notes", ""), f"{shown}: {value}"]))
        if re.match(r"team|group|squad", header[0]) and not name:
            contact["kind"] = "team"
        if backup and backup.upper() != "N/A":
            bid = slug(f"{label} backup") if PLACEHOLDER.search(backup) else slug(backup)
            found.contacts.setdefault(bid, {"id": bid, "kind": "person",
                                            "name": f"Backup for {label} ({backup})" if PLACEHOLDER.search(backup) else backup})
            _reach(found.contacts[bid], phones[1] if len(phones) > 1 else "")
            contact["backup"] = bid
    found.use("contacts", block)


def _reach(contact: dict, text: str) -> None:
    text = strip_md(text)
    if text and text.upper() != "N/A" and reach_fields(contact, text):
        contact.setdefault("notes", text)   # words beside the numbers: keep the sentence as written


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
    return not (phone or email or url or handle) or bool(re.search(r"[A-Za-z]{2,}", leftover))


def _contact_item(block: Block, found: Found) -> None:
    match = re.match(r"^\*\*([^*]+?):?\*\*:?\s*(.*)$", block.text)
    if match:
        name, details = strip_md(match.group(1)).rstrip(":"), match.group(2)
    elif block.key and block.value and (PHONE_ANY.search(block.value) or EMAIL.search(block.value)):
        name, details = block.key, block.value     # 'Engineering manager: Priya Raman, +1 415 555 0134'
    else:
        return
    if URL.fullmatch(details.strip()) or CHANNEL.fullmatch(details.strip()):
        return  # a tool or a channel, handled with the organization
    cid = slug(name)
    kind = "vendor" if re.search(r"support|counsel|relations", name, re.I) else \
        "channel" if re.search(r"\b(line|desk|hotline|bridge|queue|inbox)\b", name, re.I) else "person"
    contact = found.contacts.setdefault(cid, {"id": cid, "kind": kind, "name": name})
    _reach(contact, details)
    found.use("contacts", block)


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
