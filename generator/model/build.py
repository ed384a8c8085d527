"""Turn validated documents (plain dicts) into the frozen model."""
from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from .. import model as m
from ..load.content import document_id
from ..validate.privacy import private_fields
from ..validate.reviews import default_interval, review_status

TITLES = {"organization": "Organization", "severities": "Severity matrix", "contacts": "Contacts",
          "escalation": "Escalation policy", "roles": "Incident roles", "process": "Response process",
          "templates": "Communication templates", "postmortem": "Post-mortem template"}


def _t(items: Any) -> tuple:
    return tuple(items or ())


def _link(d: dict) -> m.Link:
    return m.Link(d["title"], d["url"])


def organization(d: dict) -> m.Organization:
    return m.Organization(
        name=d["name"], site_url=d["site_url"], timezone=d["timezone"],
        repo_url=d.get("repo_url", ""), edit_uri=d.get("edit_uri", ""),
        status_page=d.get("status_page", ""), declare=_t(d.get("declare")),
        channels=tuple(m.Channel(c["name"], c["purpose"]) for c in d.get("channels") or ()),
        services=tuple(m.Service(s["id"], s["name"], s.get("description", ""), s.get("owner", ""),
                                 s.get("dashboard", "")) for s in d.get("services") or ()),
        tools=tuple(_link(t) for t in d.get("tools") or ()), alert_rules=_t(d.get("alert_rules")),
        audience=d.get("audience", "internal"),

        synonyms=_synonyms((d.get("search") or {}).get("synonyms")),
        vocabulary=(d.get("search") or {}).get("vocabulary", True),
        tick_expire_hours=(d.get("ticks") or {}).get("expire_hours", 12))


def _synonyms(d: dict | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((typed, (means,) if isinstance(means, str) else tuple(means))
                 for typed, means in (d or {}).items())


def level(d: dict, rank: int, postmortem_within: str = "") -> m.Level:
    return m.Level(
        id=d["id"], name=d["name"], description=d["description"], response_time=d["response_time"],
        paging=d["paging"], rank=rank, examples=_t(d.get("examples")),
        resolution_target=d.get("resolution_target", ""), update_every=d.get("update_every", ""),
        notify=_t(d.get("notify")), escalate_after=d.get("escalate_after", ""),
        escalate_to=d.get("escalate_to", ""), postmortem_within=postmortem_within,
        details=tuple((x["label"], x["text"]) for x in d.get("details") or ()), aliases=_t(d.get("aliases")))


def contact(d: dict) -> m.Contact:
    keys = ("title", "phone", "email", "chat", "pager", "url", "backup", "hours", "notes")
    return m.Contact(id=d["id"], kind=d["kind"], name=d["name"], members=_t(d.get("members")),
                     private=private_fields(d), **{k: d.get(k, "") for k in keys})



def escalation_level(d: dict, step: int = 1) -> m.EscalationLevel:
    triggers = tuple(m.Trigger(t.get("after", ""), _t(t.get("severities")), t.get("condition", ""))
                     for t in d["triggers"])
    return m.EscalationLevel(d["id"], d["name"], _t(d["contacts"]), triggers,
                             d.get("response_time", ""), d.get("authority", ""), d.get("chain", ""), step,
                             d.get("duties", ""))


def escalation_levels(levels) -> tuple[m.EscalationLevel, ...]:
    """Each level numbered within its chain (the whole policy when no level names one)."""
    out, counts = [], {}
    for d in levels:
        counts[d.get("chain", "")] = counts.get(d.get("chain", ""), 0) + 1
        out.append(escalation_level(d, counts[d.get("chain", "")]))
    return tuple(out)


def role(d: dict) -> m.Role:
    return m.Role(d["id"], d["name"], _t(d["responsibilities"]), d.get("short", ""),
                  d.get("who", ""), d.get("contact", ""), d.get("description", ""))


def phase(d: dict) -> m.Phase:
    window = d.get("window") or {}
    return m.Phase(d["id"], d["name"], window.get("start", ""), window.get("end", ""),
                   d.get("goal", ""), d.get("lead", ""), _t(d.get("actions")), _t(d.get("checklist")),
                   tuple((x["label"], x["text"]) for x in d.get("details") or ()))


def template(d: dict) -> m.Template:
    return m.Template(d["id"], d["title"], d["channel"], d["audience"], d["stage"], d["body"],
                      d.get("subject", ""), tuple((d.get("placeholders") or {}).items()))


def command(d: Any) -> m.Command:
    if isinstance(d, str):
        return m.Command(d)
    return m.Command(d["code"], d.get("lang", "bash"), d.get("title", ""))


def step(d: Any) -> m.Step:
    if isinstance(d, str):
        return m.Step(d)
    return m.Step(d["text"], d.get("id", ""), d.get("condition", ""), d.get("note", ""),
                  tuple(command(c) for c in d.get("commands") or ()), d.get("call", ""))


def branch(d: dict) -> m.Branch:
    return m.Branch(d.get("goto", ""), d.get("step", ""), d.get("playbook", ""), d.get("text", ""))


def decision_tree(d: dict | None) -> m.DecisionTree | None:
    if not d:
        return None
    nodes = tuple(m.TreeNode(n["id"], n["question"], branch(n["yes"]), branch(n["no"]))
                  for n in d["nodes"])
    return m.DecisionTree(d["start"], nodes)


_PLAYBOOKS: dict[tuple[str, str], m.Playbook] = {}  # (file, digest of text) -> model, from the last build


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def playbook_models(sources) -> list[m.Playbook]:
    """playbook() of each source; an unchanged file (same text) reuses its frozen model."""
    memo = {}
    for source in sources:
        # The digest, not the text: the memo lives as long as the process (5,000 files' text).
        key = (source.rel, _digest(source.text) if source.text else "")
        memo[key] = _PLAYBOOKS.get(key) if source.text else None
        if memo[key] is None:
            memo[key] = playbook(source.data, source.rel)
    _PLAYBOOKS.clear()
    _PLAYBOOKS.update((key, model) for key, model in memo.items() if key[1])
    return list(memo.values())


def playbook(d: dict, rel: str) -> m.Playbook:
    steps = tuple((stage, tuple(step(s) for s in d["steps"][stage]))
                  for stage in m.STAGES if d["steps"].get(stage))
    return m.Playbook(
        id=d["id"], title=d["title"], summary=d["summary"], aliases=_t(d["aliases"]),
        severity=d["severity"], services=_t(d["services"]), owner=d["owner"],
        symptoms=_t(d["symptoms"]), steps=steps, rel=rel, tags=_t(d.get("tags")),
        decision_tree=decision_tree(d.get("decision_tree")),
        escalation=tuple(m.PlaybookEscalation(e["to"], e.get("after", ""), e.get("when", ""))
                         for e in d.get("escalation") or ()),
        templates=_t(d.get("templates")), related=_t(d.get("related")),
        links=tuple(_link(x) for x in d.get("links") or ()), notes=d.get("notes", ""),
        alerts=tuple(alert_claim(a) for a in d.get("alerts") or ()), previous_ids=_t(d.get("previous_ids")))


def alert_claim(d: Any) -> m.AlertClaim:
    if isinstance(d, str):
        return m.AlertClaim(d)
    return m.AlertClaim(d["alert"], tuple(sorted((d.get("labels") or {}).items())))


def document(doc_id: str, kind: str, title: str, rel: str, data: dict, today: date,
             warn_days: int, default_interval: str) -> m.Document | None:
    review = data.get("review") or {}
    state = review_status(review, today, warn_days, default_interval)
    if state is None:
        return None
    history = tuple(m.ReviewEntry(h["date"], h["by"], h.get("note", ""))
                    for h in review.get("history") or ())
    return m.Document(doc_id, kind, title, rel, review["owner"], state.last_reviewed,
                      state.interval, state.due, state.status, state.days_left, history)


SECTION_TITLES = {"contacts": "Emergency contacts", "severities": "Severity levels",
                  "commands": "Quick commands", "checklist": "Incident checklist",
                  "escalation": "Escalation", "links": "Links"}


def card_item(d: dict, playbooks: dict[str, m.Playbook]) -> m.CardItem:
    if d.get("playbook") and d.get("step"):
        step = playbooks[d["playbook"]].step(d["step"])
        code = "\n".join(c.code.rstrip() for c in step.commands) if step else ""
        return m.CardItem(d.get("label") or (step.text if step else d["step"]), code, d["playbook"])
    return m.CardItem(d.get("label", ""), d.get("code", ""), d.get("playbook", ""))


def card(d: dict, rel: str, playbook_list) -> m.Card:
    playbooks = {p.id: p for p in playbook_list}
    sections = tuple(
        m.CardSection(s["type"], s.get("title") or SECTION_TITLES[s["type"]], _t(s.get("contacts")),
                      _t(s.get("phases")), tuple(card_item(i, playbooks) for i in s.get("items") or ()),
                      tuple(m.CardLink(x["title"], x.get("page", ""), x.get("url", ""))
                            for x in s.get("links") or ()))
        for s in d["sections"])
    return m.Card(d["id"], d["title"], d["audience"], d["paper"], d.get("orientation", "portrait"),
                  sections, rel)


def postmortem(d: dict) -> m.PostmortemDefinition | None:
    if not d:
        return None
    return m.PostmortemDefinition(
        sections=tuple(m.Section(x["id"], x["title"], x["prompt"]) for x in d["sections"]),
        agenda=tuple(m.AgendaItem(x["topic"], x.get("minutes"), _t(x.get("points"))) for x in d["agenda"]),
        principles=_t(d["principles"]),
        review_within=tuple((x["severity"], x["within"]) for x in d.get("review_within") or ()))


def incident(source) -> m.Incident:
    from pathlib import PurePosixPath

    from ..validate.incidents import parse_time

    d = source.data
    items = tuple(m.ActionItem(x["action"], x["owner"], x["due"], x.get("priority", ""),
                               bool(x.get("done", False))) for x in d.get("action_items") or ())
    return m.Incident(
        id=PurePosixPath(source.rel).stem, rel=source.rel, title=d["title"], severity=d["severity"],
        status=d["status"], started=parse_time(d["started"]), body=source.body,
        detected=parse_time(d.get("detected")), mitigated=parse_time(d.get("mitigated")),
        resolved=parse_time(d.get("resolved")), commander=d.get("commander", ""),
        playbooks=_t(d.get("playbooks")), review_meeting=d.get("review_meeting", ""),
        impact=d.get("impact", ""), action_items=items)


def build_project(content, today: date, warn_days: int) -> m.Project:
    """Build the model from content that passed every check."""
    data = content.data
    org = data("organization")
    interval = default_interval(org)
    documents = []
    for kind, source in content.all_sources():
        title = source.data.get("title") or TITLES.get(kind, kind)
        doc = document(document_id(kind, source), kind, title, source.rel, source.data, today,
                       warn_days, interval)
        if doc is not None:
            documents.append(doc)
    from .drills import drills, with_exercises
    playbooks = sorted((with_exercises(model, s.data, content.incidents)
                        for model, s in zip(playbook_models(content.playbooks), content.playbooks)),
                       key=lambda p: p.title)
    definition = postmortem(data("postmortem"))
    within = dict(definition.review_within) if definition else {}
    return m.Project(
        organization=organization(org),
        levels=tuple(level(d, i, within.get(d["id"], ""))
                     for i, d in enumerate(data("severities").get("levels", ()))),
        contacts=tuple(contact(d) for d in data("contacts").get("contacts", ())),
        escalation=escalation_levels(data("escalation").get("levels", ())),
        roles=tuple(role(d) for d in data("roles").get("roles", ())),
        phases=tuple(phase(d) for d in data("process").get("phases", ())),
        templates=tuple(template(d) for d in data("templates").get("templates", ())),
        playbooks=tuple(playbooks),
        documents=tuple(sorted(documents, key=lambda d: (d.due, d.doc_id))),
        cards=tuple(sorted((card(s.data, s.rel, playbooks) for s in content.cards), key=lambda c: c.id)),
        postmortem=definition,
        incidents=tuple(sorted((incident(s) for s in content.incidents),
                               key=lambda i: i.started, reverse=True)),
        today=today,
        drills=drills(content, playbooks, today, warn_days),
        sources={kind: s.rel for kind, s in content.singletons.items()},
    )
