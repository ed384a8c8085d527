"""`playbook alerts check`: every alert leads to the right runbook page of this site."""
from __future__ import annotations

from typing import Iterator

from ..model import AlertClaim, Playbook, Project
from ..problems import WARNING, Problem
from .rules import AlertRule
from .urls import SiteMap, Target, playbook_url


def claims(project: Project) -> dict[str, list[tuple[Playbook, AlertClaim]]]:
    """Alert name -> the playbooks (and claims) that handle it."""
    by_name: dict[str, list[tuple[Playbook, AlertClaim]]] = {}
    for playbook in project.playbooks:
        for claim in playbook.alerts:
            by_name.setdefault(claim.name, []).append((playbook, claim))
    return by_name


def matches(claim: AlertClaim, rule: AlertRule) -> bool:
    """Does the rule carry every label value the claim names?"""
    labels = dict(rule.labels)
    return all(labels.get(key) == value for key, value in claim.labels)


def claimant(rule: AlertRule, by_name: dict) -> Playbook | None:
    """The playbook handling this rule: the matching claim with the most label matchers."""
    matching = [(len(claim.labels), playbook) for playbook, claim in by_name.get(rule.name, ())
                if matches(claim, rule)]
    return max(matching, key=lambda item: item[0])[1] if matching else None


def check_runbooks(rules: list[AlertRule], project: Project, links: SiteMap) -> Iterator[Problem]:
    """Alerts without runbook_url, links to no page, and links to another playbook than the claimant's."""
    by_name = claims(project)
    for rule in rules:
        owner = claimant(rule, by_name)
        if not rule.runbook_url:
            yield _missing(rule, owner, project)
            continue
        target = links.resolve(rule.runbook_url)
        if target.kind in ("page", "redirect"):
            yield from _wrong_playbook(rule, owner, target, project)
        else:
            yield _broken(rule, target, links, owner)


def _missing(rule: AlertRule, owner: Playbook | None, project: Project) -> Problem:
    what = "an empty runbook_url" if rule.runbook_url == "" else "no runbook_url annotation"
    if owner is not None:
        hint = (f"run `playbook alerts link --write {rule.file}`; it adds runbook_url: "
                f"{playbook_url(project.organization.site_url, owner.id)}")
    else:
        hint = (f"add `alerts: [{rule.name}]` to the playbook that handles it, then run "
                f"`playbook alerts link --write {rule.file}`")
    return rule.problem("alert-no-runbook", f"alert '{rule.name}' has {what}", hint, at_url=True)


def _wrong_playbook(rule: AlertRule, owner: Playbook | None, target: Target,
                    project: Project) -> Iterator[Problem]:
    site_url = project.organization.site_url
    if owner is not None and target.playbook != owner.id:
        yield rule.problem("runbook-wrong-playbook", f"alert '{rule.name}' is handled by playbook "
                           f"'{owner.id}', but its runbook_url leads to {target.path}",
                           f"set runbook_url: {playbook_url(site_url, owner.id)} "
                           f"(`playbook alerts link --write {rule.file}` does it)", at_url=True)
    elif target.kind == "redirect":
        old = target.path.rsplit("/", 1)[-1][:-5]
        yield rule.problem("runbook-old-id", f"alert '{rule.name}': runbook_url uses the old id '{old}' "
                           f"(now '{target.playbook}'); it still works through a redirect",
                           f"update it to {playbook_url(site_url, target.playbook)}", WARNING, at_url=True)


def _broken(rule: AlertRule, target: Target, links: SiteMap, owner: Playbook | None) -> Problem:
    url = rule.runbook_url
    fix = (f"set runbook_url: {playbook_url(links.site_url, owner.id)}" if owner is not None
           else f"playbook pages are {links.site_url.rstrip('/')}/playbooks/<id>.html")
    if target.kind == "template":
        return rule.problem("runbook-template", f"alert '{rule.name}': runbook_url {url} is a template "
                            f"and cannot be checked", fix, WARNING, at_url=True)
    if target.kind == "external":
        return rule.problem("runbook-external", f"alert '{rule.name}': runbook_url {url} is not a page of "
                            f"this site ({links.site_url})", fix, at_url=True)
    if target.kind == "missing-anchor":
        shown = ", ".join(sorted(links.anchors(target.path))[:8])
        return rule.problem("runbook-no-anchor", f"alert '{rule.name}': runbook_url {url}: "
                            f"#{target.anchor} is not an anchor on {target.path}",
                            f"use one of its anchors ({shown}), or drop the #part", at_url=True)
    closest = links.closest(target.path)
    if closest:
        fix = f"did you mean {links.site_url.rstrip('/')}/{closest}? " + fix
    what = (f"playbook '{target.playbook}', which does not exist" if target.kind == "missing-playbook"
            else f"{target.path}, which is not a page of this site")
    if target.kind == "missing-playbook":
        fix += f"; if '{target.playbook}' was renamed, add previous_ids: [{target.playbook}] to its new playbook"
    return rule.problem("runbook-broken", f"alert '{rule.name}': runbook_url points at {what}", fix,
                        at_url=True)


def check_claims_defined(rules: list[AlertRule], project: Project) -> Iterator[Problem]:
    """Warn about alerts a playbook claims that none of the rule files defines."""
    for playbook in project.playbooks:
        for index, claim in enumerate(playbook.alerts):
            if not any(rule.name == claim.name and matches(claim, rule) for rule in rules):
                labels = "".join(f" {k}={v}" for k, v in claim.labels)
                yield Problem(playbook.rel, "alert-not-defined", f"alerts: '{claim.name}'{labels} is not "
                              f"defined in any of the rule files checked", path=("alerts", index),
                              level=WARNING, hint="check the spelling against `alert:` in the rule files, "
                              "or pass the rule file that defines it")
