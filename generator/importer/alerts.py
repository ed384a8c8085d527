"""Alert runbooks: a heading whose sub-sections say Meaning, Impact, Diagnosis, Mitigation
(or an alert name as the heading): one playbook per alert."""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from .found import Found, _leading_stage, _stage
from .substeps import sub_step
from .mdparse import Section, joined, strip_md
from .text import slug


RUNBOOK_PARTS = {"meaning": "symptoms", "impact": "impact", "summary": "summary", "description": "summary",
                 "overview": "summary", "diagnosis": "investigate",
                 "mitigation": "resolve", "remediation": "resolve", "resolution": "resolve",
                 "verification": "verify", "symptoms": "symptoms", "investigation": "investigate",
                 "check": "investigate", "checks": "investigate", "triage": "investigate", "fix": "resolve",
                 "what it means": "symptoms", "query": "investigate", "expression": "investigate",
                 "promql": "investigate"}


@lru_cache(maxsize=65536)
def part_named(title: str) -> str | None:
    """The runbook part a heading or label names ('Diagnosis' -> investigate), or None."""
    return RUNBOOK_PARTS.get(strip_md(title).lower().strip(" :"))


def alert_runbooks(root: Section, found: Found) -> None:
    """'# AlertName' with Meaning / Impact / Diagnosis / Mitigation: one playbook per alert."""
    for section in root.walk():
        if section.level == 0 or len(section.children) < 2 or section.line in found.used:
            continue   # two parts at least: most headings have fewer sections under them
        parts = [part_named(c.title) for c in section.children]
        named = bool(ALERT_TITLE.match(strip_md(section.title)))
        if named:   # '# Alert: KubeNodeNotReady': 'Steps', 'Possible causes' are parts too
            parts = [p or _leading_stage(CAUSE_LEAD.sub("", strip_md(c.title)))
                     for p, c in zip(parts, section.children)]
        if sum(p is not None for p in parts) < 2:
            continue
        if not ({"symptoms", "impact"} & set(parts)) and not (named and {"summary", "investigate", "resolve"} & set(parts)):
            continue
        found.playbooks.append(_runbook(section, parts, found))


# An alert's name as a heading: 'KubePodCrashLooping', 'Alert: disk_full', 'HighErrorRate (warning)'.
# (a capital or '_' after its first letter, case kept: 'Procedures' or 'Runbooks' is a word, no alert's name)
ALERT_TITLE = re.compile(r"^(?:(?i:alert)\s*:\s*)?[A-Za-z_][A-Za-z0-9_:]*[A-Z_][A-Za-z0-9_:]*(?:\s*\([^)]*\))?$|"
                         r"^(?i:alert)\s*:\s*\S+$")


CAUSE_LEAD = re.compile(r"^(possible|likely|common)\s+")
ALERT_LEAD = re.compile(r"^alert\s*:\s*", re.IGNORECASE)
METRIC_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")


def _runbook(section: Section, parts: list, found: Found) -> dict:
    from .scenarios import _blocks_to_steps

    title = ALERT_LEAD.sub("", strip_md(section.title))
    aliases = [title]
    pb = {"id": slug(split_camel(title), "alert"), "title": title, "severity": "", "aliases": aliases,
          **({"alerts": [title]} if METRIC_NAME.fullmatch(title) else {}),
          "symptoms": [], "steps": {}, "_lines": {section.line}, "_notes": []}
    pb["steps"] = defaultdict(list)
    key = f"playbook:{pb['id']}"
    found.used.add(section.line)
    found.mapped[key].append(section.line)
    for block in section.blocks:   # '**Severity:** warning' under the alert's name: the playbook's text
        for line in block.lines:
            found.homes[line] = key
    _header_fields(section, pb, key, found)
    parts = [part or _stage(child.title) for child, part in zip(section.children, parts)]
    for child, part in zip(section.children, parts):
        for node in child.walk():
            for block in node.blocks:
                for line in block.lines:
                    found.homes[line] = key
            found.homes[node.line] = key
        if part is None:
            continue
        if part_named(child.title) or _leading_stage(child.title):
            found.used.add(child.line)   # the site's own stage title replaces it; 'Possible causes' stays in notes
            found.mapped[key].append(child.line)
        if part == "impact" and "summary" in parts:   # the impact stays under its own heading, as guidance
            found.used.discard(child.line)
            found.mapped[key].remove(child.line)
            continue
        if part in ("impact", "summary"):
            text = joined([b for b in child.blocks if b.kind in ("para", "item") and b.text], child.blocks)
            if text:
                pb["summary"] = text
                found.use(key, *[b for b in child.blocks if b.kind in ("para", "item") and b.text])
            continue
        _blocks_to_steps(child.blocks, pb, found, key, part, "")
        for node in child.children:
            sub_step(node, pb, part, key, found)
    pb["_lines"].update(c.line for c in section.children)
    return pb


def _header_fields(section: Section, pb: dict, key: str, found: Found) -> None:
    """'**Service:** event-pipeline' / '**Team:** ...' lines under an alert's name, before its first
    part: shown as written, under the alert's name, as the playbook's guidance; a label that names
    a part ('**What it means**: ...', '**Summary**: ...', a callout's title) is that part."""
    from .guidance import _text

    fields = [b for b in section.blocks if b.kind == "label" and b.text and b.lines[0] not in found.used]
    fields = [b for b in fields if not _part_label(b, pb, key, found) and not _owned_by(b, pb, key, found)
              and not _alert_or_severity(b, pb, key, found)]
    if not fields:
        return
    found.guidance.setdefault(key, []).append({"title": strip_md(section.title), "text": _text(fields)})
    found.use(key, *fields)
    found.guidance_lines.update(n for b in fields for n in b.lines)


ALERT_LABEL = re.compile(r"^(?:alerts?|alarms?|alert ?names?|(?:alarm|alert) tags?|fires on)$", re.IGNORECASE)
SEVERITY_LABEL = re.compile(r"^(?:severity|sev|priority|level)$", re.IGNORECASE)
ALERT_NAME = re.compile(r"^`?([A-Za-z_][A-Za-z0-9_:]*[A-Z_][A-Za-z0-9_:]*)`?(?=[\s,;]|$)")
MORE_NAMES = re.compile(r"^\s*(?:,|;|and|or)\s*")   # '`LedgerDBReplicationLag`, `LedgerDBPrimaryDown`'


def _alert_or_severity(block, pb: dict, key: str, found: Found) -> bool:
    """'**Alert:** `AuthLatencyP99High` (p99 > 800 ms)' names the alert the playbook answers (an alias
    too); '**Severity:** SEV2 (SEV1 if ...)' its level. True when the line says no more than that:
    otherwise it is also kept as written."""
    from .ladders import level_id

    label, value = strip_md(block.label).rstrip(": "), block.text.strip()
    if ALERT_LABEL.match(label) and (name := ALERT_NAME.match(value)):
        pb.setdefault("alerts", [])
        rest = value
        while name:
            if name.group(1) not in pb["alerts"]:
                pb["alerts"].append(name.group(1))
                pb["aliases"].append(name.group(1))
            rest = rest[name.end():]
            joiner = MORE_NAMES.match(rest)
            name = ALERT_NAME.match(rest[joiner.end():]) if joiner else None
            rest = rest[joiner.end():] if name else rest
        rest = rest.strip()
    elif ALERT_LABEL.match(label) and (named := OTHER_ALERT.fullmatch(strip_md(value).strip())):
        # 'FRZ-ALARM-HI-TEMP', 'ASH-DC01 LDAP Down': what the monitoring shows, no rule file's name: a name
        # to find the playbook by, not one of its Prometheus alerts
        if named.group(0).lower() not in pb["aliases"]:
            pb["aliases"].append(named.group(0).lower())
        rest = ""
    elif SEVERITY_LABEL.match(label) and (lid := level_id(value.split(" (")[0].strip())) and not pb.get("severity"):
        pb["severity"] = lid
        rest = value.split(" (", 1)[1] if " (" in value else ""
    else:
        return False
    if rest:
        return False
    found.use(key, block)
    return True


OTHER_ALERT = re.compile(r"[A-Za-z0-9][\w.:-]*(?: [\w.:-]+){0,4}")   # another monitor's alarm, a few words at most


SERVICE_LABEL = re.compile(r"^services?$", re.IGNORECASE)
TEAM_LABEL = re.compile(r"^(?:owning\s+team|team|owner|owned\s+by)$", re.IGNORECASE)
NAME_ONLY = re.compile(r"[A-Za-z0-9][\w.-]{0,40}")


def _part_label(block, pb: dict, key: str, found: Found) -> bool:
    """'**What it means**: ...' or '**Summary**: ...' (a callout's title too): that part of the runbook."""
    part = part_named(block.label)
    if part == "symptoms":
        pb["symptoms"].append(strip_md(block.text))
    elif part == "summary" and not pb.get("summary"):
        pb["summary"] = strip_md(block.text)
    else:
        return False
    found.use(key, block)
    return True


def _owned_by(block, pb: dict, key: str, found: Found) -> bool:
    """'**Service:** event-pipeline' names the playbook's service; '**Team:** Data Platform — `#dp-oncall`'
    its owner (with its channel). True when the line went to those fields, as written."""
    from .contacts import reach_fields
    from .kinds import contact_kind
    from .text import CHANNEL, slug

    label, value = strip_md(block.label).rstrip(": "), strip_md(block.text).strip()
    names = [n.strip() for n in re.split(r"\s*,\s*", value)]
    if SERVICE_LABEL.match(label) and names and all(NAME_ONLY.fullmatch(n) for n in names):
        pb["services"] = [slug(n) for n in names]
        for name in names:
            found.org.setdefault("services", {}).setdefault(slug(name), {"id": slug(name), "name": name})
        found.use(key, block)
        return True
    parts = re.split(r"\s+[—–-]\s+", value, maxsplit=1)
    chat = CHANNEL.fullmatch(parts[1].strip()) if len(parts) > 1 else None   # 'Storage — #storage-oncall'
    if TEAM_LABEL.match(label) and parts[0] and len(parts[0].split()) <= 5 and (
            len(parts) == 1 or chat or reach_fields({}, parts[1]) is False):
        name = parts[0]
        cid = slug(name, "contact")
        contact = found.contacts.setdefault(cid, {"id": cid, "kind": contact_kind(name, label), "name": name})
        if chat:
            contact.setdefault("chat", chat.group(0))
        elif len(parts) > 1:
            reach_fields(contact, parts[1])
        pb["owner"] = cid
        found.use(key, block)
        return True
    return False


def split_camel(name: str) -> str:
    """'KubePodCrashLooping' -> 'Kube Pod Crash Looping'."""
    if " " in name:
        return name
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)


# An alert's own name, as rule files write it: 'TranscodeQueueBacklogHigh', 'disk_full', 'Alert: X' (not 'Steps')
CAMEL_ALERT = re.compile(r"^(?:[Aa]lert\s*:\s*\S+|[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+)$")


# '**Query:**' over the alert's expression: what to look at first, so an investigation step
QUERY_LABEL = re.compile(r"^(?:query|expression|expr|promql|alert (?:rule|expression|query))$", re.IGNORECASE)


def label_parts(root: Section) -> None:
    """'### TranscodeQueueBacklogHigh' whose parts are bold labels ('**What it means:** ...',
    '**Query:**', '**What to do:**') rather than sub-headings: each such label starts a sub-section
    of its own, so the alert reads as the runbook its headed parts would make. Only under an alert's
    name, with two labelled parts or more; done in place, before the tree is complete."""
    stack = [root]
    while stack:
        section = stack.pop()
        stack.extend(section.children)
        if not section.level or len(section.children) >= 2 or not CAMEL_ALERT.match(strip_md(section.title)):
            continue
        heads = [n for n, b in enumerate(section.blocks) if b.kind == "label" and _label_part(b.label)]
        if len(heads) >= 2:
            _split_at(section, heads)


def _label_part(label: str) -> str | None:
    name = strip_md(label).strip(" :")
    return part_named(name) or _leading_stage(name) or ("investigate" if QUERY_LABEL.match(name) else None)


def _split_at(section: Section, heads: list[int]) -> None:
    from dataclasses import replace

    blocks, parts = section.blocks, []
    for n, start in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(blocks)
        label = blocks[start]
        body = ([replace(label, kind="para", label="", key="", value="")] if label.text else []) + blocks[start + 1:end]
        title = strip_md(label.label).strip(" :")
        parts.append(Section(title, section.level + 1, label.lines[0], body, parent=section))
    section.blocks = blocks[:heads[0]]
    section.children[:0] = parts


ALERTS_PART = re.compile(r"^(?:alerts?|alerting|alert runbooks|alarms?)\b", re.IGNORECASE)


def alert_sections(root: Section, found: Found) -> None:
    """'## Alerts' over '### HotelIndexerLagHigh', '### HotelSearchClusterRed' (a service's runbook page):
    one playbook per alert, named by it, whatever its parts are called."""
    from .scenarios import _playbook
    from .text import unnumbered

    for section in root.walk():
        lowered = section.title.lower()   # (the cheap test first: most titles say neither)
        if not section.level or ("alert" not in lowered and "alarm" not in lowered) \
                or not ALERTS_PART.match(unnumbered(strip_md(section.title))):
            continue
        alerts = [c for c in section.children if c.line not in found.used and ALERT_TITLE.match(strip_md(c.title))
                  and any(b.kind in ("item", "code", "para", "label") for b in c.all_blocks())]
        if len(alerts) < 2:
            continue
        for child in alerts:
            _fields_as_labels(child)
            pb = _playbook(child, found, "immediate")
            name = ALERT_LEAD.sub("", strip_md(child.title)).split("(")[0].strip()
            if METRIC_NAME.fullmatch(name):
                pb["alerts"] = [name]
            _header_fields(child, pb, f"playbook:{pb['id']}", found)
            found.playbooks.append(pb)


def _fields_as_labels(section: Section) -> None:
    """'- **Severity:** page' / '- **Meaning:** ...' items opening an alert's section: its header's
    fields, read as the labels they are ('**Severity:** page'), not as steps."""
    lead = []
    for block in section.blocks:
        if block.kind != "item" or not block.key or block.level:
            break
        lead.append(block)
    as_labels(lead)


def as_labels(blocks: list) -> None:
    """Key items ('- **Alert:** x') rewritten as the label blocks ('**Alert:** x') a header's fields are."""
    for block in blocks:
        block.kind, block.label, block.text = "label", block.key, block.value
