"""The post-mortem definition: its template (headings or a fence), agenda and principles."""
from __future__ import annotations

import re

from .found import Found, home_of
from .mdparse import Block, Section, joined, strip_md, title_matches
from .text import duration, slug, unnumbered


PM_TEMPLATE = re.compile(r"template|format|structure|\bform\b", re.IGNORECASE)


def _postmortem(root: Section, found: Found) -> None:
    pm = found.postmortem
    for section in root.walk():
        if section.parent is not None and title_matches(PM_TEMPLATE, section.title) and (
                home_of(section.parent) == "postmortem" or re.search(r"review|post|retro", section.title, re.I)):
            _pm_sections_from_headings(section, pm, found)
        elif section.parent is not None and title_matches(REVIEW_WORDS, section.title) and _blank_form(section):
            _pm_sections_from_headings(section, pm, found)   # '## 9. Post-incident review' over empty parts to fill
            found.used.discard(section.line)   # its heading, which the post-mortem page does not show, stays as written
        if "sections" not in pm and title_matches(PM_TEMPLATE, section.title) \
                and title_matches(REVIEW_WORDS, section.title):
            _pm_sections_from_table(section, pm, found)
            _pm_sections_from_labels(section, pm, found)
            _pm_sections_from_outline(section, pm, found)
            _pm_sections_from_form(section, pm, found)
        if "sections" not in pm and title_matches(REVIEW_WORDS, section.title) and _sections_table(section):
            _pm_sections_from_table(section, pm, found)   # 'Review after an incident' over '| Heading | Prompt |'
        if "sections" not in pm:
            _pm_sections_from_covering_list(section, pm, found)
        fence = next((b for b in section.blocks if _template_fence(b)), None)
        if "sections" not in pm and fence is not None and home_of(section) != "postmortem" and \
                _about_writeups(section):   # 'every SEV1 gets a writeup: copy this' over a fenced template
            _pm_sections_from_fence(fence, pm, found)
        if home_of(section) != "postmortem":
            continue
        for block in section.blocks:
            if _template_fence(block):
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


def _blank_form(section: Section) -> bool:
    """Four sub-headings or more, each over next to nothing (an empty table, a checkbox or two, a
    short hint): a write-up to fill in, whatever its heading calls it."""
    children = section.children
    if len(children) < 4 or any(child.children for child in children):
        return False
    words = [sum(len(b.text.split()) for b in child.blocks if b.kind in ("para", "item", "label")) for child in children]
    return all(n <= 20 for n in words) and sum(not child.blocks for child in children) * 2 >= len(children)


REVIEW_WORDS = re.compile(r"review|post[- ]?mortem|post[- ]incident|retro|\bpir\b|\brca\b|reason for outage|\brfo\b|"
                          r"after[- ]action|lessons[- ]learn", re.IGNORECASE)


WRITEUP = re.compile(r"write-?ups?|post[- ]?mortem|post[- ]incident|retro(?:spective)?s?\b|incident review|\bpir\b|"
                     r"lessons[- ]learn(?:ed|t)",
                     re.IGNORECASE)


def _about_writeups(section: Section) -> bool:
    """The section's title or its own sentences speak of the write-up after an incident."""
    return title_matches(WRITEUP, section.title) or any(
        b.kind == "para" and WRITEUP.search(b.text) for b in section.blocks)


def _template_fence(block: Block) -> bool:
    """A code block that is a document of sections: Markdown ('# Incident: <title>', '## Timeline', ...)
    or reStructuredText ('Summary' over '-------')."""
    return block.kind == "code" and block.lang in ("markdown", "md", "", "rst", "rest", "restructuredtext", "text") and \
        len(fence_headings(block.code)) >= 3


UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")


def fence_headings(code: list[str]) -> list[tuple[int, str]]:
    """(line index, title) of the template's section headings: its '## ' headings, else the
    headings underlined with the character of its second level (the first is the document's title)."""
    marked = [(k, line[3:].strip()) for k, line in enumerate(code) if line.startswith("## ")]
    if marked:
        return marked
    underlined, order = [], []
    for k in range(1, len(code)):
        above = code[k - 1].strip()
        if UNDERLINE.match(code[k].strip()) and above and len(code[k].strip()) >= len(above) - 1 \
                and not UNDERLINE.match(above):
            char = code[k].strip()[0]
            order += [char] if char not in order else []
            underlined.append((k - 1, above, order.index(char)))
    level = 1 if len(order) > 1 else 0
    return [(k, title) for k, title, depth in underlined if depth == level]


BOLD_ITEM = re.compile(r"^\*\*(?P<title>[^*]{2,60}?)[:.]?\*\*\s*(?:[:—–-]+\s*(?P<prompt>\S.*))?$", re.DOTALL)


def _pm_sections_from_labels(section: Section, pm: dict, found: Found) -> None:
    """'Post Incident Review template' over a list of its sections, each a bold name and what it
    holds: '1. **Timeline** – key events from detection to closure (UTC).'"""
    items = [b for b in section.blocks if b.kind == "item" and b.level == 0 and b.lines[0] not in found.used]
    labels = [BOLD_ITEM.match(b.text.strip()) for b in items]
    if "sections" in pm or section.children or len(items) < 3 or not all(labels):
        return
    pm["sections"] = [{"id": slug(m.group("title")), "title": strip_md(m.group("title")).strip(),
                       "prompt": strip_md(m.group("prompt") or m.group("title")).strip()} for m in labels]
    found.use("postmortem", *items)


# 'Within five days, write a post-mortem covering:' / 'Every review must answer:' over the list of its parts
COVERING = re.compile(r"\b(?:cover(?:s|ing)?|includ(?:e|es|ing)|contain(?:s|ing)?|answer(?:s|ing)?|address(?:es|ing)?|"
                      r"has|have|with|(?:these|the following) (?:sections|headings|parts|questions)|"
                      # "I'll keep it to four bits:", 'split into these parts:'
                      r"(?:keep (?:it|them) to|split (?:it )?into|in)\s+(?:\w+\s+)?(?:bits|parts|sections|headings|points))"
                      r"\b[^:]{0,40}:\s*$", re.IGNORECASE)


# 'we send a short report within a week covering:', under '7. Afterwards'
# 'Afterwards I'll write a short "what happened" note': what is written after an incident
AFTER_START = re.compile(r"^\W*(?:afterwards|after (?:an?|the|every|each) (?:incident|fault|outage|failure|problem))\b",
                         re.IGNORECASE)
REPORT = re.compile(r"\b(?:a|an|the|our|short|written|incident)\s+report\b", re.IGNORECASE)
AFTERWARDS = re.compile(r"^\W*(?:\d+\\?\.\s*)?(?:afterwards|after (?:an?|the) (?:incident|fault|outage|failure|problem|breach)|aftermath|follow[- ]?up)\W*$", re.IGNORECASE)
SECTION_COLUMN = re.compile(r"^(?:heading|section|part|question|topic)s?$", re.IGNORECASE)


def _sections_table(section: Section) -> bool:
    """A table whose first column is headed 'Heading' or 'Section': the review's parts, a row each."""
    return any(b.kind == "table" and b.rows and SECTION_COLUMN.match(strip_md(b.rows[0][0]).strip())
               for b in section.blocks)


def _pm_sections_from_covering_list(section: Section, pm: dict, found: Found) -> None:
    """A sentence saying what the write-up covers ('write a post-mortem covering:') over a list of
    short items, a section each ('Timeline of events', 'Root cause - why it happened')."""
    blocks = section.blocks
    for n, block in enumerate(blocks):
        if block.kind not in ("para", "item") or not COVERING.search(block.text) or block.lines[0] in found.used:
            continue   # (a typed document's numbered clause is an item: '8.1 The report shall use ...:')
        if not (WRITEUP.search(block.text) or REVIEW_WORDS.search(block.text) or REPORT.search(block.text)
                or AFTER_START.search(strip_md(block.text))
                or title_matches(WRITEUP, section.title) or title_matches(AFTERWARDS, section.title)):
            continue
        items = _following_items(blocks[n + 1:], found)
        if len(items) >= 3 and all(len(strip_md(b.text).split()) <= 12 for b in items):
            pm["sections"] = [_item_section(b) for b in items]
            found.use("postmortem", *items)
            return
    for block in blocks:   # 'using these headings: What happened, When it happened, ... and What we will change.'
        named = _inline_sections(block) if block.kind == "para" and block.lines[0] not in found.used else []
        if named and (WRITEUP.search(block.text) or WRITEUP.search(section.title)):
            pm["sections"] = [_named_section(title) for title in named]
            found.mapped["postmortem"].extend(block.lines)   # the sentence says more: it also stays as written
            return


INLINE_LIST = re.compile(r"\b(?:(?:headings|sections|parts)(?:\s+(?:are|is))?|covering|cover|includ(?:e|es|ing)|answer(?:s|ing)?)\s*:\s*"
                         r"(?P<list>[A-Z][^:]{5,300}?)(?:\.(?:\s|$)|$)")


def _inline_sections(block: Block) -> list[str]:
    """The three names or more a sentence lists after 'these headings:', each capitalised and short."""
    match = INLINE_LIST.search(strip_md(block.text))
    if not match:
        return []
    names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+(?=[A-Z])", match.group("list")) if n.strip()]
    bare = [re.sub(r"\s*\([^()]*\)", "", n) for n in names]   # 'Impact (with numbers)': the bracket says what goes in it
    if len(names) >= 3 and all(n[:1].isupper() and len(n.split()) <= 6 for n in bare):
        return names
    return []


def _named_section(name: str) -> dict:
    """'Action items (each with an owner and an issue link)': the section, what its brackets say its prompt."""
    bracket = re.fullmatch(r"([^()]+?)\s*\(([^()]+)\)", name)
    title = bracket.group(1) if bracket else name
    return {"id": slug(title), "title": title, "prompt": bracket.group(2) if bracket else title}


def _following_items(blocks: list[Block], found: Found) -> list[Block]:
    """The top-level items of the list that starts at ``blocks[0]``, none taken yet."""
    items: list[Block] = []
    base = blocks[0].level if blocks else 0   # a plain-text list may be indented
    for block in blocks:
        if block.kind != "item" or block.lines[0] in found.used or block.level < base:
            break
        if block.level == base:
            items.append(block)
    return items


ITEM_PROMPT = re.compile(r"\s[–—-]\s|:\s")
BRACKETED_PROMPT = re.compile(r"^([^()]{2,40}?)\s*\(([^()\s]+\s[^()]{1,78})\)$")   # words in brackets; "(UTC)" stays in the title


def _item_section(block: Block) -> dict:
    """'Root cause - why it happened': the title, then what to write under it (the title again when
    the item says no more)."""
    text = unnumbered(strip_md(block.text).strip().rstrip(".;"))   # '8.1.1 Incident summary'
    title, *prompt = ITEM_PROMPT.split(text, maxsplit=1)
    bracketed = BRACKETED_PROMPT.match(text) if not prompt else None
    if bracketed:   # 'Impact (who, how many, for how long)': what to write, in brackets
        title, prompt = bracketed.group(1), [bracketed.group(2)]
    title = title.strip()
    return {"id": slug(title), "title": title, "prompt": (prompt[0].strip() if prompt else "") or title}


SECTION_ITEM = re.compile(r"^[A-Z][\w'’()/;&,+ -]{1,40}$")   # 'TL;DR', 'Impact & scope'



def _pm_sections_from_outline(section: Section, pm: dict, found: Found) -> None:
    """'Post-mortem template' over an outline: each short top-level item ('Timeline', 'Root cause(s)')
    a section, the items nested under it its prompt; sentences and 'Title: ...' lines stay as written."""
    last_item = max((n for n, b in enumerate(section.blocks) if b.kind == "item"), default=-1)
    outline = section.blocks[:last_item + 1]   # sentences after it ('Blameless, within 5 days') say how
    if "sections" in pm or section.children or any(b.kind not in ("item", "para") for b in outline) \
            or sum(b.kind == "para" for b in outline) > 1:
        return   # an outline, not a filled-in example with its labels ('**Timeline**:') over lists
    blocks = [b for b in section.blocks if b.kind == "item" and b.lines[0] not in found.used]
    heads = [(n, b) for n, b in enumerate(blocks) if b.level == 0 and SECTION_ITEM.match(strip_md(b.text).strip())
             and len(strip_md(b.text).split()) <= 6]
    if len(heads) < 4:
        return
    sections = []
    for k, (n, block) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(blocks)
        under = [b for b in blocks[n + 1:end] if b.level > 0]
        title = strip_md(block.text).strip()
        prompt = "; ".join(strip_md(b.text) for b in under) or title
        sections.append({"id": slug(title), "title": title, "prompt": prompt})
        found.use("postmortem", block, *under)
    pm["sections"] = sections


FORM_LINE = re.compile(r"^\s*([A-Z][^:]{1,50}?)\s*:\s*(?:_{2,}|\.{3,}|\[[^\]]*\]|[^:]*<[^>]+>[^:]*)?\s*$")
FORM_SECTION = re.compile(r"^\s*\d{1,2}[.)]\s+([A-Z][^–—:]{1,50}?)\s*(?:(?:\s[–—-]+|:)\s*(\S.*))?$")


def _pm_sections_from_form(section: Section, pm: dict, found: Found) -> None:
    """'Post-Incident Review Template' over a form to copy: its numbered sections ('3. Timeline –
    from the Scribe's log') or, where it has none, its empty labels ('Root cause:'), a line each."""
    forms = [b for b in section.blocks if b.kind == "code" and b.lines[0] not in found.used and _form_sections(b.code)]
    if "sections" in pm or section.children or len(forms) != 1:
        return
    pm["sections"] = [{"id": slug(title), "title": title, "prompt": prompt or title}
                      for title, prompt in _form_sections(forms[0].code)]
    # as a fenced template: the form also stays in notes, its header fields ('Title: <...>') with it
    pm.setdefault("template_lines", []).extend(forms[0].lines)
    found.mapped["postmortem"].extend(forms[0].lines)


def _form_sections(code: list[str]) -> list[tuple[str, str]]:
    filled = [line for line in code if line.strip()]
    numbered = [FORM_SECTION.match(line) for line in filled]
    if sum(bool(m) for m in numbered) >= 3 and all(m or FORM_LINE.match(line) for m, line in zip(numbered, filled)):
        return [(m.group(1).strip(), (m.group(2) or "").strip()) for m in numbered if m]
    labels = [FORM_LINE.match(line) for line in filled]
    if len(labels) >= 4 and all(labels):
        return [(m.group(1).strip(), "") for m in labels]
    return []


def _pm_sections_from_table(section: Section, pm: dict, found: Found) -> None:
    """'Post Incident Review Report Template' over a table of its sections, each row a section's
    name and what it holds ('2. Timeline | Key events with timestamps (UTC)'), or a 'Post-incident
    review form' whose rows are the fields to fill in, each beside an empty cell."""
    tables = [b for b in section.blocks if b.kind == "table" and len(b.rows) >= 4 and b.lines[0] not in found.used]
    if section.children or len(tables) != 1 or min(len(r) for r in tables[0].rows) < 1:
        return
    sections = []
    rows = tables[0].rows
    blank = all(not any(strip_md(c).strip() for c in row[1:]) for row in rows)
    for row in rows if blank else rows[1:]:   # a form: each row a label beside an empty cell, no header
        title = strip_md(row[0]).strip()
        prompt = strip_md(row[1]).strip() if len(row) > 1 else ""
        if title:
            sections.append({"id": slug(title), "title": title, "prompt": prompt or title})
    if len(sections) >= 3:
        pm["sections"] = sections
        found.use("postmortem", tables[0])   # the heading stays as written: the page has a title of its own


def _pm_sections_from_headings(section: Section, pm: dict, found: Found) -> None:
    """'## Review Template' whose sub-headings are the post-mortem's sections, each with its prompt."""
    if "sections" in pm or len(section.children) < 3:
        return
    sections = []
    for child in section.children:
        prose = [b for b in child.blocks if b.kind in ("para", "item") and b.text]
        title = unnumbered(strip_md(child.title))   # '9.1 Incident Summary
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
    headings = dict(fence_headings(block.code))
    for k, line in enumerate(block.code):
        if k in headings:
            current = {"id": slug(headings[k]), "title": headings[k], "prompt": ""}
            sections.append(current)
        elif current is not None and not current["prompt"] and line.strip() and not line.startswith("|") \
                and not UNDERLINE.match(line.strip()):
            current["prompt"] = strip_md(line.lstrip("-* "))
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
