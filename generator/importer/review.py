"""A post-incident review template written as a document of its own.

'# Post-Incident Review: {title}' (or 'Postmortem template', 'Retrospective', 'After-action
review') whose sub-headings are the sections every review has: each sub-heading is one
post-mortem section, its first run of prose the question it answers; the section's other
content (fields to fill in, a table's columns, a checklist) is kept under the section's own
heading as the post-mortem's guidance, and the header fields above the first section
('Incident ID: INC-{number}') likewise. Runs before the runbook passes, which would otherwise
read 'Summary' and 'Impact' as the parts of an alert runbook.
"""
from __future__ import annotations

import re

from .found import Found
from .mdparse import Block, Section, joined, strip_md, title_matches
from .text import slug

REVIEW_TITLE = re.compile(r"post[- ]?mortem|post[- ]incident|incident review|retrospective|after[- ]action|"
                          r"\brca\b|root cause analysis", re.IGNORECASE)
GUIDE_PART = re.compile(r"template|agenda|meeting|principle|when to|process|schedul", re.IGNORECASE)
TEMPLATE_HINT = re.compile(r"template|format|structure|\{[^}]+\}|\[[^\]]+\]|<[^>]+>", re.IGNORECASE)


def review_templates(root: Section, found: Found) -> None:
    for section in root.walk():
        if not section.level or section.line in found.used or "sections" in found.postmortem:
            continue
        if not title_matches(REVIEW_TITLE, section.title) or len(section.children) < 3:
            continue
        own_file_title = section.parent is not None and section.parent.level == 0 and len(section.parent.children) == 1
        about_reviews = any(title_matches(GUIDE_PART, c.title) or title_matches(REVIEW_TITLE, c.title)
                            for c in section.children)
        if about_reviews or not (title_matches(TEMPLATE_HINT, section.title) or own_file_title):
            continue   # a guide to reviews (its template, meeting, principles), not the template itself
        _template(section, found)


def _template(section: Section, found: Found) -> None:
    sections, guidance = [], []
    for child in section.children:
        title = strip_md(child.title)
        blocks = [b for node in child.walk() for b in node.blocks]
        prose = _lead(child.blocks)
        prompt = joined(prose, child.blocks)
        sections.append({"id": slug(title), "title": title, "prompt": prompt or title})
        found.use("postmortem", *prose)
        rest = _fields(b for b in blocks if b not in prose)
        if rest:
            text = "\n".join(t for _, t in rest if t)
            if text:
                guidance.append({"title": title, "text": text})
            found.use("postmortem", *(b for b, _ in rest))
            found.guidance_lines.update(n for b, _ in rest for n in b.lines)
        for node in child.walk():
            found.used.add(node.line)
            found.mapped["postmortem"].append(node.line)
    header = _fields(section.blocks)
    if header:
        guidance.insert(0, {"title": strip_md(section.title), "text": "\n".join(t for _, t in header if t)})
        found.use("postmortem", *(b for b, _ in header))
        found.guidance_lines.update(n for b, _ in header for n in b.lines)
    found.postmortem["sections"] = sections
    if guidance:
        found.guidance.setdefault("postmortem", []).extend(guidance)
    found.used.add(section.line)
    found.mapped["postmortem"].append(section.line)


def _lead(blocks: list[Block]) -> list[Block]:
    """The leading paragraphs of a section, up to its first list, table or code."""
    out = []
    for block in blocks:
        if block.kind != "para" or not strip_md(block.text).strip("*_ "):
            if out or block.kind not in ("rule",):
                break
            continue
        out.append(block)
    return out


def _fields(blocks) -> list[tuple[Block, str]]:
    """What a reviewer fills in, one line each: 'Field: value', '- item', '[ ] check', a table's rows
    (an empty bullet or row is a blank to fill in: kept with the section, with no text)."""
    out = []
    for block in blocks:
        if block.kind == "table":
            rows = [" | ".join(strip_md(c) for c in row) for row in block.rows]
            out.append((block, "\n".join(f"- {r}" for r in rows if r.strip(" |"))))
        elif block.kind == "label":
            out.append((block, f"- {strip_md(block.label)}: {strip_md(block.text)}".rstrip(": ")))
        elif block.kind in ("item", "para"):
            text = strip_md(block.text).strip("*_ ")
            mark = "[x] " if block.checked else "[ ] " if block.checked is False else ""
            out.append((block, f"- {mark}{text}" if text else ""))
    return out
