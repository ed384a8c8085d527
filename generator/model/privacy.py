"""Who a build is for. A public build is the internal model with private contact fields removed.

``for_audience`` is the one place this happens: it runs right after the model
is built and before anything renders, so every output (pages, search index,
desk cards, downloads, bundles) sees only what the audience may see.
"""
from __future__ import annotations

from dataclasses import replace

from . import Contact, Project

INTERNAL, PUBLIC = "internal", "public"
AUDIENCES = (INTERNAL, PUBLIC)
FIELD_NAMES = {"phone": "phone", "email": "email", "chat": "chat", "pager": "pager",
               "url": "web address", "hours": "hours", "notes": "notes"}
NO_ROUTE = "NOT GIVEN"  # starts the placeholder, so that checks and tests can find it


def audience_of(organization: dict, override: str | None = None) -> str:
    """--audience, else organization.yaml `audience`, else internal."""
    if override in AUDIENCES:
        return override
    value = organization.get("audience") if isinstance(organization, dict) else None
    return value if value in AUDIENCES else INTERNAL


def for_audience(project: Project, audience: str) -> Project:
    """A new model for ``audience``: unchanged for internal, private fields removed for public."""
    if audience != PUBLIC:
        return project
    contacts = tuple(_public_contact(c, project) for c in project.contacts)
    return replace(project, contacts=contacts,
                   organization=replace(project.organization, audience=PUBLIC))


def _public_contact(contact: Contact, project: Project) -> Contact:
    withheld = [f for f in contact.private if getattr(contact, f)]
    if not withheld:
        return contact
    cleared = {f: "" for f in contact.private}
    return replace(contact, reach=reach_text(contact, withheld, project), **cleared)


def internal_routes(contact: Contact, project: Project) -> list[str]:
    """Ways to reach ``contact`` that are published: own chat, teams and rotations they are in."""
    routes = []
    if contact.chat and "chat" not in contact.private:
        routes.append(f"chat {contact.chat}")
    for group in project.contacts:
        if contact.id in group.members and group.id != contact.id:
            channel = _published(group, "chat") or _published(group, "phone")
            routes.append(f"{group.name} ({channel})" if channel else group.name)
    return routes


def _published(contact: Contact, name: str) -> str:
    return "" if name in contact.private else getattr(contact, name)


def reach_text(contact: Contact, withheld: list[str], project: Project) -> str:
    """What a public page says where a private field would have been."""
    names = [FIELD_NAMES[f] for f in withheld]
    what = (", ".join(names[:-1]) + " and " + names[-1]) if len(names) > 1 else names[0]
    routes = internal_routes(contact, project)
    if not routes:
        return (f"{NO_ROUTE}: {what} not published, and no internal route is listed; add this "
                f"contact to a team's members in contacts.yaml")
    return f"{what.capitalize()} not published; reach internally via " + " or ".join(routes)
