"""Stable keys for playbook steps, so a tick belongs to a step and not to a position.

The browser keeps ticks by page and step key (site_overrides/docs/assets/playbooks.js).
A step with an ``id`` uses it; any other step gets one derived from its condition and
the first words of its text, so inserting, removing or reordering other steps never
moves a tick onto the wrong step. Keys are unique within a page: a derived key that
repeats another gets ``-2``, ``-3``...
"""
from __future__ import annotations

import re

from ..model import Playbook, Step

KEY_WORDS = 8  # enough to tell steps apart; a typo fix near the end keeps the tick


def derived_key(step: Step) -> str:
    """A key from the step's words: 'if-deployed-roll-back-the-last-release'."""
    words = re.findall(r"[a-z0-9]+", f"{step.condition} {step.text}".lower())
    return "-".join(words[:KEY_WORDS]) or "step"


def keyed_steps(playbook: Playbook) -> list[tuple[str, list[tuple[str, Step]]]]:
    """The playbook's stages with each step paired with its page-unique key."""
    used = {s.id for _, steps in playbook.steps for s in steps if s.id}
    out = []
    for stage, steps in playbook.steps:
        keyed = []
        for step in steps:
            key = step.id or _unique(derived_key(step), used)
            used.add(key)
            keyed.append((key, step))
        out.append((stage, keyed))
    return out


def _unique(key: str, used: set[str]) -> str:
    candidate, n = key, 2
    while candidate in used:
        candidate, n = f"{key}-{n}", n + 1
    return candidate


def first_step_key(playbook: Playbook) -> str:
    """The key of the first step of the first stage ('' for a playbook without steps)."""
    stages = keyed_steps(playbook)
    return stages[0][1][0][0] if stages and stages[0][1] else ""


def keyed_items(texts: list[str], prefix: str = "") -> list[tuple[str, str]]:
    """Plain checklist items (process phases) paired with keys derived from their text."""
    used: set[str] = set()
    out = []
    for text in texts:
        key = _unique(prefix + derived_key(Step(text)), used)
        used.add(key)
        out.append((key, text))
    return out
