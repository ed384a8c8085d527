"""Message templates: fenced or quoted text with placeholders, by channel, audience and stage."""
from __future__ import annotations

import re

from ..validate.imported import missing
from .found import SHELL_START, Found, home_of
from .mdparse import Block, Section, strip_md, title_matches
from .text import placeholders, slug


def _templates(root: Section, found: Found) -> None:
    for section in root.walk():
        _quoted_template(section, found)
        _details_templates(section, found)
        previous = None
        for block in section.blocks:
            if block.kind == "code" and block.lines[0] not in found.used and _is_message(block, section):
                _template(block, section, previous, found)
            elif _quoted_wording(block, previous, found):
                code = Block("code", list(block.lines), lang="text", code=[_message_line(block.text.strip())])
                _template(code, section, previous, found)
                found.use("templates", block)
            previous = block


# 'here's the wording Jo and I agreed - she sends it from the texting service:': a message follows
WORDING_LEAD = re.compile(r"\b(?:wording|message|text|template|script|announcement|say|send)\b[^:]*:\s*$", re.IGNORECASE)
QUOTED_WHOLE = re.compile(r'^\s*["“][^"“”]{20,}["”]\s*$', re.DOTALL)


def _quoted_wording(block: Block, previous: Block | None, found: Found) -> bool:
    """A paragraph quoted whole, with fill-ins ('[SYSTEM]', '{time}'), under a sentence that
    announces the wording: a message as an e-mail or a memo gives one."""
    return block.kind == "para" and previous is not None and previous.kind == "para" \
        and block.lines[0] not in found.used and bool(QUOTED_WHOLE.match(block.text)) \
        and bool(FILL_IN.search(block.text)) and bool(WORDING_LEAD.search(strip_md(previous.text)))


FILL_IN = re.compile(r"\{[^{}\n]{1,40}\}|\[[A-Z][^\[\]\n]{0,40}\]|<[a-z][^<>\n]{0,40}>")


def _quoted_template(section: Section, found: Found) -> None:
    """A block quote holding a message ('> **Subject:** ...'), in a templates section or with a subject line."""
    run = [b for b in section.blocks if b.quoted and b.kind in ("para", "label", "item") and b.lines[0] not in found.used]
    caption = run[0] if run and run[0].kind == "label" and not run[0].text and CAPTION.search(run[0].label) else None
    if caption is not None:   # '> **Status-check template (read on the bridge)**' over the message: its name
        run = run[1:]
    if not run or (len(run) < 2 and not FILL_IN.search(run[0].text)):
        return   # one quoted paragraph is a message only with fill-ins ('{what}') to fill
    lines = _block_lines(run)
    subject = _has_subject(run)
    if not subject and caption is None and home_of(section) != "templates" and "template" not in section.title.lower():
        return
    code = Block("code", [n for b in run for n in b.lines], lang="text", code=[_message_line(line) for line in lines])
    _template(code, section, caption, found)
    found.use("templates", *run)


def _block_lines(blocks: list[Block]) -> list[str]:
    """A message's blocks as its lines: '**Subject:** x' as 'Subject: x', an item as '- x'."""
    return [f"{strip_md(b.label)}: {b.text}".rstrip(": ") if b.kind == "label" else
            (f"- {b.text}" if b.kind == "item" else b.text) for b in blocks]


def _has_subject(blocks: list[Block]) -> bool:
    return any(b.kind == "label" and b.label.lower().rstrip(":") == "subject" for b in blocks)


# '`incident_id`' in a message's text: a field to fill in, written as code (Confluence's '{{incident_id}}')
CODE_FIELD = re.compile(r"`([A-Za-z_][A-Za-z0-9_.-]{0,40})`")


def _message_line(line: str) -> str:
    """A line of a message as it is sent: no emphasis, a code-span field as its {fill-in}."""
    return strip_md(CODE_FIELD.sub(r"{\1}", line))


def boxed_templates(root: Section, found: Found) -> None:
    """Every admonition box that holds a message (see _boxed_templates), before bold paragraphs are
    read as named messages: the box's title is not the message's name when a heading names it."""
    for section in root.walk():
        if any(b.aside for b in section.blocks):
            _boxed_templates(section, found)


def _boxed_templates(section: Section, found: Found) -> None:
    """'{panel:title=Store broadcast}' or '!!! note "Customer notice"' around a message with a Subject line,
    or with fill-ins under a templates heading: a template named by the heading over it (the box's
    title is its caption)."""
    for run in _box_runs(section.blocks, found):
        caption = run[0] if run[0].kind == "label" and not run[0].text else None
        body = run[1:] if caption is not None else run
        if not body or any(b.kind not in ("para", "label", "item") for b in body):
            continue
        subject = _has_subject(body)
        fill_ins = any(FILL_IN.search(b.text or "") for b in body)
        under_templates = home_of(section) == "templates" or "template" in section.title.lower()
        if not (subject or (fill_ins and under_templates)):
            continue
        lines = _block_lines(body)
        code = Block("code", [n for b in body for n in b.lines], lang="text", code=[_message_line(line) for line in lines])
        named = len(section.blocks) == len(run) and section.level
        title = strip_md(section.title) if named else (strip_md(caption.label) if caption is not None else "")
        _template(code, section, caption, found, title)
        found.use("templates", *run)
        if named:
            found.used.add(section.line)
            found.mapped["templates"].append(section.line)


def _box_runs(blocks: list[Block], found: Found) -> list[list[Block]]:
    """The blocks of each admonition, in order (a box's title line starts a new one)."""
    runs: list[list[Block]] = []
    for block in blocks:
        if not block.aside or block.lines[0] in found.used:
            continue
        title = block.kind == "label" and not block.text
        if runs and not title and runs[-1][-1].aside == block.aside and block.lines[0] - runs[-1][-1].lines[-1] <= 2:
            runs[-1].append(block)
        else:
            runs.append([block])
    return runs


def _details_templates(section: Section, found: Found) -> None:
    """<details><summary>Customer e-mail</summary> around a message written as plain text (with
    [fill-ins] or a Subject/Title line): a template named by its summary. A fenced message inside
    is read as any fenced one, with the summary as its caption."""
    for run in _runs(section.blocks, found):
        caption = run[0] if run[0].kind == "label" and not run[0].text and strip_md(run[0].label) == run[0].caption \
            else None
        body = run[1:] if caption is not None else run
        if caption is None or not body or any(b.kind not in ("para", "label", "item") for b in body):
            continue
        lines = _block_lines(body)
        text = "".join(("\n\n" if b.lines[0] > body[i - 1].lines[-1] + 1 else "\n") * bool(i) + line
                       for i, (b, line) in enumerate(zip(body, lines)))   # paragraphs stay apart
        lines = text.split("\n")
        if not (re.search(r"\[[^\]\n]+\]|\{[A-Za-z][^{}\n]{0,40}\}", text) or
                re.search(r"^(?:subject|title)\s*:", text, re.IGNORECASE | re.MULTILINE)
                or CAPTION.search(caption.label) or home_of(section) == "templates"):
            continue
        code = Block("code", [n for b in body for n in b.lines], lang="text", code=[_message_line(line) for line in lines])
        _template(code, section, caption, found)
        found.use("templates", *body)


def _runs(blocks: list[Block], found: Found) -> list[list[Block]]:
    """The blocks of each <details>, in order (consecutive blocks under one summary)."""
    runs: list[list[Block]] = []
    for block in blocks:
        if not block.caption or block.lines[0] in found.used:
            continue
        if runs and runs[-1][-1].caption == block.caption and not (block.kind == "label" and not block.text
                                                                    and strip_md(block.label) == block.caption):
            runs[-1].append(block)
        else:
            runs.append([block])
    return runs


CAPTION = re.compile(r"\b(?:template|message|script|announcement)\b", re.IGNORECASE)


MESSAGES_TITLE = re.compile(r"status[- ]page (?:wording|messages|updates|posts)|\bwording\b|what to (?:post|say|send)",
                            re.IGNORECASE)


def _is_message(block: Block, section: Section) -> bool:
    """Fenced prose with [placeholders], or any fenced prose in a templates section."""
    if block.lang not in ("", "text", "txt", "markdown", "md") or not any(l.strip() for l in block.code):
        return False
    if len(block.code) < 2 and "[" not in block.code[0] and "{" not in block.code[0] and \
            len(ANGLE_FILL_IN.findall(block.code[0])) < 2 and not PERCENT_FILL_IN.search(block.code[0]):
        # one line: a message only with fill-ins in it, or a sentence or two under a heading about messages
        return _one_line_message(block.code[0], section)
    if block.lang in ("markdown", "md") and any(line.startswith("#") for line in block.code):
        return False  # a document template (the post-mortem), not a message
    body = "\n".join(block.code)
    shell = sum(bool(SHELL_START.match(line.strip())) for line in block.code)
    if shell:
        return False
    home = home_of(section)
    in_templates = home == "templates" or ("template" in section.title.lower() and home != "postmortem") \
        or title_matches(MESSAGES_TITLE, section.title)   # 'Status Page Wording', 'What to post'

    # '[name]', '{team}', '<rule name>' and '<hosts, users>', '%SERVICE%'
    fill_ins = "[" in body or re.search(r"\{[A-Za-z][^{}\n]{0,40}\}", body) or \
        len(ANGLE_FILL_IN.findall(body)) >= 2 or PERCENT_FILL_IN.search(body)
    return bool(fill_ins) or (in_templates and not re.search(r"^\s*\d+\s*[-+]", body, re.MULTILINE))


def _one_line_message(line: str, section: Section) -> bool:
    """'We're aware some players can't connect right now. ...' fenced under 'Player comms snippets'."""
    from .bold_messages import MESSAGE_WORDS

    return bool(MESSAGE_WORDS.search(section.title) or MESSAGES_TITLE.search(section.title)) and \
        len(line.split()) >= 6 and line.rstrip()[-1:] in ".!?" and not SHELL_START.match(line.strip())


# '%SERVICE%', '%NEXT_UPDATE_TIME%': a fill-in between percent signs, in capitals
PERCENT_FILL_IN = re.compile(r"%[A-Z][A-Z0-9_]{1,40}%")
# '<rule name>', '<old>', '<1-4>', '<…>': a fill-in in angle brackets, not an HTML tag ('<br>', '</p>', '<b>').
ANGLE_FILL_IN = re.compile(r"<(?!(?:a|b|i|u|p|br|hr|em|strong|code|pre|span|div|img|ul|ol|li|table|tr|td|th|"
                           r"h[1-6]|html|body|head|small|sup|sub)\b[^<>]*>|/)(?:[A-Za-z0-9][^<>\n]{0,60}|…|\.\.\.)>")
# 'Paste this into the case before you assign it:': how to use the message, not its name.
INSTRUCTION = re.compile(r"(?:paste|copy|use|send|post|fill in|put|add|write)\b", re.IGNORECASE)


NAMED_LAST = re.compile(r"\*\*([^*\n]{2,60})\*\*\s*:\s*$")


def _template(block: Block, section: Section, previous: Block | None, found: Found, caption: str = "") -> None:
    """One message: ``block`` holds its text; its name is ``caption`` when given, else read from its
    first line, the block before it or the heading over it."""
    lines = [line for line in block.code]
    # a message with no heading over it: the file's own name is no name the source gives it
    title = section.title if section.level else missing("a name for this message")
    before = strip_md(previous.text or previous.label) if previous is not None and previous.kind == "para" else ""
    instruction = before if INSTRUCTION.match(before) else ""   # where to post it says the channel, not the name
    named_last = NAMED_LAST.search(previous.text) if previous is not None and previous.kind == "para" else None
    if caption:
        title = caption
    elif named_last:   # '... agrees. Template **Merchant email — major incident**:' over the message
        title = named_last.group(1).strip()
    elif lines and lines[0].strip().endswith(":") and len(lines[0]) < 40:
        title = lines[0].strip().rstrip(":")
        lines = lines[1:]
    elif previous is not None and previous.kind in ("item", "label", "para") and (
            len(strip_md(previous.text or previous.label)) < 60 or (previous.kind == "label" and not previous.text)) \
            and not INSTRUCTION.match(strip_md(previous.text or previous.label)):
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
    # Only what names the message (its caption, the line telling where to post it, the headings over
    # it) says its channel, audience and stage; words inside the body ('status', 'team') say nothing.
    named = f"{title} {instruction} {' '.join(section.path())}".lower()
    channel = _first(CHANNELS, named) or missing("status-page, chat, email, sms or phone-bridge")
    audience = _first(AUDIENCES, named) or missing("customers, internal, stakeholders, executives or support")
    label = STAGE_LABEL.search(text)   # 'Status: investigating.' in the body: a label naming the stage
    stage = _first(STAGES, named, label.group(1).lower() if label else "") or missing("declared, investigating, identified, update, monitoring, "
                                             "resolved or postmortem")
    template = {"id": slug(title, "template") if not title.startswith("FILL IN") else "message",
                "title": strip_md(title) or "Message", "channel": channel,
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


CHANNELS = [(r"e-?mail", "email"), (r"status[- ]?page|statuspage", "status-page"),
            (r"slack|\bchat\b|#[a-z]|\bchannel\b", "chat"), (r"\bsms\b|text message", "sms"),
            (r"phone[- ]bridge|conference call|dial-?in", "phone-bridge")]


AUDIENCES = [(r"executive|leadership", "executives"), (r"stakeholder", "stakeholders"),
             (r"customer|\busers?\b|\bpublic\b", "customers"), (r"internal|\bstaff\b|employee", "internal")]


STAGES = [("resolv", "resolved"), ("update", "update"), ("identif", "identified"), ("monitor", "monitoring"),
          ("investigat", "investigating"), ("declar", "declared")]


STAGE_LABEL = re.compile(r"^(?:status|stage)\s*:\s*([A-Za-z]+)", re.IGNORECASE | re.MULTILINE)


def _first(rules: list[tuple[str, str]], *contexts: str) -> str | None:
    for context in contexts:
        for pattern, value in rules:
            if re.search(pattern, context):
                return value
    return None
