"""Policy and framing prose: a document's purpose, scope, rules and how to use it.

Run after every other pass. A section whose remaining lines are prose (paragraphs,
lists of sentences, bold-label lines), not code, tables or checklists, becomes a
`guidance` section of the document the section belongs to (a playbook's 'Quick facts'
or 'Background' is that playbook's), shown on that document's page under the section's
own heading. Left in notes instead, so that the report asks for them to be rebuilt:
a section named for structured content (severity levels, an escalation chain, contacts,
roles, phases) when the import found none of that kind (outside a playbook: a runbook's own
'Escalation' paragraph is its guidance), an entity's own section (a
level or phase heading), a phase with a time window, and a table of contents.
"""
from __future__ import annotations

import re

from .found import Found
from .mdparse import Block, Section, strip_md, title_matches

# A section named for a kind of data, when the import found none of that kind: data it could not read.
DATA_KINDS = [(re.compile(r"escalat|chain|\btiers?\b", re.I), lambda f: f.escalation),
              (re.compile(r"\broles?\b|responsibilit", re.I), lambda f: f.roles),
              (re.compile(r"\bphases?\b|\bstages?\b|checklist|lifecycle", re.I), lambda f: f.phases),
              (re.compile(r"severit|priorit|\bsev\b|\blevels?\b|classes|classification", re.I), lambda f: f.levels),
              (re.compile(r"contact|on-?call|rotation|\brota\b|directory", re.I),
               lambda f: any(len(c) > 3 for c in f.contacts.values())),
              (re.compile(r"template|message", re.I), lambda f: f.templates)]
PROSE_KINDS = ("para", "item", "label")
CONTENTS = re.compile(r"^\W*(table of contents|contents|toc)\W*$", re.IGNORECASE)


def guidance_sections(root: Section, found: Found) -> None:
    for section in root.walk():
        if section.level == 0 or section.line in found.used or title_matches(CONTENTS, section.title) \
                or re.search(r"\(\s*\d+\s*[-–]\s*\d+\s*\w*\s*\)", section.title):
            continue   # an entity's own section, a table of contents, or a phase with its time window
        home = found.homes.get(section.line, "organization")
        if not home.startswith("playbook:"):
            home = home if _exists(home, found) else "organization"
        blocks = [b for b in section.blocks if b.lines[0] not in found.used]
        prose = [b for b in blocks if b.kind in PROSE_KINDS and strip_md(b.text).strip("*_ ") and b.checked is None]
        rest = [b for b in blocks if b.kind != "rule" and not (b.kind == "label" and not b.text)]
        if not prose or len(prose) < len(rest):
            continue   # code, tables, checklists or nothing: not prose to show as written
        read = any(b.lines[0] in found.used for b in section.blocks)   # a pass took its data: the rest is prose
        if not home.startswith("playbook:") and not read and not section.children and any(pattern.search(section.title) and not present(found)
                                                    for pattern, present in DATA_KINDS):
            continue   # data the importer could not read: notes, and the report says to rebuild it
            # (a heading over sub-sections is a container: its own lines are its introduction)
        found.guidance.setdefault(home, []).append({"title": strip_md(section.title), "text": _text(prose)})
        found.used.add(section.line)
        found.use(home, *prose)
        found.guidance_lines.update([section.line, *(n for b in prose for n in b.lines)])


def playbook_asides(root: Section, found: Found) -> None:
    """'!!! warning' / '> [!note] False positives' inside a playbook, beside its steps: shown as
    written on the playbook's page, under the box's title, as its guidance (not left in notes)."""
    for section in root.walk():
        for block in section.blocks:
            home = found.homes.get(block.lines[0], "")
            if not block.aside or block.kind not in PROSE_KINDS or block.lines[0] in found.used \
                    or not home.startswith("playbook:") or not _exists(home, found) or not strip_md(block.text):
                continue
            title = strip_md(block.label) if block.kind == "label" else block.aside.capitalize()
            found.guidance.setdefault(home, []).append({"title": title, "text": strip_md(block.text)})
            found.use(home, block)
            found.guidance_lines.update(block.lines)


def contents_lists(root: Section, found: Found) -> None:
    """A table of contents whose every entry is the title of a playbook: the site's navigation
    replaces it (its entries are the pages' titles)."""
    headings = {_plain(pb["title"]) for pb in found.playbooks}
    for section in root.walk():
        if not section.level or not title_matches(CONTENTS, section.title) or section.children:
            continue
        items = [b for b in section.blocks if b.kind == "item" and b.lines[0] not in found.used]
        rest = [b for b in section.blocks if b.kind not in ("item", "rule")]
        if items and not rest and all(_plain(b.text) in headings for b in items):
            found.used.add(section.line)
            found.use("organization", *items)


LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
NUMBER_LEAD = re.compile(r"^\d+(?:\.\d+)*[.)]?\s+")


def _plain(text: str) -> str:
    return NUMBER_LEAD.sub("", strip_md(LINK.sub(r"\1", text))).strip().lower()


def _exists(home: str, found: Found) -> bool:
    """Whether the import writes this document (organization, severities and contacts it always does)."""
    made = {"escalation": found.escalation, "roles": found.roles, "process": found.phases,
            "templates": found.templates, "postmortem": found.postmortem.get("sections")}
    return bool(made.get(home, True))


def _text(blocks: list[Block]) -> str:
    """Paragraphs as written (a source line break inside a paragraph is a space), lists as '- ' lines."""
    paragraphs: list[list[str]] = []
    previous, depth = None, 0   # depth: how far the item may be nested, one under the item above at most
    for block in blocks:
        in_list = previous is not None and previous.kind == block.kind == "item"
        depth = min(block.level, depth + 1) if in_list else 0
        line = _line(block, depth)
        continues = previous is not None and block.lines[0] == previous.lines[-1] + 1 and not block.fresh and (
            block.kind == previous.kind == "para" or (block.kind == "para" and previous.kind == "item"))
        if continues and paragraphs:
            paragraphs[-1][-1] += " " + line.lstrip("- ") if block.kind == "para" else line
        elif previous is not None and previous.kind == block.kind and block.kind in ("item", "label") and paragraphs:
            paragraphs[-1].append(line)   # a list, or 'Owner: ...' / 'Version: ...' lines, stays together
        else:
            paragraphs.append([line])
        previous = block
    return "\n\n".join("\n".join(p) for p in paragraphs)


def _line(block: Block, depth: int = 0) -> str:
    if block.kind == "label":
        return f"{strip_md(block.label)}: {strip_md(block.text)}".rstrip(": ") if block.text else strip_md(block.label)
    if block.kind == "item":   # nested items stay nested, as the source lists them
        return f"{'    ' * depth}{'1.' if block.ordered else '-'} {strip_md(block.text)}"
    return strip_md(block.text)
