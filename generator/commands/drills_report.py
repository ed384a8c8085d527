"""Drills due, for `playbook reviews`: the same four formats as the review report."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from .ics import all_day_event
from ..validate.drills import NEVER, OVERDUE, log_command
from ..model import Drill, Project
from ..render.markdown import code, escape_inline


def select(project: Project, owner: str | None = None) -> list[Drill]:
    drills = [d for d in project.drills if owner is None or d.owner == owner]
    return sorted(drills, key=lambda d: (d.owner, d.due, d.doc_id))


def failing(drills: Iterable[Drill]) -> bool:
    return any(d.status in (OVERDUE, NEVER) for d in drills)


def _last(drill: Drill) -> str:
    return str(drill.last) if drill.last else "never"


def _when(drill: Drill) -> str:
    if drill.status == NEVER:
        return "NEVER EXERCISED"
    if drill.status == OVERDUE:
        return f"OVERDUE by {-drill.days_left} days"
    if drill.status == "due soon":
        return f"due soon, in {drill.days_left} days"
    return f"ok, in {drill.days_left} days"


def totals(drills: list[Drill]) -> str:
    late = sum(d.status in (OVERDUE, NEVER) for d in drills)
    soon = sum(d.status == "due soon" for d in drills)
    return f"{len(drills)} drills: {late} overdue, {soon} due soon, {len(drills) - late - soon} ok."


def _by_owner(drills: list[Drill]) -> dict[str, list[Drill]]:
    groups: dict[str, list[Drill]] = defaultdict(list)
    for drill in drills:
        groups[drill.owner].append(drill)
    return dict(sorted(groups.items()))


def text_lines(project: Project, drills: list[Drill], owner_name) -> list[str]:
    if not drills:
        return []
    lines = ["", f"Drills due on {project.today}"]
    for owner, group in _by_owner(drills).items():
        lines += ["", owner_name(project, owner)]
        for d in group:
            lines.append(f"  {d.due}  {_when(d):<24} {d.doc_id}  ({d.rel}; every {d.interval}, "
                         f"last exercised {_last(d)})")
    return lines + ["", totals(drills)]


def markdown_lines(project: Project, drills: list[Drill], owner_name) -> list[str]:
    if not drills:
        return []
    lines = [f"## Drills due ({project.today})", "", totals(drills), "",
             "| Playbook | Owner | Every | Last exercised | Due | Status | Record it |", "|---|---|---|---|---|---|---|"]
    for d in drills:
        status = f"**{d.status}**" if d.status in (OVERDUE, NEVER) else d.status
        lines.append(f"| {escape_inline(d.title)} ({code(d.rel)}) | {escape_inline(owner_name(project, d.owner))} | "
                     f"{d.interval} | "
                     f"{_last(d)} | {d.due} | {status} | `{log_command(d.doc_id, d.owner)}` |")
    return lines + ["", "Ran a drill (a tabletop counts)? Record it with the command; a post-mortem "
                        "naming the playbook counts as a real-incident drill."]


def as_dicts(drills: list[Drill]) -> list[dict]:
    return [{"type": "drill", "id": d.doc_id, "title": d.title, "file": d.rel, "owner": d.owner,
             "interval": d.interval, "last_exercised": d.last.isoformat() if d.last else None,
             "due": d.due.isoformat(), "status": d.status, "days_left": d.days_left}
            for d in drills]


def ics_events(project: Project, drills: list[Drill], owner_name) -> list[str]:
    lines: list[str] = []
    for d in drills:
        description = (f"Owner: {owner_name(project, d.owner)}\nFile: {d.rel}\nEvery: {d.interval}\n"
                       f"Last exercised: {_last(d)}\nAfterwards: {log_command(d.doc_id, d.owner)}")
        lines += all_day_event(f"drill-{d.doc_id}-{d.due:%Y%m%d}", project.today, d.due,
                               f"Drill due: {d.title}", description)
    return lines
