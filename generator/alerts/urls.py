"""Which URLs are pages of this site: playbook pages, redirects from old ids, anchors.

The site is built with ``use_directory_urls: false``, so ``playbooks/<id>.md``
is served as ``playbooks/<id>.html``. Anchors are taken from the page itself,
rendered with Python-Markdown's toc extension, so they are the ids the built
page really has (heading slugs, step and question anchors).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..model import Project
from ..render.pages import Page, playbook_uri

PLAYBOOK_PATH = re.compile(r"^playbooks/([a-z0-9][a-z0-9-]*)\.html$")
_ID = re.compile(r"""\sid=["']([^"']+)["']""")
EXTENSIONS = ["toc", "attr_list", "md_in_html", "tables", "admonition", "pymdownx.superfences",
              "pymdownx.tasklist"]


def page_path(uri: str) -> str:
    """``playbooks/db.md`` -> ``playbooks/db.html`` (use_directory_urls: false)."""
    return uri[:-3] + ".html" if uri.endswith(".md") else uri


def playbook_url(site_url: str, playbook_id: str) -> str:
    return site_url.rstrip("/") + "/" + page_path(playbook_uri(playbook_id))


@dataclass(frozen=True)
class Target:
    """What a runbook URL leads to. ``kind``: page, redirect, missing-playbook,
    missing-page, missing-anchor, external, template or invalid."""

    kind: str
    path: str = ""
    playbook: str = ""  # the playbook it ends up on (after a redirect), if any
    anchor: str = ""


@dataclass
class SiteMap:
    """The site's pages by path, with their Markdown for anchor lookups."""

    site_url: str
    pages: dict[str, str]                      # path -> Markdown ("" for non-Markdown files)
    playbook_ids: frozenset[str]
    redirects: dict[str, str]                  # old id -> current id
    _anchors: dict[str, frozenset[str]] = field(default_factory=dict)

    def resolve(self, url: str) -> Target:
        if "{{" in url or "{%" in url:
            return Target("template")
        path = self.path_of(url)
        if path is None:
            return Target("external")
        parts = urlsplit(url)
        anchor = unquote(parts.fragment)
        match = PLAYBOOK_PATH.match(path)
        if match and match.group(1) in self.redirects:
            return Target("redirect", path, self.redirects[match.group(1)], anchor)
        if path not in self.pages:
            kind = "missing-playbook" if match else "missing-page"
            return Target(kind, path, match.group(1) if match else "", anchor)
        playbook = match.group(1) if match else ""
        if anchor and anchor not in self.anchors(path):
            return Target("missing-anchor", path, playbook, anchor)
        return Target("page", path, playbook, anchor)

    def path_of(self, url: str) -> str | None:
        """The page path a URL names on this site, or None when it is elsewhere."""
        try:
            parts, base = urlsplit(url.strip()), urlsplit(self.site_url)
        except ValueError:
            return None
        if (parts.scheme.lower() not in ("http", "https") or parts.netloc.lower() != base.netloc.lower()):
            return None
        prefix = base.path if base.path.endswith("/") else base.path + "/"
        path = unquote(parts.path or "/")
        if not (path + "/").startswith(prefix):
            return None
        rest = path[len(prefix):]
        return rest + "index.html" if rest == "" or rest.endswith("/") else rest

    def anchors(self, path: str) -> frozenset[str]:
        if path not in self._anchors:
            self._anchors[path] = page_anchors(self.pages.get(path, ""))
        return self._anchors[path]

    def closest(self, path: str) -> str:
        import difflib

        candidates = difflib.get_close_matches(path, list(self.pages), n=1, cutoff=0.6)
        return candidates[0] if candidates else ""


def page_anchors(markdown_text: str) -> frozenset[str]:
    """Every id on the rendered page: toc heading slugs and explicit ids."""
    import markdown

    body = re.sub(r"\A---\n.*?\n---\n", "", markdown_text, flags=re.DOTALL)
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    rendered = md.convert(body)
    return frozenset(_ID.findall(rendered))


def site_map(project: Project, pages: list[Page] | tuple[Page, ...]) -> SiteMap:
    """The pages the site will have, including cards, the alert index and redirects."""
    paths = {page_path(page.uri): page.markdown for page in pages}
    for card in project.cards:
        paths.setdefault(f"cards/{card.id}.html", "")
        paths.setdefault(f"cards/{card.id}.pdf", "")
    redirects = {old: pb.id for pb in project.playbooks for old in pb.previous_ids}
    return SiteMap(project.organization.site_url, paths, frozenset(p.id for p in project.playbooks),
                   redirects)
