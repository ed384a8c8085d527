"""Plain frozen dataclasses for validated content. No I/O happens here."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, datetime
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


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    description: str = ""
    owner: str = ""
    dashboard: str = ""


@dataclass(frozen=True)
class Channel:
    name: str
    purpose: str


@dataclass(frozen=True)
class Organization:
    name: str
    site_url: str
    timezone: str
    repo_url: str = ""
    edit_uri: str = ""
    status_page: str = ""
    declare: tuple[str, ...] = ()
    channels: tuple[Channel, ...] = ()
    services: tuple[Service, ...] = ()
    tools: tuple[Link, ...] = ()
    # search.synonyms: (what people type, (what the playbooks call it, ...)), in file order
    synonyms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    vocabulary: bool = True  # search.vocabulary: the built-in incident vocabulary is on
    tick_expire_hours: int = 12  # ticks.expire_hours
    alert_rules: tuple[str, ...] = ()  # globs of Prometheus rule files, relative to the root
    audience: str = "internal"


@dataclass(frozen=True)
class Level:
    """One rung of the severity ladder."""

    id: str
    name: str
    description: str
    response_time: str
    paging: str
    rank: int
    examples: tuple[str, ...] = ()
    resolution_target: str = ""
    update_every: str = ""
    notify: tuple[str, ...] = ()
    escalate_after: str = ""
    escalate_to: str = ""
    postmortem_within: str = ""
    details: tuple[tuple[str, str], ...] = ()   # (label, text): facts the other fields do not hold
    aliases: tuple[str, ...] = ()   # other names it goes by ('Sev 1 — Critical' on the imported page)


@dataclass(frozen=True)
class Contact:
    id: str
    kind: str
    name: str
    title: str = ""
    phone: str = ""
    email: str = ""
    chat: str = ""
    pager: str = ""
    url: str = ""
    backup: str = ""
    members: tuple[str, ...] = ()
    hours: str = ""
    notes: str = ""
    private: tuple[str, ...] = ()  # fields a public build leaves out
    reach: str = ""  # public builds: how to reach them internally, where private fields were

    @property
    def tel(self) -> str:
        """The phone number as a tel: URI (digits and a leading +)."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return f"tel:{'+' if self.phone.startswith('+') else ''}{digits}" if digits else ""


@dataclass(frozen=True)
class Trigger:
    after: str = ""
    severities: tuple[str, ...] = ()
    condition: str = ""


@dataclass(frozen=True)
class EscalationLevel:
    id: str
    name: str
    contacts: tuple[str, ...]
    triggers: tuple[Trigger, ...]
    response_time: str = ""
    authority: str = ""
    chain: str = ""   # which of several chains ('Business hours'); '' when the policy has one
    step: int = 0     # its place in its chain, from 1


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    responsibilities: tuple[str, ...]
    short: str = ""
    who: str = ""
    contact: str = ""
    description: str = ""


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    start: str = ""
    end: str = ""
    goal: str = ""
    lead: str = ""
    actions: tuple[str, ...] = ()
    checklist: tuple[str, ...] = ()
    details: tuple[tuple[str, str], ...] = ()   # (label, text): facts the other fields do not hold


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    channel: str
    audience: str
    stage: str
    body: str
    subject: str = ""
    placeholders: tuple[tuple[str, str], ...] = ()


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


@dataclass(frozen=True)
class CardItem:
    """A command on a card: from a playbook step, or written inline."""

    label: str
    code: str
    playbook: str = ""


@dataclass(frozen=True)
class CardLink:
    title: str
    page: str = ""
    url: str = ""


@dataclass(frozen=True)
class CardSection:
    type: str
    title: str
    contacts: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    items: tuple[CardItem, ...] = ()
    links: tuple[CardLink, ...] = ()


@dataclass(frozen=True)
class Card:
    id: str
    title: str
    audience: str
    paper: str
    orientation: str
    sections: tuple[CardSection, ...]
    rel: str


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


@dataclass(frozen=True)
class Project:
    """Everything the renderers need, already validated and cross-checked."""

    organization: Organization
    levels: tuple[Level, ...]
    contacts: tuple[Contact, ...]
    escalation: tuple[EscalationLevel, ...]
    roles: tuple[Role, ...]
    phases: tuple[Phase, ...]
    templates: tuple[Template, ...]
    playbooks: tuple[Playbook, ...]
    documents: tuple[Document, ...]
    today: date
    cards: tuple[Card, ...] = ()
    postmortem: Optional[PostmortemDefinition] = None
    incidents: tuple[Incident, ...] = ()
    drills: tuple[Drill, ...] = ()
    sources: dict = field(default_factory=dict, compare=False)  # kind -> rel path

    @cached_property
    def _index(self) -> dict:
        """Lookups by id in constant time: pages look things up thousands of times."""
        return {
            "contact": {c.id: c for c in self.contacts}, "level": {lv.id: lv for lv in self.levels},
            "template": {t.id: t for t in self.templates}, "playbook": {p.id: p for p in self.playbooks},
            "service": {s.id: s for s in self.organization.services}, "role": {r.id: r for r in self.roles},
            "document": {d.doc_id: d for d in self.documents},
            "drill": {d.doc_id: d for d in self.drills},
        }

    def contact(self, contact_id: str) -> Optional[Contact]:
        return self._index["contact"].get(contact_id)

    def level(self, level_id: str) -> Optional[Level]:
        return self._index["level"].get(level_id)

    def template(self, template_id: str) -> Optional[Template]:
        return self._index["template"].get(template_id)

    def playbook(self, playbook_id: str) -> Optional[Playbook]:
        return self._index["playbook"].get(playbook_id)

    def service(self, service_id: str) -> Optional[Service]:
        return self._index["service"].get(service_id)

    def role(self, role_id: str) -> Optional[Role]:
        return self._index["role"].get(role_id)

    def document(self, doc_id: str) -> Optional[Document]:
        return self._index["document"].get(doc_id)

    def drill(self, doc_id: str) -> Optional[Drill]:
        return self._index["drill"].get(doc_id)

    @cached_property
    def playbook_titles(self) -> dict[str, str]:
        return {p.id: p.title for p in self.playbooks}

