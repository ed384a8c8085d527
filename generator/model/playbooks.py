"""Playbooks: steps, commands, decision trees and the alerts they answer."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .documents import Exercise, Link


@dataclass(frozen=True)
class Command:
    code: str
    lang: str = "bash"
    title: str = ""


@dataclass(frozen=True)
class Step:
    text: str
    id: str = ""
    condition: str = ""
    note: str = ""
    commands: tuple[Command, ...] = ()
    call: str = ""  # contact id the step says to call


@dataclass(frozen=True)
class Branch:
    goto: str = ""
    step: str = ""
    playbook: str = ""
    text: str = ""


@dataclass(frozen=True)
class TreeNode:
    id: str
    question: str
    yes: Branch
    no: Branch


@dataclass(frozen=True)
class DecisionTree:
    start: str
    nodes: tuple[TreeNode, ...]

    def node(self, node_id: str) -> Optional[TreeNode]:
        return next((n for n in self.nodes if n.id == node_id), None)


@dataclass(frozen=True)
class AlertClaim:
    """An alert a playbook handles; labels narrow a name several services share."""

    name: str
    labels: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PlaybookEscalation:
    to: str
    after: str = ""
    when: str = ""


STAGES = ("immediate", "investigate", "resolve", "verify")
STAGE_TITLES = {"immediate": "Immediate actions", "investigate": "Investigate",
                "resolve": "Resolve", "verify": "Verify"}


@dataclass(frozen=True)
class Playbook:
    id: str
    title: str
    summary: str
    aliases: tuple[str, ...]
    severity: str
    services: tuple[str, ...]
    owner: str
    symptoms: tuple[str, ...]
    steps: tuple[tuple[str, tuple[Step, ...]], ...]
    rel: str
    tags: tuple[str, ...] = ()
    decision_tree: Optional[DecisionTree] = None
    escalation: tuple[PlaybookEscalation, ...] = ()
    templates: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    notes: str = ""
    alerts: tuple[AlertClaim, ...] = ()
    previous_ids: tuple[str, ...] = ()
    exercise_interval: str = ""
    exercises: tuple[Exercise, ...] = ()  # oldest first, post-mortems included

    @property
    def last_exercise(self) -> Optional[Exercise]:
        return self.exercises[-1] if self.exercises else None

    def step(self, step_id: str) -> Optional[Step]:
        return next((s for _, group in self.steps for s in group if s.id == step_id), None)
