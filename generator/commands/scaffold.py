"""Commands that create content files: always new files, written atomically."""
from __future__ import annotations

import difflib
from datetime import date, datetime
from pathlib import Path

from . import atomic
from .. import core
from ..model import Project
from ..problems import PlaybookError, UsageError


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
    from ..render.postmortem import Scaffold, scaffold_file, slugify

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


PLAYBOOK_TEMPLATE = """\
# yaml-language-server: $schema=../../schemas/playbook.schema.json
id: {id}
title: {title}
summary: {summary}
aliases:
  # What responders type or say when this happens; search ranks these first.
  - {alias}
severity: {severity}
services: [{services}]
tags: []
owner: {owner}
symptoms:
  - Replace with what responders see (alerts, errors, user reports)
steps:
  immediate:
    - text: Replace with the first thing to do
      commands:
        - echo "replace with a command to copy"
  investigate: []
  resolve: []
  verify:
    - Replace with how to confirm the fix holds
related: []
review:
  owner: {owner}
  last_reviewed: "{today}"
"""


def new_playbook(root: Path, playbook_id: str, title: str, severity: str, owner: str,
                 services: tuple[str, ...], today: date) -> Path:
    import json
    import re

    project = usable_project(root, today)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", playbook_id):
        raise UsageError(f"ID '{playbook_id}' must use lower-case letters, digits and hyphens, "
                         f"e.g. queue-backlog")
    if project.playbook(playbook_id) is not None:
        raise UsageError(f"a playbook with id '{playbook_id}' already exists")
    if project.level(severity) is None:
        raise _unknown("severity", severity, [lv.id for lv in project.levels])
    if project.contact(owner) is None:
        raise _unknown("contact", owner, [c.id for c in project.contacts])
    known_services = [s.id for s in project.organization.services]
    for service in services:
        if service not in known_services:
            raise _unknown("service", service, known_services)
    chosen = services or tuple(known_services[:1])
    if not chosen:
        raise UsageError("organization.yaml lists no services; add one under services: first")
    summary = json.dumps(f"{title}. Replace this with one sentence on what is happening and how bad it is.")
    text = PLAYBOOK_TEMPLATE.format(id=playbook_id, title=json.dumps(title), alias=json.dumps(title.lower()),
                                    summary=summary,
                                    severity=severity, services=", ".join(chosen), owner=owner,
                                    today=today.isoformat())
    path = root / "content" / "playbooks" / f"{playbook_id}.yaml"
    atomic.write_new(path, text)
    return path
