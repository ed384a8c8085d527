"""Desk cards: the printable one-page summaries."""
from __future__ import annotations

from dataclasses import dataclass


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
