"""Post-mortem template, scaffolded post-mortems, and the incident history pages."""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Optional

from markupsafe import Markup

from ..load import durations
from ..model import Incident, Level, Project
from .markdown import sanitize_markdown
from .pages import Page, front_matter, render_page

TEMPLATE_URI = "postmortem-template.md"
HISTORY_URI = "incidents.md"
DOWNLOAD = "downloads/postmortem-template.md"


def incident_uri(incident_id: str) -> str:
    return f"incidents/{incident_id}.md"


@dataclass(frozen=True)
class Scaffold:
    """What `playbook postmortem new` fills in."""

    title: str
    severity: Level
    started: Optional[datetime]
    playbooks: tuple[str, ...]
    today: date

    @property
    def review_due(self) -> Optional[date]:
        within = durations.minutes(self.severity.postmortem_within) if self.severity.postmortem_within else None
        if within is None:
            return None
        return self.today + timedelta(minutes=within)


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:60].rstrip("-") or "incident"


def template_body(project: Project, scaffold: Optional[Scaffold] = None) -> str:
    """The post-mortem Markdown: generic (site page, download) or prefilled (new file)."""
    site = project.organization.site_url.rstrip("/") + "/"
    return render_page(project, TEMPLATE_URI, "postmortem.md.j2", pm=project.postmortem,
                       s=scaffold, site=site)


def scaffold_file(project: Project, scaffold: Scaffold) -> str:
    """A new post-mortem: YAML front matter with the structured facts, then the template."""
    started = scaffold.started.strftime("%Y-%m-%d %H:%M") if scaffold.started else None
    meta = {"title": scaffold.title, "severity": scaffold.severity.id, "status": "draft"}
    if started:
        meta["started"] = started
    else:
        meta["started"] = f"{scaffold.today} 00:00"
    meta.update({"detected": None, "mitigated": None, "resolved": None, "commander": None,
                 "playbooks": list(scaffold.playbooks), "review_meeting": None, "action_items": []})
    text = front_matter(meta, for_theme=False)  # pages escape it when they are built
    # Empty facts are left as comments so the file validates as soon as it is written.
    text = re.sub(r"^(detected|mitigated|resolved|commander|review_meeting): null$",
                  lambda m: f"# {m.group(1)}: {_example(m.group(1))}", text, flags=re.MULTILINE)
    return text + template_body(project, scaffold)


def _example(key: str) -> str:
    return {"detected": '"YYYY-MM-DD HH:MM"', "mitigated": '"YYYY-MM-DD HH:MM"',
            "resolved": '"YYYY-MM-DD HH:MM"', "commander": "contact-id",
            "review_meeting": '"YYYY-MM-DD"'}[key]


def _median(values: list[int]) -> Optional[int]:
    return int(statistics.median(values)) if values else None


def minutes_label(value: Optional[int]) -> str:
    if value is None:
        return "—"
    if value < 120:
        return f"{value} min"
    if value < 48 * 60:
        return f"{value / 60:.1f} h"
    return f"{value / 1440:.1f} d"


def severity_stats(project: Project) -> list[dict]:
    """Per severity: incidents, median time to detect and to resolve (minutes)."""
    rows = []
    for level in project.levels:
        members = [i for i in project.incidents if i.severity == level.id]
        detect = [m for i in members if (m := i.minutes_between(i.detected)) is not None]
        resolve = [m for i in members if (m := i.minutes_between(i.resolved)) is not None]
        rows.append({"level": level, "count": len(members), "detect": _median(detect),
                     "resolve": _median(resolve), "detect_n": len(detect), "resolve_n": len(resolve)})
    return rows


def render_incident(project: Project, incident: Incident) -> str:
    meta = {"title": incident.title, "search": {"boost": 0.5}}
    body = Markup(sanitize_markdown(_without_h1(incident.body)))
    return front_matter(meta) + render_page(project, incident_uri(incident.id), "incident.md.j2",
                                            i=incident, body=body, label=minutes_label)


def _without_h1(body: str) -> str:
    """The page prints its own title; drop a leading '# ...' heading from the file."""
    return re.sub(r"\A\s*# [^\n]*\n", "", body)


def postmortem_pages(project: Project) -> list[Page]:
    pages = []
    if project.postmortem is not None:
        meta = {"title": "Post-mortem template"}
        pages.append(Page(TEMPLATE_URI, front_matter(meta) + render_page(
            project, TEMPLATE_URI, "postmortem_page.md.j2", body=Markup(template_body(project))),
            project.sources.get("postmortem", "")))
    history = render_page(project, HISTORY_URI, "incidents.md.j2", stats=severity_stats(project),
                          label=minutes_label, incident_uri=incident_uri)
    pages.append(Page(HISTORY_URI, front_matter({"title": "Incident history"}) + history))
    for incident in project.incidents:
        pages.append(Page(incident_uri(incident.id), render_incident(project, incident), incident.rel))
    return pages
