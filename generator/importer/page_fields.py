"""A runbook page's properties, as a Notion or wiki export writes them under the page's title:

    # Login failures spike
    Service: auth
    Severity: SEV-1
    Owner: Marcus Bell

On the page's playbook, the severity and service go to their fields and the other properties are
shown under their names as written; they are never the playbook's summary or a step.
"""
from __future__ import annotations

import re

from .found import Found, _runbook_page
from .mdparse import Section, strip_md
from .runbook_rows import one_row_table, set_service

FIELD = re.compile(r"^(?P<key>[A-Z][\w /-]{1,24}?)\s*:\s*(?P<value>\S.*)$")


def page_fields(root: Section, found: Found) -> None:
    books = {f"playbook:{pb['id']}": pb for pb in found.playbooks}
    for section in root.walk():
        pb = books.get(found.homes.get(section.line, ""))
        if pb is None or not section.level or not _runbook_page(section):
            continue
        fields = []
        for block in section.blocks[:8]:   # the properties in a row under the title, first to last
            if block.kind != "para" or not FIELD.match(strip_md(block.text)):
                break
            fields.append(block)
        if fields:
            _apply(pb, fields, found)


def _apply(pb: dict, fields: list, found: Found) -> None:
    from .ladders import level_id

    key, told, texts = f"playbook:{pb['id']}", [], [strip_md(b.text) for b in fields]
    for text in texts:
        match = FIELD.match(text)
        name, value = match.group("key").strip(), match.group("value").strip()
        if re.fullmatch(r"severity|sev|priority", name, re.IGNORECASE) and level_id(value):
            pb["severity"] = pb.get("severity") or level_id(value)
        elif re.fullmatch(r"services?|component", name, re.IGNORECASE) and re.fullmatch(r"[\w.-]{1,40}", value):
            set_service(pb, value, found)
        else:
            told.append((name, value))
    if pb.get("summary") and strip_md(pb["summary"]) in (" ".join(texts), texts[0]):
        del pb["summary"]   # the properties were read as its first paragraph
    if told:
        found.guidance.setdefault(key, []).insert(0, {"title": pb["title"], "text": one_row_table(told)})
    for block in fields:
        found.use(key, block)
        found.guidance_lines.update(block.lines)
