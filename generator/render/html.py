"""Shared pieces of the self-contained HTML outputs (bundle and binder).

Both are HTML documents rendered with Jinja's HTML autoescape: every value a
template prints is escaped unless a helper here built it as ``Markup`` from
escaped parts. Content is untrusted (anyone can open a pull request).
"""
from __future__ import annotations

import html
import re
from datetime import date
from functools import lru_cache
from typing import Optional

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..load import durations
from ..model import STAGE_TITLES, Contact, Document, Project
from .markdown import SAFE_SCHEMES
from .pages import PAGING

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
DOWNLOADS = {"bundle": "downloads/runbook.html", "binder": "downloads/runbook.pdf"}


def safe_url(url: str) -> str:
    """The URL when it is http(s), mailto or tel; otherwise '#' (never javascript: or data:)."""
    url = str(url).strip()
    return url if url.lower().startswith(SAFE_SCHEMES) else "#"


def inline(text: object) -> Markup:
    """Escaped text in which `code spans` become <code> elements, as on the site."""
    out, last = [], 0
    value = str(text)
    for match in _CODE_SPAN.finditer(value):
        out.append(html.escape(value[last:match.start()]))
        out.append(f"<code>{html.escape(match.group(2).strip())}</code>")
        last = match.end()
    out.append(html.escape(value[last:]))
    return Markup("".join(out))


def first_call(project: Project) -> Optional[Contact]:
    """Whom to call first: the first contact, as on the home page and the desk cards."""
    return project.contacts[0] if project.contacts else None


def next_review(project: Project) -> Optional[Document]:
    """The document whose review falls due first."""
    return min(project.documents, key=lambda d: (d.due, d.doc_id), default=None)


def trigger_text(trigger) -> str:
    if trigger.after:
        text = f"unresolved after {durations.human(trigger.after)}"
        return text + (f" ({', '.join(trigger.severities)})" if trigger.severities else "")
    return trigger.condition


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("generator", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(inline=inline, url=safe_url)
    return env


def context(project: Project, generated: date) -> dict:
    """What every offline template can use."""
    return {"p": project, "org": project.organization, "generated": generated,
            "first": first_call(project), "review": next_review(project), "human": durations.human,
            "short": durations.short, "paging": PAGING, "stage_titles": STAGE_TITLES,
            "trigger_text": trigger_text}
