"""Checks `playbook check` runs: previous ids, alert claims, and rule files that link here.

A renamed playbook keeps its old URL through ``previous_ids``; these checks
make sure no link (a rule file's runbook_url, a redirect) is left pointing at
an id that no longer exists.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any, Iterator

from ..load.content import Content, relative
from ..problems import WARNING, Problem
from .rules import expand, read_rule_file
from .urls import PLAYBOOK_PATH, SiteMap


def _playbooks(content: Content) -> list[tuple[str, dict]]:
    return [(s.rel, s.data) for s in content.playbooks
            if isinstance(s.data, dict) and isinstance(s.data.get("id"), str)]


def _strings(value: Any) -> list:
    return value if isinstance(value, list) else []


def check_previous_ids(content: Content) -> Iterator[Problem]:
    """An old id must not be a current id (the redirect would hide a page) nor be claimed twice."""
    playbooks = _playbooks(content)
    current = {data["id"]: rel for rel, data in playbooks}
    seen: dict[str, str] = {}
    for rel, data in playbooks:
        for index, old in enumerate(_strings(data.get("previous_ids"))):
            if not isinstance(old, str):
                continue
            where = ("previous_ids", index)
            if old in current:
                yield Problem(rel, "previous-id-in-use", f"previous_ids: '{old}' is the id of a current "
                              f"playbook ({current[old]})", path=where,
                              hint="remove it here: a redirect from that id would hide the live page")
            elif old in seen and seen[old] != rel:
                yield Problem(rel, "previous-id-twice", f"previous_ids: '{old}' is also a previous id "
                              f"in {seen[old]}", path=where,
                              hint="an old URL can redirect to one playbook only; keep it on one of them")
            seen.setdefault(old, rel)


def _claim_key(item: Any) -> tuple | None:
    if isinstance(item, str):
        return (item, ())
    if isinstance(item, dict) and isinstance(item.get("alert"), str):
        labels = item.get("labels") if isinstance(item.get("labels"), dict) else {}
        return (item["alert"], tuple(sorted((str(k), str(v)) for k, v in labels.items())))
    return None


def check_alert_claims(content: Content) -> Iterator[Problem]:
    """One alert (with the same label matchers) belongs to one playbook."""
    owners: dict[tuple, str] = {}
    for rel, data in _playbooks(content):
        for index, item in enumerate(_strings(data.get("alerts"))):
            key = _claim_key(item)
            if key is None:
                continue
            if key in owners and owners[key] != data["id"]:
                labels = "".join(f" {k}={v}" for k, v in key[1])
                yield Problem(rel, "alert-claimed-twice", f"alerts: '{key[0]}'{labels} is already "
                              f"handled by playbook '{owners[key]}'", path=("alerts", index),
                              hint="an alert's runbook_url leads to one playbook; remove it here, or "
                                   "narrow both with labels, e.g. {alert: HighErrorRate, labels: "
                                   "{service: payments}}")
            owners.setdefault(key, data["id"])


def check_rule_links(root: Path, content: Content) -> Iterator[Problem]:
    """Rule files named by organization.yaml's alert_rules: no runbook_url may point at a gone id."""
    org = content.data("organization")
    patterns = [p for p in _strings(org.get("alert_rules")) if isinstance(p, str)]
    site_url = org.get("site_url")
    if not patterns or not isinstance(site_url, str):
        return
    playbooks = _playbooks(content)
    # A playbook that cannot be read still answers to its file name: one broken file
    # must not turn every alert pointing at it into a second error.
    known = {data["id"] for _, data in playbooks} | {PurePosixPath(s.rel).stem for s in content.playbooks}
    known |= {old for _, data in playbooks for old in _strings(data.get("previous_ids")) if isinstance(old, str)}
    links = SiteMap(site_url, {}, frozenset(), {})
    org_rel = content.singletons["organization"].rel
    for index, pattern in enumerate(patterns):
        files = expand(root, [pattern])
        if not files:
            yield Problem(org_rel, "alert-rules-none", f"alert_rules: '{pattern}' matches no file",
                          path=("alert_rules", index), level=WARNING,
                          hint="globs are relative to the repository root, e.g. examples/alerts/*.yaml")
        for path in files:
            yield from _gone_links(read_rule_file(path, relative(path, root)), links, known)


def _gone_links(rule_file, links: SiteMap, known: set[str]) -> Iterator[Problem]:
    yield from rule_file.problems
    for rule in rule_file.rules:
        match = PLAYBOOK_PATH.match(links.path_of(rule.runbook_url or "") or "")
        if match and match.group(1) not in known:
            old = match.group(1)
            yield rule.problem(
                "runbook-playbook-gone", f"alert '{rule.name}': runbook_url points at playbook '{old}', "
                f"which no longer exists", at_url=True,
                hint=f"if it was renamed, add `previous_ids: [{old}]` to the playbook that replaced it "
                     f"(its old URL then redirects); otherwise run `playbook alerts link --write {rule.file}`")
