"""The organization and its response process: services, levels, contacts, escalation, roles, phases, templates."""
from __future__ import annotations

from dataclasses import dataclass

from .documents import Link


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
    duties: str = ""  # what it does when reached


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
