"""Drills: a declared `exercise.interval` that has passed since the last drill fails the check.

A drill is any exercise recorded in `exercises:` (tabletop, game-day,
real-incident) or a post-mortem that names the playbook: a real incident is
the hardest test a playbook gets. Every post-mortem exercises the process.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Iterator

from ..load.durations import add_interval, parse_date
from ..problems import ERROR, WARNING, Problem
from .incidents import parse_time

OK, DUE_SOON, OVERDUE, NEVER = "ok", "due soon", "overdue", "never exercised"
DRILL_KINDS = ("tabletop", "game-day", "real-incident")


@dataclass(frozen=True)
class RealIncident:
    """A post-mortem, as evidence that the playbooks it names were exercised."""

    day: date
    rel: str
    title: str
    commander: str
    playbooks: tuple[str, ...]


@dataclass(frozen=True)
class DrillState:
    interval: str
    last: date | None
    due: date
    status: str
    days_left: int


def real_incidents(incident_sources: Iterable) -> list[RealIncident]:
    """Post-mortems with a readable start time (tolerates invalid content)."""
    found = []
    for source in incident_sources:
        data = source.data if isinstance(source.data, dict) else {}
        started = parse_time(data.get("started"))
        if started is None:
            continue
        playbooks = tuple(p for p in data.get("playbooks") or () if isinstance(p, str))
        commander = data.get("commander") if isinstance(data.get("commander"), str) else ""
        title = data.get("title") if isinstance(data.get("title"), str) else source.rel
        found.append(RealIncident(started.date(), source.rel, title, commander, playbooks))
    return found


def exercised_by(doc_id: str, kind: str, incidents: Iterable[RealIncident]) -> list[RealIncident]:
    """The post-mortems that count as exercises of this playbook (or of the process)."""
    return [i for i in incidents if kind == "process" or doc_id in i.playbooks]


def interval_of(data: dict) -> str | None:
    exercise = data.get("exercise")
    interval = exercise.get("interval") if isinstance(exercise, dict) else None
    return interval if isinstance(interval, str) and interval else None


def recorded_dates(data: dict) -> list[date]:
    dates = [parse_date(e.get("date")) for e in data.get("exercises") or () if isinstance(e, dict)]
    return [d for d in dates if d is not None]


def drill_state(interval: str, dates: list[date], today: date, warn_days: int) -> DrillState | None:
    """Where a declared drill interval stands on ``today``; None if the interval is invalid."""
    past = [d for d in dates if d <= today]
    last = max(past) if past else None
    if last is None:
        return DrillState(interval, None, today, NEVER, 0)
    try:
        due = add_interval(last, interval)
    except ValueError:
        return None
    days_left = (due - today).days
    status = OVERDUE if days_left < 0 else DUE_SOON if days_left <= warn_days else OK
    return DrillState(interval, last, due, status, days_left)


def drill_owner(kind: str, data: dict) -> str:
    review = data.get("review") if isinstance(data.get("review"), dict) else {}
    owner = data.get("owner") if kind == "playbook" else None
    owner = owner or review.get("owner")
    return owner if isinstance(owner, str) and owner else "OWNER"


def log_command(doc_id: str, owner: str) -> str:
    return f"playbook drill log {doc_id} --kind tabletop --by {owner}"


def check_drill(rel: str, doc_id: str, kind: str, data: dict, today: date, warn_days: int,
                incidents: Iterable[RealIncident]) -> Iterator[Problem]:
    """Overdue or never-run drills are errors; drills due within warn_days are warnings."""
    yield from _future_exercises(rel, data, today)
    interval = interval_of(data)
    if interval is None:
        return
    dates = recorded_dates(data) + [i.day for i in exercised_by(doc_id, kind, incidents)]
    state = drill_state(interval, dates, today, warn_days)
    if state is None:
        return
    owner = drill_owner(kind, data)
    fix = log_command(doc_id, owner)
    path = ("exercise",)
    if state.status == NEVER:
        yield Problem(rel, "drill-overdue", f"exercise: declares a drill every {interval} but none is "
                      f"recorded (no exercises, no post-mortem naming it); owner {owner}", path=path,
                      level=ERROR, key=True, hint=f"run a drill (a tabletop is enough), then: {fix} "
                      f"--date YYYY-MM-DD --note \"what you did\"")
    elif state.status == OVERDUE:
        yield Problem(rel, "drill-overdue", f"exercise: drill overdue since {state.due} "
                      f"({-state.days_left} days); last exercised {state.last}, interval {interval}, "
                      f"owner {owner}", path=path, level=ERROR, key=True,
                      hint=f"run a drill, then: {fix} --note \"what you did\"")
    elif state.status == DUE_SOON:
        yield Problem(rel, "drill-due-soon", f"exercise: drill due on {state.due} (in "
                      f"{state.days_left} days), owner {owner}", path=path, level=WARNING, key=True,
                      hint=f"schedule one; afterwards run: {fix} --note \"what you did\"")


def _future_exercises(rel: str, data: dict, today: date) -> Iterator[Problem]:
    for index, entry in enumerate(data.get("exercises") or ()):
        day = parse_date(entry.get("date")) if isinstance(entry, dict) else None
        if day is not None and day > today:
            yield Problem(rel, "drill-in-future", f"exercises[{index}].date: {day} is in the future "
                          f"(today is {today})", path=("exercises", index, "date"), level=ERROR,
                          hint="record a drill after it happened, with the date it happened")
