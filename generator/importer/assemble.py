"""Turn what was extracted into content documents, notes and a report."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import yaml

from .extract import Found
from .text import PLACEHOLDER

OWNER = "owner-tbd"
SERVICE = "imported"
SINGLETONS = ("organization", "severities", "contacts", "escalation", "roles", "process", "templates",
              "postmortem")
DEFAULT_PM_SECTIONS = [("summary", "Summary", "What happened, who was affected, how it was resolved."),
                       ("timeline", "Timeline", "Every event with its time, from first sign to resolution."),
                       ("root-cause", "Root cause", "What caused it, and why."),
                       ("action-items", "Action items", "Each with one owner and a due date.")]


@dataclass
class Imported:
    documents: dict[str, dict] = field(default_factory=dict)   # relative path -> data
    flags: list[str] = field(default_factory=list)
    mapped: dict[str, list[int]] = field(default_factory=dict)
    noted: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    repaired: list[int] = field(default_factory=list)


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _unique_ids(items: list[dict]) -> list[dict]:
    """Give repeated ids a -2, -3... suffix, in place."""
    taken: set[str] = set()
    for item in items:
        item["id"] = _unique(item["id"], taken)
    return items


def _review(doc_date: str) -> dict:
    return {"owner": OWNER, "last_reviewed": doc_date}


def _paging(response: str) -> str:
    from ..load.durations import minutes
    value = minutes(response) if response else None
    if value is None:
        return "page-business-hours" if response == "next-business-day" else "ticket"
    return "page-24x7" if value <= 30 else "page-business-hours" if value <= 240 else "ticket"


def severities(found: Found, imported: Imported, doc_date: str) -> dict:
    levels = []
    for level in sorted(found.levels.values(), key=lambda lv: int(re.sub(r"\D", "", lv["id"]) or 0)):
        out = {"id": level["id"], "name": level["name"],
               "description": level.get("description") or "; ".join(level.get("examples", [])[:2]) or level["name"]}
        if level.get("examples"):
            out["examples"] = list(dict.fromkeys(level["examples"]))
        out["response_time"] = level.get("response_time") or "1h"
        if "response_time" not in level:
            imported.flags.append(f"severities.yaml: {level['id']} has no response time in the source; "
                                  f"'1h' was written, set the real one")
        for key in ("resolution_target", "escalate_after"):
            if level.get(key):
                out[key] = level[key]
        out["paging"] = level.get("paging") or _paging(out["response_time"])
        if "paging" not in level:
            imported.flags.append(f"severities.yaml: {level['id']} paging policy inferred as "
                                  f"{out['paging']} from the response time; confirm it")
        levels.append(out)
    if not levels:
        imported.flags.append("severities.yaml: no severity levels were recognized; one placeholder level "
                              "SEV1 was written")
        levels = [{"id": "SEV1", "name": "Critical", "description": "Fill in", "response_time": "15m",
                   "paging": "page-24x7"}]
    notes = [f"{lv['id']} escalation: {lv['escalation_text']}" for lv in found.levels.values()
             if lv.get("escalation_text")]
    doc = {"levels": levels, "review": _review(doc_date)}
    if notes:
        doc["notes"] = "\n".join(notes)
    return doc


def contacts(found: Found, imported: Imported, doc_date: str) -> dict:
    items = []
    for contact in found.contacts.values():
        out = {k: v for k, v in contact.items() if v}
        if PLACEHOLDER.search(" ".join(str(v) for v in out.values())):
            imported.flags.append(f"contacts.yaml: '{contact['id']}' has placeholder details "
                                  f"({', '.join(k for k, v in out.items() if PLACEHOLDER.search(str(v)))}); "
                                  f"fill in real ones")
        elif not any(k in out for k in ("phone", "email", "chat", "pager", "url")):
            imported.flags.append(f"contacts.yaml: '{contact['id']}' ({contact['name']}) has no phone, email "
                                  f"or chat handle in the source; add how to reach them")
        items.append(out)
    items.append({"id": OWNER, "kind": "team", "name": "TBD",
                  "notes": "Placeholder owner created by playbook import: assign real owners."})
    imported.flags.append(f"contacts.yaml: every imported document is owned by '{OWNER}' (name TBD); "
                          f"assign real owners")
    return {"contacts": items, "review": _review(doc_date)}


def escalation(found: Found, doc_date: str) -> dict | None:
    if not found.escalation:
        return None
    taken: set[str] = set()
    levels = []
    for level in found.escalation:
        out = {"id": _unique(level["id"], taken), "name": level["name"], "contacts": level["contacts"],
               "triggers": level["triggers"] or [{"condition": "Escalated by the previous level"}]}
        for key in ("response_time", "authority"):
            if level.get(key):
                out[key] = level[key]
        levels.append(out)
    return {"levels": levels, "review": _review(doc_date)}


def roles(found: Found, doc_date: str) -> dict | None:
    if not found.roles:
        return None
    return {"roles": _unique_ids(found.roles), "review": _review(doc_date)}


def process(found: Found, doc_date: str) -> dict | None:
    if not found.phases:
        return None
    taken: set[str] = set()
    phases = []
    for phase in found.phases:
        out = {"id": _unique(phase["id"], taken), "name": phase["name"]}
        for key in ("window", "goal"):
            if phase.get(key):
                out[key] = phase[key]
        for key in ("actions", "checklist"):
            if phase.get(key):
                out[key] = list(dict.fromkeys(phase[key]))
        phases.append(out)
    return {"phases": phases, "review": _review(doc_date)}


def templates(found: Found, doc_date: str) -> dict | None:
    if not found.templates:
        return None
    return {"templates": _unique_ids(found.templates), "review": _review(doc_date)}


def postmortem(found: Found, imported: Imported, levels: list[dict], doc_date: str) -> dict:
    pm = found.postmortem
    sections = pm.get("sections")
    if not sections:
        imported.flags.append("postmortem.yaml: no post-mortem template was recognized; default sections "
                              "were written")
        sections = [{"id": i, "title": t, "prompt": p} for i, t, p in DEFAULT_PM_SECTIONS]
    _unique_ids(sections)
    agenda = pm.get("agenda") or [{"topic": "Timeline review", "minutes": 10},
                                  {"topic": "Root cause analysis", "minutes": 15},
                                  {"topic": "Action items", "minutes": 15}]
    if not pm.get("agenda"):
        imported.flags.append("postmortem.yaml: no review meeting agenda found; a default one was written")
    principles = pm.get("principles") or ["Focus on systems and processes, not individuals"]
    if not pm.get("principles"):
        imported.flags.append("postmortem.yaml: no blameless principles found; one default was written")
    within = pm.get("within") or "48h"
    top = [lv["id"] for lv in levels[:2]]
    imported.flags.append(f"postmortem.yaml: review meetings required within {within} for {', '.join(top)}; "
                          f"confirm which severities need a post-mortem")
    return {"sections": sections, "agenda": agenda, "principles": list(dict.fromkeys(principles)),
            "review_within": [{"severity": lv, "within": within} for lv in top], "review": _review(doc_date)}


def playbook(pb: dict, levels: list[dict], imported: Imported, doc_date: str) -> dict:
    ids = [lv["id"] for lv in levels]
    severity = pb["severity"] if pb["severity"] in ids else ids[min(1, len(ids) - 1)]
    if pb["severity"] not in ids:
        imported.flags.append(f"playbooks/{pb['id']}.yaml: no severity in the source; {severity} was "
                              f"written, confirm it")
    steps = {stage: group for stage, group in pb["steps"].items() if group}
    if not steps:
        steps = {"immediate": [{"text": "Steps were not recognized in the source; see notes"}]}
        imported.flags.append(f"playbooks/{pb['id']}.yaml: no steps recognized; see its notes")
    symptoms = pb["symptoms"] or [f"{pb['title']} (symptoms not listed in the source)"]
    if not pb["symptoms"]:
        imported.flags.append(f"playbooks/{pb['id']}.yaml: no symptoms listed in the source; add what "
                              f"responders see")
    doc = {"id": pb["id"], "title": pb["title"], "summary": symptoms[0] if pb["symptoms"] else pb["title"],
           "aliases": pb["aliases"], "severity": severity, "services": [SERVICE], "tags": ["imported"],
           "owner": OWNER, "symptoms": symptoms,
           "steps": {stage: steps[stage] for stage in ("immediate", "investigate", "resolve", "verify")
                     if stage in steps}, "review": _review(doc_date)}
    return doc


def organization(found: Found, imported: Imported, org_name: str | None, doc_date: str, interval: str) -> dict:
    if not org_name:
        imported.flags.append("organization.yaml: name not given; pass --org-name or edit it")
    imported.flags.append("organization.yaml: site_url is a placeholder (https://runbooks.example.com/); "
                          "set where the runbook site will live")
    imported.flags.append(f"organization.yaml: all playbooks are in the service '{SERVICE}'; add your "
                          f"services and assign them")
    tools, seen = [], set()
    for tool in found.org["tools"]:
        if tool["url"] not in seen:
            seen.add(tool["url"])
            tools.append(tool)
    doc = {"name": org_name or "Imported organization", "site_url": "https://runbooks.example.com/",
           "timezone": "UTC"}
    if found.org.get("status_page"):
        doc["status_page"] = found.org["status_page"]
    if found.org["channels"]:
        doc["channels"] = found.org["channels"]
    doc["services"] = [{"id": SERVICE, "name": "Imported (assign real services)", "owner": OWNER}]
    if tools:
        doc["tools"] = tools
    doc["review_defaults"] = {"interval": interval}
    doc["review"] = _review(doc_date)
    return doc


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(rel: str, data: dict) -> str:
    depth = rel.count("/")
    schema = "playbook" if rel.startswith("playbooks/") else rel.rsplit(".", 1)[0]
    modeline = f"# yaml-language-server: $schema={'../' * (depth + 1)}schemas/{schema}.schema.json\n"
    return modeline + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
