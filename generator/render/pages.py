"""Every site page as Markdown, keyed by its path under the docs directory."""
from __future__ import annotations

import html
import json
import posixpath
import zlib
from functools import lru_cache
from datetime import date
from contextlib import contextmanager
from typing import Callable, Iterator

from markupsafe import Markup

from ..load import durations
from ..model import STAGE_TITLES, Contact, Level, Playbook, Project
from .markdown import environment, escape_inline
from .search_terms import page_terms
from .steps import keyed_items, keyed_steps
from .tree_svg import decision_tree_svg

# uri -> (template, page title); None: the organization's name
PAGES = {
    "index.md": ("home.md.j2", None),
    "severities.md": ("severities.md.j2", "Severity guide"),
    "process.md": ("process.md.j2", "Response process"),
    "roles.md": ("roles.md.j2", "Incident roles"),
    "escalation.md": ("escalation.md.j2", "Escalation"),
    "contacts.md": ("contacts.md.j2", "Contacts"),
    "templates.md": ("templates.md.j2", "Communication templates"),
    "playbooks/index.md": ("playbook_index.md.j2", "Playbooks"),
    "reviews.md": ("reviews.md.j2", "Review status"),
    "cards.md": ("cards.md.j2", "Desk cards"),
}
PAGE_SOURCES = {"severities.md": "severities", "process.md": "process", "roles.md": "roles",
                "escalation.md": "escalation", "contacts.md": "contacts", "templates.md": "templates",
                "index.md": "organization"}
class _Labels(dict):
    """A value without a label (a draft's import placeholder) is shown as written."""

    def __missing__(self, key):
        return key


PAGING = _Labels({"page-24x7": "Page 24/7", "page-business-hours": "Page in business hours, email otherwise",
                  "ticket": "Ticket only"})


class Page:
    """One rendered page: where it goes, its Markdown, and the YAML it came from.

    In a full build the Markdown is kept zlib-compressed (a fifth to an eighth of
    the str, which a curly quote makes two bytes a character): a site of 5,000
    playbooks holds every page from the check until MkDocs has read it. `playbook
    serve` renders with ``packing(False)``: it keeps pages between edits and reads
    every page's Markdown on each rebuild, so compressing would only cost time.
    """

    __slots__ = ("uri", "_body", "source")
    packs = True  # see packing()

    def __init__(self, uri: str, markdown: str, source: str = "") -> None:
        body = zlib.compress(markdown.encode("utf-8", "surrogatepass"), 1) if Page.packs else markdown
        object.__setattr__(self, "uri", uri)
        object.__setattr__(self, "_body", body)
        object.__setattr__(self, "source", source)

    @property
    def markdown(self) -> str:
        body = self._body
        return zlib.decompress(body).decode("utf-8", "surrogatepass") if isinstance(body, bytes) else body

    @property
    def packed_size(self) -> int:
        """Bytes kept for the Markdown (its characters when not compressed)."""
        return len(self._body)

    def with_markdown(self, markdown: str) -> Page:
        return Page(self.uri, markdown, self.source)

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"Page is immutable: cannot set {name}")

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Page) and (self.uri, self.source, self.markdown)
                == (other.uri, other.source, other.markdown))

    def __hash__(self) -> int:
        return hash((self.uri, self.source, self.markdown))

    def __repr__(self) -> str:
        return f"Page(uri={self.uri!r}, source={self.source!r})"


@contextmanager
def packing(packs: bool) -> Iterator[None]:
    """Pages made inside keep their Markdown compressed (``packs``) or as it is."""
    before, Page.packs = Page.packs, packs
    try:
        yield
    finally:
        Page.packs = before


def playbook_uri(playbook_id: str) -> str:
    return f"playbooks/{playbook_id}.md"


def service_uri(service_id: str) -> str:
    return f"services/{service_id}/index.md"


class Helpers:
    """Functions templates call; all output is escaped or built from validated ids."""

    def __init__(self, project: Project, here: str) -> None:
        self.project, self.here = project, here

    def link(self, target: str, text: str) -> Markup:
        rel = _relative(target, posixpath.dirname(self.here) or ".")
        return Markup(f"[{escape_inline(text)}]({rel})")

    def playbook_link(self, playbook_id: str) -> Markup:
        playbook = self.project.playbook(playbook_id)
        return self.link(playbook_uri(playbook_id), playbook.title if playbook else playbook_id)

    def contact(self, contact_id: str, with_backup: bool = False) -> Markup:
        contact = self.project.contact(contact_id)
        if contact is None:
            return Markup(escape_inline(contact_id))
        parts = [f"**{escape_inline(contact.name)}**"]
        if contact.title:
            parts[0] += f" ({escape_inline(contact.title)})"
        parts.extend(_reach(contact))
        if with_backup and contact.backup:
            backup = self.project.contact(contact.backup)
            if backup is not None:
                parts.append("backup: " + self.contact(backup.id))
        return Markup(" · ".join(parts))

    def call(self, contact_id: str) -> Markup:
        """Who to call, compactly: the name and a tel: link (chat or email without a phone)."""
        contact = self.project.contact(contact_id)
        if contact is None:
            return Markup(escape_inline(contact_id))
        reach = _reach(contact)[:1]
        return Markup(" · ".join([f"**{escape_inline(contact.name)}**", *reach]))

    def keyed_steps(self, playbook: Playbook) -> list:
        return keyed_steps(playbook)

    def keyed_items(self, texts, prefix: str = "") -> list:
        return keyed_items(list(texts), prefix)

    def incidents_for(self, playbook_id: str) -> list:
        """Post-mortems that name this playbook, newest first."""
        return [i for i in self.project.incidents if playbook_id in i.playbooks]

    def incident_link(self, incident) -> Markup:
        from .postmortem import incident_uri  # imports this module
        return self.link(incident_uri(incident.id), incident.title)

    def contact_name(self, contact_id: str) -> str:
        contact = self.project.contact(contact_id)
        return contact.name if contact else contact_id

    def badge(self, level_id: str) -> Markup:
        level = self.project.level(level_id)
        if level is None:
            return Markup(escape_inline(level_id))
        return Markup(f'<span class="pb-sev pb-sev-{level.rank}" title="Severity {escape_inline(level.id)}">'
                      f'{escape_inline(level.id)} · {escape_inline(level.name)}</span>')

    def level_summary(self, level: Level) -> Markup:
        parts = [f"respond within {escape_inline(durations.human(level.response_time))}"]
        if level.escalate_after and level.escalate_to:
            parts.append(f"escalate after {escape_inline(durations.human(level.escalate_after))} "
                         f"to {self.contact(level.escalate_to)}")
        if level.update_every:
            parts.append(f"update every {escape_inline(durations.human(level.update_every))}")
        return Markup("; ".join(parts))


@lru_cache(maxsize=65536)
def _relative(target: str, folder: str) -> str:
    """posixpath.relpath, remembered: index pages link to every playbook."""
    return posixpath.relpath(target, folder)


def _reach(contact: Contact) -> list[str]:
    from .markdown import attr, href
    out = []
    if contact.phone:
        out.append(f'<a class="pb-tel" href="{attr(contact.tel)}">{escape_inline(contact.phone)}</a>')
    if contact.reach:  # a public build: private fields were removed
        out.append(f"*{escape_inline(contact.reach)}*")
    if contact.email:
        out.append(f'<a href="{href("mailto:" + contact.email)}">{escape_inline(contact.email)}</a>')
    if contact.chat:
        out.append(f"`{contact.chat}`")
    if contact.pager:
        out.append(f'<a href="{href(contact.pager)}">pager</a>')
    if contact.url:
        out.append(f'<a href="{href(contact.url)}">{escape_inline(_host(contact.url))}</a>')
    return out


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0]


def _html_safe(value):
    """Themes print front matter and nav titles as raw HTML: escape them here."""
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, list):
        return [_html_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _html_safe(v) for k, v in value.items()}
    return value


def _yaml_value(value) -> str:
    """Flow-style YAML; JSON strings with ASCII escapes are valid double-quoted YAML scalars."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_yaml_value(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml_value(item) for item in value) + "]"
    return json.dumps(value)


def front_matter(meta: dict, for_theme: bool = True) -> str:
    """Page metadata; written by hand because PyYAML's emitter was a third of render time.

    ``for_theme=False``: a file people edit (a post-mortem), stored as typed, not HTML-escaped.
    """
    lines = [f"{key}: {_yaml_value(value)}" for key, value in (_html_safe(meta) if for_theme else meta).items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _context(project: Project, here: str) -> dict:
    helpers = Helpers(project, here)
    return {"p": project, "org": project.organization, "h": helpers, "human": durations.human,
            "short": durations.short, "paging": PAGING, "stage_titles": STAGE_TITLES,
            "playbook_uri": playbook_uri, "service_uri": service_uri, "today": project.today}


def render_page(project: Project, uri: str, template: str, **extra) -> str:
    env = environment()
    return env.get_template(template).render(**_context(project, uri), **extra)


def render_playbook(project: Project, playbook: Playbook) -> str:
    uri = playbook_uri(playbook.id)
    svg = decision_tree_svg(playbook, project.playbook_titles)
    document = project.document(playbook.id)
    tags, section_tags = page_terms(playbook, project)
    meta = {"title": playbook.title, "description": playbook.summary,
            "tags": tags, "search": {"boost": 2}, "section_tags": section_tags}
    return front_matter(meta) + render_page(project, uri, "playbook.md.j2", pb=playbook,
                                            svg=Markup(svg), doc=document)


def render_service(project: Project, service_id: str) -> str:
    service = project.service(service_id)
    playbooks = [pb for pb in project.playbooks if service_id in pb.services]
    meta = {"title": service.name if service else service_id}
    return front_matter(meta) + render_page(project, service_uri(service_id), "service.md.j2",
                                            service=service, playbooks=playbooks)


def _reference_page(project: Project, uri: str) -> str:
    template, title = PAGES[uri]
    meta = {"title": title or f"{project.organization.name} incident response"}
    if uri == "index.md":
        meta.update(hide=["navigation"], search={"boost": 0.5})
    return front_matter(meta) + render_page(project, uri, template)


def render_site(project: Project, playbook_page: Callable[[Project, Playbook], str] | None = None,
                index_page: Callable[[str, Callable[[], str]], str] | None = None) -> list[Page]:
    """The reference, service and playbook pages, in navigation order.

    Post-mortem pages come from render.postmortem, which builds on this module.
    ``playbook_page``: a memoized render_playbook; ``index_page(uri, render)``: the
    other pages' Markdown, memoized (serve).
    """
    playbook_page = playbook_page or render_playbook
    index_page = index_page or (lambda uri, render: render())
    pages = []
    for uri in PAGES:
        source = project.sources.get(PAGE_SOURCES.get(uri, ""), "")
        pages.append(Page(uri, index_page(uri, lambda: _reference_page(project, uri)), source))
    for service in project.organization.services:
        uri = service_uri(service.id)
        pages.append(Page(uri, index_page(uri, lambda: render_service(project, service.id)),
                          project.sources.get("organization", "")))
    for playbook in project.playbooks:
        pages.append(Page(playbook_uri(playbook.id), playbook_page(project, playbook), playbook.rel))
    return pages


def primary_service(playbook: Playbook) -> str:
    return playbook.services[0]


NAV_GROUP = 25  # services per navigation group once there are more than this


def navigation(project: Project) -> list:
    """MkDocs nav: reference pages, then playbooks in sections by primary service.

    With navigation.prune a page carries only the open branch of the tree,
    but every sibling of each open level; with hundreds of services that is
    still hundreds of links per page. Past NAV_GROUP services they are grouped
    (A–F, G–M...), so each page carries O(sqrt) links and the site stays linear.
    """
    by_service: dict[str, list] = {}
    for pb in project.playbooks:
        # The theme prints nav titles as raw HTML.
        by_service.setdefault(primary_service(pb), []).append({html.escape(pb.title): playbook_uri(pb.id)})
    sections = []
    for service in project.organization.services:
        members = by_service.get(service.id, [])
        if len(members) > 2 * NAV_GROUP:
            members = _grouped(members)
        sections.append({html.escape(service.name): [service_uri(service.id), *members]})
    if len(sections) > NAV_GROUP:
        sections = _grouped(sections)
    return [
        {"Home": "index.md"},
        {"Severity guide": "severities.md"},
        {"Response process": "process.md"},
        {"Roles": "roles.md"},
        {"Escalation": "escalation.md"},
        {"Contacts": "contacts.md"},
        {"Communication templates": "templates.md"},
        {"Playbooks": ["playbooks/index.md", *sections]},
        {"Desk cards": "cards.md"},
        {"Post-mortems": ["incidents.md"] + (["postmortem-template.md"] if project.postmortem else [])},
        {"Review status": "reviews.md"},
    ]


def _grouped(entries: list[dict]) -> list[dict]:
    """Alphabetical groups of about sqrt(n) entries, titled by their first and last names."""
    ordered = sorted(entries, key=lambda entry: next(iter(entry)).lower())
    size = max(NAV_GROUP, int(len(ordered) ** 0.5) + 1)
    groups = []
    for start in range(0, len(ordered), size):
        chunk = ordered[start:start + size]
        first, last = (html.unescape(next(iter(e))) for e in (chunk[0], chunk[-1]))
        groups.append({html.escape(f"{first[:14]} – {last[:14]}"): chunk})
    return groups


def due_label(days_left: int, today: date) -> str:
    if days_left < 0:
        return f"overdue by {-days_left} days"
    return f"due in {days_left} days"


Renderer = Callable[[Project], list[Page]]
