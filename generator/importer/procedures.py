"""One procedure written as 'Step 1 — ...' sub-headings, and what a file's front matter says about it.

A heading whose sub-headings are numbered steps is one playbook: its first paragraph is the
summary, an admonition such as '!!! info "When this fires"' is what responders see, each
step heading is a step (its prose the note, its code the commands, a tip or warning part of
the note), and other sub-headings are stages by their names ('After the alert clears').
Front matter of a file that holds one playbook gives its alert name, title, tags and owner.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .found import Found, _leading_stage, _stage
from .mdparse import Section, strip_md
from .kinds import contact_kind
from .text import LEVEL, slug

STEP_TITLE = re.compile(r"^step\s*\d+\s*[-–—:.)]?\s*(.*)$", re.IGNORECASE)
SEEN_LABEL = re.compile(r"when (this|it) (fires|happens|triggers)|trigger|symptom|what you see|alert fires", re.I)
ALERT_NAME = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")


def step_sections(root: Section, found: Found) -> None:
    for section in root.walk():
        steps = [c for c in section.children if STEP_TITLE.match(strip_md(c.title))]
        if section.level == 0 or len(steps) < 2 or section.line in found.used:
            continue
        found.playbooks.append(_procedure(section, found))


def _procedure(section: Section, found: Found) -> dict:
    from .scenarios import _fill_node, stage_label
    from .role_shapes import _paragraphs
    from .substeps import sub_step

    title = strip_md(section.title)
    level = LEVEL.match(title)
    pb = {"id": slug(title, "playbook"), "title": title, "severity": level.group(1).replace(" ", "").upper()
          if level else "", "aliases": [title.lower()], "symptoms": [], "steps": defaultdict(list),
          "_lines": {section.line}, "_notes": []}
    key = f"playbook:{pb['id']}"
    for node in section.walk():
        found.homes[node.line] = key
        for block in node.blocks:
            for line in block.lines:
                found.homes[line] = key
    found.used.add(section.line)
    found.mapped[key].append(section.line)
    _intro(section, pb, key, found, _paragraphs)
    stage = "immediate"
    for child in section.children:
        step = STEP_TITLE.match(strip_md(child.title))
        if step:
            stage = _leading_stage(step.group(1)) or stage
            sub_step(child, pb, stage if stage not in ("symptoms", "causes") else "investigate", key, found)
            pb["_lines"].add(child.line)
            continue
        child_stage = _leading_stage(child.title) or _stage(child.title)
        if child_stage:
            pb["_lines"].add(child.line)
            if stage_label(child.title):   # 'Verification' is the stage's own title; a longer heading
                found.used.add(child.line)  # ('After the alert clears', 'Database checks') stays in notes
                found.mapped[key].append(child.line)
            _fill_node(child, pb, found, key, child_stage, "")
    return pb


def _intro(section: Section, pb: dict, key: str, found: Found, paragraphs) -> None:
    """The first paragraph is the summary; a 'When this fires' admonition or label is what responders see."""
    blocks = section.blocks
    prose = [b for b in blocks if b.kind == "para" and b.text and not b.aside and not b.quoted]
    if prose:
        first = [b for b in prose if b.lines[0] <= _paragraph_end(prose)]
        pb["summary"] = paragraphs(first)[0]
        found.use(key, *first)
    for i, block in enumerate(blocks):
        if block.kind == "label" and SEEN_LABEL.search(block.label):
            body = [block] if block.text else []
            body += [b for b in blocks[i + 1:i + 4] if b.kind == "para" and b.aside == block.aside and b.aside]
            texts = [strip_md(b.text) for b in body if b.text]
            if texts:
                pb["symptoms"].append(f"{strip_md(block.label)}: {' '.join(texts)}")
                found.use(key, block, *body)


def _paragraph_end(prose: list) -> int:
    """Last line of the first paragraph (blocks on consecutive lines)."""
    end = prose[0].lines[-1]
    for block in prose[1:]:
        if block.lines[0] != end + 1:
            break
        end = block.lines[-1]
    return end


def front_matter(root: Section, found: Found) -> None:
    """'alert: GatewayHigh5xxRate', 'title:', 'tags:', 'owner:' of a file with one playbook."""
    for file_root in root.children:
        meta = file_root.meta
        if not meta:
            continue
        lines = {line for node in file_root.walk() for line in [node.line] + [n for b in node.blocks for n in b.lines]}
        books = [pb for pb in found.playbooks if min(pb["_lines"]) in lines]
        if len(books) != 1 or not _whole_file(books[0], file_root):
            _page_fields(meta, found)
            continue
        _apply(books[0], meta, found)


def _page_fields(meta: dict, found: Found, home: str = "organization") -> None:
    """Front matter of a page that is not one playbook (a handbook's title, description, wiki
    fields), or the fields a playbook has no place for (version, weight): shown as written,
    under its title, as the guidance of the document ``home``."""
    rows = sorted((line, key, value) for key, (value, line) in meta.items() if value and line not in found.used)
    if not rows:
        return
    title = meta.get("title", ("", 0))[0]
    text = "\n".join(f"- {key}: {value}" for _, key, value in rows)
    found.guidance.setdefault(home, []).append({"title": title or rows[0][2], "text": text})
    found.used.update(line for line, _, _ in rows)
    found.mapped[home].extend(line for line, _, _ in rows)
    found.guidance_lines.update(line for line, _, _ in rows)


def _whole_file(pb: dict, file_root: Section) -> bool:
    """Whether the playbook is what the file is about: it starts at the file's first heading (a
    handbook's front matter is not the title of the one command list inside it)."""
    first = next((s for s in file_root.walk() if s.level), None)
    return first is None or min(pb["_lines"]) <= first.line


def _apply(pb: dict, meta: dict, found: Found) -> None:
    key = f"playbook:{pb['id']}"
    used = []
    for name in ("alert", "alertname", "alert_name", "alerts"):
        value = meta.get(name, ("", 0))[0]
        names = [v.strip(" '\"") for v in value.strip("[]").split(",") if ALERT_NAME.match(v.strip(" '\""))]
        if names:
            pb["alerts"] = list(dict.fromkeys(pb.get("alerts", []) + names))
            pb["aliases"] = list(dict.fromkeys(pb["aliases"] + names))
            used.append(meta[name][1])
    for name in ("title", "sidebar_label"):
        value, line = meta.get(name, ("", 0))
        if value:
            pb["aliases"] = list(dict.fromkeys(pb["aliases"] + [value]))
            used.append(line)
    tags, line = meta.get("tags", ("", 0))
    words = [t.strip(" '\"") for t in tags.strip("[]").split(",") if re.fullmatch(r"[\w-]+", t.strip(" '\""))]
    if words:
        pb["tags"] = words
        used.append(line)
    owner, line = meta.get("owner", ("", 0))
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", owner):
        pb["owner"] = owner
        found.contacts.setdefault(owner, {"id": owner, "kind": contact_kind(owner), "name": owner})
        used.append(line)
    found.used.update(used)
    found.mapped[key].extend(used)
    _page_fields(meta, found, key)
