"""Cross-references: every id is unique and every reference resolves."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Iterator

from ..load.content import Content
from ..problems import Problem, dotted
from ..load.yamlio import Source
from .walk import walk

# (document kind, path pattern, target namespace); '*' is every item.
REFERENCES: tuple[tuple[str, tuple, str], ...] = (
    ("*", ("review", "owner"), "contact"),
    ("*", ("review", "history", "*", "by"), "contact"),
    ("organization", ("services", "*", "owner"), "contact"),
    ("severities", ("levels", "*", "notify", "*"), "contact"),
    ("severities", ("levels", "*", "escalate_to"), "contact"),
    ("contacts", ("contacts", "*", "backup"), "contact"),
    ("contacts", ("contacts", "*", "members", "*"), "contact"),
    ("escalation", ("levels", "*", "contacts", "*"), "contact"),
    ("escalation", ("levels", "*", "triggers", "*", "severities", "*"), "severity"),
    ("roles", ("roles", "*", "contact"), "contact"),
    ("process", ("phases", "*", "lead"), "role"),
    ("playbook", ("severity",), "severity"),
    ("playbook", ("services", "*"), "service"),
    ("playbook", ("owner",), "contact"),
    ("playbook", ("escalation", "*", "to"), "contact"),
    ("playbook", ("steps", "*", "*", "call"), "contact"),
    ("playbook", ("templates", "*"), "template"),
    ("playbook", ("related", "*"), "playbook"),
    ("playbook", ("exercises", "*", "by"), "contact"),
    ("process", ("exercises", "*", "by"), "contact"),
    ("playbook", ("decision_tree", "nodes", "*", "*", "playbook"), "playbook"),
    ("postmortem", ("review_within", "*", "severity"), "severity"),
    ("incident", ("severity",), "severity"),
    ("incident", ("commander",), "contact"),
    ("incident", ("playbooks", "*"), "playbook"),
    ("incident", ("action_items", "*", "owner"), "contact"),
    ("card", ("sections", "*", "contacts", "*"), "contact"),
    ("card", ("sections", "*", "phases", "*"), "phase"),
    ("card", ("sections", "*", "items", "*", "playbook"), "playbook"),
)
# (namespace, document kind, path pattern to each id)
DEFINITIONS: tuple[tuple[str, str, tuple], ...] = (
    ("severity", "severities", ("levels", "*", "id")),
    ("contact", "contacts", ("contacts", "*", "id")),
    ("role", "roles", ("roles", "*", "id")),
    ("template", "templates", ("templates", "*", "id")),
    ("service", "organization", ("services", "*", "id")),
    ("escalation level", "escalation", ("levels", "*", "id")),
    ("phase", "process", ("phases", "*", "id")),
)
HOME = {"severity": "severities.yaml", "contact": "contacts.yaml", "role": "roles.yaml",
        "template": "templates.yaml", "service": "organization.yaml (services)",
        "playbook": "playbooks/", "phase": "process.yaml"}


@dataclass(frozen=True)
class Namespaces:
    """Every defined id, by namespace, in definition order."""

    ids: dict[str, list[str] | None]


def collect(content: Content) -> Namespaces:
    """Ids by namespace; None where the defining file is missing or unreadable.

    References into a namespace that could not be read are not checked: the
    missing or broken file is already reported, and hundreds of follow-on
    errors would hide it.
    """
    ids: dict[str, list[str] | None] = {}
    for name, kind, pattern in DEFINITIONS:
        source = content.singletons.get(kind)
        if source is None or not isinstance(source.data, dict):
            ids[name] = None
            continue
        ids[name] = [v for _, v in walk(source.data, pattern) if isinstance(v, str)]
    # An unreadable playbook still answers to its file name, so that one broken
    # file does not turn every reference to it into a second error.
    ids["playbook"] = [s.data["id"] if isinstance(s.data, dict) and isinstance(s.data.get("id"), str)
                       else PurePosixPath(s.rel).stem for s in content.playbooks]
    return Namespaces(ids)


def check_unique_ids(content: Content) -> Iterator[Problem]:
    """Ids are unique within their namespace."""
    for name, kind, pattern in DEFINITIONS:
        source = content.singletons.get(kind)
        if source is None:
            continue
        yield from _duplicates(source, list(walk(source.data, pattern)), name)
    seen: dict[str, str] = {}
    for source in content.playbooks:
        pid = source.data.get("id") if isinstance(source.data, dict) else None
        if not isinstance(pid, str):
            continue
        if pid in seen:
            yield Problem(source.rel, "duplicate-id", f"id: playbook id '{pid}' is already used by "
                          f"{seen[pid]}", path=("id",), hint="give each playbook its own id")
        seen.setdefault(pid, source.rel)
        yield from _file_name_matches(source, pid)


def _duplicates(source: Source, found: list, namespace: str) -> Iterator[Problem]:
    first: dict[str, object] = {}
    for path, value in found:
        if not isinstance(value, str):
            continue
        if value in first:
            yield Problem(source.rel, "duplicate-id",
                          f"{dotted(path)}: {namespace} id '{value}' is defined twice",
                          path=path, hint="ids must be unique; rename or remove one")
        first.setdefault(value, path)


def _file_name_matches(source: Source, pid: str) -> Iterator[Problem]:
    stem = PurePosixPath(source.rel).stem
    if stem != pid:
        yield Problem(source.rel, "id-mismatch", f"id: '{pid}' does not match the file name '{stem}'",
                      path=("id",), hint=f"rename the file to {pid}.yaml or set id: {stem}")


def check_references(content: Content, names: Namespaces) -> Iterator[Problem]:
    """Every reference names an id that exists; suggest the closest one."""
    for kind, source in content.all_sources():
        if not isinstance(source.data, dict):
            continue
        for doc_kind, pattern, target in REFERENCES:
            if doc_kind not in ("*", kind):
                continue
            known = names.ids.get(target)
            if known is None:
                continue
            for path, value in walk(source.data, pattern):
                if isinstance(value, str) and value not in known:
                    yield _unknown(source, path, value, target, known)


def _unknown(source: Source, path: tuple, value: str, target: str, known: list[str]) -> Problem:
    where = dotted(path)
    if not known:
        return Problem(source.rel, "unknown-ref", f"{where}: '{value}' refers to a {target}, but "
                       f"none are defined", path=path, hint=f"define {target}s in content/{HOME.get(target, '')}")
    if len(known) <= 8:
        message = f"{where}: {value!r} is not one of {', '.join(known)}"
    else:
        message = f"{where}: unknown {target} '{value}'"
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'? " if close else ""
    hint += f"{target} ids are defined in content/{HOME.get(target, '')}"
    return Problem(source.rel, "unknown-ref", message, path=path, hint=hint)
