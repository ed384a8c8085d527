"""The review report: who must review what, by when; as text, Markdown, JSON or iCalendar."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

from . import drills_report
from . import ics as ics_format
from ..model import Document, Drill, Project
from ..render.markdown import code, escape_inline
from ..safetext import printable_lines
from ..validate.drills import NEVER, OVERDUE

STATUS_ORDER = {"overdue": 0, "due soon": 1, "ok": 2, "invalid": 3}


@dataclass(frozen=True)
class Crowded:
    """A week in which more documents fall due than owners can review well."""

    week_start: date
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class Suggestion:
    document: Document
    review_on: date


def select(project: Project, owner: str | None = None) -> list[Document]:
    docs = [d for d in project.documents if owner is None or d.owner == owner]
    return sorted(docs, key=lambda d: (d.owner, d.due, d.doc_id))


def by_owner(documents: Iterable[Document]) -> dict[str, list[Document]]:
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        groups[doc.owner].append(doc)
    return {owner: sorted(docs, key=lambda d: (d.due, d.doc_id)) for owner, docs in sorted(groups.items())}


def _owner_name(project: Project, owner: str) -> str:
    contact = project.contact(owner)
    return f"{contact.name} ({owner})" if contact else owner


def _when(doc: Document) -> str:
    if doc.status == "overdue":
        return f"OVERDUE by {-doc.days_left} days"
    if doc.status == "due soon":
        return f"due soon, in {doc.days_left} days"
    return f"ok, in {doc.days_left} days"


def text(project: Project, documents: list[Document], drills: list[Drill] = ()) -> str:
    lines = [f"Review status on {project.today}"]
    for owner, docs in by_owner(documents).items():
        lines.append("")
        lines.append(_owner_name(project, owner))
        for doc in docs:
            lines.append(f"  {doc.due}  {_when(doc):<24} {doc.doc_id}  ({doc.rel})")
    lines.append("")
    lines.append(_totals(documents))
    lines += drills_report.text_lines(project, list(drills), _owner_name)
    return printable_lines("\n".join(lines))


def _totals(documents: list[Document]) -> str:
    counts = {status: sum(d.status == status for d in documents) for status in ("overdue", "due soon", "ok")}
    return (f"{len(documents)} documents: {counts['overdue']} overdue, {counts['due soon']} due soon, "
            f"{counts['ok']} ok.")


def markdown(project: Project, documents: list[Document], drills: list[Drill] = ()) -> str:
    lines = [f"## Runbook reviews due ({project.today})", "", _totals(documents), ""]
    for owner, docs in by_owner(documents).items():
        lines += [f"### {escape_inline(_owner_name(project, owner))}", "", "| Document | Due | Status | Sign off |",
                  "|---|---|---|---|"]
        for doc in docs:
            status = {"overdue": "**overdue**", "due soon": "due soon"}.get(doc.status, "ok")
            lines.append(f"| {escape_inline(doc.title)} ({code(doc.rel)}) | {doc.due} | {status} | "
                         f"`playbook review {doc.doc_id} --by {owner}` |")
        lines.append("")
    lines.append("Reviewed and still correct? Run the sign-off command; otherwise fix the document "
                 "first. Either way the next due date moves on.")
    if drills:
        lines += [""] + drills_report.markdown_lines(project, list(drills), _owner_name)
    return "\n".join(lines) + "\n"


JSON_VERSION = 1


def as_json(project: Project, documents: list[Document], drills: list[Drill] = ()) -> str:
    """``{"version": 1, "today", "ok": true, "overdue": n, "documents": [{type, id, ...}], "problems": []}``.

    ``documents`` holds reviews (type "review") and then drills (type "drill").
    """
    items = [{"type": "review", "id": d.doc_id, "title": d.title, "file": d.rel, "owner": d.owner,
              "last_reviewed": d.last_reviewed.isoformat(), "interval": d.interval,
              "due": d.due.isoformat(), "status": d.status, "days_left": d.days_left}
             for d in documents] + drills_report.as_dicts(list(drills))
    return json.dumps({"version": JSON_VERSION, "today": project.today.isoformat(), "ok": True,
                       "overdue": sum(d.status == "overdue" for d in documents)
                       + sum(d.status in (OVERDUE, NEVER) for d in drills),
                       "documents": items, "problems": []}, indent=2)


def broken_json(check: dict) -> str:
    """The same shape when content is broken: no documents, the check's problems."""
    return json.dumps({"version": JSON_VERSION, "today": None, "ok": False, "overdue": None,
                       "documents": [], "problems": check["problems"]}, indent=2)


def ics(project: Project, documents: list[Document], drills: list[Drill] = ()) -> str:
    """A calendar of review due dates that owners can subscribe to."""
    events: list[str] = []
    for doc in documents:
        description = (f"Owner: {_owner_name(project, doc.owner)}\nFile: {doc.rel}\nLast reviewed: "
                       f"{doc.last_reviewed}\nSign off: playbook review {doc.doc_id} --by {doc.owner}")
        events += ics_format.all_day_event(f"review-{doc.doc_id.replace('/', '-')}-{doc.due:%Y%m%d}",
                                           project.today, doc.due, f"Review due: {doc.title}", description)
    events += drills_report.ics_events(project, list(drills), _owner_name)
    return ics_format.calendar(f"{project.organization.name} runbook reviews", "reviews", events)


FORMATS = {"text": text, "markdown": markdown, "json": as_json, "ics": ics}


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def some_ids(documents, limit: int = 10) -> str:
    """Up to ``limit`` document ids, then how many more: a warning line stays readable at 1,000."""
    ids = [d.doc_id for d in documents]
    shown = ", ".join(ids[:limit])
    return shown if len(ids) <= limit else f"{shown} and {len(ids) - limit} more"


def crowded_weeks(documents: list[Document], max_per_week: int) -> list[Crowded]:
    weeks: dict[date, list[Document]] = defaultdict(list)
    for doc in documents:
        weeks[week_of(doc.due)].append(doc)
    return [Crowded(week, tuple(sorted(docs, key=lambda d: d.doc_id)))
            for week, docs in sorted(weeks.items()) if len(docs) > max_per_week]


def suggest_stagger(documents: list[Document], max_per_week: int, today: date) -> list[Suggestion]:
    """Move the surplus of crowded weeks to earlier weeks with room (reviewing early is fine).

    A document moved to week W is reviewed on W's Monday (or today, if later);
    its next due date then lands away from the crowd.
    """
    load: dict[date, int] = defaultdict(int)
    for doc in documents:
        load[week_of(doc.due)] += 1
    suggestions = []
    for crowd in crowded_weeks(documents, max_per_week):
        for doc in crowd.documents[max_per_week:]:
            week = crowd.week_start - timedelta(weeks=1)
            while week >= week_of(today) and load[week] >= max_per_week:
                week -= timedelta(weeks=1)
            if week < week_of(today):
                continue  # no room before it is due; leave it
            load[week] += 1
            load[crowd.week_start] -= 1
            suggestions.append(Suggestion(doc, max(week, today)))
    return suggestions
