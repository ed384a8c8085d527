"""Messages named by a bold paragraph rather than a heading, and sections that are one message.

- ``**Investigating**`` over the text of the post (Markdown, Google Docs and pandoc exports of
  Word appendices: ``**B.1 Initial notification (email)**`` over ``Subject: ...`` and the body);
- a Confluence tip or info box whose first paragraph is bold (HTML exports): the bold paragraph
  names the message, the rest of the box is its text;
- a heading that names a message (``### Zendesk macro: "Known incident"``, ``## Slack template``)
  over nothing but its text, with ``{{placeholders}}`` or [fill-ins] in it.

A bold paragraph is read as a message's name only where what follows it is a message: text
with fill-ins or a ``Subject:`` line, with no command or inline code in it, under a heading (or
with a name) that says it holds messages ('Status page', 'Notification templates', 'Delay
notice'). Never '**Note**' or '**Warning**', nor the labels of a review template ('**Summary**'
over '[what happened]'). Otherwise it stays for the other passes (a runbook's **Investigating**
step, a label over a paragraph).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .found import SHELL_START, Found, home_of
from .messages import ANGLE_FILL_IN, CHANNELS, PERCENT_FILL_IN, _template
from .mdparse import Block, Section, strip_md
from .text import unescape

# A [fill-in] that is not a Markdown link, {name} or {{name}}, <fill-in>, %FILL_IN%.
FILL_IN = re.compile(r"\[[^\[\]\n]{1,60}\](?![(\[:])|\{\{?\s*[A-Za-z][^{}\n]{0,60}\}?\}")
SUBJECT = re.compile(r"^(?:subject|title)\s*:", re.IGNORECASE)
# Words that say a heading or a bold paragraph names a message.
MESSAGE_WORDS = re.compile(r"\b(?:templates?|messages?|scripts?|announcements?|macros?|notices?|updates?|communications?|comms|snippets?)\b|"
                           r"canned|notifications?|status[- ]?page|what to (?:post|say|send|tell)|\bbanners?\b|\bwording\b", re.IGNORECASE)
LEAD = re.compile(r"^\*\*[^*]+\*\*\s*")
# '**Note**', '**Warning**': a remark to the reader, never the name of a message.
ASIDE = re.compile(r"^(?:notes?|warning|caution|tip|important|info|danger|attention|example)$", re.IGNORECASE)
REVIEW = re.compile(r"\breview|retro|post[- ]?incident|post[- ]?mortem|\breport\b|lessons", re.IGNORECASE)


def bold_messages(root: Section, found: Found) -> None:
    """Every message named by a bold paragraph, and every section that is one message."""
    for section in root.walk():
        if not section.blocks:   # no paragraph: neither a named message nor a whole one
            continue
        if home_of(section) == "postmortem" or _heading_says(section, 0):
            continue   # '**Summary**' over '[what happened]': the review's template, not a message
        mail = _headed_mail(section, found)
        if mail:   # 'EMAIL TEMPLATE ...' over 'To: ...' / 'Subject: ...' and the text: one e-mail, whatever its lines say
            _keep(unescape(strip_md(section.title)), mail, section, found)
            found.used.add(section.line)
            found.mapped["templates"].append(section.line)
            continue
        named = _named_runs(section, found)
        runs = [run for run in named if _reads_as_message(run[1])]
        if named and ((runs and _names_messages(section)) or _heading_says(section, 1)):
            # beside messages with fill-ins, or under 'What to post': a message with none is one too, named so
            runs = [run for run in named if _reads_as_message(run[1]) or (_no_code(run[1]) and _names_a_message(run[0])
                                                                             and _sentences(run[1]))]
        if runs and (_names_messages(section) or any(MESSAGE_WORDS.search(title) for title, _ in runs)
                     or all(STAGE_NAME.match(title) for title, _ in runs)):
            for title, body in runs:
                _keep(title, body, section, found)
        elif _heading_says(section, 1) and (paragraphs := _named_paragraphs(section, found)):
            for title, body in paragraphs:   # 'Donors (website banner / social):' over the message
                _keep(title, body, section, found)
        elif section.level and (message := _whole_message(section, found)):
            title = unescape(strip_md(section.title))
            _keep(title, message, section, found)
            found.used.add(section.line)
            found.mapped["templates"].append(section.line)


BOLD_LED = re.compile(r"^\*\*([^*]{2,60})\*\*\s+(?![:—–-])(\S.*)$", re.DOTALL)
QUOTED = re.compile(r"^[\"“](.+)[\"”]$", re.DOTALL)
NAMED_QUOTE = re.compile(r"^(?:\*\*)?([^:\"“*]{2,50}?)(?:\*\*)?:(?:\*\*)?\s*[\"“](.+)[\"”]$", re.DOTALL)
# '**Investigating**' over '> Readings for [region] are delayed ...': a status page's stages name its posts
# 'Discord / X - investigating', '... - fixed': a post named by the stage it is for
POST_STAGE = re.compile(r"[-–—:(]\s*(?:investigating|identified|monitoring|update|resolved|fixed|restored|all clear)\W*$",
                        re.IGNORECASE)
STAGE_NAME = re.compile(r"^(?:investigating|identified|monitoring|update|resolved|scheduled|completed)\W*$", re.IGNORECASE)
# A status page's stages leading a paragraph of their message, as plain-text documents write them
STAGE_LEAD = re.compile(r"^(Investigating|Identified|Monitoring|Update|Resolved|Postmortem|Post-incident):\s+(\S.*)$",
                        re.DOTALL)


def _named_runs(section: Section, found: Found) -> list[tuple[str, list[Block]]]:
    """(name, blocks of its text) for each bold paragraph of the section with text under it."""
    runs: list[tuple[str, list[Block]]] = []
    current: list[Block] | None = None
    for block in section.blocks:
        if block.lines[0] in found.used:
            current = None
        elif block.kind == "label" and not block.text and not ASIDE.match(strip_md(block.label)):
            current = [block]
            runs.append((unescape(strip_md(block.label)), current))
        elif block.kind == "para" and ITALIC_NAME.match(block.text) and _names_messages(section):
            # '*Initial notice (Sev A/B)*' over the message, under 'Client comms templates'
            name = unescape(strip_md(ITALIC_NAME.match(block.text).group(1)))
            current = [replace(block, kind="label", label=name, text="")]
            runs.append((name, current))
        elif block.kind == "para" and block.lead:
            runs.append((block.lead, [block]))
            current = None
        elif block.kind == "item" and not block.level and BOLD_LED.match(block.text.strip()):
            # '- [ ] **Status page — initial**' over '  > We're aware of ...': the name, then the message
            led = BOLD_LED.match(block.text.strip())
            runs.append((unescape(strip_md(led.group(1))), [replace(block, kind="para", text=led.group(2))]))
            current = None
        elif block.kind == "item" and NAMED_QUOTE.match(block.text.strip()):
            # '- Status page (investigating): "We're investigating ..."': the name and the message in quotes
            named = NAMED_QUOTE.match(block.text.strip())
            runs.append((unescape(strip_md(named.group(1))), [replace(block, kind="para", key="", value="",
                                                                       text=named.group(2))]))
            current = None
        elif block.kind == "label" and QUOTED.match(block.text.strip()) and not ASIDE.match(strip_md(block.label)):
            # '**Text to volunteers (hub closed):** "Hi all, sorry ..."': the name, then the message in quotes
            quoted = QUOTED.match(block.text.strip())
            runs.append((unescape(strip_md(block.label)), [replace(block, kind="para", label="", text=quoted.group(1))]))
            current = None
        elif block.kind == "label" and block.text and len(block.lines) > 1 and not ASIDE.match(strip_md(block.label)):
            # '**Investigating**' over '> We are investigating [issue] ...': the name over its quoted text
            runs.append((unescape(strip_md(block.label)), [replace(block, kind="para", label="")]))
            current = None
        elif block.kind == "para" and STAGE_LEAD.match(block.text):
            stage = STAGE_LEAD.match(block.text)   # 'Investigating: We are investigating ...' (plain text)
            runs.append((stage.group(1), [replace(block, text=stage.group(2))]))
            current = None
        elif current is not None and block.kind in ("para", "item", "label") and not block.lead:
            current.append(block)
        else:
            current = None
    return [(title, blocks) for title, blocks in runs if _body_lines(blocks)]


# 'Staff and volunteers (email / WhatsApp group): Hi all - ...': a short name, a colon, then the message
NAMED_PARAGRAPH = re.compile(r"^([A-Z][^:.!?\n]{2,60}):\s+(\S.{20,})$", re.DOTALL)


def _named_paragraphs(section: Section, found: Found) -> list[tuple[str, list[Block]]]:
    """Under a heading that holds messages, each paragraph opened by a short name and a colon."""
    named = [_named_paragraph(b) for b in section.blocks if b.kind == "para" and not b.lead and b.lines[0] not in found.used]
    return [run for run in named if run and _sentences(run[1])]


def _named_paragraph(block: Block) -> tuple[str, list[Block]] | None:
    match = NAMED_PARAGRAPH.match(block.text)
    if not match or len(block.lines) < 2 or ASIDE.match(match.group(1)) or SUBJECT.match(match.group(0)):
        return None
    return match.group(1).strip(), [replace(block, text=match.group(2))]


ITALIC_NAME = re.compile(r"^\s*(?:\*(?!\*)|_(?!_))([^*_\n]{2,60}?)(?:\*|_)\s*$")


def _body_lines(blocks: list[Block]) -> list[str]:
    """The message's text as a reader sees it, paragraphs apart; the bold name is not part of it."""
    lines: list[str] = []
    for i, block in enumerate(blocks):
        if block.kind == "label" and not block.text:
            continue
        text = LEAD.sub("", block.text) if block.lead else block.text
        if block.kind == "label":
            text = f"{block.label}: {block.text}"
        elif block.kind == "item":
            text = f"- {text}"
        if lines and i and block.lines[0] > blocks[i - 1].lines[-1] + 1:
            lines.append("")
        lines.append(unescape(strip_md(text)))
    return lines


def _reads_as_message(blocks: list[Block]) -> bool:
    """Text with fill-ins or a Subject line, with no command or inline code in it."""
    raw = [LEAD.sub("", b.text) if b.lead else b.text for b in blocks if b.text]
    if any("`" in text or SHELL_START.match(text) for text in raw):
        return False
    body = unescape("\n".join(raw))
    return bool(FILL_IN.search(body) or len(ANGLE_FILL_IN.findall(body)) >= 2 or PERCENT_FILL_IN.search(body)
                or any(SUBJECT.match(unescape(strip_md(t))) for t in raw))


def _names_a_message(title: str) -> bool:
    """'Status page: initial notice', 'SMS to subscribers': a name that says message or channel
    (never 'Before you post', a remark to whoever posts)."""
    return bool(MESSAGE_WORDS.search(title) or POST_STAGE.search(title)) or \
        any(re.search(pattern, title.lower()) for pattern, _ in CHANNELS)


HOLDS_MESSAGES = re.compile(r"\btemplates?\b|\bmessages?\b|what to (?:post|say|send|tell)|\bscripts?\b|canned|macros?|wording",
                            re.IGNORECASE)


def _sentences(blocks: list[Block]) -> bool:
    """Text a message would be: a sentence of five words or more (not '(1 minute)', a step's time)."""
    return any(len(strip_md(b.text).split()) >= 5 for b in blocks if b.text)


def _no_code(blocks: list[Block]) -> bool:
    """Prose only: no command, no inline code, no list (a message is written as it will be read)."""
    text = [b for b in blocks if not (b.kind == "label" and not b.text)]   # the bold name over it
    return bool(text) and all(b.kind == "para" and b.text and "`" not in b.text and not SHELL_START.match(b.text)
                              for b in text)


def _heading_says(section: Section, which: int) -> bool:
    """Whether the section's heading or the one over it is a review's (``which`` 0), holds messages (1)
    or names them (2). No pattern spans the ' / ' that joined them, so each is asked apart, once."""
    parent = section.parent.title if section.parent is not None and section.parent.level else ""
    return _says(strip_md(section.title))[which] or _says(strip_md(parent))[which]


@lru_cache(maxsize=65536)   # every runbook has its 'Symptoms' and 'Diagnosis'
def _says(title: str) -> tuple[bool, bool, bool]:
    lowered = title.lower()
    return (bool(REVIEW.search(title)), bool(HOLDS_MESSAGES.search(title)),
            bool(MESSAGE_WORDS.search(title)) or bool(CHANNEL_WORDS.search(lowered)))


CHANNEL_WORDS = re.compile("|".join(f"(?:{pattern})" for pattern, _ in CHANNELS))   # any channel's words


@lru_cache(maxsize=65536)
def _message_words(text: str) -> bool:
    return bool(MESSAGE_WORDS.search(text))


def _over(section: Section) -> str:
    parent = section.parent
    return strip_md(parent.title) if parent is not None and parent.level else ""


def _names_messages(section: Section) -> bool:
    """The section's heading, or the one over it, says what is in it are messages."""
    return _heading_says(section, 2)


def _whole_message(section: Section, found: Found) -> list[Block] | None:
    """The blocks of a message, when a heading naming one ('Zendesk macro: ...') is over nothing but
    its text; None otherwise."""
    blocks = list(section.blocks)
    if section.children or not blocks or section.line in found.used:
        return None
    if not _message_words(section.title) and not _message_words(_over(section)):
        return None   # '### Branch staff email' under '## Message templates' names one too
    quoted = QUOTED.match(blocks[0].text.strip()) if len(blocks) == 1 and blocks[0].kind == "item" else None
    if quoted:   # '### Status page: resolved' over '- "The issue ... was fixed"': the message in quotes
        blocks = [replace(blocks[0], kind="para", text=quoted.group(1))]
    if any(b.lines[0] in found.used or b.kind != "para" or b.lead for b in blocks):
        return None
    if _reads_as_message(blocks) or _named_template(section, blocks) or (
            bool(quoted) and _names_a_message(section.title) and bool(MESSAGE_WORDS.search(_over(section)))):
        return blocks
    if PASTED.search(section.title) and MESSAGE_WORDS.search(section.title) and _no_code(blocks[:1]):
        # 'clinic notice (paste into Statuspage)' over its text: the message, sent as written; only its first
        # paragraph, since nothing marks where it ends (a remark after it is never sent: it stays in notes)
        return blocks[:1]
    return None


MAIL_HEADER = re.compile(r"^(?:To|Subject|Cc|From)\s*:\s*\S")


def _headed_mail(section: Section, found: Found) -> list[Block] | None:
    """The paragraphs under a heading naming a message that open with an e-mail's 'To:' or 'Subject:'."""
    blocks = section.blocks
    if section.children or not section.level or not blocks or not MAIL_HEADER.match(blocks[0].text):
        return None
    if not (_message_words(section.title) or _message_words(_over(section))):
        return None
    if any(b.kind != "para" or b.lines[0] in found.used for b in blocks):
        return None
    return list(blocks)


PASTED = re.compile(r"\b(?:paste|copy)\s+(?:it\s+)?(?:into|in|to|on)\b|\bpost(?:ed)?\s+(?:it\s+)?(?:in|to|on)\b", re.IGNORECASE)


def _named_template(section: Section, blocks: list[Block]) -> bool:
    """'Template B – Notice for patients' under 'Message templates', over a few paragraphs of prose
    and nothing else: a message sent as written, with nothing to fill in."""
    parent = section.parent
    if parent is None or not parent.level or not re.search(r"\btemplate\b", section.title, re.IGNORECASE):
        return False
    if not MESSAGE_WORDS.search(strip_md(parent.title)) or len(blocks) > 4:
        return False
    return not any("`" in b.text or SHELL_START.match(b.text) for b in blocks)


def _keep(title: str, blocks: list[Block], section: Section, found: Found) -> None:
    """The message as a template named ``title``; its lines are the template's."""
    lines = _body_lines(blocks)
    code = Block("code", [n for b in blocks for n in b.lines], lang="text", code=lines)
    _template(code, section, None, found, caption=title)
    found.use("templates", *blocks)
