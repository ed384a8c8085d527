"""Drills in the model: each playbook's exercises (post-mortems included) and what is due."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import PurePosixPath
from typing import Iterable

from .. import model as m
from ..load.durations import parse_date
from ..validate import drills as rules


def recorded(data: dict) -> list[m.Exercise]:
    """The `exercises:` list of a validated document."""
    return [m.Exercise(e["date"], e["kind"], e.get("by", ""), e.get("notes", ""),
                       tuple(e.get("findings") or ())) for e in data.get("exercises") or ()]


def from_postmortems(doc_id: str, kind: str, incident_sources: Iterable) -> list[m.Exercise]:
    """Post-mortems naming the playbook (every one, for the process) as real-incident exercises."""
    return [m.Exercise(i.day.isoformat(), "real-incident", i.commander, i.title, (),
                       PurePosixPath(i.rel).stem)
            for i in rules.exercised_by(doc_id, kind, rules.real_incidents(incident_sources))]


def exercises(doc_id: str, kind: str, data: dict, incident_sources: Iterable) -> tuple[m.Exercise, ...]:
    found = recorded(data) + from_postmortems(doc_id, kind, incident_sources)
    return tuple(sorted(found, key=lambda e: e.date))


def with_exercises(playbook: m.Playbook, data: dict, incident_sources: Iterable) -> m.Playbook:
    return replace(playbook, exercise_interval=rules.interval_of(data) or "",
                   exercises=exercises(playbook.id, "playbook", data, incident_sources))


def drills(content, playbooks: Iterable[m.Playbook], today: date, warn_days: int) -> tuple[m.Drill, ...]:
    """Every declared drill interval with its state, soonest due first."""
    sources = {p.rel: p for p in content.playbooks}
    found = []
    for playbook in playbooks:
        data = sources[playbook.rel].data
        drill = _drill(playbook.id, "playbook", playbook.title, playbook.rel, data,
                       playbook.exercises, today, warn_days)
        if drill is not None:
            found.append(drill)
    process = content.singletons.get("process")
    if process is not None and isinstance(process.data, dict):
        done = exercises("process", "process", process.data, content.incidents)
        drill = _drill("process", "process", "Response process", process.rel, process.data, done,
                       today, warn_days)
        if drill is not None:
            found.append(drill)
    return tuple(sorted(found, key=lambda d: (d.due, d.doc_id)))


def _drill(doc_id: str, kind: str, title: str, rel: str, data: dict, done: tuple[m.Exercise, ...],
           today: date, warn_days: int) -> m.Drill | None:
    interval = rules.interval_of(data)
    if interval is None:
        return None
    dates = [d for d in (parse_date(e.date) for e in done) if d is not None]
    state = rules.drill_state(interval, dates, today, warn_days)
    if state is None:
        return None
    return m.Drill(doc_id, kind, title, rel, rules.drill_owner(kind, data), interval, state.last,
                   state.due, state.status, state.days_left, done)
