"""The whole runbook as one self-contained HTML file, for when everything is down.

Reference pages (severities, contacts, escalation, roles, process,
templates, desk-card content) are rendered as HTML with Jinja's autoescape.
Playbooks travel as embedded JSON and are drawn on demand by the inline
script with DOM text nodes only, so a file of 1,000 playbooks opens as fast
as one of ten. The file makes no request of any kind: CSS and script are
inline, there are no fonts, images or links to other files.
"""
from __future__ import annotations

import json
from datetime import date

from markupsafe import Markup

from ..load import durations
from ..model import STAGE_TITLES, Branch, Playbook, Project, Step
from .html import context, environment, safe_url
from .search_terms import synonym_terms

GENERATOR = "incident-playbooks bundle"
MARKER = f'<meta name="generator" content="{GENERATOR}">'.encode()


def script_json(data: object) -> Markup:
    """JSON that cannot end its <script> block or break a JavaScript parser."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return Markup(text)


def _step(step: Step) -> dict:
    data: dict = {"t": step.text}
    for key, value in (("id", step.id), ("c", step.condition), ("n", step.note)):
        if value:
            data[key] = value
    if step.commands:
        data["x"] = [cmd.code.rstrip("\n") for cmd in step.commands]
        if any(cmd.title for cmd in step.commands):   # where each runs ('On the admin jump box'), as the site shows it
            data["xt"] = [cmd.title for cmd in step.commands]
    return data


def _branch(branch: Branch, playbook: Playbook, project: Project, numbers: dict[str, int]) -> dict:
    if branch.goto:
        return {"t": f"go to question {numbers.get(branch.goto, '?')}"}
    if branch.step:
        step = playbook.step(branch.step)
        return {"t": f"{step.text if step else branch.step} (step above)"}
    if branch.playbook:
        target = project.playbook(branch.playbook)
        return {"t": target.title if target else branch.playbook, "pb": branch.playbook}
    return {"t": branch.text or "continue investigating"}


def _tree(playbook: Playbook, project: Project) -> list[dict]:
    tree = playbook.decision_tree
    if tree is None:
        return []
    numbers = {node.id: index + 1 for index, node in enumerate(tree.nodes)}
    return [{"q": node.question, "y": _branch(node.yes, playbook, project, numbers),
             "n": _branch(node.no, playbook, project, numbers)} for node in tree.nodes]


def _escalation(playbook: Playbook, project: Project) -> list[dict]:
    out = []
    level = project.level(playbook.severity)
    if level and level.escalate_after and level.escalate_to:
        out.append({"t": f"After {durations.human(level.escalate_after)} unresolved ({level.id})",
                    "to": level.escalate_to})
    for e in playbook.escalation:
        if e.after:
            text = f"After {durations.human(e.after)}" + (f", or when {e.when}" if e.when else "")
        else:
            text = e.when or "When needed"
        out.append({"t": text, "to": e.to})
    return out


def playbook_data(playbook: Playbook, project: Project) -> dict:
    """What the script needs to draw a playbook and to find it."""
    services = [s.name for s in (project.service(sid) for sid in playbook.services) if s]
    return {
        "id": playbook.id, "title": playbook.title, "summary": playbook.summary,
        "sev": playbook.severity, "svc": services, "aliases": list(playbook.aliases),
        "symptoms": list(playbook.symptoms), "tags": list(playbook.tags), "owner": playbook.owner,
        "steps": [[STAGE_TITLES.get(stage, stage), [_step(s) for s in steps]]
                  for stage, steps in playbook.steps],
        "tree": _tree(playbook, project), "esc": _escalation(playbook, project),
        "tpl": list(playbook.templates), "rel": list(playbook.related),
        "links": [{"t": link.title, "u": safe_url(link.url)} for link in playbook.links],
        "notes": playbook.notes, "terms": synonym_terms(playbook, project),
    }


def bundle_data(project: Project) -> dict:
    return {"playbooks": [playbook_data(pb, project) for pb in project.playbooks], **_shared_data(project)}


def _shared_data(project: Project) -> dict:
    """Everything in the bundle's data but the playbooks."""
    contacts = {c.id: {"name": c.name, "title": c.title, "phone": c.phone, "tel": c.tel,
                       "email": c.email, "chat": c.chat} for c in project.contacts}
    levels = {lv.id: {"name": lv.name, "rank": lv.rank, "respond": durations.human(lv.response_time)}
              for lv in project.levels}
    templates = {t.id: {"title": t.title, "subject": t.subject, "body": t.body} for t in project.templates}
    return {"contacts": contacts, "levels": levels, "templates": templates,
            "services": [s.name for s in project.organization.services]}


def render_bundle(project: Project, generated: date) -> str:
    """The runbook as one HTML document (a str); it references no other file."""
    return render_bundle_bytes(project, generated).decode("utf-8")


_DATA = "\x00pb-data\x00"  # where the data goes; never in a template (NUL)


def render_bundle_bytes(project: Project, generated: date) -> bytes:
    """``render_bundle`` as UTF-8, made a playbook at a time: the same bytes as
    ``script_json(bundle_data(project))`` in the template, without holding every
    playbook's data, its JSON and the whole page as str at once (5,000 playbooks)."""
    env = environment()
    css, js = (env.loader.get_source(env, name)[0] for name in ("bundle.css", "bundle.js"))
    page = env.get_template("bundle.html.j2").render(
        **context(project, generated), data=Markup(_DATA), generator=GENERATOR,
        css=Markup(css), js=Markup(js))
    head, tail = page.split(_DATA)
    pieces = [head.encode("utf-8"), b'{"playbooks":[']
    for number, playbook in enumerate(project.playbooks):
        pieces.append((("," if number else "") + script_json(playbook_data(playbook, project))).encode("utf-8"))
    shared = script_json(_shared_data(project))  # '{"contacts":...}'
    pieces += [b"],", shared[1:].encode("utf-8"), tail.encode("utf-8")]
    return b"".join(pieces)
