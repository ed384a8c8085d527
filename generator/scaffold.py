"""Commands that create content files: always new files, written atomically."""
from __future__ import annotations

import difflib
from datetime import date, datetime
from pathlib import Path

from . import atomic, core
from .model import Project
from .problems import PlaybookError, UsageError


def usable_project(root: Path, today: date) -> Project:
    """The model, or a clear refusal naming how many problems to fix first."""
    result = core.load(root, core.Options(today=today, render_cards=False))
    if result.project is None:
        errors = [p for p in result.problems if p.level == "error"]
        first = errors[0] if errors else None
        where = f" (first: {first.location}: {first.message})" if first else ""
        raise PlaybookError(f"content has {len(errors)} error(s); run `playbook check` and fix them "
                            f"first{where}")
    return result.project


def _unknown(kind: str, value: str, known: list[str]) -> UsageError:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    suggestion = f" Did you mean '{close[0]}'?" if close else ""
    return UsageError(f"unknown {kind} '{value}'.{suggestion} Valid {kind} ids: {', '.join(known)}")


def new_postmortem(root: Path, title: str, severity_id: str, started: datetime | None,
                   playbook_ids: tuple[str, ...], out_dir: Path | None, today: date) -> Path:
    from .render.postmortem import Scaffold, scaffold_file, slugify

    project = usable_project(root, today)
    level = project.level(severity_id)
    if level is None:
        raise _unknown("severity", severity_id, [lv.id for lv in project.levels])
    for pid in playbook_ids:
        if project.playbook(pid) is None:
            raise _unknown("playbook", pid, [p.id for p in project.playbooks])
    if not title.strip():
        raise UsageError("TITLE must not be empty, e.g. \"Database connection pool exhausted\"")
    day = started.date() if started else today
    folder = out_dir or root / "postmortems"
    path = folder / f"{day.isoformat()}-{slugify(title)}.md"
    text = scaffold_file(project, Scaffold(title.strip(), level, started, playbook_ids, today))
    atomic.write_new(path, text)
    return path
