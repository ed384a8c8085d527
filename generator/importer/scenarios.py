"""Playbooks: sections with symptoms or stages, and shell blocks with numbered steps."""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from .mdparse import Block, Section, strip_md, title_matches
from .found import POWERSHELL, SHELL_LANGS, SHELL_START, Found, _leading_stage, _looks_like_scenario, _parent_level, _stage, home_of
from .runbooks import LANGS
from .text import LEVEL, slug

STEP_NUMBER = re.compile(r"^\d+[.)]\s*")
SHELL_COMMENT = re.compile(r"^\s*#\s*(.*)$")
NUMBERED_COMMENT = re.compile(r"\s*#\s*\d+[.)]")
LEADING_NUMBER = re.compile(r"\d+[.)]")
PHASED_TITLE = re.compile(r"\bphase\b|\bstage\b|\(\s*\d+\s*[-–]", re.IGNORECASE)


# '🎮 Matchmaking queue stuck': a heading's leading emoji decorate it, they are no words to search for
PICTOGRAPHS = re.compile(r"^(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D]\s*)+")


def _numbered_shell(section: Section) -> bool:
    for block in section.blocks:
        if block.kind == "code" and block.lang in SHELL_LANGS:
            numbered = [line for line in block.code if NUMBERED_COMMENT.match(line)]
            if len(numbered) >= 2:
                return True
    return False


def _one_runbook_file(section: Section) -> bool:
    """A file of one heading over numbered steps and a command to run ('# Freezer too warm', '1. Check
    the door', '2. ...', then `freezerctl status`): the runbook the file is."""
    from .found import command_block
    from .substeps import DEVELOPER_TITLE
    from .text import unnumbered

    parent = section.parent
    if parent is None or parent.level or len(parent.children) != 1 or section.children \
            or DEVELOPER_TITLE.match(unnumbered(strip_md(section.title))):
        return False
    steps = [b for b in section.blocks if b.kind == "item" and b.ordered and not b.level]
    return len(steps) >= 2 and any(command_block(b) for b in section.blocks)


def _scenarios(root: Section, found: Found) -> None:
    taken = set().union(*(pb["_lines"] for pb in found.playbooks))
    for section in root.walk():
        if section.level and home_of(section) != "templates" and not _phase_list(section) and (
                _looks_like_scenario(section) or _one_runbook_file(section) or
                              (not section.children and _numbered_shell(section)
                               and home_of(section) not in ("templates",))):
            if section.line in taken or _only_messages(section):
                continue
            found.playbooks.append(_playbook(section, found))
            taken |= found.playbooks[-1]["_lines"]


def _only_messages(section: Section) -> bool:
    """Its fenced blocks are all messages to send ('We are looking into {symptom}'), none commands to run."""
    from .messages import _is_message
    fenced = [(b, node) for node in section.walk() for b in node.blocks if b.kind == "code"]
    return bool(fenced) and all(_is_message(b, node) for b, node in fenced)


def _phase_list(section: Section) -> bool:
    """'Incident Phases' whose children are 'Investigation Phase (15-60 minutes)': the process, not a playbook.
    ('Incident Response Playbook: Compromised IAM Credentials' over 'Phase 3 - Containment' is one incident's
    playbook, its phases its stages.)"""
    if staged_playbook(section):
        return False
    phased = [c for c in section.children if title_matches(PHASED_TITLE, c.title)]
    return len(phased) >= 2 or (len(section.children) >= 2 and title_matches(PHASES_TITLE, section.title))


# 'Incident Response Playbook: ': the kind named in a few words of its own before the playbook's name
KIND_NAMED = r"(?:[A-Za-z][\w-]*\s+){1,3}?(?:playbook|runbook)\s*:\s*"
NAMED_KIND = re.compile(rf"^{KIND_NAMED}\S", re.IGNORECASE)


def staged_playbook(section: Section) -> bool:
    """'Incident Response Playbook: X' (or a heading it is under) over sub-headings that name stages."""
    node = section
    while node is not None and node.level > 0:
        if _names_playbook(node.title) and sum(bool(_leading_stage(c.title)) for c in node.children) >= 2:
            return True
        node = node.parent
    return False


@lru_cache(maxsize=65536)   # asked of every heading above every section, twice a walk
def _names_playbook(title: str) -> bool:
    from .found import PLAYBOOK_TITLE
    return bool(PLAYBOOK_TITLE.match(strip_md(title)))


PHASES_TITLE = re.compile(r"\bphases\b|\bstages\b|lifecycle|life cycle", re.IGNORECASE)


NUMBERED_KIND = re.compile(r"^\W*(?:\d{1,2}(?:\.\d{1,2})*\s+)?(?:playbook|runbook|procedure)\s*(?:\d{1,2}|[A-Z])\b", re.IGNORECASE)


def _playbook(section: Section, found: Found, default_stage: str = "immediate") -> dict:
    """A playbook from a section. Steps the source gives under no stage at all (a runbook's one
    numbered list or commented shell block) go, in the source's order, to the first stage,
    `immediate`. This is decided, not guessed: the schema needs a stage, the order is the source's,
    and 'the steps, first' claims nothing the source does not (no time, no person, no number). A
    step under a heading or label that names a stage goes to that stage; nothing else is moved."""
    title = re.sub(rf"^(scenario\s*\d+\s*[:.-]\s*|(?:\d{{1,2}}|[A-Z])(?:\.\d{{1,2}})+\.?\s+|\d+[.)]\s+|{KIND_NAMED}|(?:playbook|runbook|procedure)\s*(?:\d{{1,2}}\b|[A-Z]\b)?\s*(?::|[—–-](?=\s))\s*)",
                   "", section.title, flags=re.IGNORECASE)
    level = LEVEL.match(title)
    severity = level.group(1).replace(" ", "").replace("-", "").upper() if level else _parent_level(section)
    if level:
        title = level.group(2) + (f" ({level.group(3)})" if level.group(3) else "")
    title = PICTOGRAPHS.sub("", strip_md(title)).strip() or strip_md(title).strip()
    if re.fullmatch(r'["“][^"“”]*["”]', title):   # '"Checkout is slow"' quoted whole: the words inside
        title = title[1:-1].strip()
    quoted = re.findall(r"[\"“]([^\"”]+)[\"”]", section.title)
    # 'Runbook A — Booking service down': the heading as the source numbers it, also a name for it
    # (and 'Incident Response Playbook: Compromised IAM Credentials', its kind named in words of its own)
    written = [strip_md(section.title).strip().lower()] if NUMBERED_KIND.match(section.title) \
        or NAMED_KIND.match(strip_md(section.title)) else []
    pb = {"id": slug(title, "playbook"), "title": title, "severity": severity,
          "aliases": list(dict.fromkeys([title.lower(), *[q.lower() for q in quoted], *written])),
          "symptoms": [], "steps": defaultdict(list), "_lines": {section.line}, "_notes": []}
    found.used.add(section.line)
    found.mapped[f"playbook:{pb['id']}"].append(section.line)
    header = _header_items(section)
    _fill_playbook(section, pb, found, default_stage if not _looks_like_scenario(section) or
                   not _has_stages(section) else None)
    if header:   # '- **Alert:** `PGW5xxRateHigh` ...', '- **Dashboards:** ...' over the steps: the page's header
        from .alerts import _header_fields
        _header_fields(section, pb, f"playbook:{pb['id']}", found)
    return pb


# What a runbook's page says about it before its steps: '- **Alert:** ...', '- **Owner:** ...'
HEADER_KEY = re.compile(r"^(?:alerts?|alarms?|alert ?names?|(?:alarm|alert) tags?|dashboards?|owner|owning team|team|service|severity|sev|priority|"
                        r"repo(?:sitory)?|links?|pager|on-?call(?: rotation)?|component|tier|service tier)$", re.IGNORECASE)


ALERTS_SAID = re.compile(r"^(alerts?|alarms?|alert ?names?|(?:alarm|alert) tags?)\s*:\s*\S", re.IGNORECASE)


def _header_items(section: Section) -> bool:
    """The header fields opening the section (key items, or an 'Alarms: ...' sentence), up to its first
    step: read as the labels they are, not as steps (whether there were)."""
    lead = []
    for block in section.blocks:
        said = ALERTS_SAID.match(strip_md(block.text)) if block.kind == "para" and not lead else None
        if said:   # 'Alarms: ``BLACK_DETECT_CH1``, ``SILENCE_DETECT_CH1``' as a sentence of its own
            block.key, block.value = said.group(1), block.text[block.text.index(":") + 1:].strip()
        elif block.kind != "item" or not block.key or block.level or not HEADER_KEY.match(strip_md(block.key).strip()):
            break   # (the first step, '1. Look at the multiviewer: ...', ends the header)
        lead.append(block)
    from .alerts import as_labels
    as_labels(lead)
    return bool(lead)




def _has_stages(section: Section) -> bool:
    """A sub-heading or label of the section names a stage (Symptoms, Investigate, Fix ...): steps
    go where those say. Without any, 'Playbook: X' over prose and code is one run of steps."""
    return any(_stage(node.title) for node in section.walk() if node is not section) or any(
        b.kind == "label" and _stage(b.label) for node in section.walk() for b in node.blocks)


def _fill_playbook(section: Section, pb: dict, found: Found, stage: str | None) -> None:
    key = f"playbook:{pb['id']}"
    # 'Runbook: transcode-orchestrator' over '### TranscodeQueueBacklogHigh', already an alert's playbook:
    # that part is the other playbook's, not steps of this one as well
    pb["_others"] = {n.line for n in section.walk() if n is not section and n.line in found.used
                     and found.homes.get(n.line, key).startswith("playbook:") and found.homes.get(n.line) != key}
    for node in _own(section, pb["_others"]):
        for block in node.blocks:
            for line in block.lines:
                found.homes[line] = key
        found.homes[node.line] = key
    _fill_node(section, pb, found, key, stage, "")


def _own(section: Section, others: set[int]):
    """The section and its sub-sections, without those of another playbook (and theirs)."""
    stack = [section]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed([c for c in node.children if c.line not in others]))


def _fill_node(node: Section, pb: dict, found: Found, key: str, stage: str | None, condition: str) -> None:
    """A stage heading switches the stage, an 'If ...' heading sets a condition; any other
    sub-heading under a stage is one step with its content as note and commands."""
    from .substeps import sub_step

    _blocks_to_steps(node.blocks, pb, found, key, stage, condition)
    for child in node.children:
        if child.line in pb.get("_others", ()):
            continue
        if home_of(child) == "templates" and not home_of(node) == "templates":
            continue   # 'Notification templates' inside a playbook's page: messages (messages.py), never steps
        child_stage, child_condition = _stage(child.title), _condition(child.title)
        if child_stage or child_condition:
            pb["_lines"].add(child.line)
            if child_condition or stage_label(child.title):
                found.used.add(child.line)   # the site titles the stage itself; a longer heading stays in notes
                found.mapped[key].append(child.line)
            _fill_node(child, pb, found, key, child_stage or stage, child_condition or condition)
        elif stage is not None:
            sub_step(child, pb, stage, key, found)
        else:
            pb["_lines"].add(child.line)
            _fill_node(child, pb, found, key, None, condition)


def stage_label(title: str) -> bool:
    """'Immediate actions', 'Diagnosis (0-15 min)': a heading the stage's own title replaces. 'Quick
    checks before you call' or 'First: who do I call?' says more than its stage, so it is kept as written."""
    from .found import _leading_stage
    plain = re.sub(r"\s*\([^)]*\)\s*$", "", strip_md(title)).strip()
    return _leading_stage(plain) is not None and len(plain.split()) <= 3


@lru_cache(maxsize=65536)   # pure, and asked of every step's text
def _condition(title: str) -> str:
    text = strip_md(STEP_NUMBER.sub("", title))
    return text if text.lower().startswith(("if ", "when ")) else ""


# 'Symptoms: queue times > 5 min on the dashboard.' typed without bold: what responders see
PLAIN_SYMPTOMS = re.compile(r"^(Symptoms?|Signs?|What you(?:'ll| will)? see|Triggers?)\s*:\s+(?=\S)", re.IGNORECASE)


def _steps_follow(blocks: list[Block], label: Block) -> bool:
    """After a run-in 'Symptoms:' label, commands come before any list or other label: the
    paragraphs between are steps to take, not more symptoms."""
    for block in blocks[blocks.index(label) + 1:]:
        if block.kind == "code":
            return True
        if block.kind in ("item", "label", "table"):
            return False
    return False


def _blocks_to_steps(blocks: list[Block], pb: dict, found: Found, key: str, stage: str | None,
                     condition: str) -> None:
    last_step, title = None, ""   # (the title a code panel gives its commands)
    outer, quote_end = condition, None   # a condition a callout's title sets ends with its block quote
    for block in blocks:
        if _captioned_message(block):
            continue   # a message to send inside <details>: a template (messages.py), never a step
        if quote_end is not None and (not block.quoted or block.lines[0] > quote_end + 1):
            condition, quote_end = outer, None
        elif quote_end is not None:
            quote_end = block.lines[-1]
        seen = PLAIN_SYMPTOMS.match(block.text) if block.kind == "para" else None
        if seen:   # what responders see, the steps' stage unchanged
            _add_text(pb, "symptoms", strip_md(block.text[seen.end():]), condition)
            found.use(key, block)
            continue
        if block.kind == "label":
            label_stage = _stage(block.label)
            if label_stage == "symptoms" and block.text and _steps_follow(blocks, block):
                _add_text(pb, "symptoms", strip_md(block.text), condition)   # '**Symptoms:** blank screen.'
                found.use(key, block)                                          # over the steps: what is seen
                stage = stage or "immediate"   # the steps under no stage of their own: the first
                continue
            if label_stage:
                stage = label_stage
                said = stage_label(block.label) or len(strip_md(block.label).split()) <= 3   # 'Fix:', 'Common
                # causes:'; 'First things to try:' says more than the stage's own title, so it stays
                if said or block.text:
                    found.use(key, block)
                if block.text:
                    text = strip_md(block.text) if said else f"{strip_md(block.label).rstrip(':')}: {strip_md(block.text)}"
                    _add_text(pb, stage, text, condition)
                continue
            label_condition = _condition(block.label)
            if label_condition:
                if block.quoted:
                    outer, quote_end = condition if quote_end is None else outer, block.lines[-1]
                condition = label_condition
                found.use(key, block)
                if block.text and stage is not None:   # '**If only one fails**' over what to do then
                    last_step = _add_text(pb, stage, strip_md(block.text), condition)
                continue
        if stage is None:
            continue
        if block.kind == "label" and not block.text and _titles_code(blocks, block):
            title = strip_md(block.label)   # 'On the admin jump box' over the block: where its commands run
            found.use(key, block)
            continue
        if block.kind == "item" and block.level > 0 and last_step is not None:
            last_step["note"] = (last_step.get("note", "") + "\n" + strip_md(block.text)).strip("\n")
            found.use(key, block)
            continue
        if block.kind == "item":
            item_condition = _condition(block.text.split("**")[1] if block.text.startswith("**") else block.text)
            text = strip_md(block.text)
            if item_condition and block.text.startswith("**"):
                condition = item_condition   # '**If both fail** → restart them': what to do is a step
                found.use(key, block)
                rest = _after_bold(block.text)
                last_step = _add_text(pb, stage, rest, condition) if rest else None
                continue
            last_step = _add_text(pb, stage, text, condition)
            found.use(key, block)
        elif block.kind == "para" and last_step is not None and _item_text(blocks, block):
            last_step["note"] = (last_step.get("note", "") + "\n" + strip_md(block.text)).strip("\n")
            found.use(key, block)
        elif block.kind == "para":
            last_step = _add_text(pb, stage, strip_md(block.text), condition)
            if last_step is not None and (spans := inline_commands(block.text)):
                last_step["commands"] = spans   # '... cancel it with `SELECT pg_cancel_backend(<pid>);`'
            found.use(key, block)
        elif block.kind == "code":
            steps = _code_steps(block, condition)
            if title and steps and steps[0].get("commands"):
                steps[0]["commands"][0]["title"] = title
            title = ""
            if steps and last_step is not None and not last_step.get("commands") and \
                    not _starts_with_comment(block):
                last_step["commands"] = steps[0].get("commands", [])
                steps = steps[1:]
            for step in steps:
                _append(pb, stage, step)
            found.use(key, block)


def _item_text(blocks: list[Block], block: Block) -> bool:
    """A paragraph indented under a list item, after its commands ('then tell the owner by e-mail.'
    under '  1. See which share grew:' and its code): more of that item, not a step of its own."""
    if block.indent < 2 or block.text[:1].isupper():   # (it carries on the item's sentence)
        return False
    at = next(n for n, b in enumerate(blocks) if b is block)
    kinds = [b.kind for b in reversed(blocks[:at])]
    item = next((n for n, kind in enumerate(kinds) if kind == "item"), None)
    return item is not None and item > 0 and all(k == "code" for k in kinds[:item])


def _titles_code(blocks: list[Block], block: Block) -> bool:
    """A short bold line on the very line a code block starts on (a wiki's code panel and its title)."""
    following = next((b for b in blocks if b.lines and b.lines[0] >= block.lines[0] and b is not block), None)
    return following is not None and following.kind == "code" and following.lines[0] == block.lines[-1] \
        and len(strip_md(block.label).split()) <= 10


SPAN = re.compile(r"`([^`\n]{4,200})`")


def inline_commands(text: str) -> list[dict]:
    """The commands a paragraph of a procedure gives as inline code, to copy: a known command
    ('`SELECT pg_cancel_backend(<pid>);`') or a program with an option or a path ('`fly scale count
    6 -a furrow-writer`'); a file name, a setting or a branch ('`flags.yaml`', '`main`') is not one."""
    from .indented_code import ARGUMENT, COMMANDISH

    out = []
    for match in SPAN.finditer(text):
        code = match.group(1).strip()
        code = code[2:].strip() if code.startswith("$ ") else code
        if SHELL_START.match(code) or (COMMANDISH.match(code) and ARGUMENT.search(code)):
            out.append({"lang": _lang_of(code, "bash"), "code": code})
    return out


def _captioned_message(block: Block) -> bool:
    """Inside <details> whose summary names a message ('Message to the on-site teams'), or holding
    [FILL-INS] as a message does."""
    if not block.caption:
        return False
    from .messages import CAPTION
    return bool(CAPTION.search(block.caption) or re.search(r"\[[A-Z][A-Z0-9 _-]*\]", block.text))


def _after_bold(text: str) -> str:
    """What an item says after its bold lead, without the arrow or colon joining them."""
    rest = text.split("**", 2)[2] if text.count("**") >= 2 else ""
    return re.sub(r"^[\s:→⇒—–=>-]+", "", strip_md(rest)).strip()


def _starts_with_comment(block: Block) -> bool:
    first = next((line for line in block.code if line.strip()), "")
    return first.strip().startswith("#")


def _add_text(pb: dict, stage: str, text: str, condition: str) -> dict | None:
    if not text:
        return None
    if stage == "symptoms":
        pb["symptoms"].append(text)
        return None
    if stage == "causes":
        stage = "investigate"   # the cause as written; its heading or label stays in the source's words
    step = {"text": text}
    if condition:
        step["condition"] = condition
    _append(pb, stage, step)
    return step


def _append(pb: dict, stage: str, step: dict) -> None:
    if stage == "symptoms" and step.get("commands"):
        stage = "investigate"   # commands under a symptoms label confirm what is seen; a symptom has no commands
    if stage == "symptoms":
        pb["symptoms"].append(step["text"])
    else:
        pb["steps"]["investigate" if stage == "causes" else stage].append(step)


def _code_steps(block: Block, condition: str) -> list[dict]:
    """Split a shell block into steps at its comment headers; commands keep their lines."""
    lang = "bash" if block.lang in ("", "shell", "zsh", "console") else block.lang
    steps: list[dict] = []
    current: dict | None = None
    pending: list[str] = []

    def flush() -> None:
        nonlocal pending
        if current is not None and pending:
            code = "\n".join(pending).strip("\n")
            if code.strip():
                current.setdefault("commands", []).append({"lang": _lang_of(code, lang), "code": code})
        pending = []

    for raw in block.code:
        line = raw.rstrip()
        comment = SHELL_COMMENT.match(line)
        after_blank = bool(pending) and not pending[-1].strip()   # '# roll back' after a blank line: a new step
        if comment and (not pending or after_blank) or (comment and NUMBERED_COMMENT.match(line)):
            flush()
            text = STEP_NUMBER.sub("", comment.group(1)).strip()
            if not text:
                continue
            if current is not None and not current.get("commands") and not LEADING_NUMBER.match(comment.group(1)):
                current["text"] += f" {text}"
                continue
            current = {"text": text}
            step_condition = _condition(text.rstrip(":"))
            if step_condition:
                current["condition"] = step_condition.rstrip(":")
            elif condition:
                current["condition"] = condition
            steps.append(current)
        else:
            if current is None:   # no comment to name the step: the command names itself
                current = {"text": condition or line.strip() or "Run", **({"condition": condition} if condition else {})}
                steps.append(current)
            pending.append(line)
    flush()
    return steps


SQL_START = re.compile(r"^(SELECT|UPDATE|DELETE|INSERT|WITH)(?=\s)", re.IGNORECASE)   # not 'Update-MgUser'



def _lang_of(code: str, default: str) -> str:
    first = code.strip().splitlines()[0] if code.strip() else ""
    if first.startswith(">>>"):
        return "pycon"
    if SQL_START.match(first):
        return "sql"
    if default in ("bash", "sh", "") and POWERSHELL.match(first) and SHELL_START.match(first):
        return "powershell"   # 'Restart-Service -Name WMSAgent -Force' typed with no fence to name it
    # the fence's own language when the schema knows it (powershell stays powershell); else plain text, never
    # a shell the source did not name ('promql', 'kql')
    return default if default in LANGS else "text"
