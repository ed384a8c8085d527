"""HTML the theme shows when a page has no answer: no search result, or page not found.

The plugin hands these fragments to the theme as ``config.extra.playbooks_fallback``
(site_overrides/theme/partials/search.html and 404.html): who to call first and what
each severity means. Links are added by the theme, which knows each page's URL; all
content here is escaped.
"""
from __future__ import annotations

from html import escape

from ..model import Contact, Project


def first_call_html(project: Project) -> str:
    """'<strong>Name</strong> (title) <a href="tel:...">phone</a>' for the first contact."""
    if not project.contacts:
        return ""
    return contact_html(project.contacts[0])


def contact_html(contact: Contact) -> str:
    parts = [f"<strong>{escape(contact.name)}</strong>"]
    if contact.title:
        parts[0] += f" ({escape(contact.title)})"
    if contact.phone and contact.tel:
        parts.append(f'<a class="pb-tel" href="{escape(contact.tel)}">{escape(contact.phone)}</a>')
    elif contact.chat:
        parts.append(f"<code>{escape(contact.chat)}</code>")
    elif contact.email:
        parts.append(f'<a href="mailto:{escape(contact.email)}">{escape(contact.email)}</a>')
    return " · ".join(parts)


def severities_html(project: Project) -> str:
    """A compact severity ladder: id, name and what it means."""
    items = "".join(f'<li><span class="pb-sev pb-sev-{level.rank}">{escape(level.id)} · '
                    f'{escape(level.name)}</span> {escape(level.description)}</li>'
                    for level in project.levels)
    return f'<ul class="pb-fallback-levels">{items}</ul>' if items else ""


def theme_extra(project: Project) -> dict[str, str]:
    """What the theme templates read from config.extra.playbooks_fallback."""
    return {"first_call": first_call_html(project), "severities": severities_html(project)}
