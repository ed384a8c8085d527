"""import-report.md: what went where, by source heading, and what `playbook check` says is left.

"Needs a human" is exactly the list of check's findings on the import, so the report and
`playbook check` can never disagree about the work left.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .. import core
from . import assemble as a

REBUILD = [(re.compile(r"escalat|chain|tier", re.I), "escalation.yaml"),
           (re.compile(r"\broles?\b|responsibilit", re.I), "roles.yaml"),
           (re.compile(r"phase|stage|lifecycle|workflow", re.I), "process.yaml"),
           (re.compile(r"severit|priorit|\bsev\b|levels?\b", re.I), "severities.yaml"),
           (re.compile(r"contact|on-?call|rotation", re.I), "contacts.yaml")]


def _where(imported: a.Imported, line: int) -> str:
    name, local = imported.origin[line - 1]
    return f"{name}:{local}"


def _by_heading(imported: a.Imported, numbers) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = defaultdict(list)
    for n in sorted(numbers):
        grouped[imported.headings.get(n, "(before the first heading)")].append(n)
    return grouped


def _heading_list(imported: a.Imported, numbers) -> str:
    grouped = _by_heading(imported, numbers)
    if not grouped:
        return "—"
    return "; ".join(f"{title} ({len(lines)} lines from {_where(imported, lines[0])})"
                     for title, lines in grouped.items())


def _rebuild(imported: a.Imported) -> list[str]:
    """Headings whose every line is still in notes, though their title names a structured kind."""
    noted = {n for numbers in imported.noted.values() for n in numbers}
    mapped = {n for numbers in imported.mapped.values() for n in numbers}
    structured_under = {imported.headings.get(n, "") for n in mapped}
    out = []
    for title, lines in _by_heading(imported, noted).items():
        last = title.rsplit(" > ", 1)[-1]
        if any(t == title or t.startswith(title + " > ") for t in structured_under):
            continue
        for pattern, target in REBUILD:
            if pattern.search(last):
                out.append(f"- **{last}** ({_where(imported, lines[0])}, {len(lines)} lines): not structured; "
                           f"rebuild it in `{target}` by hand from the notes")
                break
    return out


def report(sources, imported: a.Imported, result: core.Result, out) -> str:
    from .run import coverage

    total, mapped, noted = coverage(imported)
    names = ", ".join(s.name for s in sources)
    guidance = len(imported.guidance_lines)
    lines = [f"# Import report: {names}", "",
             f"{total} non-empty source lines: {mapped} in structured fields (of which {guidance} are policy "
             f"text kept as written in `guidance`, shown on its page under the source's heading), {noted} kept "
             f"verbatim in `notes` (shown on the site in an \"Imported text, not yet sorted\" block), "
             f"{total - mapped - noted} lost.", "",
             f"Recognized: {', '.join(imported.recognized)}.", ""]
    if imported.hidden:
        lines += [f"{len(imported.hidden)} lines of page markup that a reader of the page does not see either (an "
                  f"HTML page's head, style sheet or scripts; a reStructuredText or AsciiDoc page's settings, "
                  f"link targets and substitution definitions) were left out and are not counted above.", ""]
    if imported.repaired:
        line, before, after = imported.repaired[0]
        lines += [f"Broken encoding repaired or control characters dropped on {len(imported.repaired)} lines, "
                  f"for example {_where(imported, line)}: {before.strip()[:60]!r} became "
                  f"{after.strip()[:60]!r}.", ""]
    lines += _needs_a_human(result, out)
    rebuild = _rebuild(imported)
    if rebuild:
        lines += ["## Sections to rebuild by hand", ""] + rebuild + [""]
    lines += ["## Where things went", "", "| Document | Structured, from | Kept in notes, from |", "|---|---|---|"]
    for rel in sorted(imported.documents):
        lines.append(f"| `{rel}` | {_heading_list(imported, imported.mapped.get(rel, []))} | "
                     f"{_heading_list(imported, imported.noted.get(rel, []))} |")
    lines += ["", "## About this import", ""]
    if imported.dated:
        lines.append(f"- `review.last_reviewed` is the source's own 'Last Updated' date, {imported.doc_date}.")
    else:
        lines.append(f"- The source has no 'Last Updated' date: `review.last_reviewed` is the import date, "
                     f"{imported.doc_date}, although nobody has reviewed the imported text yet.")
    lines.append("- Values the source does not give are written as `FILL IN: not in the source (...)`, and values "
                 "it gives in words a field cannot hold (such as '4 business hours' for a response time) as "
                 "`FILL IN: the source says '...', which this field cannot hold (...)`; "
                 "`playbook build --draft` shows the site with them marked, `playbook build` refuses them.")
    blocking = draft_blockers(result.problems)
    if blocking:
        lines.append(f"- {len(blocking)} of the findings above ({', '.join(sorted({p.code for p in blocking}))}) "
                     "stop even `playbook build --draft`: fix those first, or the draft site is not built.")
    return "\n".join(lines) + "\n"


def draft_blockers(problems) -> list:
    """The errors a draft build does not show past (a likely secret, a broken reference): not placeholders."""
    return [p for p in problems if p.level == core.ERROR and p.code not in core.DRAFT_ALLOWED]


def _needs_a_human(result: core.Result, out) -> list[str]:
    """Every finding of `playbook check`, grouped by file; nothing else."""
    errors = sum(p.level == "error" for p in result.problems)
    warnings = len(result.problems) - errors
    lines = ["## Needs a human", "",
             f"`playbook check` on the import: {errors} errors, {warnings} warnings; this is their full "
             f"list." if result.problems else "`playbook check` finds nothing to fix.", ""]
    by_file: dict[str, list] = defaultdict(list)
    for problem in result.problems:
        by_file[problem.file].append(problem)
    for rel, problems in by_file.items():
        lines += [f"### `{rel}`", ""]
        lines += [f"- `{p.location}`: {p.level}: {p.message}" for p in problems]
        lines.append("")
    return lines
