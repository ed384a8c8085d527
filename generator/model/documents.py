"""Documents and drills: what is reviewed and exercised, and when it falls due."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class ReviewEntry:
    date: str
    by: str
    note: str = ""


@dataclass(frozen=True)
class Document:
    """Any content file with its review state, for review pages and reports."""

    doc_id: str
    kind: str
    title: str
    rel: str
    owner: str
    last_reviewed: date
    interval: str
    due: date
    status: str
    days_left: int
    history: tuple[ReviewEntry, ...] = ()


@dataclass(frozen=True)
class Exercise:
    """One drill: recorded in `exercises:`, or a post-mortem naming the playbook (real-incident)."""

    date: str
    kind: str
    by: str = ""
    notes: str = ""
    findings: tuple[str, ...] = ()
    postmortem: str = ""  # incident id, when the exercise was a real incident


@dataclass(frozen=True)
class Drill:
    """A declared drill interval and where it stands (playbooks and the process)."""

    doc_id: str
    kind: str
    title: str
    rel: str
    owner: str
    interval: str
    last: Optional[date]
    due: date
    status: str
    days_left: int
    exercises: tuple[Exercise, ...] = ()
