"""Pages of imported content: unsorted `notes` shown where they belong, and draft banners.

Applied to rendered pages, so every page kind gets the same treatment: a document's
notes go on the first page built from it, in a block marked "Imported text, not yet
sorted"; in a draft build every page says it is a draft, and a page whose document
still has placeholders lists each missing value with its file and line.
"""
from __future__ import annotations

import re

from ..problems import Problem
from .markdown import escape_block, escape_inline
from .pages import Page

NOTES_TITLE = "Imported text, not yet sorted"
MISSING_CODE = "missing-value"
SHOWN_IN_DRAFT = frozenset({"missing-value", "placeholder", "review-overdue", "review-in-future", "action-overdue",
                            "postmortem-review-overdue"})


def _split_front_matter(markdown: str) -> tuple[str, str]:
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            return markdown[:end + 5], markdown[end + 5:]
    return "", markdown


def notes_block(notes: str) -> str:
    body = "\n".join(f"    {line}" if line.strip() else "" for line in escape_block(notes).splitlines())
    return (f'\n\n!!! warning "{NOTES_TITLE}"\n'
            f"    This text came from the imported document and is not in any field yet. Move each "
            f"line to where it belongs, then delete `notes` from the YAML.\n\n"
            f"{body}\n")


TABLE_RULE = re.compile(r"\|(?:\s*:?-{3,}:?\s*\|)+")


def _table(lines: list[str]) -> str:
    """A table kept as written (a RACI matrix): each cell's text escaped, the rule rebuilt."""
    rows = [[escape_inline(cell.strip()) for cell in line.strip("|").split("|")] for line in lines]
    width = len(rows[0])
    body = [row[:width] + [""] * (width - len(row)) for i, row in enumerate(rows) if i != 1]
    rule = "|" + "|".join("---" for _ in range(width)) + "|"
    return "\n".join(["| " + " | ".join(body[0]) + " |", rule] + ["| " + " | ".join(row) + " |" for row in body[1:]])


def guidance_block(sections: list[dict]) -> str:
    """Each section of policy text under its own heading: paragraphs, and lists where the source had them."""
    out = []
    for section in sections:
        paragraphs = []
        for paragraph in str(section.get("text", "")).split("\n\n"):
            lines = [line for line in paragraph.splitlines() if line.strip()]
            if lines and all(line.startswith("- ") for line in lines):
                paragraphs.append("\n".join(f"- {escape_inline(line[2:])}" for line in lines))
            elif len(lines) >= 3 and all(line.startswith("|") and line.endswith("|") for line in lines) \
                    and TABLE_RULE.fullmatch(lines[1]):
                paragraphs.append(_table(lines))
            elif lines:
                paragraphs.append(escape_block("\n".join(lines)))
        out.append(f"## {escape_inline(section.get('title', ''))}\n\n" + "\n\n".join(paragraphs))
    return "\n\n" + "\n\n".join(out) + "\n"


def draft_banner(missing: list[Problem]) -> str:
    if not missing:
        return ('!!! danger "Draft build"\n'
                "    This site was built with `--draft`: some pages still have values to fill in. "
                "Do not rely on it during an incident.\n\n")
    items = "\n".join(f"    - `{escape_inline(p.location)}`: {escape_inline(p.message)}" for p in missing)
    return ('!!! danger "Draft: values missing on this page"\n'
            f"    This site was built with `--draft`. Fix these {len(missing)} errors (values not in the "
            f"source document are `FILL IN` placeholders) before anyone relies on this page:\n\n{items}\n\n")


def annotate(pages: list[Page], notes_by_rel: dict[str, str], problems: list[Problem],
             draft: bool, guidance_by_rel: dict[str, list[dict]] | None = None) -> list[Page]:
    """Add guidance text and notes blocks (always) and draft banners (draft builds) to rendered pages."""
    guidance_by_rel = guidance_by_rel or {}
    missing: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.code in SHOWN_IN_DRAFT and problem.level == "error":
            missing.setdefault(problem.file, []).append(problem)
    placed: set[str] = set()
    out = []
    for page in pages:
        markdown = page.markdown
        head, body = _split_front_matter(markdown)
        rel = page.source
        if rel and (rel in notes_by_rel or rel in guidance_by_rel) and rel not in placed:
            placed.add(rel)
            if rel in guidance_by_rel:
                body = body.rstrip("\n") + guidance_block(guidance_by_rel[rel])
            if rel in notes_by_rel:
                body = body.rstrip("\n") + notes_block(notes_by_rel[rel])
        if draft:
            body = draft_banner(missing.get(rel, []) if rel else []) + body
        out.append(page.with_markdown(head + body) if head + body != markdown else page)
    return out


def notes_of(content) -> dict[str, str]:
    """rel path -> non-empty notes text of every content document."""
    found = {}
    for _, source in content.all_sources():
        data = source.data
        if isinstance(data, dict) and isinstance(data.get("notes"), str) and data["notes"].strip():
            found[source.rel] = data["notes"]
    return found


def guidance_of(content) -> dict[str, list[dict]]:
    """rel path -> the `guidance` sections of every content document that has them."""
    found = {}
    for _, source in content.all_sources():
        data = source.data
        if isinstance(data, dict) and isinstance(data.get("guidance"), list) and data["guidance"]:
            found[source.rel] = [g for g in data["guidance"] if isinstance(g, dict)]
    return found
