"""Playbook pages rendered again only when what they show has changed (serve only).

A playbook page is a function of its own YAML and model (with what other
files add to it: exercises from post-mortems, its review and drill records),
of every document that is not a playbook (severities, contacts, templates,
organization, cards, post-mortems...), of the ids, titles and services of the
other playbooks (links and decision trees name them), of the audience, the
date and the warning window. The key hashes all of those; the memo lives in
the serve process.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Callable

from .store import digest
from ..load.content import Content
from ..model import Playbook, Project
from ..render import pages

_MEMO: dict[str, tuple[str, tuple, str]] = {}  # playbook id -> (key, own model, Markdown)
_INDEX_MEMO: dict[str, tuple[str, str]] = {}  # page uri -> (key, Markdown)
# The playbook fields the pages other than the playbook's own read (tests/test_serve_index_cache.py).
INDEX_FIELDS = ("id", "title", "services", "tags", "summary", "severity", "rel")


def shared_key(project: Project, content: Content, warn_days: int) -> str:
    others = [f"{kind}\0{s.rel}\0{s.text}\0{s.body}" for kind, s in content.all_sources() if kind != "playbook"]
    names = [f"{p.id}\0{p.title}\0{','.join(p.services)}" for p in project.playbooks]
    # The model after audience filtering (public sites drop private contact fields).
    people = repr((project.organization, project.contacts))
    return digest(project.today.isoformat(), str(warn_days), *others, "\n".join(names), people)


def _own(project: Project, playbook: Playbook) -> tuple:
    """The playbook's model and its project-level records (review, drill): compared by value."""
    drill = getattr(project, "drill", None)
    return (playbook, project.document(playbook.id), drill(playbook.id) if callable(drill) else None)


def playbook_renderer(project: Project, content: Content, warn_days: int) -> Callable[[Project, Playbook], str]:
    """render_playbook, answering from the memo for a playbook whose inputs are unchanged."""
    shared = shared_key(project, content, warn_days)
    texts = {s.rel: s.text for s in content.playbooks}
    wanted = {p.id for p in project.playbooks}
    for gone in [pid for pid in _MEMO if pid not in wanted]:
        del _MEMO[gone]

    def render(project: Project, playbook: Playbook) -> str:
        key = digest(shared, playbook.rel, texts.get(playbook.rel, ""))
        own = _own(project, playbook)
        hit = _MEMO.get(playbook.id)
        if hit is not None and hit[0] == key and hit[1] == own:  # dataclass equality: every field
            return hit[2]
        markdown = pages.render_playbook(project, playbook)
        _MEMO[playbook.id] = (key, own, markdown)
        return markdown

    return render


def index_key(project: Project, warn_days: int) -> str:
    """Everything the non-playbook pages can read: the model, playbooks cut to INDEX_FIELDS."""
    rest = [repr(getattr(project, f.name)) for f in fields(project) if f.name != "playbooks"]
    cut = [repr(tuple(getattr(pb, name) for name in INDEX_FIELDS)) for pb in project.playbooks]
    return digest(str(warn_days), *rest, "\n".join(cut))


def index_renderer(project: Project, warn_days: int) -> Callable[[str, Callable[[], str]], str]:
    """For render_site: a page's Markdown from the memo while the index key is unchanged."""
    key = index_key(project, warn_days)

    def render(uri: str, fresh: Callable[[], str]) -> str:
        hit = _INDEX_MEMO.get(uri)
        if hit is not None and hit[0] == key:
            return hit[1]
        markdown = fresh()
        _INDEX_MEMO[uri] = (key, markdown)
        return markdown

    return render
