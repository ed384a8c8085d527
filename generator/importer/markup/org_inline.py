"""Org-mode's inline markup as Markdown's: ``*bold*``, ``/italic/``, ``+strike+``, ``=verbatim=`` and
``~code~``, ``[[link][text]]`` and ``[[link]]``, a ``\\\\`` line break.

Org sets emphasis only between a space (or ``-({'"``, or the line's edge) and a space or punctuation,
so ``/var/spool/slurmctld`` and ``and/or`` stay as written (a marker inside its own span is not
read as one: a path is never italic)."""
from __future__ import annotations

import re

PRE = r"""(?<![^\s\-({'"])"""
POST = r"""(?![^\s\-.,:!?;'")}\[\\])"""
TOKEN = re.compile(rf"\[\[([^\[\]]+)\](?:\[([^\[\]]*)\])?\]|{PRE}([=~])(?=\S)(.+?)(?<=\S)\3{POST}")
EMPHASIS = [(re.compile(rf"{PRE}\*([^\s*](?:[^*]*[^\s*])?)\*{POST}"), r"**\1**"),
            (re.compile(rf"{PRE}/([^\s/](?:[^/]*[^\s/])?)/{POST}"), r"*\1*"),
            (re.compile(rf"{PRE}\+([^\s+](?:[^+]*[^\s+])?)\+{POST}"), r"~~\1~~")]
WEB = re.compile(r"^(?:https?|ftp|mailto):", re.IGNORECASE)


def inline(text: str) -> str:
    """One line of Org text as the Markdown a reader sees it as."""
    parts, last = [], 0
    for match in TOKEN.finditer(text):
        parts.append(_emphasis(text[last:match.start()]))
        parts.append(_link(match.group(1), match.group(2)) if match.group(1) else f"`{match.group(4)}`")
        last = match.end()
    parts.append(_emphasis(text[last:]))
    return re.sub(r"\s*\\\\\s*$", "", "".join(parts))


def _emphasis(text: str) -> str:
    for pattern, replacement in EMPHASIS:
        text = pattern.sub(replacement, text)
    return text


def _link(target: str, text: str | None) -> str:
    target = target.strip()
    shown = _emphasis(text.strip()) if text and text.strip() else ""
    if WEB.match(target):
        return f"[{shown}]({target})" if shown else target
    if shown:
        return shown
    return re.sub(r"^(?:\*|#|file:|id:|custom_id:)", "", target)   # a heading, an anchor, a file: its name
