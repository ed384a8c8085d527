"""The site's side of alerts: the alert index page and redirect pages for old ids."""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from ..load.content import relative
from ..model import AlertClaim, Playbook, Project
from ..render.pages import Page, front_matter, playbook_uri, render_page
from .checks import matches
from .rules import AlertRule, expand, read_rule_file

INDEX_URI = "alerts.md"


@dataclass(frozen=True)
class IndexEntry:
    """One row of the alert index: an alert, its playbook, and the rule files defining it."""

    name: str
    labels: tuple[tuple[str, str], ...]
    playbook: Playbook | None
    files: tuple[str, ...] = ()


def read_rules(root: Path, project: Project) -> list[AlertRule]:
    """Alert rules from the files organization.yaml's alert_rules names (unreadable ones skipped:
    `playbook check` reports them)."""
    rules: list[AlertRule] = []
    for path in expand(root, project.organization.alert_rules):
        rules.extend(read_rule_file(path, relative(path, root)).rules)
    return rules


def index_entries(project: Project, rules: list[AlertRule]) -> tuple[list[IndexEntry], list[IndexEntry]]:
    """(claimed alerts by name, alerts in rule files that no playbook claims)."""
    claimed = []
    for playbook in project.playbooks:
        for claim in playbook.alerts:
            files = tuple(dict.fromkeys(r.file for r in rules if r.name == claim.name and matches(claim, r)))
            claimed.append(IndexEntry(claim.name, claim.labels, playbook, files))
    names = {claim.name for pb in project.playbooks for claim in pb.alerts}
    orphans: dict[str, list[str]] = {}
    for rule in rules:
        if rule.name not in names:
            orphans.setdefault(rule.name, []).append(rule.file)
    unclaimed = [IndexEntry(name, (), None, tuple(dict.fromkeys(files))) for name, files in orphans.items()]
    return (sorted(claimed, key=lambda e: (e.name.lower(), e.labels)),
            sorted(unclaimed, key=lambda e: e.name.lower()))


def alert_pages(project: Project, rules: list[AlertRule]) -> list[Page]:
    """The alert index, when any playbook lists alerts or rule files are configured."""
    if not rules and not any(pb.alerts for pb in project.playbooks):
        return []
    claimed, unclaimed = index_entries(project, rules)
    meta = {"title": "Alerts", "search": {"boost": 0.5}}
    markdown = front_matter(meta) + render_page(project, INDEX_URI, "alerts.md.j2", claimed=claimed,
                                                unclaimed=unclaimed)
    return [Page(INDEX_URI, markdown, project.sources.get("organization", ""))]


def redirect_files(project: Project) -> dict[str, str]:
    """playbooks/<old id>.html -> a page that forwards to the playbook's current page."""
    files = {}
    for playbook in project.playbooks:
        for old in playbook.previous_ids:
            files[playbook_uri(old)[:-3] + ".html"] = redirect_html(playbook)
    return files


def redirect_html(playbook: Playbook) -> str:
    target = playbook_uri(playbook.id).rsplit("/", 1)[-1][:-3] + ".html"
    url, title = html.escape(target, quote=True), html.escape(playbook.title)
    script = json.dumps(target).replace("<", "\\u003c")
    return (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<title>Moved: {title}</title>\n<meta name="robots" content="noindex">\n'
            f'<link rel="canonical" href="{url}">\n<meta http-equiv="refresh" content="0; url={url}">\n'
            f'<script>location.replace({script} + location.hash)</script>\n</head>\n<body>\n'
            f'<p>This playbook has moved: <a href="{url}">{title}</a>.</p>\n</body>\n</html>\n')


def claim_label(claim: AlertClaim) -> str:
    return claim.name + "".join(f" {k}={v}" for k, v in claim.labels)
