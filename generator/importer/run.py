"""`playbook import`: read, repair, map, write into a fresh directory, check, report."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

from .. import core
from ..problems import UsageError
from . import assemble as a
from .extract import extract
from .mdparse import parse
from .text import repair

MONTH_DATE = re.compile(r"(January|February|March|April|May|June|July|August|September|October|November|"
                        r"December)\s+(\d{1,2}),\s+(\d{4})")
ISO_DATE = re.compile(r"\b(20\d\d-\d\d-\d\d)\b")


def _document_date(lines: list[str], today: date) -> tuple[str, bool]:
    """The 'Last Updated' date of the source, else today; True if found."""
    for line in lines:
        if re.search(r"last updated|updated:", line, re.IGNORECASE):
            iso = ISO_DATE.search(line)
            if iso:
                return iso.group(1), True
            month = MONTH_DATE.search(line)
            if month:
                parsed = datetime.strptime(" ".join(month.groups()), "%B %d %Y").date()
                return parsed.isoformat(), True
    return today.isoformat(), False


def _interval(text: str) -> str:
    match = re.search(r"review frequency\W+(\w+)", text, re.IGNORECASE)
    word = match.group(1).lower() if match else ""
    return {"monthly": "monthly", "quarterly": "quarterly", "yearly": "yearly", "annually": "yearly",
            "annual": "yearly"}.get(word, "quarterly")


def convert(text: str, org_name: str | None, today: date) -> a.Imported:
    """Map one Markdown document onto content documents (no file is written)."""
    imported = a.Imported()
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        fixed, changed = repair(line)
        lines.append(fixed)
        if changed:
            imported.repaired.append(number)
    found = extract(parse("\n".join(lines)))
    doc_date, dated = _document_date(lines, today)
    if not dated:
        imported.flags.append(f"review dates: the source has no 'Last Updated' date; {doc_date} (today) was "
                              f"written as last_reviewed, although nobody has reviewed the import yet")
    else:
        imported.flags.append(f"review dates: last_reviewed is the source's 'Last Updated' date, {doc_date}; "
                              f"`playbook check` reports the ones already overdue")
    docs = imported.documents
    severities = a.severities(found, imported, doc_date)
    docs["organization.yaml"] = a.organization(found, imported, org_name, doc_date, _interval(text))
    docs["severities.yaml"] = severities
    for name, maker in (("escalation.yaml", a.escalation), ("roles.yaml", a.roles), ("process.yaml", a.process),
                        ("templates.yaml", a.templates)):
        doc = maker(found, doc_date)
        if doc is not None:
            docs[name] = doc
    docs["postmortem.yaml"] = a.postmortem(found, imported, severities["levels"], doc_date)
    taken: set[str] = set()
    lines_of: dict[str, list[int]] = {}  # home -> its lines: one pass, not one scan per playbook
    for line, home in found.homes.items():
        lines_of.setdefault(home, []).append(line)
    for pb in found.playbooks:
        original = pb["id"]
        pb["id"] = a._unique(original, taken)
        doc = a.playbook(pb, severities["levels"], imported, doc_date)
        docs[f"playbooks/{pb['id']}.yaml"] = doc
        found.mapped[f"playbooks/{pb['id']}.yaml"] = found.mapped.pop(f"playbook:{original}", [])
        for line in lines_of.pop(f"playbook:{original}", ()):
            found.homes[line] = f"playbooks/{pb['id']}.yaml"
    docs["contacts.yaml"] = a.contacts(found, imported, doc_date)
    _notes(lines, found, imported)
    imported.mapped = {k: sorted(set(v)) for k, v in found.mapped.items()}
    return imported


def _notes(lines: list[str], found, imported: a.Imported) -> None:
    """Every non-empty line not mapped to a field goes, verbatim, into the closest document's notes."""
    for number, line in enumerate(lines, start=1):
        if not line.strip() or number in found.used:
            continue
        home = found.homes.get(number, "organization")
        target = home if home.endswith(".yaml") else f"{home}.yaml"
        if target not in imported.documents:
            target = "organization.yaml"
        imported.noted[target].append(number)
    for target, numbers in imported.noted.items():
        doc = imported.documents[target]
        text = "\n".join(lines[n - 1].rstrip() for n in numbers)
        doc["notes"] = (doc["notes"] + "\n" if doc.get("notes") else "") + text + "\n"
        if "review" in doc:  # keep review last, where people look for it
            doc["review"] = doc.pop("review")


def write(imported: a.Imported, out: Path) -> None:
    """Write into a fresh directory, all at once; never into existing content."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"{out} already exists and is not empty; not overwriting content. Import into a "
                         f"new directory with --out, review it, then move the files you want.")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.import-"))
    try:
        for rel, data in sorted(imported.documents.items()):
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(a.dump(rel, data), encoding="utf-8")
        if out.exists():
            out.rmdir()
        os.rename(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def check_output(out: Path, today: date) -> core.Result:
    return core.load(out.parent, core.Options(today=today, render_cards=False), content_dir=out)


def coverage(text: str, imported: a.Imported) -> tuple[int, int, int]:
    """(non-empty source lines, lines in structured fields, lines kept in notes)."""
    nonempty = {n for n, line in enumerate(text.splitlines(), start=1) if line.strip()}
    noted = {n for numbers in imported.noted.values() for n in numbers}
    mapped = nonempty - noted
    return len(nonempty), len(mapped), len(noted)


def _ranges(numbers: list[int]) -> str:
    out, start, prev = [], None, None
    for n in sorted(numbers):
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(f"{start}-{prev}" if start != prev else str(start))
            start = prev = n
    if start is not None:
        out.append(f"{start}-{prev}" if start != prev else str(start))
    return ", ".join(out)


def report(source: str, text: str, imported: a.Imported, result: core.Result) -> str:
    total, mapped, noted = coverage(text, imported)
    lines = [f"# Import report: {source}", "",
             f"{total} non-empty source lines: {mapped} mapped to structured fields, {noted} kept verbatim in "
             f"`notes`, 0 lost ({(mapped + noted) / max(total, 1):.0%} landed somewhere).", ""]
    if imported.repaired:
        lines += [f"Broken encoding repaired on {len(imported.repaired)} lines ({_ranges(imported.repaired)}), "
                  f"for example 'ðŸš¨' to '🚨'.", ""]
    lines += ["## Where things went", "", "| Document | Source lines (structured) | Source lines (notes) |",
              "|---|---|---|"]
    for rel in sorted(imported.documents):
        lines.append(f"| `{rel}` | {_ranges(imported.mapped.get(rel, [])) or '—'} | "
                     f"{_ranges(imported.noted.get(rel, [])) or '—'} |")
    lines += ["", "## Needs a human", ""] + [f"- {flag}" for flag in imported.flags]
    errors = [p for p in result.problems if p.level == "error"]
    lines += ["", "## `playbook check` on the import", "",
              f"{len(errors)} errors, all of them about the items above (placeholder contacts, owners, "
              f"review dates):" if errors else "No errors.", ""]
    lines += [f"- `{p.location}`: {p.message}" for p in result.problems]
    return "\n".join(lines) + "\n"
