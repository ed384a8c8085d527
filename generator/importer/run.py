"""`playbook import`: read, repair, map, write into a fresh directory, check, report.

The entry point for other commands (`playbook init --from`) is ``import_documents``.
"""
from __future__ import annotations

import gc
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

from .. import core
from . import assemble as a
from .extract import extract
from .dialects import attach_rules, rewrite
from .run_in import run_in_sections
from .alerts import label_parts
from .span_commands import span_code_blocks
from .word_html import code_blocks as word_code_blocks
from .markup import convert_markup
from .mdparse import Section, parse
from .files import (DOCUMENT_SUFFIXES, NothingRecognized, SourceText, expand, read_sources, refuse_existing,
                    write_files)
from .text import repair

__all__ = ["DOCUMENT_SUFFIXES", "ImportResult", "NothingRecognized", "SourceText", "convert", "convert_sources",
           "expand", "import_documents", "read_sources"]

MONTH_DATE = re.compile(r"(January|February|March|April|May|June|July|August|September|October|November|"
                        r"December)\s+(\d{1,2}),\s+(\d{4})")
DATE_LINE = re.compile(r"last[ _]updated|updated:|last[ _]reviewed", re.IGNORECASE)
ISO_DATE = re.compile(r"\b(20\d\d-\d\d-\d\d)\b")


@dataclass
class ImportResult:
    """What `import_documents` wrote and found; ``problems`` are `playbook check`'s findings."""

    out_dir: Path
    documents: list[str]
    total_lines: int
    structured_lines: int
    noted_lines: int
    guidance_lines: int = 0     # of the structured lines, those kept as written in `guidance`
    problems: list = field(default_factory=list)
    report_path: Path | None = None
    imported: a.Imported | None = None


def _document_date(lines: list[str], today: date) -> tuple[str, bool, int]:
    """The 'Last Updated' date of the source, else today; True and its line if found."""
    lowered = "\n".join(lines).lower()
    if "pdated" not in lowered and "ewed" not in lowered:   # what every DATE_LINE match has (no letter of
        return today.isoformat(), False, 0                  # these has another case): no line says it
    for number, line in enumerate(lines, start=1):
        if DATE_LINE.search(line):
            iso = ISO_DATE.search(line)
            if iso:
                return iso.group(1), True, number
            month = MONTH_DATE.search(line)
            if month:
                parsed = datetime.strptime(" ".join(month.groups()), "%B %d %Y").date()
                return parsed.isoformat(), True, number
    return today.isoformat(), False, 0


def _only_a_date(line: str) -> bool:
    """'_Last updated: 2024-03-18_' says nothing else; '... by Kofi Mensah' does."""
    rest = ISO_DATE.sub(" ", MONTH_DATE.sub(" ", line))
    rest = re.sub(r"last[ _]updated|updated|last[ _]reviewed|\b(?:on|at)\b|<!--|-->", " ", rest, flags=re.IGNORECASE)
    return not re.search(r"\w", rest)


def _interval(text: str) -> str:
    match = re.search(r"review (?:frequency|cycle|interval)\W+(\w+)", text, re.IGNORECASE)
    word = match.group(1).lower() if match else ""
    return {"monthly": "monthly", "quarterly": "quarterly", "yearly": "yearly", "annually": "yearly",
            "annual": "yearly"}.get(word, "")


def convert(text: str, org_name: str | None, today: date) -> a.Imported:
    """Map one Markdown document onto content documents (no file is written)."""
    return convert_sources([SourceText("source", text)], org_name, today)


def _tree(sources: list[SourceText], imported: a.Imported) -> tuple[Section, list[str]]:
    """One tree for all sources: each file is a level-0 section; lines are numbered globally."""
    root, lines = Section("", 0, 0), []
    for source in sources:
        offset = len(lines)
        fixed_lines = []
        for local, line in enumerate(source.text.splitlines(), start=1):
            fixed, changed = repair(line)
            fixed_lines.append(fixed)
            imported.origin.append((source.name, local))
            if changed:
                imported.repaired.append((offset + local, line, fixed))
        lines.extend(fixed_lines)
        markdown = convert_markup(source.name, fixed_lines)
        plain = rewrite(markdown.lines if markdown else fixed_lines)
        if markdown:
            _keep_markup(markdown, plain, offset, imported)
        preformatted = {offset + k: lang for k, lang in markdown.preformatted.items()} if markdown else None
        file_root = parse("\n".join(plain.lines), offset, title=source.name,
                          breaks=frozenset(offset + k for k in plain.breaks), preformatted=preformatted)
        word_code_blocks(file_root, plain.code, plain.lines)
        span_code_blocks(file_root)
        run_in_sections(file_root)
        label_parts(file_root)
        for block in file_root.all_blocks():
            block.aside = plain.asides.get(block.lines[0] - offset, "")
            block.caption = plain.captions.get(block.lines[0] - offset, "")
            block.lead = plain.leads.get(block.lines[0] - offset, "")
            block.quoted = block.lines[0] - offset in plain.quoted
        file_root.meta = {key: (value, offset + line) for key, (value, line) in plain.meta.items()}
        imported.attached.update({offset + k: offset + v for k, v in plain.attached.items()})
        if markdown is None:   # notes show reStructuredText and AsciiDoc as written, markup and all
            imported.shown.update({offset + k: v for k, v in plain.shown.items()})
        imported.hidden.update(offset + k for k in plain.hidden)
        file_root.parent = root
        root.children.append(file_root)
    root.complete()
    attach_rules(root, lines, imported.attached)
    return root, lines


def _keep_markup(markdown, plain, offset: int, imported: a.Imported) -> None:
    """What the reStructuredText or AsciiDoc rewrite knew: which lines are markup, which are never shown,
    and an org file's '#+AUTHOR:' and '#+DATE:', its front matter."""
    for key, value in markdown.meta.items():
        plain.meta.setdefault(key, value)
    imported.attached.update({offset + k: offset + v for k, v in markdown.attached.items()})
    imported.hidden.update(offset + k for k in markdown.hidden)
    plain.breaks.update(markdown.breaks)   # a MediaWiki list ends at a line of text: a paragraph of its own


def convert_sources(sources: list[SourceText], org_name: str | None, today: date) -> a.Imported:
    """Map Markdown documents onto content documents (no file is written)."""
    # The parsed tree lives until the end and each full collection walked all of it, finding
    # nothing: 4 of them, 0.15 s of 2 s for a 1 MB document. Its cycles are collected afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _convert(sources, org_name, today)
    finally:
        if collecting:
            gc.enable()


def _convert(sources: list[SourceText], org_name: str | None, today: date) -> a.Imported:
    imported = a.Imported()
    root, lines = _tree(sources, imported)
    found = extract(root)
    imported.headings = _headings(root)
    doc_date, dated, date_line = _document_date(lines, today)
    if date_line and date_line not in found.used and _only_a_date(lines[date_line - 1]):
        # it is every document's review.last_reviewed; 'by Kofi, TODO re-review' stays in notes
        found.used.add(date_line)
        found.mapped["organization"].append(date_line)
    imported.dated = dated
    imported.doc_date = doc_date
    docs = imported.documents
    severities = a.severities(found, imported, doc_date)
    imported.recognized = _recognized(found, severities)
    severities = severities or a.placeholder_severities(doc_date)
    docs["organization.yaml"] = a.organization(found, imported, org_name, doc_date,
                                               _interval("\n".join(lines)))
    docs["severities.yaml"] = severities
    for name, maker in (("escalation.yaml", a.escalation), ("roles.yaml", a.roles), ("process.yaml", a.process),
                        ("templates.yaml", a.templates)):
        doc = maker(found, doc_date)
        if doc is not None:
            docs[name] = doc
    pm = a.postmortem(found, imported, severities["levels"], doc_date)
    if pm is not None:
        docs["postmortem.yaml"] = pm
    renamed = _playbooks(found, severities, imported, doc_date)
    docs["contacts.yaml"] = a.contacts(found, imported, doc_date)
    for home, sections in found.guidance.items():
        doc = docs[renamed.get(home, f"{home}.yaml")]
        doc["guidance"] = sections
        for key in ("notes", "review"):   # guidance before notes and review, where people read on
            if key in doc:
                doc[key] = doc.pop(key)
    _notes(lines, found, imported)
    imported.guidance_lines = found.guidance_lines | {m for m, owner in imported.attached.items()
                                                      if owner in found.guidance_lines}
    imported.mapped = defaultdict(list)
    for key, numbers in found.mapped.items():
        imported.mapped[key if key.endswith(".yaml") else f"{key}.yaml"].extend(numbers)
    imported.mapped = {k: sorted(set(v)) for k, v in imported.mapped.items()}
    imported.lines = lines
    return imported


def _playbooks(found, severities: dict, imported: a.Imported, doc_date: str) -> dict[str, str]:
    """Write each playbook under a unique id; returns 'playbook:<id as found>' -> its file."""
    taken: set[str] = set()
    renamed: dict[str, str] = {}
    for pb in found.playbooks:
        original = pb["id"]
        pb["id"] = a._unique(original, taken)
        rel = f"playbooks/{pb['id']}.yaml"
        imported.documents[rel] = a.playbook(pb, severities["levels"], imported, doc_date)
        found.mapped[rel] = found.mapped.pop(f"playbook:{original}", [])
        renamed[f"playbook:{original}"] = rel
    for line, home in found.homes.items():   # one pass over the lines, not one per playbook
        if home in renamed:
            found.homes[line] = renamed[home]
    for home in list(found.guidance):
        if home in renamed:
            found.mapped[renamed[home]].extend(found.mapped.pop(home, []))
    return renamed


def _recognized(found, severities: dict | None) -> list[str]:
    """The kinds of things the sources gave, for the honest 'nothing recognized' verdict."""
    kinds = {"severity levels": bool(severities), "playbooks": bool(found.playbooks),
             "escalation": bool(found.escalation), "roles": bool(found.roles), "phases": bool(found.phases),
             "templates": bool(found.templates), "post-mortem": bool(found.postmortem.get("sections")),
             "contacts": any(len(c) > 3 for c in found.contacts.values()),
             "channels": bool(found.org["channels"]), "how to declare": bool(found.org.get("declare"))}
    return [kind for kind, present in kinds.items() if present]


def _headings(root: Section) -> dict[int, str]:
    """Line -> the source heading it sits under ('Severity Levels > P1 - Critical')."""
    under: dict[int, str] = {}
    for section in root.walk():
        title = " > ".join(section.path()) or section.title or "(before the first heading)"
        if section.level:
            under[section.line] = title
        for block in section.blocks:
            for line in block.lines:
                under[line] = title
    return under


def _notes(lines: list[str], found, imported: a.Imported) -> None:
    """Every non-empty line not mapped to a field goes, verbatim, into the closest document's notes."""
    for markup, owner in imported.attached.items():   # a setext underline or bare tag goes with its line
        seen = {markup}
        while owner in imported.attached and owner not in seen:   # '<html>' over '<body>' over '<h1>'
            seen.add(owner)
            owner = imported.attached[owner]
        if owner in found.used:
            found.used.add(markup)
        elif owner in found.homes:
            found.homes.setdefault(markup, found.homes[owner])
    for number, line in enumerate(lines, start=1):
        if not line.strip() or number in found.used or number in imported.hidden:
            continue
        home = found.homes.get(number, "organization")
        target = home if home.endswith(".yaml") else f"{home}.yaml"
        if target not in imported.documents:
            target = "organization.yaml"
        imported.noted[target].append(number)
    for target, numbers in imported.noted.items():
        doc = imported.documents[target]
        # a line shown as '' (a Word paragraph's wrapped line) has its text on the line it is attached to
        text = "\n".join(imported.shown.get(n, lines[n - 1]).rstrip() for n in numbers if imported.shown.get(n) != "")
        if not text.strip():
            continue
        doc["notes"] = (doc["notes"] + "\n" if doc.get("notes") else "") + text + "\n"
        if "review" in doc:  # keep review last, where people look for it
            doc["review"] = doc.pop("review")


def write(imported: a.Imported, out: Path) -> None:
    """Write the imported documents into a fresh directory, all at once."""
    write_files({rel: a.dump(rel, data) for rel, data in sorted(imported.documents.items())}, out)


def check_output(out: Path, today: date) -> core.Result:
    return core.load(out.parent, core.Options(today=today, render_cards=False), content_dir=out)


def coverage(imported: a.Imported) -> tuple[int, int, int]:
    """(non-empty source lines, lines in structured fields, lines kept in notes)."""
    nonempty = {n for n, line in enumerate(imported.lines, start=1) if line.strip() and n not in imported.hidden}
    noted = {n for numbers in imported.noted.values() for n in numbers}
    mapped = nonempty - noted
    return len(nonempty), len(mapped), len(noted)


def import_documents(paths: Sequence[Path], out_dir: Path, *, org_name: str | None = None,
                     today: date | None = None) -> ImportResult:
    """Import Markdown documents (files or folders of them) into a new content directory.

    Writes the YAML and ``import-report.md`` into ``out_dir`` (which must not exist or be
    empty), then checks it. Raises UsageError (exit 2) for unreadable input or an existing
    directory, NothingRecognized (exit 1) when nothing in the sources maps onto content.
    """
    from .report import report

    today = today or date.today()
    refuse_existing(out_dir.resolve())
    sources = read_sources(paths)
    imported = convert_sources(sources, org_name, today)
    if not imported.recognized:
        names = ", ".join(s.name for s in sources)
        raise NothingRecognized(f"{names}: nothing recognized (no severity levels, playbooks, contacts, "
                                f"escalation, roles, phases, templates or post-mortem); nothing was written. "
                                f"Is this an incident-response document (Markdown, HTML, text, reStructuredText, "
                                f"AsciiDoc, Confluence wiki or org-mode)?")
    out = out_dir.resolve()
    write(imported, out)
    result = check_output(out, today)
    report_path = out / "import-report.md"
    report_path.write_text(report(sources, imported, result, out), encoding="utf-8")
    total, mapped, noted = coverage(imported)
    return ImportResult(out, sorted(imported.documents), total, mapped, noted, len(imported.guidance_lines),
                        result.problems, report_path, imported)
