"""Turn what was extracted into content documents, notes and a report."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import yaml

from ..validate.imported import is_missing, missing, unheld
from .extract import Found
from .kinds import UNKNOWN
from .text import business_time

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
    repaired: list[tuple[int, str, str]] = field(default_factory=list)   # (line, as read, repaired)
    origin: list[tuple[str, int]] = field(default_factory=list)   # global line - 1 -> (file, line in file)
    headings: dict[int, str] = field(default_factory=dict)        # line -> source heading path
    lines: list[str] = field(default_factory=list)
    recognized: list[str] = field(default_factory=list)
    shown: dict[int, str] = field(default_factory=dict)      # HTML line -> as a reader sees it (notes show that)
    attached: dict[int, int] = field(default_factory=dict)   # markup-only line -> the content line it belongs to
    guidance_lines: set[int] = field(default_factory=set)    # structured as policy text (`guidance`), as written
    hidden: set[int] = field(default_factory=set)   # HTML head, style sheet, scripts: page markup no reader sees
    dated: bool = False
    doc_date: str = ""


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


def severities(found: Found, imported: Imported, doc_date: str) -> dict | None:
    """The ladder as the source gives it; what it does not give is a FILL IN placeholder."""
    levels = []
    for level in sorted(found.levels.values(), key=_level_rank):
        description = level.get("description") or ""
        out = {"id": level["id"], "name": level["name"], **({"aliases": level["aliases"]} if level.get("aliases") else {}),
               "description": description or missing("what this level means")}
        if level.get("examples"):
            out["examples"] = list(dict.fromkeys(level["examples"]))
        if level.get("details"):
            out["details"] = level["details"]
        out["response_time"] = level.get("response_time") or _unheld_time(level) or \
            missing("how soon to respond: 15m, 1h, immediate")
        for key in ("resolution_target", "escalate_after", "update_every"):
            if level.get(key):
                out[key] = level[key]
        out["paging"] = level.get("paging") or missing("page-24x7, page-business-hours or ticket")
        if level.get("notify"):
            out["notify"] = level["notify"]
        levels.append(out)
    if not levels:
        return None
    notes = [f"{lv['id']} escalation: {lv['escalation_text']}" for lv in found.levels.values()
             if lv.get("escalation_text")]
    doc = {"levels": levels, "review": _review(doc_date)}
    if notes:
        doc["notes"] = "\n".join(notes)
    return doc


def _unheld_time(level: dict) -> str | None:
    """'Response target: 4 business hours' kept among the level's details: the placeholder says so,
    never that the source gives no time."""
    from .ladders import RESPONSE_KEY

    said = next((d["text"] for d in level.get("details", []) if RESPONSE_KEY.search(d.get("label", ""))), None)
    if said is None:   # 'Response: within 1 business day.' in the level's own text
        written = SAID_RESPONSE.search(str(level.get("description", "")))
        said = written.group(1).strip() if written else None
    if said and business_time(said) and len(said.split()) <= 6:   # '4 business hours', 'within 2 working days'
        return business_time(said)
    return unheld(said, "how soon to respond: 15m, 1h, immediate, next-business-day or 4bh") if said else None


SAID_RESPONSE = re.compile(r"\b(?:response|respond|acknowledge(?:ment)?)(?:\s+(?:time|target))?\s*:\s*([^.;\n]{2,60})",
                           re.IGNORECASE)


def placeholder_severities(doc_date: str) -> dict:
    """No ladder in any source: one level whose every value is to be filled in."""
    return {"levels": [{"id": missing("an id for your most severe level, such as SEV1 or P1; the source has no ladder"),
                        "name": missing("the name of your most severe level"),
                        "description": missing("what this level means"),
                        "response_time": missing("how soon to respond: 15m, 1h, immediate"),
                        "paging": missing("page-24x7, page-business-hours or ticket")}],
            "review": _review(doc_date)}


def _level_rank(level: dict) -> tuple:
    if level.get("_by_order"):   # defined in prose, most severe wherever the source put it: keep its order
        return (0, level.get("_order", 0))
    digits = re.sub(r"\D", "", level["id"])
    return (0, int(digits)) if digits else (1, level.get("_order", 0))


def contacts(found: Found, imported: Imported, doc_date: str) -> dict:
    items = [{k: v for k, v in contact.items() if v and not k.startswith("_")} for contact in found.contacts.values()]
    items.append({"id": OWNER, "kind": missing(UNKNOWN), "name": missing("who keeps these documents correct"),
                  "notes": "Created by playbook import as the owner of every imported document: "
                           "name the real owners."})
    return {"contacts": items, "review": _review(doc_date)}


def escalation(found: Found, doc_date: str) -> dict | None:
    if not found.escalation:
        return None
    taken: set[str] = set()
    levels = []
    chains = {level.get("_chain") for level in found.escalation}
    several = len(chains - {None}) > 1 or (len(chains) > 1 and any(lv.get("_apart") for lv in found.escalation))
    if several:   # 'Business hours' and 'Out of hours': the chain's heading is its name now; chains in source order
        found.used.update(level["_chain_line"] for level in found.escalation if level.get("_chain_line"))
        found.escalation.sort(key=lambda level: level.get("_chain_order", level.get("_chain_line", 0)))
    for level in found.escalation:
        # a level no chain was named for, beside named ones, is in the policy's own chain: never numbered
        # on after another chain's levels (nor after 'Getting help' entries, which have no order)
        out = {"id": _unique(level["id"], taken), "name": level["name"],
               **({"chain": level.get("_chain") or "Escalation"} if several else {}), "contacts": level["contacts"],
               "triggers": level["triggers"] or [{"condition": missing("when to escalate to this level")}]}
        for key in ("response_time", "authority", "duties"):
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
        if phase.get("details"):
            out["details"] = phase["details"]
        phases.append(out)
    return {"phases": phases, "review": _review(doc_date)}


def templates(found: Found, doc_date: str) -> dict | None:
    if not found.templates:
        return None
    return {"templates": _unique_ids(found.templates), "review": _review(doc_date)}


def postmortem(found: Found, imported: Imported, levels: list[dict], doc_date: str) -> dict | None:
    """Only what the source defines; a missing part is a placeholder, never a default agenda."""
    pm = found.postmortem
    if not pm.get("sections"):
        return None
    sections = _unique_ids(pm["sections"])
    agenda = pm.get("agenda") or [{"topic": missing("the review meeting agenda")}]
    principles = list(dict.fromkeys(pm.get("principles") or [])) or [missing("the blameless principles")]
    known = {lv["id"] for lv in levels}
    review_within = [{"severity": lv, "within": pm["within"]} for lv in pm.get("within_severities", [])
                     if lv in known] if pm.get("within") else []
    return {"sections": sections, "agenda": agenda, "principles": principles,
            "review_within": review_within, "review": _review(doc_date)}


def playbook(pb: dict, levels: list[dict], imported: Imported, doc_date: str) -> dict:
    ids = [lv["id"] for lv in levels if not is_missing(lv["id"])]
    severity = pb["severity"] if pb["severity"] in ids else missing(
        f"one of {', '.join(ids)}" if ids else "a level id of severities.yaml, once the ladder is filled in")
    steps = {stage: group for stage, group in pb["steps"].items() if group}
    if not steps:
        steps = {"immediate": [{"text": missing("the steps; the source text is in notes below")}]}
    symptoms = pb["symptoms"] or [missing("what responders see when this happens")]
    summary = pb.get("summary") or (pb["symptoms"][0] if pb["symptoms"] else missing("one line on what this is"))
    doc = {"id": pb["id"], "title": pb["title"], "summary": summary,
           "aliases": pb["aliases"], "severity": severity, "services": pb.get("services") or [SERVICE],
           "tags": pb.get("tags") or ["imported"], "owner": pb.get("owner") or OWNER, "symptoms": symptoms, **({"alerts": pb["alerts"]} if pb.get("alerts") else {}),
           **({"escalation": pb["escalation"]} if pb.get("escalation") else {}),
           "steps": {stage: steps[stage] for stage in ("immediate", "investigate", "resolve", "verify")
                     if stage in steps}, "review": _review(doc_date)}
    return doc


def organization(found: Found, imported: Imported, org_name: str | None, doc_date: str, interval: str) -> dict:
    tools, seen = [], set()
    for tool in found.org["tools"]:
        if tool["url"] not in seen:
            seen.add(tool["url"])
            tools.append(tool)
    doc = {"name": org_name or missing("your organization's name, or pass --org-name"),
           "site_url": missing("where the runbook site will live, https://..."),
           "timezone": missing("the IANA time zone of incident timelines, e.g. UTC")}
    if found.org.get("status_page"):
        doc["status_page"] = found.org["status_page"]
    if found.org.get("declare"):
        doc["declare"] = found.org["declare"]
    if found.org["channels"]:
        doc["channels"] = found.org["channels"]
    named = list(found.org.get("services", {}).values())
    if not named or any(not pb.get("services") for pb in found.playbooks):
        named.insert(0, {"id": SERVICE, "name": missing("the service the imported playbooks belong to"), "owner": OWNER})
    doc["services"] = named
    if tools:
        doc["tools"] = tools
    if interval:
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
