"""Plain frozen dataclasses for validated content. No I/O happens here."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from typing import Optional

from .documents import Link, ReviewEntry, Document, Exercise, Drill
from .organization import (
    Service, Channel, Organization, Level, Contact, Trigger, EscalationLevel, Role, Phase, Template)
from .playbooks import (
    Command, Step, Branch, TreeNode, DecisionTree, AlertClaim, PlaybookEscalation, STAGES,
    STAGE_TITLES, Playbook)
from .cards import CardItem, CardLink, CardSection, Card
from .incidents import ActionItem, Incident, Section, AgendaItem, PostmortemDefinition

__all__ = [
    'Link', 'ReviewEntry', 'Document', 'Exercise', 'Drill', 'Service', 'Channel', 'Organization',
    'Level', 'Contact', 'Trigger', 'EscalationLevel', 'Role', 'Phase', 'Template', 'Command',
    'Step', 'Branch', 'TreeNode', 'DecisionTree', 'AlertClaim', 'PlaybookEscalation', 'STAGES',
    'STAGE_TITLES', 'Playbook', 'CardItem', 'CardLink', 'CardSection', 'Card', 'ActionItem',
    'Incident', 'Section', 'AgendaItem', 'PostmortemDefinition', 'Project'
]


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
