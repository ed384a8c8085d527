"""Post-mortems: the incident history and the post-mortem template."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Optional


@dataclass(frozen=True)
class ActionItem:
    action: str
    owner: str
    due: str
    priority: str = ""
    done: bool = False


@dataclass(frozen=True)
class Incident:
    """One post-mortem from postmortems/*.md: its front matter and its text."""

    id: str
    rel: str
    title: str
    severity: str
    status: str
    started: datetime
    body: str
    detected: Optional[datetime] = None
    mitigated: Optional[datetime] = None
    resolved: Optional[datetime] = None
    commander: str = ""
    playbooks: tuple[str, ...] = ()
    review_meeting: str = ""
    impact: str = ""
    action_items: tuple[ActionItem, ...] = ()

    def minutes_between(self, later: Optional[datetime]) -> Optional[int]:
        return int((later - self.started).total_seconds() // 60) if later else None

    @property
    def open_actions(self) -> tuple[ActionItem, ...]:
        return tuple(item for item in self.action_items if not item.done)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    prompt: str


@dataclass(frozen=True)
class AgendaItem:
    topic: str
    minutes: Optional[int]
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class PostmortemDefinition:
    sections: tuple[Section, ...]
    agenda: tuple[AgendaItem, ...]
    principles: tuple[str, ...]
    review_within: tuple[tuple[str, str], ...]  # (severity id, duration)
